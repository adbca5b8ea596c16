package ner

import (
	"bytes"
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/wordcluster"
)

func readGold(t testing.TB, file string) []Doc {
	t.Helper()
	p := evaldata.Require(t, "ner_conll2003", file)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func sentencesOf(d Doc) [][]string {
	out := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = s.Words
	}
	return out
}

func TestGoldCounts(t *testing.T) {
	// PROVENANCE.md's counts, which the DOCSTART quirk must not change.
	tests := []struct {
		file                  string
		docs, sents, entities int
	}{
		{"eng.train", 946, 14041, 23499},
		{"eng.testa", 216, 3250, 5942},
		{"eng.testb", 231, 3453, 5648},
	}
	for _, tt := range tests {
		docs := readGold(t, tt.file)
		sents, ents := 0, 0
		for _, d := range docs {
			sents += len(d.Sentences)
			for _, s := range d.Sentences {
				ents += len(Chunks(s.Tags))
			}
		}
		if len(docs) != tt.docs || sents != tt.sents || ents != tt.entities {
			t.Errorf("%s: %d docs, %d sentences, %d entities; want %d, %d, %d", tt.file, len(docs), sents, ents, tt.docs, tt.sents, tt.entities)
		}
	}
}

func TestModelLoadsFast(t *testing.T) {
	// CPU time, not wall time: on a shared machine the wall clock
	// includes waiting for a core. Garbage collection runs on other
	// threads and is counted too.
	t0, c0 := time.Now(), cpuTime()
	cl, err := wordcluster.Read(bytes.NewReader(embeddedClusters))
	if err != nil {
		t.Fatal(err)
	}
	c1 := cpuTime()
	if _, err := Load(bytes.NewReader(embeddedModel), cl, ClusterSum(embeddedClusters)); err != nil {
		t.Fatal(err)
	}
	c2 := cpuTime()
	t.Logf("load: clusters %v CPU, model %v CPU, %v wall", c1-c0, c2-c1, time.Since(t0))
	if c2-c0 > 300*time.Millisecond {
		t.Errorf("loading took %v of CPU, budget 300 ms", c2-c0)
	}
	cl, sum, err := DefaultClusters()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bytes.NewReader(embeddedModel), cl, sum); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bytes.NewReader(embeddedModel), nil, [32]byte{}); err != ErrClusterMismatch {
		t.Errorf("loading without its clusters: err = %v, want ErrClusterMismatch", err)
	}
}

// TestTestF1 checks the committed model against CoNLL-2003 test (eng.testb).
func TestTestF1(t *testing.T) {
	docs := readGold(t, "eng.testb")
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScore()
	for _, d := range docs {
		pred := m.Tag(sentencesOf(d))
		for i, s := range d.Sentences {
			sc.Add(s.Tags, Encode(pred[i], len(s.Words), "IOB2"))
		}
	}
	p, r, f := sc.PRF("")
	t.Logf("test P %.2f R %.2f F1 %.2f", p, r, f)
	if f < 87 {
		t.Errorf("test F1 %.2f below the required 87", f)
	}
}

func TestStage(t *testing.T) {
	// A hand-tokenised document: the stage must map chunks back to byte
	// spans through the tokens.
	text := "Marc Fogel flew to Moscow. Later Fogel met officials of the United Nations."
	doc := document.New("test", text)
	var words []string
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' || text[i] == '.' {
			if i > start {
				doc.Tokens = append(doc.Tokens, document.Token{Span: document.Span{Start: start, End: i}, Text: text[start:i], Head: -1})
				words = append(words, text[start:i])
			}
			if i < len(text) && text[i] == '.' {
				doc.Tokens = append(doc.Tokens, document.Token{Span: document.Span{Start: i, End: i + 1}, Text: ".", Head: -1})
			}
			start = i + 1
		}
	}
	split := 6 // tokens of the first sentence
	doc.Sentences = []document.Sentence{
		{Span: document.Span{Start: 0, End: 26}, FirstToken: 0, EndToken: split},
		{Span: document.Span{Start: 27, End: len(text)}, FirstToken: split, EndToken: len(doc.Tokens)},
	}
	if err := NewStage().Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range doc.Entities {
		if doc.Slice(e.Span) != e.Text {
			t.Errorf("entity %q has span text %q", e.Text, doc.Slice(e.Span))
		}
		got[e.Text] = e.Type
	}
	want := map[string]string{"Marc Fogel": "PER", "Moscow": "LOC", "Fogel": "PER", "United Nations": "ORG"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: type %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}

// BenchmarkNER tags CoNLL-2003 dev and reports tokens per second.
func BenchmarkNER(b *testing.B) {
	docs := readGold(b, "eng.testa")
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sents := make([][][]string, len(docs))
	tokens := 0
	for i, d := range docs {
		sents[i] = sentencesOf(d)
		tokens += d.Tokens()
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			m.Tag(s)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time includes waiting for a core; tokens
	// per CPU-second is the single-core speed.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// FuzzTag feeds arbitrary words to the recognizer: it must not panic and
// its entities must lie inside their sentences.
func FuzzTag(f *testing.F) {
	f.Add("Marc Fogel flew to Moscow .\nFogel returned .")
	f.Add("WITKOFF SAYS TALKS WILL BE PRODUCTIVE\n\n\xff\xfe Ünïcödé 12-3")
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var sents [][]string
		for _, line := range strings.Split(in, "\n") {
			sents = append(sents, strings.Fields(line))
		}
		out := m.Tag(sents)
		if len(out) != len(sents) {
			t.Fatalf("%d results for %d sentences", len(out), len(sents))
		}
		for si, cs := range out {
			for _, c := range cs {
				if c.Start < 0 || c.End > len(sents[si]) || c.Start >= c.End {
					t.Fatalf("chunk %v outside sentence of %d words", c, len(sents[si]))
				}
			}
		}
	})
}

func TestGazTableMatchesMap(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.gazTab == nil || len(m.gaz) == 0 {
		t.Fatal("loaded model has no gazetteer table")
	}
	for k, bits := range m.gaz {
		if got := m.gazMatch(k); got != bits {
			t.Fatalf("key %x: %d, want %d", k, got, bits)
		}
		if got := m.gazMatch(k ^ 1); got != m.gaz[k^1] {
			t.Fatalf("key %x: %d, want %d", k^1, got, m.gaz[k^1])
		}
	}
}
