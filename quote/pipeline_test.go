package quote_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-news/parley/actor"
	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/quote"
	"github.com/parley-news/parley/segment"
	"github.com/parley-news/parley/timex"
)

// TestSeedPipeline runs the seed article through the stages before quote
// (segment, timex, actor with coreference) and checks that each
// quote's speaker is resolved to the right actor.
func TestSeedPipeline(t *testing.T) {
	root := evaldata.Root()
	if root == "" {
		t.Skip("shared folder not found")
	}
	b, err := os.ReadFile(filepath.Join(root, "..", "seed", "article.txt"))
	if err != nil {
		t.Skipf("seed article: %v", err)
	}
	doc := document.New("seed", string(b))
	doc.Published = time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)
	tx, err := timex.NewStage()
	if err != nil {
		t.Fatal(err)
	}
	ac, err := actor.NewStage(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.New(segment.New(), tx, ac, quote.NewStage())
	if err := p.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	want := []struct{ content, actor, cue, signal string }{
		{"good and positive discussion", "person:steve-witkoff", "said", "assertion"},
		{"lengthy and highly productive", "person:donald-trump", "described", "assertion"},
		{"Russia truly wants peace", "person:emmanuel-macron", "has expressed doubt", "doubt"},
		{"Putin is increasing attacks", "person:emmanuel-macron", "said", "assertion"},
		{"positive momentum", "person:steve-witkoff", "According to", "assertion"},
		{"It’s unfortunate when people", "person:steve-witkoff", "said", "assertion"},
		{"the upcoming talk", "person:steve-witkoff", "confirmed", "assertion"},
		{"real progress", "person:steve-witkoff", "is hopeful", "hope"},
	}
	for _, w := range want {
		var q *document.Quote
		for i := range doc.Quotes {
			if strings.Contains(doc.Quotes[i].Text, w.content) {
				q = &doc.Quotes[i]
				break
			}
		}
		if q == nil {
			t.Errorf("no quote with %q", w.content)
			continue
		}
		if q.SpeakerActor != w.actor || q.CueText != w.cue || q.Signal != w.signal {
			t.Errorf("%q: actor %q cue %q signal %q; want %q %q %q", w.content, q.SpeakerActor, q.CueText, q.Signal, w.actor, w.cue, w.signal)
		}
	}
}
