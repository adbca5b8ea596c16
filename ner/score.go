package ner

import (
	"fmt"
	"io"
	"sort"
)

// Score counts entities the conlleval way: an entity is correct only when
// its span and type both match exactly.
type Score struct {
	Gold, Pred, Correct map[string]int
	Tokens, TokensOK    int
}

// NewScore returns an empty score.
func NewScore() *Score {
	return &Score{Gold: map[string]int{}, Pred: map[string]int{}, Correct: map[string]int{}}
}

// Add scores one sentence's predicted tags against its gold tags; both may
// be in any scheme Chunks reads.
func (s *Score) Add(gold, pred []string) {
	g, p := Chunks(gold), Chunks(pred)
	set := make(map[Chunk]bool, len(g))
	for _, c := range g {
		set[c] = true
		s.Gold[c.Type]++
	}
	for _, c := range p {
		s.Pred[c.Type]++
		if set[c] {
			s.Correct[c.Type]++
		}
	}
	for i := range gold {
		s.Tokens++
		if i < len(pred) && gold[i] == pred[i] {
			s.TokensOK++
		}
	}
}

// PRF returns precision, recall and F1 (percent) for one type, or overall
// (micro-averaged) when typ is "".
func (s *Score) PRF(typ string) (p, r, f float64) {
	var gold, pred, ok int
	if typ == "" {
		for _, v := range s.Gold {
			gold += v
		}
		for _, v := range s.Pred {
			pred += v
		}
		for _, v := range s.Correct {
			ok += v
		}
	} else {
		gold, pred, ok = s.Gold[typ], s.Pred[typ], s.Correct[typ]
	}
	if pred > 0 {
		p = 100 * float64(ok) / float64(pred)
	}
	if gold > 0 {
		r = 100 * float64(ok) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Write prints the overall and per-type scores in a table like
// conlleval's.
func (s *Score) Write(w io.Writer) {
	var gold, pred, ok int
	types := map[string]bool{}
	for t, v := range s.Gold {
		gold += v
		types[t] = true
	}
	for t, v := range s.Pred {
		pred += v
		types[t] = true
	}
	for _, v := range s.Correct {
		ok += v
	}
	fmt.Fprintf(w, "tokens %d, gold entities %d, predicted %d, correct %d\n", s.Tokens, gold, pred, ok)
	p, r, f := s.PRF("")
	fmt.Fprintf(w, "%-8s precision %6.2f  recall %6.2f  F1 %6.2f\n", "overall", p, r, f)
	names := make([]string, 0, len(types))
	for t := range types {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		p, r, f := s.PRF(t)
		fmt.Fprintf(w, "%-8s precision %6.2f  recall %6.2f  F1 %6.2f  (%d gold, %d predicted)\n", t, p, r, f, s.Gold[t], s.Pred[t])
	}
}
