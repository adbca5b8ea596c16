// Package segment splits a document's text into sentences and tokens,
// each a byte span into the unmodified text. Tokens follow the
// conventions of UD English EWT so that models trained on it read them
// as they were trained; headlines (lines without final punctuation) are
// units of their own.
package segment

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/pipeline"
)

// Segmenter is the pipeline stage that fills Document.Sentences and
// Document.Tokens. It has no state and is safe for concurrent use.
type Segmenter struct{}

var _ pipeline.Stage = (*Segmenter)(nil)

// New returns a segmenter.
func New() *Segmenter { return &Segmenter{} }

// Name implements pipeline.Stage.
func (*Segmenter) Name() string { return "segment" }

// Process implements pipeline.Stage: it replaces doc.Sentences and
// doc.Tokens with those of doc.Text.
func (*Segmenter) Process(_ context.Context, doc *document.Document) error {
	doc.Sentences, doc.Tokens = Segment(doc.Text)
	return nil
}

// Segment returns the sentences and tokens of text. Every span lies inside
// text, tokens are sorted and do not overlap, and each sentence's tokens
// are Tokens[FirstToken:EndToken].
func Segment(text string) ([]document.Sentence, []document.Token) {
	t := tokenizer{text: text}
	t.scan()
	markSentences(text, t.toks)
	return build(text, t.toks)
}

// Tokenize returns the tokens of a standalone text, as Segment would.
func Tokenize(text string) []document.Token {
	_, toks := Segment(text)
	return toks
}

// Sentences returns the sentence texts of text, as Segment would.
func Sentences(text string) []string {
	sents, _ := Segment(text)
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = s.Text
	}
	return out
}

// build turns the scanner's tokens into document records. An
// abbreviation that ends a sentence gives up its period as a token of its
// own, as in EWT ("etc" ".").
func build(s string, toks []tok) ([]document.Sentence, []document.Token) {
	if len(toks) == 0 {
		return []document.Sentence{}, []document.Token{}
	}
	nsent := 0
	for i := range toks {
		if toks[i].flags&fStart != 0 {
			nsent++
		}
	}
	sents := make([]document.Sentence, 0, nsent)
	out := make([]document.Token, 0, len(toks)+nsent)
	para := -1
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && toks[j].flags&fStart == 0 {
			j++
		}
		if toks[i].flags&fLine != 0 {
			para++
		}
		// toks[i:j] is one sentence; find its last non-closing token.
		last := j - 1
		for last > i && isCloser(toks[last].kind) {
			last--
		}
		first := len(out)
		for k := i; k < j; k++ {
			tk := toks[k]
			if k == last && tk.kind == kAbbrev && tk.end-tk.start > 1 {
				out = append(out, newToken(s, tk.start, tk.end-1, false))
				out = append(out, newToken(s, tk.end-1, tk.end, spaceAfter(s, tk.end)))
				continue
			}
			out = append(out, newToken(s, tk.start, tk.end, spaceAfter(s, tk.end)))
		}
		st, en := toks[i].start, toks[j-1].end
		headline := false
		if toks[i].flags&fLine != 0 && (j == len(toks) || toks[j].flags&fLine != 0) {
			switch toks[last].kind {
			case kPeriod, kTerm, kEllipsis, kAbbrev:
			default:
				headline = !(toks[last].kind == kPunct && (s[toks[last].start] == ':' || s[toks[last].start] == ',')) &&
					!lineIsItem(s, toks, i) && toks[i].flags&fItem == 0
			}
		}
		sents = append(sents, document.Sentence{
			Span:       document.Span{Start: st, End: en},
			Text:       s[st:en],
			FirstToken: first,
			EndToken:   len(out),
			Headline:   headline,
			Paragraph:  max(para, 0),
		})
		i = j
	}
	return sents, out
}

func spaceAfter(s string, end int) bool {
	if end >= len(s) {
		return true
	}
	c, _ := classAt(s, end)
	return c == cSpace
}

func newToken(s string, a, b int, space bool) document.Token {
	t := document.Token{Span: document.Span{Start: a, End: b}, Text: s[a:b], SpaceAfter: space, Head: -1}
	for i := a; i < b; i++ {
		if s[i] >= utf8.RuneSelf {
			if n := fold.Replace(t.Text); n != t.Text {
				t.Norm = n
			}
			break
		}
	}
	return t
}

// fold maps typographic characters to the ASCII forms models were trained
// on.
var fold = strings.NewReplacer(
	"\u2019", "'", "\u2018", "'", "\u201a", "'", "\u2032", "'", "\u02bc", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u00ab", `"`, "\u00bb", `"`, "\u2033", `"`,
	"\u2013", "-", "\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2212", "-",
	"\u2014", "--", "\u2015", "--",
	"\u2026", "...",
	"\u00a0", " ",
)
