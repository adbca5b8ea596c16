// Package quote finds direct and reported speech in a document, each
// quote with its content, cue, speaker (resolved to an actor where the
// earlier stages allow), date and tone. Cue words and the tone lexicon
// live in embedded data files; the finder reads whatever annotation the
// earlier stages left (tokens, parse, entities, mentions, timexes) and
// falls back to its own tokenizer and patterns when they are absent.
package quote

import (
	"context"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/pipeline"
)

// Stage fills doc.Quotes.
type Stage struct {
	finder *Finder
}

var _ pipeline.Stage = (*Stage)(nil)

// NewStage returns the quote stage over the default lexicon.
func NewStage() *Stage { return &Stage{finder: NewFinder(nil)} }

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "quote" }

// Process implements pipeline.Stage: it replaces doc.Quotes.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	found := s.finder.Find(doc)
	doc.Quotes = doc.Quotes[:0]
	for _, a := range found {
		doc.Quotes = append(doc.Quotes, a.Quote)
	}
	return nil
}
