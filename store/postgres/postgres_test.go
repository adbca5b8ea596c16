package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
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

// benchDocs × 10 events = 1 M events.
const benchDocs = 100_000

// benchStore opens the schema parley_bench_v1 (kept between runs, not
// dropped) holding benchDocs synthetic documents, generating what is
// missing first: generation resumes after an interruption, since
// documents are deterministic and saving is idempotent. Generating takes
// long; run with -timeout 90m the first time.
func benchStore(b *testing.B) store.Store {
	dsn := testDSN(b)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	const schema = "parley_bench_v1"
	if _, err := c.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
		b.Fatal(err)
	}
	c.Close(ctx)
	u, _ := url.Parse(dsn)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := postgres.Open(ctx, u.String())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	have, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	g := storetest.NewSynthetic()
	const batch = 500
	for i := have.Documents / batch * batch; i < benchDocs; i += batch {
		es := make([]store.Entry, 0, batch)
		for j := i; j < i+batch && j < benchDocs; j++ {
			es = append(es, store.Entry{Doc: g.Doc(j)})
		}
		if _, err := s.SaveDocuments(ctx, es); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkQueryActorDates is the SQLite benchmark of the same name on
// PostgreSQL: one actor's events in a 30-day window over 1 M events.
func BenchmarkQueryActorDates(b *testing.B) {
	s := benchStore(b)
	g := storetest.NewSynthetic()
	ctx := context.Background()
	for _, rank := range []int{0, 20, 500} {
		for _, merged := range []bool{false, true} {
			name := fmt.Sprintf("rank%d", rank)
			if merged {
				name += "/merged"
			}
			b.Run(name, func(b *testing.B) {
				f := store.EventFilter{Actor: g.ActorID(rank), Limit: 50}
				var total int
				i := 0
				for b.Loop() {
					f.From = g.Start.AddDate(0, 0, (i*37)%(g.Days-30))
					f.To = f.From.AddDate(0, 0, 30)
					var err error
					if merged {
						_, total, err = s.FindMergedEvents(ctx, f)
					} else {
						_, total, err = s.FindEvents(ctx, f)
					}
					if err != nil {
						b.Fatal(err)
					}
					i++
				}
				b.ReportMetric(float64(total), "matches")
			})
		}
	}
}
