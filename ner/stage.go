package ner

import (
	"context"
	"strings"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/pipeline"
)

// Stage is the pipeline stage that fills doc.Entities.
type Stage struct {
	model *Model
}

var _ pipeline.Stage = (*Stage)(nil)

// NewStage returns a stage using the embedded model, loaded on the first
// document.
func NewStage() *Stage { return &Stage{} }

// NewStageWith returns a stage using the given model.
func NewStageWith(m *Model) *Stage { return &Stage{model: m} }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "ner" }

// Process implements pipeline.Stage: it tags every sentence of the
// document (document-level features see the whole document) and replaces
// doc.Entities.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	m := s.model
	if m == nil {
		var err error
		if m, err = Default(); err != nil {
			return err
		}
	}
	if len(doc.Sentences) == 0 {
		return nil
	}
	sents := make([][]string, len(doc.Sentences))
	for si := range doc.Sentences {
		toks := doc.SentenceTokens(si)
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = wordForm(t.Form())
		}
		sents[si] = words
	}
	chunks := m.Tag(sents)
	doc.Entities = doc.Entities[:0]
	for si, cs := range chunks {
		first := doc.Sentences[si].FirstToken
		for _, c := range cs {
			a, b := doc.Tokens[first+c.Start], doc.Tokens[first+c.End-1]
			span := document.Span{Start: a.Start, End: b.End}
			doc.Entities = append(doc.Entities, document.Entity{Span: span, Text: doc.Slice(span), Type: c.Type})
		}
	}
	return nil
}

// wordForm makes a token safe as one CoNLL word: no inner white space.
func wordForm(s string) string {
	if strings.IndexFunc(s, isSpace) < 0 {
		if s == "" {
			return "_"
		}
		return s
	}
	return strings.Join(strings.Fields(s), "_")
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' }
