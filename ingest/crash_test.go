package ingest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/ingest/ingesttest"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/source"
	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlite"
)

// The crash test re-runs this test binary as an ingest process; these
// variables tell it to be one.
const (
	childEnv   = "PARLEY_INGEST_CRASH_CHILD"
	childDBEnv = "PARLEY_INGEST_CRASH_DB"
)

func TestMain(m *testing.M) {
	if src := os.Getenv(childEnv); src != "" {
		os.Exit(crashChild(src, os.Getenv(childDBEnv)))
	}
	os.Exit(m.Run())
}

// crashChild ingests src into db with a slow stage, as `parley ingest`
// would, so that the parent can kill it midway.
func crashChild(src, db string) int {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	slow := pipeline.New(pipeline.Func{StageName: "slow", Fn: func(ctx context.Context, doc *document.Document) error {
		time.Sleep(3 * time.Millisecond)
		return nil
	}})
	sum, err := New(st, slow, Options{Workers: 2, BatchSize: 8}).Run(ctx, []string{src})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("stored %d already %d errors %d\n", sum.Stored, sum.AlreadyStored, sum.Errors)
	return 0
}

// TestKillAndResume kills an ingest with SIGKILL twice midway, runs it
// again to the end, and checks that every document is stored exactly once.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const n = 400
	dir := t.TempDir()
	src := filepath.Join(dir, "articles")
	if err := ingesttest.WriteArticles(src, n, 200, 1000); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "parley.db")
	ctx := context.Background()
	// Open (and migrate) first, so that the children only ever find a
	// ready store; this connection watches their progress.
	st := openStore(t, db)
	count := func() int {
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s.Documents
	}
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+src, childDBEnv+"="+db)
		cmd.Stderr = os.Stderr
		return cmd
	}

	for _, killAt := range []int{n / 4, n * 5 / 8} {
		cmd := child()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		deadline := time.After(60 * time.Second)
	wait:
		for {
			select {
			case err := <-exited:
				t.Fatalf("ingest finished before it could be killed (%v); %d stored", err, count())
			case <-deadline:
				cmd.Process.Kill()
				t.Fatalf("ingest stored only %d documents in 60 s", count())
			case <-time.After(5 * time.Millisecond):
				if count() >= killAt {
					break wait
				}
			}
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-exited
		t.Logf("killed with %d of %d documents stored", count(), n)
	}
	before := count()
	if before >= n {
		t.Fatalf("all %d documents stored before the last kill: the test did not interrupt anything", n)
	}

	out, err := child().Output()
	if err != nil {
		t.Fatalf("resumed ingest: %v", err)
	}
	want := fmt.Sprintf("stored %d already %d errors 0\n", n-before, before)
	if string(out) != want {
		t.Errorf("resumed ingest said %q, want %q", out, want)
	}

	// Every article exactly once: n rows, and each article's ID among them.
	_, total, err := st.FindDocuments(ctx, store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != n {
		t.Errorf("%d documents stored, want %d", total, n)
	}
	files, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	for _, f := range files {
		doc, err := source.ReadFile(f, source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		has, err := st.HasDocument(ctx, doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !has {
			t.Errorf("%s lost", f)
		}
	}
}
