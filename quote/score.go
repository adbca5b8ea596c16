package quote

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// SpanScore counts one role's spans (source, cue or content): exact
// matches after trimming spaces, and overlaps, where a predicted span
// counts for precision when it overlaps some gold span and a gold span
// counts for recall when some predicted span overlaps it.
type SpanScore struct {
	Gold, Pred       int
	Exact            int
	PredHit, GoldHit int
}

// Exact returns exact-match precision, recall and F1 in percent.
func (s SpanScore) ExactPRF() (p, r, f float64) { return prf(s.Exact, s.Pred, s.Exact, s.Gold) }

// OverlapPRF returns overlap precision, recall and F1 in percent.
func (s SpanScore) OverlapPRF() (p, r, f float64) { return prf(s.PredHit, s.Pred, s.GoldHit, s.Gold) }

func prf(ptp, pn, rtp, rn int) (p, r, f float64) {
	if pn > 0 {
		p = 100 * float64(ptp) / float64(pn)
	}
	if rn > 0 {
		r = 100 * float64(rtp) / float64(rn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Score accumulates PolNeAR-style attribution scores over documents.
type Score struct {
	Source, Cue, Content SpanScore
	// Detected counts predicted quotes whose content overlaps a gold
	// content; SourceGold those among them whose gold attribution has a
	// source, SourceRight those whose predicted source overlaps it.
	Detected, SourceGold, SourceRight int
	Docs                              int
}

// Add scores one document's predictions against its gold attributions.
func (s *Score) Add(text string, gold []GoldAttribution, pred []Attribution) {
	s.Docs++
	var gs, gc, gq, ps, pc, pq []document.Span
	for _, g := range gold {
		gs = append(gs, Pieces(text, g.Source)...)
		gc = append(gc, Pieces(text, g.Cue)...)
		for _, c := range g.Content {
			gq = append(gq, Pieces(text, c)...)
		}
	}
	for _, a := range pred {
		pq = append(pq, a.Span)
		if a.Speaker != nil {
			ps = append(ps, *a.Speaker)
		}
		if a.Cue != nil {
			pc = append(pc, *a.Cue)
		}
	}
	s.Source.add(text, uniq(gs), uniq(ps))
	s.Cue.add(text, uniq(gc), uniq(pc))
	s.Content.add(text, uniq(gq), uniq(pq))
	for _, a := range pred {
		best, bestOv := -1, 0
		for gi, g := range gold {
			for _, c := range g.Content {
				for _, p := range Pieces(text, c) {
					if ov := overlap(p, a.Span); ov > bestOv {
						best, bestOv = gi, ov
					}
				}
			}
		}
		if best < 0 {
			continue
		}
		s.Detected++
		if len(gold[best].Source) == 0 {
			continue
		}
		s.SourceGold++
		if a.Speaker != nil && a.Speaker.Overlaps(Hull(gold[best].Source)) {
			s.SourceRight++
		}
	}
}

// Pieces returns the spans a discontinuous annotation is scored as: its
// fragments, with fragments joined when at most one character lies
// between them. A quotation interrupted by its speaker ("“A,” she said,
// “B.”") is two content spans, as in the token-level evaluation behind
// the published PolNeAR baselines.
func Pieces(text string, frags []document.Span) []document.Span {
	if len(frags) == 0 {
		return nil
	}
	fs := append([]document.Span(nil), frags...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	out := []document.Span{fs[0]}
	for _, f := range fs[1:] {
		last := &out[len(out)-1]
		gap := ""
		if f.Start > last.End {
			gap = strings.TrimSpace(text[last.End:f.Start])
		}
		if utf8.RuneCountInString(gap) <= 1 {
			last.End = max(last.End, f.End)
			continue
		}
		out = append(out, f)
	}
	return out
}

// SourceAccuracy is the share, in percent, of detected quotes with a gold
// source whose predicted source overlaps it.
func (s *Score) SourceAccuracy() float64 {
	if s.SourceGold == 0 {
		return 0
	}
	return 100 * float64(s.SourceRight) / float64(s.SourceGold)
}

func overlap(a, b document.Span) int {
	return max(0, min(a.End, b.End)-max(a.Start, b.Start))
}

func uniq(in []document.Span) []document.Span {
	seen := map[document.Span]bool{}
	var out []document.Span
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func trimSpan(text string, s document.Span) document.Span {
	for s.Start < s.End && strings.ContainsRune(" \t\n\r", rune(text[s.Start])) {
		s.Start++
	}
	for s.End > s.Start && strings.ContainsRune(" \t\n\r", rune(text[s.End-1])) {
		s.End--
	}
	return s
}

func (s *SpanScore) add(text string, gold, pred []document.Span) {
	s.Gold += len(gold)
	s.Pred += len(pred)
	exact := map[document.Span]bool{}
	for _, g := range gold {
		exact[trimSpan(text, g)] = true
	}
	for _, p := range pred {
		if exact[trimSpan(text, p)] {
			s.Exact++
		}
		for _, g := range gold {
			if p.Overlaps(g) {
				s.PredHit++
				break
			}
		}
	}
	for _, g := range gold {
		for _, p := range pred {
			if p.Overlaps(g) {
				s.GoldHit++
				break
			}
		}
	}
}

// Write prints the scores as a table.
func (s *Score) Write(w io.Writer) {
	fmt.Fprintf(w, "%-8s %6s %6s | %6s %6s %6s | %6s %6s %6s\n", "role", "gold", "pred", "P", "R", "F1", "ovP", "ovR", "ovF1")
	for _, r := range []struct {
		name string
		s    SpanScore
	}{{"source", s.Source}, {"cue", s.Cue}, {"content", s.Content}} {
		p, rc, f := r.s.ExactPRF()
		op, or, of := r.s.OverlapPRF()
		fmt.Fprintf(w, "%-8s %6d %6d | %6.1f %6.1f %6.1f | %6.1f %6.1f %6.1f\n", r.name, r.s.Gold, r.s.Pred, p, rc, f, op, or, of)
	}
	fmt.Fprintf(w, "source attribution accuracy on detected quotes: %.1f (%d of %d detected quotes with a gold source; %d detected)\n",
		s.SourceAccuracy(), s.SourceRight, s.SourceGold, s.Detected)
}
