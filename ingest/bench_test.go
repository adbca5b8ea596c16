package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/ingest/ingesttest"
	"github.com/parley-news/parley/pipeline"
)

// BenchmarkIngest measures ingest's own cost — reading, extraction,
// language, SimHash, duplicate lookups and saving to SQLite — with a
// pipeline that does nothing, over 500 articles of 500 words.
func BenchmarkIngest(b *testing.B) {
	const n = 500
	src := filepath.Join(b.TempDir(), "in")
	if err := ingesttest.WriteArticles(src, n, 500, 1); err != nil {
		b.Fatal(err)
	}
	noop := pipeline.New(pipeline.Func{StageName: "noop", Fn: func(context.Context, *document.Document) error { return nil }})
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		st := openStore(b, filepath.Join(b.TempDir(), "p.db"))
		b.StartTimer()
		start := time.Now()
		sum, err := New(st, noop, Options{}).Run(context.Background(), []string{src})
		total += time.Since(start)
		if err != nil || sum.Stored+sum.NearDuplicates < n-5 {
			b.Fatalf("%v %+v", err, counts(sum))
		}
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "docs/s")
}
