package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlite"
	"github.com/parley-news/parley/store/storetest"
)

// storeFixture writes a SQLite store with two reports of one call and a
// quote, and returns its path.
func storeFixture(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "parley.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pair := func(b *storetest.Builder) *storetest.Builder {
		return b.Actor("trump", "Donald Trump", "USAGOV", true).Actor("putin", "Vladimir Putin", "RUSGOV", true)
	}
	a := pair(storetest.NewDoc(t, "https://a.example/1", "2025-03-16", "Trump spoke with Putin on Sunday. Putin said “the talks were useful”.")).
		Event("CONSULT", "trump", "putin", "spoke", "2025-03-16", "occurred").
		Quote("the talks were useful", "Putin", "putin", "assertion")
	b := pair(storetest.NewDoc(t, "https://b.example/2", "2025-03-17", "Donald Trump held a call with Vladimir Putin.")).
		Event("CONSULT", "trump", "putin", "call", "2025-03-16", "occurred")
	if _, err := s.SaveDocuments(context.Background(), []store.Entry{a.Entry(), b.Entry()}); err != nil {
		t.Fatal(err)
	}
	return path
}

func runCmd(t *testing.T, args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	err := run(context.Background(), &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), err
}

func TestQueryCommand(t *testing.T) {
	db := storeFixture(t)
	for _, tc := range []struct {
		args  []string
		total int
	}{
		{[]string{"events"}, 1},
		{[]string{"mentions", "--actor", "Putin", "--from", "2025-03", "--to", "2025-03-16"}, 2},
		{[]string{"mentions", "--q", "call"}, 1},
		{[]string{"events", "--type", "threaten"}, 0},
		{[]string{"quotes", "--actor", "putin"}, 1},
		{[]string{"actors"}, 2},
		{[]string{"docs", "--q", "useful"}, 1},
	} {
		out, _, err := runCmd(t, append(append([]string{"query"}, tc.args...), "--db", db, "--json")...)
		if err != nil {
			t.Errorf("%v: %v", tc.args, err)
			continue
		}
		var res struct {
			Total int               `json:"total"`
			Items []json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Errorf("%v: %v in %s", tc.args, err, out)
			continue
		}
		if res.Total != tc.total || len(res.Items) != tc.total {
			t.Errorf("%v: total %d, %d items; want %d", tc.args, res.Total, len(res.Items), tc.total)
		}
	}

	out, _, err := runCmd(t, "query", "events", "--db", db, "--json", "--with-mentions")
	if err != nil {
		t.Fatal(err)
	}
	var withM struct {
		Items []store.MergedEvent `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &withM); err != nil || len(withM.Items) != 1 || len(withM.Items[0].Mentions) != 2 {
		t.Errorf("--with-mentions: %v, %+v", err, withM.Items)
	}

	out, _, err = runCmd(t, "query", "events", "--db", db, "--csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][5] != "2" || recs[1][6] != "2" {
		t.Errorf("csv = %q, %v; want one event with 2 mentions from 2 sources", recs, err)
	}
	out, status, err := runCmd(t, "query", "quotes", "--db", db)
	if err != nil || !strings.Contains(out, "the talks were useful") || !strings.Contains(status, "1 of 1") {
		t.Errorf("table = %q %q %v", out, status, err)
	}
	if _, _, err := runCmd(t, "query", "events", "--db", filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("query of a missing store: no error")
	}
	if _, _, err := runCmd(t, "query", "events", "--db", db, "--from", "March"); err == nil {
		t.Error("bad --from: no error")
	}
}

func TestExportCommand(t *testing.T) {
	db := storeFixture(t)
	dir := t.TempDir()
	for _, format := range []string{"csv", "jsonl", "gdelt", "plover", "parquet"} {
		out := filepath.Join(dir, "out."+format)
		if _, _, err := runCmd(t, "export", "--db", db, "--format", format, "--out", out); err != nil {
			t.Errorf("%s: %v", format, err)
			continue
		}
		if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, empty file", format, err)
		} else if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want -rw-r--r-- like any new file", format, fi.Mode().Perm())
		}
	}
	// Exporting again over a file keeps that file's mode.
	out := filepath.Join(dir, "out.csv")
	if err := os.Chmod(out, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "export", "--db", db, "--format", "csv", "--out", out); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil {
		t.Error(err)
	} else if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o640 {
		t.Errorf("re-export: mode %v, want the old file's -rw-r-----", fi.Mode().Perm())
	}
	if _, _, err := runCmd(t, "export", "--db", db, "--format", "xml"); err == nil {
		t.Error("unknown format: no error")
	}
}
