package coref

import (
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
)

// resolveText segments text with the fallback splitter, finds mentions
// by capitalisation and resolves them.
func resolveText(t testing.TB, text string) ([]Mention, Result) {
	t.Helper()
	r, err := NewResolver()
	if err != nil {
		t.Fatal(err)
	}
	doc := document.New("t", text)
	Segment(doc)
	ms := r.Lex.Mentions(doc, nil)
	return ms, r.Resolve(doc, ms)
}

// antecedentName returns the first name in the chain of the n-th (from 1)
// mention whose text is word.
func antecedentName(ms []Mention, res Result, word string, n int) string {
	k := 0
	for i, m := range ms {
		if m.Text != word {
			continue
		}
		if k++; k < n {
			continue
		}
		for j, o := range ms {
			if res.Chain[j] == res.Chain[i] && (o.Kind == KindName || o.Kind == KindGroup) {
				return o.Text
			}
		}
		return ""
	}
	return "<no mention>"
}

func TestResolve(t *testing.T) {
	tests := []struct {
		text, word string
		n          int
		want       string
	}{
		{"Mary Smith met John Brown. She said the talks went well.", "She", 1, "Mary Smith"},
		{"Mary Smith met John Brown. He said the talks went well.", "He", 1, "John Brown"},
		{"John Brown thanked Peter Black. He said the talks went well.", "He", 1, "John Brown"},
		{"Anna Weber visited Berlin in May. Weber said her trip was useful.", "her", 1, "Anna Weber"},
		{"Peter Black criticised John Brown, who defended his record.", "his", 1, "John Brown"},
		{"Before his speech, John Brown met reporters.", "his", 1, "John Brown"},
		{"John Brown and Mary Smith met. They agreed to talk again.", "They", 1, "John Brown and Mary Smith"},
		{"Peter Black said he would resign. Black was tired.", "he", 1, "Peter Black"},
	}
	for _, tt := range tests {
		ms, res := resolveText(t, tt.text)
		if got := antecedentName(ms, res, tt.word, tt.n); got != tt.want {
			t.Errorf("%q: %q -> %q, want %q", tt.text, tt.word, got, tt.want)
		}
	}
}

func TestNamesMatch(t *testing.T) {
	mk := func(s string) *Mention { return &Mention{Kind: KindName, Words: strings.Fields(strings.ToLower(s))} }
	tests := []struct {
		a, b string
		want bool
	}{
		{"Donald Trump", "Trump", true},
		{"President Donald Trump", "Donald Trump", true},
		{"Donald Trump", "Donald", true},
		{"Eleanor Beaufort", "Eleanor Beauchamp", false},
		{"Marc Fogel", "Fogel", true},
		{"Marc Fogel", "Macron", false},
	}
	for _, tt := range tests {
		if got := namesMatch(mk(tt.a), mk(tt.b)); got != tt.want {
			t.Errorf("namesMatch(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func FuzzResolve(f *testing.F) {
	f.Add("Mary Smith met John Brown. She said he was ready.")
	f.Add("Mr. J. Smith, an American teacher, and his wife said they (both) agreed.\n\nHeadline Here\nIt said.")
	f.Fuzz(func(t *testing.T, text string) {
		ms, res := resolveText(t, text)
		if len(res.Chain) != len(ms) {
			t.Fatalf("%d chains for %d mentions", len(res.Chain), len(ms))
		}
		for _, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End {
				t.Fatalf("bad span %v in %q", m.Span, text)
			}
		}
	})
}

func FuzzReadGAP(f *testing.F) {
	f.Add("ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\nx\tMary met Ann. She left.\tShe\t14\tMary\t0\tTRUE\tAnn\t9\tFALSE\thttp://x\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := ReadGAP(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.PronounOff < 0 || r.PronounOff > len(r.Text) {
				t.Fatalf("offset %d outside text", r.PronounOff)
			}
		}
	})
}
