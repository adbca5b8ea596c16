package actor

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
)

// annotatedRE matches inline annotations: [Steve Witkoff]{PER}.
var annotatedRE = regexp.MustCompile(`\[([^\]]+)\]\{([A-Z]+)\}`)

// annotated builds a document from inline-annotated text, with its entities.
func annotated(text string) *document.Document {
	var b strings.Builder
	var ents []document.Entity
	last := 0
	for _, m := range annotatedRE.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(text[last:m[0]])
		start := b.Len()
		b.WriteString(text[m[2]:m[3]])
		ents = append(ents, document.Entity{Span: document.Span{Start: start, End: b.Len()}, Text: text[m[2]:m[3]], Type: text[m[4]:m[5]]})
		last = m[1]
	}
	b.WriteString(text[last:])
	doc := document.New("test", b.String())
	doc.Entities = ents
	return doc
}

func newStage(t *testing.T) *Stage {
	t.Helper()
	s, err := NewStage(nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// actorOf returns the actor id of the mention whose text is at the n-th
// occurrence (from 1) of word.
func actorOf(doc *document.Document, word string, n int) string {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(word) + `\b`)
	locs := re.FindAllStringIndex(doc.Text, -1)
	if len(locs) < n {
		return "<no such word>"
	}
	off := locs[n-1][0]
	for _, m := range doc.Mentions {
		if m.Start <= off && off < m.End && m.End <= off+len(word)+40 {
			return m.Actor
		}
	}
	return "<no mention>"
}

func TestLinking(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		text string
		date string
		word string
		n    int
		want string
		code string
	}{
		{"[Donald Trump]{PER} spoke on Sunday. He said the talks went well.", "2025-03-17", "He", 1, "person:donald-trump", "USAGOV"},
		{"[Donald Trump]{PER} spoke on Sunday. He said the talks went well.", "2023-03-17", "Donald Trump", 1, "person:donald-trump", "USAELI"},
		{"[CNN]{ORG} reported that [Kyiv]{LOC} rejected the offer.", "2025-03-17", "CNN", 1, "media:cnn", "USAMED"},
		{"[CNN]{ORG} reported that [Kyiv]{LOC} rejected the offer.", "2025-03-17", "Kyiv", 1, "state:UKR:GOV", "UKRGOV"},
		{"The Russian military shelled the town. Russian officials denied it.", "2025-03-17", "Russian military", 1, "state:RUS:MIL", "RUSMIL"},
		{"The Russian military shelled the town. Russian officials denied it.", "2025-03-17", "Russian officials", 1, "state:RUS:GOV", "RUSGOV"},
		{"[Marc Fogel]{PER}, an American history teacher, was freed. [Fogel]{PER} flew home. The U.S. said he was wrongfully detained.", "2025-03-17", "he", 1, "local:marc-fogel", "USACVL"},
		{"[Anna Weber]{PER} met [Vladimir Putin]{PER}. She said he was ready to talk.", "2025-03-17", "he", 1, "person:vladimir-putin", "RUSGOV"},
		{"[Anna Weber]{PER} met [Vladimir Putin]{PER}. She said he was ready to talk.", "2025-03-17", "She", 1, "local:anna-weber", ""},
		{"President [Donald Trump]{PER} spoke on Sunday. The president said the talks went well.", "2025-03-17", "The president", 1, "person:donald-trump", "USAGOV"},
		{"[Ivan Petrov]{PER}, Russia's deputy foreign minister, said the offer was late.", "2025-03-17", "Ivan Petrov", 1, "local:ivan-petrov", "RUSGOV"},
		{"Russian President [Oleg Ivanov]{PER} arrived. He met [Xi Jinping]{PER}.", "2025-03-17", "Oleg Ivanov", 1, "local:oleg-ivanov", "RUSGOV"},
		{"[Xi Jinping]{PER} spoke to [Li Qiang]{PER}.", "2025-03-17", "Li Qiang", 1, "person:li-qiang", "CHNGOV"},
		{"President [Donald Trump]{PER} and Russian President [Vladimir Putin]{PER} will speak. The two leaders last spoke in February. They agreed to talk.", "2025-03-17", "They", 1, "group:person:donald-trump+person:vladimir-putin", ""},
	}
	for _, tt := range tests {
		doc := annotated(tt.text)
		doc.Published, _ = time.Parse(time.DateOnly, tt.date)
		if err := s.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		got := actorOf(doc, tt.word, tt.n)
		if got != tt.want {
			t.Errorf("%q: %q -> %s, want %s\n%+v", tt.text, tt.word, got, tt.want, doc.Mentions)
			continue
		}
		for _, a := range doc.Actors {
			if a.ID == got && a.Code != tt.code {
				t.Errorf("%q: %s code %s, want %s", tt.text, got, a.Code, tt.code)
			}
		}
	}
}

// seedPath finds the seed article beside the gold data.
func seedPath(t *testing.T) string {
	root := evaldata.Root()
	if root == "" {
		t.Skip("shared data not found")
	}
	p := filepath.Join(root, "..", "seed", "article.txt")
	if _, err := os.Stat(p); err != nil {
		t.Skip("seed article not available")
	}
	return p
}

func TestSeedArticle(t *testing.T) {
	b, err := os.ReadFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	doc := document.New("seed", string(b))
	doc.Published, _ = time.Parse(time.DateOnly, "2025-03-17")
	if err := newStage(t).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	// Every "he" of the article, in order, and who it is.
	want := []string{
		"person:steve-witkoff", "person:steve-witkoff", "person:steve-witkoff", "person:steve-witkoff",
		"local:marc-fogel", "person:vladimir-putin", "person:steve-witkoff", "person:steve-witkoff",
		"person:emmanuel-macron", "person:steve-witkoff", "person:steve-witkoff", "person:steve-witkoff",
		"person:steve-witkoff",
	}
	var got []string
	for _, m := range doc.Mentions {
		t.Logf("%-10s %-40q %-45s chain %d", m.Kind, m.Text, m.Actor, m.Chain)
		if strings.EqualFold(m.Text, "he") {
			got = append(got, m.Actor)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("he resolved to\n%v\nwant\n%v", got, want)
	}
	for _, c := range []struct{ text, actor, code string }{
		{"the two leaders", "group:person:donald-trump+person:vladimir-putin", ""},
		{"They", "group:person:donald-trump+person:vladimir-putin", ""},
		{"Trump’s special envoy", "person:steve-witkoff", "USAGOV"},
		{"an American history teacher", "local:marc-fogel", "USACVL"},
		{"CNN", "media:cnn", "USAMED"},
		{"The United States", "state:USA", "USA"},
	} {
		found := false
		for _, m := range doc.Mentions {
			if m.Text == c.text {
				found = true
				if m.Actor != c.actor {
					t.Errorf("%q -> %s, want %s", c.text, m.Actor, c.actor)
				}
			}
		}
		if !found {
			t.Errorf("no mention %q", c.text)
		}
		for _, a := range doc.Actors {
			if a.ID == c.actor && c.code != "" && a.Code != c.code {
				t.Errorf("%s code %s, want %s", a.ID, a.Code, c.code)
			}
		}
	}
}

func BenchmarkStageSeed(b *testing.B) {
	root := evaldata.Root()
	text, err := os.ReadFile(filepath.Join(root, "..", "seed", "article.txt"))
	if root == "" || err != nil {
		b.Skip("seed article not available")
	}
	s, err := NewStage(nil)
	if err != nil {
		b.Fatal(err)
	}
	base := document.New("seed", string(text))
	base.Published, _ = time.Parse(time.DateOnly, "2025-03-17")
	if err := s.Process(context.Background(), base); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		doc := document.New("seed", string(text))
		doc.Published = base.Published
		doc.Sentences, doc.Tokens = base.Sentences, base.Tokens
		if err := s.Process(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
