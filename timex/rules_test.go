package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-news/parley/evaldata"
)

func TestRequiredPart(t *testing.T) {
	tests := []struct{ in, want string }{
		{`(?:the\s+)?week`, `week`},
		{`(?P<a>x)?(?P<b>y)`, `(?P<b>y)`},
		{`a(?:b(?:c)?d)*e`, `ae`},
		{`[(?]x(?:y){0,2}`, `[(?]x`},
		{`\(x\)?y`, `\(x\)?y`},
	}
	for _, tt := range tests {
		if got := requiredPart(tt.in); got != tt.want {
			t.Errorf("requiredPart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Running the rules only on trigger windows must find what running every
// rule on the whole text finds.
func TestWindowsLoseNothing(t *testing.T) {
	n, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "sentences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]bool{}
	for _, r := range n.rules {
		for k := range r.keys {
			all[k] = true
		}
	}
	texts := []string{string(data)}
	texts = append(texts, strings.Split(string(data), "\n")...)
	if dir := evaldata.Path("timex_tempeval3", "Training", "TBAQ-cleaned", "AQUAINT"); dir != "" {
		if docs, err := ReadTimeMLDir(dir); err == nil {
			for _, d := range docs {
				texts = append(texts, d.Text)
			}
		}
	}
	for _, text := range texts {
		gated := findAll(n.rules, n.triggers, text)
		whole := window{start: 0, end: len(text), words: setOf(all, n.triggers)}
		full := resolveOverlaps(whole.match(n.rules, text, false, nil), len(text))
		if len(gated) != len(full) {
			t.Fatalf("%q: %d matches in windows, %d in the whole text", text, len(gated), len(full))
		}
		for i := range gated {
			if gated[i].Start != full[i].Start || gated[i].End != full[i].End || gated[i].rule != full[i].rule {
				t.Errorf("%q: window match %q, whole-text match %q", text, text[gated[i].Start:gated[i].End], text[full[i].Start:full[i].End])
			}
		}
	}
}
