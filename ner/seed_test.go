package ner

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/wordcluster"
)

var sentenceEnd = regexp.MustCompile(`([.!?]["”]?)\s+`)

// TestSeedArticle checks the recognizer on the project's seed article
// (shared/seed/article.txt beside the gold data), tokenised with the
// simple statistics tokenizer so the test depends on no other stage.
func TestSeedArticle(t *testing.T) {
	root := evaldata.Root()
	if root == "" {
		t.Skip("shared data not found")
	}
	data, err := os.ReadFile(filepath.Join(root, "..", "seed", "article.txt"))
	if err != nil {
		t.Skipf("seed article not available: %v", err)
	}
	var sents [][]string
	for _, line := range strings.Split(string(data), "\n") {
		for _, part := range strings.Split(sentenceEnd.ReplaceAllString(line, "$1\n"), "\n") {
			if ws := wordcluster.Tokenize(part, nil); len(ws) > 0 {
				sents = append(sents, ws)
			}
		}
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]map[string]int{} // text → type → count
	for si, cs := range m.Tag(sents) {
		for _, c := range cs {
			text := strings.Join(sents[si][c.Start:c.End], " ")
			// In a Title Case headline, a word that news writes in lower
			// case mid-sentence (by the casing statistics) joins no name.
			if sentenceCase(sents[si]) == sentTitle {
				for _, w := range sents[si][c.Start:c.End] {
					if pct, ok := m.clusters.CapRatio(strings.ToLower(w)); ok && pct < 20 {
						t.Errorf("headline word %q (capitalised %d%% mid-sentence) inside %s %q", w, pct, c.Type, text)
					}
				}
			}
			if found[text] == nil {
				found[text] = map[string]int{}
			}
			found[text][c.Type]++
		}
	}
	t.Logf("entities: %v", found)
	// Words of a Title Case headline never join a person's name.
	for text, types := range found {
		if types["PER"] > 0 && (strings.Contains(text, "Believes") || strings.Contains(text, "Says") || strings.Contains(text, "Spoke")) {
			t.Errorf("headline verb merged into a name: %q", text)
		}
	}
	want := []struct{ text, typ string }{
		{"CNN", "ORG"}, {"Marc Fogel", "PER"}, {"Fogel", "PER"}, {"Witkoff", "PER"},
		{"Steve Witkoff", "PER"}, {"Putin", "PER"}, {"Russia", "LOC"}, {"Ukraine", "LOC"},
		{"Emmanuel Macron", "PER"}, {"U.S.", "LOC"},
	}
	for _, w := range want {
		types := found[w.text]
		for typ, n := range types {
			if typ != w.typ {
				t.Errorf("%q tagged %s %d times, want only %s", w.text, typ, n, w.typ)
			}
		}
		if types[w.typ] == 0 {
			t.Errorf("%q never tagged %s", w.text, w.typ)
		}
	}
	for _, month := range []string{"January", "February"} {
		if len(found[month]) > 0 {
			t.Errorf("month %q tagged as %v", month, found[month])
		}
	}
}
