package coref

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// GAPRow is one example of the GAP corpus (Webster et al., "Mind the
// GAP", TACL 2018): a pronoun and two candidate names in a Wikipedia
// snippet. Offsets are converted from characters to bytes.
type GAPRow struct {
	ID         string
	Text       string
	Pronoun    string
	PronounOff int
	A, B       string
	AOff, BOff int
	ACoref     bool
	BCoref     bool
}

// Feminine reports whether the row's pronoun is feminine.
func (r GAPRow) Feminine() bool {
	switch strings.ToLower(r.Pronoun) {
	case "she", "her", "hers", "herself":
		return true
	}
	return false
}

// ReadGAP reads a GAP TSV file (with header).
func ReadGAP(r io.Reader) ([]GAPRow, error) {
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	var rows []GAPRow
	line := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		line++
		if err != nil {
			return nil, fmt.Errorf("gap: line %d: %w", line, err)
		}
		if line == 1 && rec[0] == "ID" {
			continue
		}
		if len(rec) < 10 {
			return nil, fmt.Errorf("gap: line %d: %d fields, want 11", line, len(rec))
		}
		row := GAPRow{ID: rec[0], Text: rec[1], Pronoun: rec[2], A: rec[4], B: rec[7],
			ACoref: strings.EqualFold(rec[6], "true"), BCoref: strings.EqualFold(rec[9], "true")}
		for _, f := range []struct {
			s   string
			dst *int
		}{{rec[3], &row.PronounOff}, {rec[5], &row.AOff}, {rec[8], &row.BOff}} {
			n, err := strconv.Atoi(f.s)
			if err != nil {
				return nil, fmt.Errorf("gap: line %d: offset %q: %w", line, f.s, err)
			}
			*f.dst = byteOffset(row.Text, n)
		}
		rows = append(rows, row)
	}
}

// byteOffset converts a character offset into a byte offset.
func byteOffset(s string, chars int) int {
	i := 0
	for n := 0; n < chars && i < len(s); n++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return i
}

// PRF counts binary decisions.
type PRF struct{ TP, FP, FN int }

// F1 returns the F1 score in percent.
func (c PRF) F1() float64 {
	if 2*c.TP+c.FP+c.FN == 0 {
		return 0
	}
	return 100 * 2 * float64(c.TP) / float64(2*c.TP+c.FP+c.FN)
}

func (c *PRF) add(pred, gold bool) {
	switch {
	case pred && gold:
		c.TP++
	case pred:
		c.FP++
	case gold:
		c.FN++
	}
}

// GAPScores are the GAP paper's measures: F1 of the coreferent class on
// masculine, feminine and all examples, and Bias = F / M.
type GAPScores struct {
	Masculine, Feminine, Overall PRF
	Rows                         int
}

// Bias is feminine F1 over masculine F1.
func (s GAPScores) Bias() float64 {
	if s.Masculine.F1() == 0 {
		return 0
	}
	return s.Feminine.F1() / s.Masculine.F1()
}

func (s GAPScores) String() string {
	return fmt.Sprintf("rows %d  M %.1f  F %.1f  O %.1f  Bias %.2f", s.Rows,
		s.Masculine.F1(), s.Feminine.F1(), s.Overall.F1(), s.Bias())
}

// Prepare readies a snippet for mention finding: segmentation and, when
// available, tagging, parsing and entity recognition.
type Prepare func(ctx context.Context, doc *document.Document) error

// EvalGAP resolves every row and scores the decisions. prepare may be nil,
// in which case the fallback Segment is used.
func (r *Resolver) EvalGAP(ctx context.Context, rows []GAPRow, prepare Prepare) (GAPScores, error) {
	var s GAPScores
	for _, row := range rows {
		if err := ctx.Err(); err != nil {
			return s, err
		}
		a, b, err := r.PredictGAP(ctx, row, prepare)
		if err != nil {
			return s, err
		}
		s.Rows++
		g := &s.Masculine
		if row.Feminine() {
			g = &s.Feminine
		}
		g.add(a, row.ACoref)
		g.add(b, row.BCoref)
		s.Overall.add(a, row.ACoref)
		s.Overall.add(b, row.BCoref)
	}
	return s, nil
}

// PredictGAP decides whether the row's pronoun corefers with A and with B.
// Mentions are found in the text; the given offsets only map the chains
// back to the candidates.
func (r *Resolver) PredictGAP(ctx context.Context, row GAPRow, prepare Prepare) (a, b bool, err error) {
	doc := document.New(row.ID, row.Text)
	if prepare != nil {
		if err := prepare(ctx, doc); err != nil {
			return false, false, err
		}
	}
	Segment(doc)
	ms := r.Lex.Mentions(doc, r.namesFromEntities(doc))
	res := r.Resolve(doc, ms)
	p := -1
	for i, m := range ms {
		if m.Kind == KindPronoun && m.Start <= row.PronounOff && row.PronounOff < m.End {
			p = i
		}
	}
	if p < 0 {
		return false, false, nil
	}
	return inChain(ms, res, p, row.A, row.AOff), inChain(ms, res, p, row.B, row.BOff), nil
}

// namesFromEntities returns capitalised names typed by the entity
// recogniser when the document has entities: a name overlapping a PER
// entity is a person, one overlapping another entity is not, and PER
// entities the capitalisation rules missed are added. It returns nil (plain
// capitalisation heuristics) when there are no entities.
func (r *Resolver) namesFromEntities(doc *document.Document) []Name {
	if len(doc.Entities) == 0 {
		return nil
	}
	names := r.Lex.CapitalizedNames(doc)
	covered := make([]bool, len(doc.Tokens))
	for i := range names {
		n := &names[i]
		span := document.Span{Start: doc.Tokens[n.First].Start, End: doc.Tokens[n.End-1].End}
		for _, e := range doc.Entities {
			if !e.Span.Overlaps(span) {
				continue
			}
			switch e.Type {
			case "PER":
				n.Person = 1
			case "LOC":
				n.Person, n.Gender = -1, 'n'
			}
			break
		}
		for k := n.First; k < n.End; k++ {
			covered[k] = true
		}
	}
	for _, e := range doc.Entities {
		if e.Type != "PER" {
			continue
		}
		first, last := doc.TokenAt(e.Start), doc.TokenAt(e.End-1)
		if first < 0 || last < 0 || covered[first] || covered[last] {
			continue
		}
		n := Name{First: first, End: last + 1, Person: 1}
		if g := r.Lex.GivenGender(doc.Tokens[first].Form()); g == 'm' || g == 'f' {
			n.GenderGuess = g
		}
		names = append(names, n)
	}
	return names
}

// inChain reports whether the pronoun's chain holds a mention of the
// candidate at off, or, failing a mention there, a name ending in the
// candidate's last word.
func inChain(ms []Mention, res Result, p int, name string, off int) bool {
	span := document.Span{Start: off, End: off + len(name)}
	c := res.Chain[p]
	found := false
	for i, m := range ms {
		if m.Kind == KindPronoun || m.Kind == KindGroup || !m.Span.Overlaps(span) {
			continue
		}
		found = true
		if res.Chain[i] == c && i != p {
			return true
		}
	}
	words := strings.Fields(strings.ToLower(name))
	if found {
		// Another mention of the same name in the chain is the same
		// person, even where the name sieve kept the two apart.
		cand := Mention{Kind: KindName, Words: words}
		for i := range ms {
			if m := &ms[i]; i != p && res.Chain[i] == c && m.Kind == KindName && len(m.Words) == len(words) && namesMatch(m, &cand) {
				return true
			}
		}
		return false
	}
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	for i, m := range ms {
		if i != p && res.Chain[i] == c && m.Kind == KindName && len(m.Words) > 0 && m.Words[len(m.Words)-1] == last {
			return true
		}
	}
	return false
}
