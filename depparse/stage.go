package depparse

import (
	"context"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/postag"
)

// Stage parses every sentence of a document, filling Token.Head (an index
// into Document.Tokens, -1 for the sentence root) and Token.Deprel. It
// tags sentences whose tokens have no UPOS yet, so it also works without
// the "pos" stage before it.
type Stage struct {
	// Parser and Tagger are the models; nil means the embedded defaults.
	Parser *Parser
	Tagger *postag.Tagger
}

var _ pipeline.Stage = (*Stage)(nil)

// NewStage returns a stage using the embedded models.
func NewStage() *Stage { return &Stage{} }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "dep" }

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	p := s.Parser
	if p == nil {
		var err error
		if p, err = Default(); err != nil {
			return err
		}
	}
	var forms, upos, xpos []string
	for _, r := range postag.SentenceRanges(doc) {
		if err := ctx.Err(); err != nil {
			return err
		}
		toks := doc.Tokens[r[0]:r[1]]
		forms, upos, xpos = forms[:0], upos[:0], xpos[:0]
		tagged := true
		for _, tk := range toks {
			forms = append(forms, tk.Form())
			upos = append(upos, tk.UPOS)
			xpos = append(xpos, tk.XPOS)
			if tk.UPOS == "" {
				tagged = false
			}
		}
		if !tagged {
			t := s.Tagger
			if t == nil {
				var err error
				if t, err = postag.Default(); err != nil {
					return err
				}
			}
			upos, xpos = t.Tag(forms)
			for i := range toks {
				toks[i].UPOS, toks[i].XPOS = upos[i], xpos[i]
			}
		}
		heads, rels := p.Parse(forms, upos, xpos)
		for i := range toks {
			toks[i].Head = -1
			if heads[i] > 0 {
				toks[i].Head = r[0] + heads[i] - 1
			}
			toks[i].Deprel = rels[i]
		}
	}
	return nil
}
