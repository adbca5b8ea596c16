package timex

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestFindMatchesRegexp checks that the faster search of each rule (lower
// case, prefilters, anchored tries) finds what the rule's own regexp finds, on the
// golden sentences and on variants in capitals, with a typographic
// apostrophe or a tab for each space and with the runes that fold to s
// and k.
func TestFindMatchesRegexp(t *testing.T) {
	n, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	texts := []string{
		text,
		strings.ToUpper(text),
		strings.ReplaceAll(text, " ", "’"),
		strings.NewReplacer(" ", "\t", "\n", "\r\n").Replace(text),
		strings.NewReplacer("s", "ſ", "k", "\u212a", "S", "ſ").Replace(text),
		"Monday's MARCH 3rd, ſummer 2019, Christmas, '90s, in’90s, the Mid-90s, 3 weeks ago",
	}
	fast := 0
	for _, r := range n.rules {
		if r.low != nil || r.hasFirst {
			fast++
		}
	}
	if fast < len(n.rules)/2 {
		t.Errorf("only %d of %d rules have a faster search", fast, len(n.rules))
	}
	for _, text := range texts {
		pre := prefilterable(text)
		for _, w := range windows(text, n.triggers) {
			sub := text[w.start:w.end]
			low, folded := lowerASCII(sub), ""
			if pre {
				folded = foldASCII(sub)
			}
			for _, r := range n.rules {
				want := r.re.FindAllStringSubmatchIndex(sub, -1)
				if pre && !r.pre.mayMatch(folded) {
					if len(want) > 0 {
						t.Errorf("rule on line %d, %q: prefilter %q rejects a match", r.line, sub, r.pre)
					}
					continue
				}
				got := r.find(sub, low, folded)
				if (len(want) > 0 || len(got) > 0) && !reflect.DeepEqual(want, got) {
					t.Errorf("rule on line %d, %q: got %v, want %v", r.line, sub, got, want)
				}
			}
		}
	}
}
