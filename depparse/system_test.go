package depparse

import (
	"os"
	"slices"
	"testing"

	"github.com/parley-news/parley/conllu"
	"github.com/parley-news/parley/evaldata"
)

// oracleParse builds a tree by always taking the first zero-cost legal
// transition; for a projective gold tree it must reproduce it exactly.
func oracleParse(t *testing.T, gh, gl []int, nLabels, rootLabel int) *config {
	t.Helper()
	n := len(gh) - 1
	c := newConfig(n)
	nc := firstArc + 2*nLabels
	ok, cost := make([]bool, nc), make([]int, nc)
	for steps := 0; !c.terminal(); steps++ {
		if steps > 2*n+2 {
			t.Fatalf("no termination after %d steps", steps)
		}
		c.legal(ok, nLabels, rootLabel)
		c.costs(ok, cost, gh, gl, nLabels)
		next := -1
		for tr := range nc {
			if ok[tr] && cost[tr] == 0 {
				next = tr
				break
			}
		}
		if next < 0 {
			t.Fatalf("no zero-cost transition at stack %v buffer %d", c.stack, c.b)
		}
		c.apply(next, nLabels)
	}
	c.finish(rootLabel, rootLabel)
	return c
}

func TestOracleToyTrees(t *testing.T) {
	// labels: 0 root, 1 nsubj, 2 obj, 3 det, 4 punct
	for _, tc := range []struct {
		name   string
		gh, gl []int
	}{
		// "Anna sees the dog ."
		{"svo", []int{-1, 2, 0, 4, 2, 2}, []int{-1, 1, 0, 3, 2, 4}},
		// "Go !"
		{"imperative", []int{-1, 0, 1}, []int{-1, 0, 4}},
		// one word
		{"single", []int{-1, 0}, []int{-1, 0}},
		// root at the end, long left chain: "the the dog"
		{"left chain", []int{-1, 3, 3, 0}, []int{-1, 3, 3, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := oracleParse(t, tc.gh, tc.gl, 5, 0)
			if !slices.Equal(c.heads[1:], tc.gh[1:]) || !slices.Equal(c.labels[1:], tc.gl[1:]) {
				t.Errorf("oracle built heads %v labels %v, want %v %v", c.heads[1:], c.labels[1:], tc.gh[1:], tc.gl[1:])
			}
		})
	}
}

func TestProjective(t *testing.T) {
	for _, tc := range []struct {
		heads []int
		want  bool
	}{
		{[]int{-1, 2, 0, 4, 2, 2}, true},
		{[]int{-1, 3, 4, 0, 3}, false}, // 1←3 crosses 2←4
		{[]int{-1, 0}, true},
	} {
		if got := projective(tc.heads); got != tc.want {
			t.Errorf("projective(%v) = %v, want %v", tc.heads, got, tc.want)
		}
	}
}

// TestOracleReproducesEWT runs the oracle over every projective tree of
// EWT dev.
func TestOracleReproducesEWT(t *testing.T) {
	p := evaldata.Require(t, "ud-english-ewt", "en_ewt-ud-dev.conllu")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, p)
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{"root": 0}
	checked := 0
	for _, s := range sents {
		gh, gl := make([]int, len(s.Words)+1), make([]int, len(s.Words)+1)
		gh[0], gl[0] = -1, -1
		for i, w := range s.Words {
			l, ok := index[w.Deprel]
			if !ok {
				l = len(index)
				index[w.Deprel] = l
			}
			gh[i+1], gl[i+1] = w.Head, l
		}
		if !projective(gh) || !singleRoot(gh) {
			continue
		}
		c := oracleParse(t, gh, gl, 64, 0)
		if !slices.Equal(c.heads, gh) || !slices.Equal(c.labels[1:], gl[1:]) {
			t.Fatalf("%s: oracle built %v, gold %v", s.ID, c.heads, gh)
		}
		checked++
	}
	if checked < len(sents)*9/10 {
		t.Errorf("only %d of %d trees were projective and checked", checked, len(sents))
	}
}
