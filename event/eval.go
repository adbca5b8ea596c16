package event

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/parley-news/parley/document"
)

// PLVRecord is one row of the PLV event-coding set: a sentence with its
// PLOVER type and the surface strings of its source and target.
type PLVRecord struct {
	Text, Label, Source, Target, Split string
}

// ReadPLV reads plv.csv (columns text,label,meta,context,source,target;
// the split is in meta as "split=train" or "split=test").
func ReadPLV(r io.Reader, name string) ([]PLVRecord, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("event: %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, need := range []string{"text", "label", "meta", "source", "target"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("event: %s: no %q column", name, need)
		}
	}
	var out []PLVRecord
	for line := 2; ; line++ {
		row, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("event: %s: %w", name, err)
		}
		if len(row) < len(header) {
			return nil, fmt.Errorf("event: %s:%d: %d fields, want %d", name, line, len(row), len(header))
		}
		rec := PLVRecord{Text: row[col["text"]], Label: row[col["label"]], Source: row[col["source"]], Target: row[col["target"]]}
		for _, f := range strings.Split(row[col["meta"]], "|") {
			if v, ok := strings.CutPrefix(f, "split="); ok {
				rec.Split = v
			}
		}
		out = append(out, rec)
	}
}

// plvLabel maps a PLOVER type to the PLV label set, where YIELD stands for
// CONCEDE and RETREAT.
func plvLabel(t string) string {
	switch t {
	case "CONCEDE", "RETREAT":
		return "YIELD"
	}
	return t
}

// MainEvent returns the event of the sentence that stands highest in its
// parse (the fewest steps from the root), on ties the one in a core
// argument rather than an adjunct, then the earliest; ok is false when
// the document has no event.
func MainEvent(doc *document.Document) (document.Event, bool) {
	best, bestDepth := -1, 1<<30
	for i, ev := range doc.Events {
		if ev.Type == "" {
			continue
		}
		k := doc.TokenAt(ev.Trigger.Start)
		d := 0
		if k >= 0 {
			// On a tie, an event in a core argument of its clause wins
			// over one in an adjunct ("after an emergency meeting, the
			// OIC expressed its rejection").
			switch r, _, _ := strings.Cut(doc.Tokens[k].Deprel, ":"); r {
			case "obl", "nmod", "advcl", "acl", "advmod", "dep":
				d++
			}
		}
		for k >= 0 && doc.Tokens[k].Head >= 0 && d < 100 {
			k = doc.Tokens[k].Head
			d += 2
		}
		if d < bestDepth {
			best, bestDepth = i, d
		}
	}
	if best < 0 {
		return document.Event{}, false
	}
	return doc.Events[best], true
}

// PLVReport holds the scores of an event coder on PLV records.
type PLVReport struct {
	N, Coded, Correct        int
	SourceMatch, TargetMatch int // among correctly typed
	// PerType maps a label to its true positives, predictions and gold count.
	PerType map[string]*[3]int
	// Errors lists the mistyped records as "gold -> predicted: text".
	Errors []string
	// ArgErrors lists the correctly typed records whose source or target
	// text does not match, as "source|target gold => predicted: text".
	ArgErrors []string
}

// Accuracy is the share of records whose main event has the gold type.
func (r *PLVReport) Accuracy() float64 { return ratio(r.Correct, r.N) }

// MacroF1 averages the per-type F1 over the gold types.
func (r *PLVReport) MacroF1() float64 {
	var sum float64
	n := 0
	for _, c := range r.PerType {
		if c[2] == 0 {
			continue
		}
		sum += f1(c[0], c[1], c[2])
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(tp, pred, gold int) float64 {
	p, r := ratio(tp, pred), ratio(tp, gold)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// sameActor reports whether a predicted argument phrase and a gold one
// name the same thing: one contains the other, ignoring case.
func sameActor(pred, gold string) bool {
	p, g := strings.ToLower(strings.TrimSpace(pred)), strings.ToLower(strings.TrimSpace(gold))
	if p == "" || g == "" {
		return false
	}
	return strings.Contains(p, g) || strings.Contains(g, p)
}

// EvalPLV codes each record of the split with analyse and scores the main
// event against the gold type, source and target.
func EvalPLV(ctx context.Context, recs []PLVRecord, split string, analyse func(context.Context, string) (*document.Document, error)) (*PLVReport, error) {
	rep := &PLVReport{PerType: map[string]*[3]int{}}
	cell := func(l string) *[3]int {
		if rep.PerType[l] == nil {
			rep.PerType[l] = &[3]int{}
		}
		return rep.PerType[l]
	}
	for _, rec := range recs {
		if split != "" && rec.Split != split {
			continue
		}
		doc, err := analyse(ctx, rec.Text)
		if err != nil {
			return nil, err
		}
		rep.N++
		cell(rec.Label)[2]++
		ev, ok := MainEvent(doc)
		if !ok {
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s -> none: %s", rec.Label, rec.Text))
			continue
		}
		rep.Coded++
		got := plvLabel(ev.Type)
		cell(got)[1]++
		if got != rec.Label {
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s -> %s (%q): %s", rec.Label, got, doc.Slice(ev.Trigger), rec.Text))
		}
		if got == rec.Label {
			rep.Correct++
			cell(got)[0]++
			if sameActor(ev.SourceText, rec.Source) {
				rep.SourceMatch++
			} else {
				rep.ArgErrors = append(rep.ArgErrors, fmt.Sprintf("source %q => %q: %s", rec.Source, ev.SourceText, rec.Text))
			}
			if sameActor(ev.TargetText, rec.Target) {
				rep.TargetMatch++
			} else {
				rep.ArgErrors = append(rep.ArgErrors, fmt.Sprintf("target %q => %q: %s", rec.Target, ev.TargetText, rec.Text))
			}
		}
	}
	return rep, nil
}

// Print writes the report as a table.
func (r *PLVReport) Print(w io.Writer) {
	fmt.Fprintf(w, "records %d, with an event %d (%.1f%%)\n", r.N, r.Coded, 100*ratio(r.Coded, r.N))
	fmt.Fprintf(w, "type accuracy %.1f%%  macro F1 %.1f\n", 100*r.Accuracy(), 100*r.MacroF1())
	fmt.Fprintf(w, "source match %.1f%%  target match %.1f%% (of correctly typed)\n",
		100*ratio(r.SourceMatch, r.Correct), 100*ratio(r.TargetMatch, r.Correct))
	labels := make([]string, 0, len(r.PerType))
	for l := range r.PerType {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	fmt.Fprintf(w, "%-10s %6s %6s %6s %6s %6s %6s\n", "type", "gold", "pred", "tp", "P", "R", "F1")
	for _, l := range labels {
		c := r.PerType[l]
		fmt.Fprintf(w, "%-10s %6d %6d %6d %6.1f %6.1f %6.1f\n", l, c[2], c[1], c[0],
			100*ratio(c[0], c[1]), 100*ratio(c[0], c[2]), 100*f1(c[0], c[1], c[2]))
	}
}

// OpenPLV reads the PLV file at path.
func OpenPLV(path string) ([]PLVRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadPLV(f, path)
}
