package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlite"
	"github.com/parley-news/parley/store/storetest"
)

// benchDocs × 10 events = 1 M events.
const benchDocs = 100_000

// benchStore opens a store of benchDocs synthetic documents, generating it
// on first use into $PARLEY_BENCH_DB (default: the system temp dir) so
// that later runs reuse it. An interrupted generation resumes: documents
// are deterministic and saving is idempotent. Generating takes minutes;
// run with -timeout 60m the first time.
func benchStore(b *testing.B) *storeWithPath {
	path := os.Getenv("PARLEY_BENCH_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), fmt.Sprintf("parley-bench-%d-v1.db", benchDocs))
	}
	ctx := context.Background()
	if _, err := os.Stat(path + ".done"); err != nil {
		s, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		g := storetest.NewSynthetic()
		start := time.Now()
		const batch = 500
		have, err := s.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for i := have.Documents / batch * batch; i < benchDocs; i += batch {
			es := make([]store.Entry, 0, batch)
			for j := i; j < i+batch && j < benchDocs; j++ {
				es = append(es, store.Entry{Doc: g.Doc(j)})
			}
			if _, err := s.SaveDocuments(ctx, es); err != nil {
				b.Fatal(err)
			}
		}
		st, _ := s.Stats(ctx)
		b.Logf("generated %s: %d documents, %d events, %d merged, %d quotes in %s", path, st.Documents, st.Events, st.MergedEvents, st.Quotes, time.Since(start).Round(time.Second))
		s.Close()
		if err := os.WriteFile(path+".done", nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return &storeWithPath{s, path}
}

type storeWithPath struct {
	store.Store
	path string
}

// BenchmarkQueryActorDates is the query of issue 8: events of one actor in
// a 30-day window over 1 M events, for a very frequent, a middling and a
// rare actor, first page of 50 with the total.
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

// BenchmarkSaveDocuments measures bulk insert: batches of 100 synthetic
// 500-word articles (tokens, sentences, 10 events, 2 quotes each) into a
// fresh store.
func BenchmarkSaveDocuments(b *testing.B) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "parley.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	g := storetest.NewArticles()
	g.Seed = uint64(time.Now().UnixNano())
	const batch = 100
	n := 0
	var wall, cpu time.Duration
	for b.Loop() {
		es := make([]store.Entry, batch)
		for j := range es {
			es[j] = store.Entry{Doc: g.Doc(n)}
			n++
		}
		// Only saving is measured, not generating.
		start, cpu0 := time.Now(), cpuTime()
		if _, err := s.SaveDocuments(ctx, es); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
		cpu += cpuTime() - cpu0
	}
	b.ReportMetric(float64(n)/wall.Seconds(), "docs/s")
	b.ReportMetric(float64(n*g.EventsPerDoc)/wall.Seconds(), "events/s")
	// On a shared machine wall time says little; CPU time says what one
	// core could do.
	b.ReportMetric(float64(n)/cpu.Seconds(), "docs/cpu-s")
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSaveReplay saves again, in ingest's batches of 64, the analysed
// documents of a store that `parley ingest` filled ($PARLEY_REPLAY_DB;
// skipped when unset): the store's cost on real pipeline output, apart
// from the pipeline. It reports the rate over the first and the last
// 1,000 documents, which must not differ much: saving must not slow down
// as the store grows.
func BenchmarkSaveReplay(b *testing.B) {
	src := os.Getenv("PARLEY_REPLAY_DB")
	if src == "" {
		b.Skip("PARLEY_REPLAY_DB is not set")
	}
	ctx := context.Background()
	in, err := sqlite.Open(ctx, src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	rows, _, err := in.FindDocuments(ctx, store.DocumentFilter{})
	if err != nil {
		b.Fatal(err)
	}
	// Oldest first, the order they were ingested in.
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	const batch, window = 64, 1000
	for b.Loop() {
		b.StopTimer()
		out, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "replay.db"))
		if err != nil {
			b.Fatal(err)
		}
		var total, first, last time.Duration
		var firstN, lastN int
		cpu := time.Duration(0)
		for i := 0; i < len(rows); i += batch {
			es := make([]store.Entry, 0, batch)
			for _, r := range rows[i:min(i+batch, len(rows))] {
				doc, err := in.Document(ctx, r.ID)
				if err != nil {
					b.Fatal(err)
				}
				es = append(es, store.Entry{Doc: doc, Skipped: r.Skipped})
			}
			b.StartTimer()
			start, cpu0 := time.Now(), cpuTime()
			if _, err := out.SaveDocuments(ctx, es); err != nil {
				b.Fatal(err)
			}
			d := time.Since(start)
			cpu += cpuTime() - cpu0
			b.StopTimer()
			total += d
			if i < window {
				first += d
				firstN += len(es)
			}
			if i >= len(rows)-window {
				last += d
				lastN += len(es)
			}
		}
		out.Close()
		b.ReportMetric(float64(len(rows))/total.Seconds(), "docs/s")
		b.ReportMetric(float64(len(rows))/cpu.Seconds(), "docs/cpu-s")
		b.ReportMetric(float64(firstN)/first.Seconds(), "first-docs/s")
		b.ReportMetric(float64(lastN)/last.Seconds(), "last-docs/s")
		b.StartTimer()
	}
}
