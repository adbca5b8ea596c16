package ingest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/ingest/ingesttest"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/simhash"
	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlite"
)

// countingPipeline counts the documents it analyses and marks each with
// one sentence, as a real first stage would.
func countingPipeline(n *atomic.Int64) *pipeline.Pipeline {
	return pipeline.New(pipeline.Func{StageName: "count", Fn: func(ctx context.Context, doc *document.Document) error {
		n.Add(1)
		doc.Sentences = append(doc.Sentences, document.Sentence{Span: document.Span{Start: 0, End: len(doc.Text)}, Text: doc.Text, EndToken: 0})
		return nil
	}})
}

func openStore(t testing.TB, path string) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// nearCopy changes one word of text, checking that the copy is a near
// duplicate and not an exact one.
func nearCopy(t *testing.T, text string) string {
	t.Helper()
	words := strings.Fields(text)
	for i := len(words) / 2; i < len(words); i++ {
		w := append([]string(nil), words...)
		w[i] = "meanwhile"
		c := strings.Join(w, " ")
		if d := simhash.Distance(simhash.Hash(text), simhash.Hash(c)); d > 0 && d <= simhash.NearDistance {
			return c
		}
	}
	t.Fatal("no one-word edit of the article is a near duplicate")
	return ""
}

func TestIngestFolder(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "in")
	if err := ingesttest.WriteArticles(src, 20, 300, 1); err != nil {
		t.Fatal(err)
	}
	one, _ := os.ReadFile(filepath.Join(src, "000001.txt"))
	two, _ := os.ReadFile(filepath.Join(src, "000002.txt"))
	fr, err := os.ReadFile("testdata/fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	extra := map[string][]byte{
		"copy-of-1.txt": one,
		"near-2.txt":    []byte(nearCopy(t, string(two))),
		"zz-fr.txt":     fr,
		"broken.png":    []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
		"empty.txt":     []byte("\n\n"),
	}
	for name, data := range extra {
		if err := os.WriteFile(filepath.Join(src, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := openStore(t, filepath.Join(dir, "parley.db"))
	var analysed atomic.Int64
	var log bytes.Buffer
	ing := New(st, countingPipeline(&analysed), Options{Workers: 3, BatchSize: 4, Log: &log})

	sum, err := ing.Run(context.Background(), []string{src})
	if err != nil {
		t.Fatal(err)
	}
	want := tally{Seen: 25, Stored: 22, Analysed: 20, Duplicates: 1, NearDuplicates: 1, NonEnglish: 1, Errors: 2}
	if got := counts(sum); got != want {
		t.Errorf("first run:\n got %+v\nwant %+v", got, want)
	}
	if sum.Languages["fr"] != 1 {
		t.Errorf("Languages = %v", sum.Languages)
	}
	if analysed.Load() != 20 {
		t.Errorf("pipeline ran %d times, want 20", analysed.Load())
	}
	for _, name := range []string{"broken.png", "empty.txt"} {
		if !strings.Contains(log.String(), name) {
			t.Errorf("log does not name %s:\n%s", name, log.String())
		}
	}
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != 22 || stats.Analyzed != 20 || stats.ExactDuplicates != 1 || stats.NearDuplicates != 1 {
		t.Errorf("store stats %+v", stats)
	}

	// The same input again adds nothing and analyses nothing.
	analysed.Store(0)
	sum, err = ing.Run(context.Background(), []string{src})
	if err != nil {
		t.Fatal(err)
	}
	want = tally{Seen: 25, AlreadyStored: 22, Duplicates: 1, Errors: 2}
	if got := counts(sum); got != want {
		t.Errorf("second run:\n got %+v\nwant %+v", got, want)
	}
	if analysed.Load() != 0 {
		t.Errorf("second run analysed %d documents", analysed.Load())
	}
	again, _ := st.Stats(context.Background())
	if again.Documents != stats.Documents || again.ExactDuplicates != stats.ExactDuplicates || again.NearDuplicates != stats.NearDuplicates {
		t.Errorf("second run changed the store: %+v -> %+v", stats, again)
	}
}

// tally is the comparable part of a Summary.
type tally struct {
	Seen, Stored, Analysed, AlreadyStored, Duplicates, NearDuplicates, NonEnglish, Errors int
}

// counts is the summary without timing and details.
func counts(s Summary) tally {
	return tally{Seen: s.Seen, Stored: s.Stored, Analysed: s.Analysed, AlreadyStored: s.AlreadyStored,
		Duplicates: s.Duplicates, NearDuplicates: s.NearDuplicates, NonEnglish: s.NonEnglish, Errors: s.Errors}
}

func TestNearDuplicateOfStored(t *testing.T) {
	dir := t.TempDir()
	text := ingesttest.Article(7, 400)
	writeFile(t, filepath.Join(dir, "a", "orig.txt"), text)
	writeFile(t, filepath.Join(dir, "b", "edited.txt"), nearCopy(t, text))
	writeFile(t, filepath.Join(dir, "c", "same.txt"), text)
	st := openStore(t, filepath.Join(dir, "parley.db"))
	var analysed atomic.Int64
	ing := New(st, countingPipeline(&analysed), Options{})
	ctx := context.Background()
	if _, err := ing.Run(ctx, []string{filepath.Join(dir, "a")}); err != nil {
		t.Fatal(err)
	}
	sum, err := ing.Run(ctx, []string{filepath.Join(dir, "b"), filepath.Join(dir, "c")})
	if err != nil {
		t.Fatal(err)
	}
	want := tally{Seen: 2, Stored: 1, NearDuplicates: 1, Duplicates: 1}
	if got := counts(sum); got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if analysed.Load() != 1 {
		t.Errorf("analysed %d documents, want only the original", analysed.Load())
	}
	rows, _, err := st.FindDocuments(ctx, store.DocumentFilter{Skipped: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Skipped != "near-duplicate" || !strings.HasSuffix(rows[0].Source, "edited.txt") {
		t.Errorf("skipped rows %+v", rows)
	}
}

// TestOriginalIsFirstInput: of two near copies in one run, the earlier
// input is the original, whatever the timing of the workers.
func TestOriginalIsFirstInput(t *testing.T) {
	dir := t.TempDir()
	text := ingesttest.Article(9, 400)
	writeFile(t, filepath.Join(dir, "in", "1.txt"), text)
	writeFile(t, filepath.Join(dir, "in", "2.txt"), nearCopy(t, text))
	writeFile(t, filepath.Join(dir, "in", "3.txt"), text)
	for range 3 {
		db := filepath.Join(t.TempDir(), "p.db")
		st := openStore(t, db)
		var n atomic.Int64
		sum, err := New(st, countingPipeline(&n), Options{Workers: 4, BatchSize: 1}).Run(context.Background(), []string{filepath.Join(dir, "in")})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(sum), (tally{Seen: 3, Stored: 2, Analysed: 1, NearDuplicates: 1, Duplicates: 1}); got != want {
			t.Fatalf("got %+v\nwant %+v", got, want)
		}
		rows, _, _ := st.FindDocuments(context.Background(), store.DocumentFilter{Skipped: "no"})
		if len(rows) != 1 || !strings.HasSuffix(rows[0].Source, "1.txt") {
			t.Fatalf("analysed %+v, want 1.txt", rows)
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSummaryString(t *testing.T) {
	s := Summary{Seen: 10, Stored: 7, Analysed: 5, NearDuplicates: 1, NonEnglish: 1, Languages: map[string]int{"fr": 1}, Errors: 2, Elapsed: 2e9}
	got := s.String()
	for _, want := range []string{"docs seen 10", "stored 7 (analysed 5)", "near-duplicates 1", "non-English 1", "errors 2", "5.0 docs/s", "fr 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
}

// TestInterruptAndResume cancels a run midway, as Ctrl-C does: what was
// analysed is saved, and the next run does the rest.
func TestInterruptAndResume(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "in")
	const n = 60
	if err := ingesttest.WriteArticles(src, n, 150, 500); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, filepath.Join(dir, "parley.db"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen atomic.Int64
	stop := pipeline.New(pipeline.Func{StageName: "stop", Fn: func(ctx context.Context, doc *document.Document) error {
		if seen.Add(1) == 20 {
			cancel()
		}
		return nil
	}})
	sum, err := New(st, stop, Options{Workers: 2, BatchSize: 4}).Run(ctx, []string{src})
	if !errors.Is(err, context.Canceled) || !sum.Interrupted {
		t.Fatalf("interrupted run: err %v, summary %+v", err, sum)
	}
	if sum.Errors != 0 || sum.Stored == 0 || sum.Stored >= n {
		t.Fatalf("interrupted run stored %d of %d with %d errors", sum.Stored, n, sum.Errors)
	}
	first := sum.Stored
	var count atomic.Int64
	sum, err = New(st, countingPipeline(&count), Options{}).Run(context.Background(), []string{src})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != n-first || sum.AlreadyStored != first || int(count.Load()) != n-first {
		t.Errorf("resumed run: %+v after %d stored", counts(sum), first)
	}
}

// TestInvalidDocumentDoesNotFailBatch: a stage that leaves a span outside
// the text spoils its document only.
func TestInvalidDocumentDoesNotFailBatch(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "in")
	if err := ingesttest.WriteArticles(src, 10, 100, 300); err != nil {
		t.Fatal(err)
	}
	st := openStore(t, filepath.Join(dir, "parley.db"))
	bad := pipeline.New(pipeline.Func{StageName: "bad", Fn: func(ctx context.Context, doc *document.Document) error {
		if strings.HasSuffix(doc.Source, "000303.txt") {
			doc.Entities = append(doc.Entities, document.Entity{Span: document.Span{Start: 0, End: len(doc.Text) + 5}, Type: "PER"})
		}
		return nil
	}})
	var log bytes.Buffer
	sum, err := New(st, bad, Options{BatchSize: 64, Log: &log}).Run(context.Background(), []string{src})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 9 || sum.Errors != 1 || !strings.Contains(log.String(), "000303.txt") {
		t.Errorf("got %+v, log:\n%s", counts(sum), log.String())
	}
}
