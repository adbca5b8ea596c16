package postag

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/parley-news/parley/perceptron"
)

var cacheTexts = []string{
	"The minister said on Tuesday that talks with Kyiv would resume next week in Istanbul .",
	"Witkoff Believes the Meeting Will Be Productive",
	"“ We will not accept any ultimatum , ” the spokesman told reporters .",
	"U.S. envoy Steve Witkoff met Putin in Moscow on March 13 , 2025 .",
	"He refused .",
	"About 1600 people gathered ; 30-day truce ? Yes !",
}

// referenceTag tags as TagClasses did before the form cache: every
// template looked up for every scored token.
func referenceTag(t *Tagger, forms []string) []int {
	st := t.newState(forms)
	scores := make([]float32, len(t.classes))
	var out []int
	for i := range forms {
		c, ok := t.dict[st.forms[i]]
		if !ok {
			st.feats = t.features(st, i, st.feats[:0])
			clear(scores)
			t.model.Score(st.feats, scores)
			c = perceptron.Best(scores, t.allowed[st.words[i+2].lowerStr])
		}
		st.tags[i+2] = c + 1
		out = append(out, c)
	}
	return out
}

// TestFeaturesDistinct checks that the form and context templates give
// every token its 48 features, none hashed twice.
func TestFeaturesDistinct(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range cacheTexts {
		forms := strings.Fields(text)
		st := tg.newState(forms)
		for i := range forms {
			st.tags[i+2] = i%7 + 1
			f := tg.features(st, i, nil)
			slices.Sort(f)
			if len(f) != 48 || len(slices.Compact(f)) != 48 {
				t.Fatalf("%q token %d: %d features, %d distinct, want 48", text, i, len(f), len(slices.Compact(f)))
			}
		}
	}
}

// TestCachedTagging checks that tagging with the form cache, filled or
// not, shared by goroutines, gives the classes of the uncached path.
func TestCachedTagging(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var want [][]int
	for _, text := range cacheTexts {
		want = append(want, referenceTag(tg, strings.Fields(text)))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for r := range 3 {
				for k := range cacheTexts {
					k := (k + g + r) % len(cacheTexts)
					if got := tg.TagClasses(strings.Fields(cacheTexts[k]), nil); !slices.Equal(got, want[k]) {
						t.Errorf("goroutine %d pass %d %q: %v, want %v", g, r, cacheTexts[k], got, want[k])
					}
				}
			}
		})
	}
	wg.Wait()
}
