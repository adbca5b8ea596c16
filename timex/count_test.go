package timex

import (
	"strconv"
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
)

// parsed builds a document from "form/UPOS/XPOS/head/deprel" tokens
// (head 1-based, 0 for the root), separated by spaces.
func parsed(t *testing.T, spec string) *document.Document {
	t.Helper()
	var text strings.Builder
	var toks []document.Token
	for _, f := range strings.Fields(spec) {
		p := strings.Split(f, "/")
		if len(p) != 5 {
			t.Fatalf("bad token %q", f)
		}
		h, err := strconv.Atoi(p[3])
		if err != nil {
			t.Fatal(err)
		}
		if text.Len() > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(p[0])
		toks = append(toks, document.Token{Span: document.Span{Start: start, End: text.Len()}, Text: p[0], Lemma: strings.ToLower(p[0]),
			UPOS: p[1], XPOS: p[2], Head: h - 1, Deprel: p[4]})
	}
	doc := document.New("test", text.String())
	doc.Tokens = toks
	return doc
}

func TestIsCount(t *testing.T) {
	tests := []struct {
		spec, number string
		want         bool
	}{
		{"About/ADV/RB/2/advmod 1600/NUM/CD/3/nummod people/NOUN/NNS/4/nsubj gathered/VERB/VBD/0/root", "1600", true},
		{"Some/DET/DT/2/det 2000/NUM/CD/3/nummod troops/NOUN/NNS/4/nsubj arrived/VERB/VBD/0/root", "2000", true},
		{"and/CCONJ/CC/3/cc 1500/NUM/CD/3/nummod police/NOUN/NN/0/root", "1500", true},
		{"after/ADP/IN/3/case the/DET/DT/3/det 2015/NUM/CD/4/nummod elections/NOUN/NNS/0/root", "2015", false},
		{"after/ADP/IN/3/case 2015/NUM/CD/3/nummod elections/NOUN/NNS/0/root", "2015", false},
		{"born/VERB/VBN/0/root in/ADP/IN/3/case 1960/NUM/CD/1/obl", "1960", false},
		{"the/DET/DT/3/det 1988/NUM/CD/3/nummod period/NOUN/NN/0/root", "1988", false},
		{"About/ADV/RB/2/advmod 160/NUM/CD/3/nummod people/NOUN/NNS/0/root", "160", false}, // not year-like, no match of this kind
	}
	for _, tt := range tests {
		doc := parsed(t, tt.spec)
		i := strings.Index(doc.Text, tt.number)
		m := match{Start: i, End: i + len(tt.number)}
		if got := isCount(doc, m); got != tt.want {
			t.Errorf("isCount(%q in %q) = %v, want %v", tt.number, doc.Text, got, tt.want)
		}
	}
}
