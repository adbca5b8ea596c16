package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlite"
	"github.com/parley-news/parley/store/storetest"
)

const crashBatch = 20

// TestKill9 kills a process that is saving batches of documents with
// SIGKILL, then checks that the store is intact, holds whole batches only,
// and that saving everything again adds exactly what was missing.
func TestKill9(t *testing.T) {
	if path := os.Getenv("PARLEY_CRASH_CHILD"); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("spawns a writer process")
	}
	path := filepath.Join(t.TempDir(), "parley.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKill9$")
	cmd.Env = append(os.Environ(), "PARLEY_CRASH_CHILD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	commits := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "committed") {
			commits++
		}
		if commits == 5 {
			break
		}
	}
	// Let it get well into the next batch, then kill it.
	time.Sleep(30 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if commits < 5 {
		t.Fatalf("child committed %d batches before dying", commits)
	}

	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	var partial int
	if err := raw.QueryRow(`SELECT count(*) FROM documents d WHERE nevents <> (SELECT count(*) FROM events e WHERE e.doc_pk = d.pk)
		OR nquotes <> (SELECT count(*) FROM quotes q WHERE q.doc_pk = d.pk)`).Scan(&partial); err != nil || partial != 0 {
		t.Fatalf("%d documents with missing annotations (%v)", partial, err)
	}
	raw.Close()

	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.Documents < commits*crashBatch || before.Documents%crashBatch != 0 {
		t.Fatalf("%d documents after %d committed batches of %d: want whole batches, none lost", before.Documents, commits, crashBatch)
	}
	g := storetest.NewSynthetic()
	total := before.Documents + 2*crashBatch
	var es []store.Entry
	for i := range total {
		es = append(es, store.Entry{Doc: g.Doc(i)})
	}
	rs, err := s.SaveDocuments(ctx, es)
	if err != nil {
		t.Fatal(err)
	}
	created := 0
	for _, r := range rs {
		if r.Created {
			created++
		}
	}
	after, _ := s.Stats(ctx)
	if created != 2*crashBatch || after.Documents != total || after.Events != total*g.EventsPerDoc {
		t.Errorf("re-save created %d (want %d); now %d documents, %d events (want %d, %d)",
			created, 2*crashBatch, after.Documents, after.Events, total, total*g.EventsPerDoc)
	}
	t.Logf("killed after %d reported commits; store had %d documents; re-save added %d", commits, before.Documents, created)
}

// crashChild saves synthetic documents in batches until it is killed.
func crashChild(path string) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	g := storetest.NewSynthetic()
	for i := 0; ; i += crashBatch {
		es := make([]store.Entry, crashBatch)
		for j := range es {
			es[j] = store.Entry{Doc: g.Doc(i + j)}
		}
		if _, err := s.SaveDocuments(ctx, es); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("committed", i+crashBatch)
	}
}
