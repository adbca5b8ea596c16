package timex

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parley-news/parley/document"
)

// Scores are TempEval-3 Task A timex scores (UzZaman et al. 2013): extent
// precision and recall under strict (same characters) and relaxed (any
// overlap) matching, and type and value F1 where an attribute counts as
// correct only on a relaxed match, over all system (precision) and gold
// (recall) expressions.
type Scores struct {
	Gold, System              int
	Strict, Relaxed           int // matched pairs
	TypeCorrect, ValueCorrect int
	// Errors lists mismatches for development, one line each.
	Errors []string
	// Warnings counts documents whose preparation failed; FirstWarning
	// says why.
	Warnings     int
	FirstWarning string
}

// Add accumulates another document's counts.
func (s *Scores) Add(o Scores) {
	s.Gold += o.Gold
	s.System += o.System
	s.Strict += o.Strict
	s.Relaxed += o.Relaxed
	s.TypeCorrect += o.TypeCorrect
	s.ValueCorrect += o.ValueCorrect
	s.Errors = append(s.Errors, o.Errors...)
	if s.Warnings == 0 {
		s.FirstWarning = o.FirstWarning
	}
	s.Warnings += o.Warnings
}

func prf(correct, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = 100 * float64(correct) / float64(sys)
	}
	if gold > 0 {
		r = 100 * float64(correct) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// StrictPRF returns strict-extent precision, recall and F1 (percent).
func (s Scores) StrictPRF() (p, r, f float64) { return prf(s.Strict, s.System, s.Gold) }

// RelaxedPRF returns relaxed-extent precision, recall and F1 (percent).
func (s Scores) RelaxedPRF() (p, r, f float64) { return prf(s.Relaxed, s.System, s.Gold) }

// TypePRF returns type precision, recall and F1 over relaxed matches.
func (s Scores) TypePRF() (p, r, f float64) { return prf(s.TypeCorrect, s.System, s.Gold) }

// ValuePRF returns value precision, recall and F1 over relaxed matches.
func (s Scores) ValuePRF() (p, r, f float64) { return prf(s.ValueCorrect, s.System, s.Gold) }

// Score compares system timexes with gold ones over the same text. Pairs
// are matched one to one, each gold expression taking the unmatched system
// expression it overlaps most.
func Score(text string, gold, sys []document.Timex) Scores {
	s := Scores{Gold: len(gold), System: len(sys)}
	used := make([]bool, len(sys))
	for _, g := range gold {
		best, bestLen := -1, 0
		for j, x := range sys {
			if used[j] || !g.Overlaps(x.Span) {
				continue
			}
			ov := min(g.End, x.End) - max(g.Start, x.Start)
			if ov > bestLen {
				best, bestLen = j, ov
			}
		}
		if best < 0 {
			s.Errors = append(s.Errors, fmt.Sprintf("MISS\t%s\t%s\t%q\t%s", g.Type, g.Value, g.Text, contextOf(text, g.Span)))
			continue
		}
		used[best] = true
		x := sys[best]
		s.Relaxed++
		if strings.TrimSpace(text[g.Start:g.End]) == strings.TrimSpace(text[x.Start:x.End]) {
			s.Strict++
		} else {
			s.Errors = append(s.Errors, fmt.Sprintf("SPAN\t%q\t%q\t%s", g.Text, x.Text, contextOf(text, g.Span)))
		}
		if g.Type == x.Type {
			s.TypeCorrect++
		}
		if g.Value == x.Value {
			s.ValueCorrect++
		} else {
			s.Errors = append(s.Errors, fmt.Sprintf("VALUE\t%s %s\t%s %s\t%q\t%s", g.Type, g.Value, x.Type, x.Value, g.Text, contextOf(text, g.Span)))
		}
	}
	for j, x := range sys {
		if !used[j] {
			s.Errors = append(s.Errors, fmt.Sprintf("EXTRA\t%s\t%s\t%q\t%s", x.Type, x.Value, x.Text, contextOf(text, x.Span)))
		}
	}
	return s
}

func contextOf(text string, sp document.Span) string {
	a, b := max(0, sp.Start-50), min(len(text), sp.End+30)
	return strings.Join(strings.Fields(text[a:sp.Start]+"[["+text[sp.Start:sp.End]+"]]"+text[sp.End:b]), " ")
}

// ReadTimeMLDir parses every .tml file in dir, sorted by name.
func ReadTimeMLDir(dir string) ([]*TimeMLDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("timeml: no .tml files in %s", dir)
	}
	sort.Strings(files)
	var docs []*TimeMLDoc
	for _, f := range files {
		d, err := readTimeMLFile(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func readTimeMLFile(path string) (*TimeMLDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseTimeML(io.Reader(f))
}

// Evaluate annotates each gold document's text anchored on its creation
// time and scores it against the gold timexes. prepare, when not nil, runs
// the earlier pipeline stages (segmentation, tagging) on each document.
func (n *Normalizer) Evaluate(golds []*TimeMLDoc, prepare ...func(*document.Document) error) Scores {
	var total Scores
	for _, g := range golds {
		doc := document.New(g.DocID, g.Text)
		doc.Published = g.Published()
		for _, p := range prepare {
			if err := p(doc); err != nil {
				if total.Warnings == 0 {
					total.FirstWarning = err.Error()
				}
				total.Warnings++
			}
		}
		sys := n.Annotate(doc)
		s := Score(g.Text, g.Timexes, sys)
		for i := range s.Errors {
			s.Errors[i] = g.DocID + "\t" + g.DCT + "\t" + s.Errors[i]
		}
		total.Add(s)
	}
	return total
}
