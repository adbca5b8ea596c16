package timex

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
)

// TestTempEval3 scores the platinum test set and holds the issue's
// required floor: relaxed extent F1 ≥ 88 and value F1 ≥ 78.
func TestTempEval3(t *testing.T) {
	dir := evaldata.Require(t, "timex_tempeval3", "Evaluation", "te3-platinum")
	golds, err := ReadTimeMLDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s := n.Evaluate(golds)
	_, _, rf := s.RelaxedPRF()
	_, _, vf := s.ValuePRF()
	_, _, sf := s.StrictPRF()
	t.Logf("te3-platinum: %d gold, %d system; strict F1 %.2f, relaxed F1 %.2f, value F1 %.2f", s.Gold, s.System, sf, rf, vf)
	if s.Gold != 138 {
		t.Errorf("read %d gold timexes, PROVENANCE.md counts 138", s.Gold)
	}
	if rf < 88 || vf < 78 {
		t.Errorf("relaxed F1 %.2f (want ≥ 88), value F1 %.2f (want ≥ 78)", rf, vf)
	}
}

// The TE3input system files hold the same text as the gold files.
func TestTE3InputMatchesGold(t *testing.T) {
	in := evaldata.Require(t, "timex_tempeval3", "Evaluation", "TE3-platinum-test")
	gold := evaldata.Require(t, "timex_tempeval3", "Evaluation", "te3-platinum")
	files, _ := filepath.Glob(filepath.Join(in, "*.TE3input"))
	golds, err := ReadTimeMLDir(gold)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*TimeMLDoc{}
	for _, g := range golds {
		byID[g.DocID] = g
	}
	for _, f := range files {
		d, err := readTimeMLFile(f)
		if err != nil {
			t.Fatal(err)
		}
		g := byID[d.DocID]
		if g == nil || strings.TrimSpace(g.Text) != strings.TrimSpace(d.Text) || g.DCT != d.DCT || len(d.Timexes) != 0 {
			t.Errorf("%s: input does not match gold %s", f, d.DocID)
		}
	}
}

func TestScore(t *testing.T) {
	text := "on Friday and two weeks later in May"
	sp := func(s string) document.Span {
		i := strings.Index(text, s)
		return document.Span{Start: i, End: i + len(s)}
	}
	gold := []document.Timex{
		{Span: sp("Friday"), Type: "DATE", Value: "2013-03-22"},
		{Span: sp("two weeks later"), Type: "DATE", Value: "2013-04-05"},
		{Span: sp("May"), Type: "DATE", Value: "2013-05"},
	}
	sys := []document.Timex{
		{Span: sp("Friday"), Type: "DATE", Value: "2013-03-22"}, // strict, value right
		{Span: sp("two weeks"), Type: "DURATION", Value: "P2W"}, // relaxed only, type and value wrong
		{Span: sp("and"), Type: "DATE", Value: "X"},             // spurious
	}
	s := Score(text, gold, sys)
	if s.Strict != 1 || s.Relaxed != 2 || s.TypeCorrect != 1 || s.ValueCorrect != 1 {
		t.Errorf("got %+v", s)
	}
	if p, r, _ := s.RelaxedPRF(); p != 200.0/3 || r != 200.0/3 {
		t.Errorf("relaxed P %v R %v", p, r)
	}
}
