package coref

import (
	"context"
	"os"
	"testing"

	"github.com/parley-news/parley/evaldata"
)

// TestGAPDevelopment scores the resolver on GAP development, the split
// the weights are tuned on. Run with -v to see the scores.
func TestGAPDevelopment(t *testing.T) {
	path := evaldata.Require(t, "coref_gap", "gap-development.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := ReadGAP(f)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewResolver()
	if err != nil {
		t.Fatal(err)
	}
	s, err := r.EvalGAP(context.Background(), rows, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("GAP development: %s", s)
	if s.Overall.F1() < 60 {
		t.Errorf("overall F1 %.1f below 60", s.Overall.F1())
	}
}
