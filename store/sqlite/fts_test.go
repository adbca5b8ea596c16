package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlite"
	"github.com/parley-news/parley/store/storetest"
)

func TestFTSQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"sanctions", `"sanctions"`},
		{"Kremlin OR sanctions", `"Kremlin" OR "sanctions"`},
		{`"held a call" Trump`, `"held a call" "Trump"`},
		{"offic*", `"offic"*`},
		{`U.S. "say ""x`, `"U.S." "say" "x"`},
		{"OR a OR", `"a"`},
		{"NEAR(a b)", `"NEAR(a" "b)"`},
	} {
		got, err := sqlite.FTSQuery(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("FTSQuery(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "  ", `""`, "OR", "***"} {
		if got, err := sqlite.FTSQuery(in); err == nil {
			t.Errorf("FTSQuery(%q) = %q; want an error", in, got)
		}
	}
}

// FuzzFTSQuery checks that no search can make FTS5 fail: FTSQuery either
// refuses it or returns a query SQLite accepts.
func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"sanctions", `"held a call"`, "a OR b", "x*", `a"b`, "NOT x", "-x", "a:b", "(a)", "^a", "a AND", "NEAR(a b, 3)"} {
		f.Add(s)
	}
	path := filepath.Join(f.TempDir(), "fts.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		f.Fatal(err)
	}
	b := storetest.NewDoc(f, "a", "2025-03-17", "Trump held a call with Putin about sanctions.")
	if _, err := s.SaveDocument(context.Background(), b.Entry()); err != nil {
		f.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	f.Fuzz(func(t *testing.T, in string) {
		q, err := sqlite.FTSQuery(in)
		if err != nil {
			return
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?`, q).Scan(&n); err != nil {
			t.Fatalf("FTSQuery(%q) = %q: FTS5 refuses it: %v", in, q, err)
		}
	})
}

func TestSearchErrorIsInvalid(t *testing.T) {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.FindDocuments(context.Background(), store.DocumentFilter{Query: "***"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("err = %v; want ErrInvalid", err)
	}
}
