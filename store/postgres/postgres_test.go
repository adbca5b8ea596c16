package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/postgres"
	"github.com/parley-news/parley/store/storetest"
)

const defaultDSN = "postgres://postgres@127.0.0.1:5432/test"

// testDSN returns the test server's address, skipping when it is down.
func testDSN(t testing.TB) string {
	dsn := os.Getenv("PARLEY_TEST_POSTGRES")
	if dsn == "" {
		dsn = defaultDSN
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Skipf("PostgreSQL not reachable at %s (set PARLEY_TEST_POSTGRES): %v", dsn, err)
	}
	c.Close(ctx)
	return dsn
}

// freshSchema creates a schema unique to this test, dropped at cleanup,
// and returns a DSN that uses it.
func freshSchema(t testing.TB, dsn string) string {
	ctx := context.Background()
	var b [6]byte
	rand.Read(b[:])
	schema := "parley_test_" + hex.EncodeToString(b[:])
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t *testing.T) store.Store {
	db, err := postgres.Open(context.Background(), freshSchema(t, testDSN(t)))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	testDSN(t)
	storetest.Run(t, open)
}

func TestTSQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"sanctions", "sanctions"},
		{"Kremlin OR sanctions", "kremlin | sanctions"},
		{`"held a call" Trump`, "held <-> a <-> call & trump"},
		{"offic*", "offic:*"},
		{"U.S. & !x", "u <-> s & x"},
	} {
		got, err := postgres.TSQuery(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("TSQuery(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := postgres.TSQuery(`"" OR`); err == nil {
		t.Error("empty search: no error")
	}
}

// BenchmarkSaveDocuments measures bulk insert into PostgreSQL: batches of
// 100 synthetic 500-word articles (tokens, 10 events, 2 quotes each).
func BenchmarkSaveDocuments(b *testing.B) {
	ctx := context.Background()
	s, err := postgres.Open(ctx, freshSchema(b, testDSN(b)))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	g := storetest.NewArticles()
	g.Seed = uint64(time.Now().UnixNano())
	const batch = 100
	n := 0
	start := time.Now()
	for b.Loop() {
		es := make([]store.Entry, batch)
		for j := range es {
			es[j] = store.Entry{Doc: g.Doc(n)}
			n++
		}
		if _, err := s.SaveDocuments(ctx, es); err != nil {
			b.Fatal(err)
		}
	}
	sec := time.Since(start).Seconds()
	b.ReportMetric(float64(n)/sec, "docs/s")
	b.ReportMetric(float64(n*g.EventsPerDoc)/sec, "events/s")
}

// FuzzTSQuery checks that no search can make PostgreSQL fail: TSQuery
// either refuses it or returns a query to_tsquery accepts.
func FuzzTSQuery(f *testing.F) {
	for _, s := range []string{"sanctions", `"held a call"`, "a OR b", "x*", `a"b`, "!x", "a & | b", "a:*", "(a)", "'a'", "a <-> b", "\x00"} {
		f.Add(s)
	}
	dsn := testDSN(f)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		f.Fatal(err)
	}
	defer c.Close(ctx)
	f.Fuzz(func(t *testing.T, in string) {
		q, err := postgres.TSQuery(in)
		if err != nil {
			return
		}
		var ok bool
		if err := c.QueryRow(ctx, `SELECT to_tsvector('english', 'Trump held a call with Putin') @@ to_tsquery('english', $1)`, q).Scan(&ok); err != nil {
			t.Fatalf("TSQuery(%q) = %q: PostgreSQL refuses it: %v", in, q, err)
		}
	})
}
