package lemma

import (
	"bytes"
	"os"
	"testing"

	"github.com/parley-news/parley/conllu"
	"github.com/parley-news/parley/evaldata"
)

func TestRuleFor(t *testing.T) {
	for _, tc := range []struct {
		form, lemma string
		want        Rule
	}{
		{"talks", "talk", Rule{1, ""}},
		{"went", "go", Rule{4, "go"}},
		{"stopped", "stop", Rule{3, ""}},
		{"cities", "city", Rule{3, "y"}},
		{"the", "the", Rule{0, ""}},
	} {
		if got := ruleFor(tc.form, tc.lemma); got != tc.want {
			t.Errorf("ruleFor(%q, %q) = %+v, want %+v", tc.form, tc.lemma, got, tc.want)
		}
	}
}

// toy is a small lexicon that exercises rules, exceptions and case.
var toy = [][3]string{
	{"talks", "VBZ", "talk"}, {"walks", "VBZ", "walk"}, {"looks", "VBZ", "look"},
	{"cities", "NNS", "city"}, {"parties", "NNS", "party"}, {"dogs", "NNS", "dog"}, {"cats", "NNS", "cat"},
	{"went", "VBD", "go"}, {"walked", "VBD", "walk"}, {"talked", "VBD", "talk"},
	{"walked", "VBN", "walk"}, {"bombed", "VBD", "bomb"},
	{"Anna", "NNP", "Anna"}, {"Paris", "NNP", "Paris"},
	{"The", "DT", "the"}, {"the", "DT", "the"},
}

func TestLemma(t *testing.T) {
	l := Train(toy)
	for _, tc := range []struct{ form, xpos, want string }{
		{"runs", "VBZ", "run"},        // suffix rule
		{"ladies", "NNS", "lady"},     // suffix rule
		{"went", "VBD", "go"},         // exception
		{"jumped", "VBD", "jump"},     // rule
		{"bombed", "VBN", "bomb"},     // known as VBD
		{"Witkoff", "NNP", "Witkoff"}, // proper nouns keep their case
		{"THE", "DT", "the"},
	} {
		if got := l.Lemma(tc.form, tc.xpos); got != tc.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tc.form, tc.xpos, got, tc.want)
		}
	}
}

func TestSaveLoad(t *testing.T) {
	l := Train(toy)
	var buf bytes.Buffer
	if err := l.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	r1, n := Evaluate(l, toy)
	r2, _ := Evaluate(back, toy)
	if r1 != r2 || r1 != n {
		t.Errorf("before %d/%d, after reload %d/%d", r1, n, r2, n)
	}
}

func FuzzLoad(f *testing.F) {
	var buf bytes.Buffer
	Train(toy).Save(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		if l, err := Load(bytes.NewReader(b)); err == nil {
			l.Lemma("walks", "VBZ")
		}
	})
}

// TestDefaultOnEWT checks the embedded lemmatizer on EWT test with gold
// tags.
func TestDefaultOnEWT(t *testing.T) {
	p := evaldata.Require(t, "ud-english-ewt", "en_ewt-ud-test.conllu")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, p)
	if err != nil {
		t.Fatal(err)
	}
	var words [][3]string
	for _, s := range sents {
		for _, w := range s.Words {
			words = append(words, [3]string{w.Form, w.XPOS, w.Lemma})
		}
	}
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	right, n := Evaluate(l, words)
	acc := 100 * float64(right) / float64(n)
	t.Logf("EWT test lemma accuracy with gold tags: %.2f%% (%d/%d)", acc, right, n)
	if acc < 97 {
		t.Errorf("lemma accuracy %.2f%%, want at least 97%%", acc)
	}
}
