package event

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkStage codes the hand-parsed test documents with the default
// lexicon; it reports tokens per second.
func BenchmarkStage(b *testing.B) {
	s := NewStage()
	if _, err := s.Lexicon(); err != nil {
		b.Fatal(err)
	}
	var t testing.T
	var tokens int
	paths, _ := filepath.Glob("testdata/*.conllu")
	for _, p := range paths {
		doc, _ := parsedDoc(&t, p)
		tokens += len(doc.Tokens)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range paths {
			b.StopTimer()
			doc, _ := parsedDoc(&t, p)
			b.StartTimer()
			if err := s.Process(context.Background(), doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
