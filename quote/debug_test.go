package quote

import (
	"os"
	"testing"
	"time"

	"github.com/parley-news/parley/document"
)

func TestDebugSeed(t *testing.T) {
	path := os.Getenv("QUOTE_DEBUG")
	if path == "" {
		path = "/work/shared/seed/article.txt"
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skip()
	}
	doc := document.New("seed", string(b))
	doc.Published = time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)
	for _, a := range NewFinder(nil).Find(doc) {
		t.Logf("%-20s %-10s [%s] cue=%q src=%q name=%q via=%s tone=%s direct=%v\n   %q", a.Frame, a.Signal, a.Date, a.CueText, a.SpeakerText, a.NameText, a.Via, a.Tone, a.Direct, a.Text)
	}
}
