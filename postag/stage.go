package postag

import (
	"context"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/lemma"
	"github.com/parley-news/parley/pipeline"
)

// Stage tags every sentence of a document, filling Token.UPOS,
// Token.XPOS and Token.Lemma.
type Stage struct {
	// Tagger and Lemmatizer are the models; nil means the embedded
	// defaults.
	Tagger     *Tagger
	Lemmatizer *lemma.Lemmatizer
}

var _ pipeline.Stage = (*Stage)(nil)

// NewStage returns a stage using the embedded tagger.
func NewStage() *Stage { return &Stage{} }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "pos" }

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	t := s.Tagger
	if t == nil {
		var err error
		if t, err = Default(); err != nil {
			return err
		}
	}
	lem := s.Lemmatizer
	if lem == nil {
		var err error
		if lem, err = lemma.Default(); err != nil {
			return err
		}
	}
	var forms []string
	var cls []int
	for _, r := range SentenceRanges(doc) {
		if err := ctx.Err(); err != nil {
			return err
		}
		toks := doc.Tokens[r[0]:r[1]]
		forms = forms[:0]
		for _, tk := range toks {
			forms = append(forms, tk.Form())
		}
		cls = t.TagClasses(forms, cls[:0])
		for i := range toks {
			toks[i].UPOS, toks[i].XPOS = t.upos[cls[i]], t.xpos[cls[i]]
			toks[i].Lemma = lem.Lemma(forms[i], toks[i].XPOS)
		}
	}
	return nil
}

// SentenceRanges returns the [first, end) token ranges of the document's
// sentences; tokens outside every sentence (or all tokens, when the
// document has none) form ranges of their own.
func SentenceRanges(doc *document.Document) [][2]int {
	var out [][2]int
	next := 0
	for _, s := range doc.Sentences {
		if s.FirstToken < next || s.EndToken > len(doc.Tokens) || s.FirstToken >= s.EndToken {
			continue
		}
		if s.FirstToken > next {
			out = append(out, [2]int{next, s.FirstToken})
		}
		out = append(out, [2]int{s.FirstToken, s.EndToken})
		next = s.EndToken
	}
	if next < len(doc.Tokens) {
		out = append(out, [2]int{next, len(doc.Tokens)})
	}
	return out
}
