package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
)

// BenchmarkTimex runs the stage over the TBAQ training texts (or the golden
// sentences when the gold data is absent) and reports tokens per second,
// counting words as tokens.
func BenchmarkTimex(b *testing.B) {
	var texts []string
	if dir := evaldata.Path("timex_tempeval3", "Training", "TBAQ-cleaned", "TimeBank"); dir != "" {
		if docs, err := ReadTimeMLDir(dir); err == nil {
			for _, d := range docs {
				texts = append(texts, d.Text)
			}
		}
	}
	if len(texts) == 0 {
		data, err := os.ReadFile(filepath.Join("testdata", "sentences.txt"))
		if err != nil {
			b.Fatal(err)
		}
		texts = strings.Split(string(data), "\n")
	}
	tokens := 0
	for _, t := range texts {
		tokens += len(wordRE.FindAllStringIndex(t, -1))
	}
	n, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			doc := document.New("bench", t)
			doc.Published = date("2025-03-17")
			n.Annotate(doc)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
