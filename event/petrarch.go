package event

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parley-news/parley/document"
)

// PETRRecord is one validation record of PETRARCH-2: a dated sentence and
// the (source, target, CAMEO code) triples it must yield.
type PETRRecord struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Date     string `json:"date"`
	Text     string `json:"text"`
	Expected []struct {
		Source string `json:"source"`
		Target string `json:"target"`
		Code   string `json:"code"`
	} `json:"expected_events"`
	NoEvents bool     `json:"expect_no_events"`
	Errors   []string `json:"expected_error"`
}

// ReadPETR reads PETRARCH validation records in the JSON-lines form.
func ReadPETR(r io.Reader, name string) ([]PETRRecord, error) {
	var out []PETRRecord
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec PETRRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("event: %s:%d: %w", name, n, err)
		}
		out = append(out, rec)
	}
	return out, sc.Err()
}

// OpenPETR reads the records at path.
func OpenPETR(path string) ([]PETRRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadPETR(f, path)
}

// PETRReport scores an event coder on PETRARCH records.
type PETRReport struct {
	// WithEvents counts records that expect events; AllFound those whose
	// expected events were all produced (same CAMEO root, and source and
	// target with the same country or group prefix).
	WithEvents, AllFound int
	// Expected and Found count the expected triples and those produced.
	Expected, Found int
	// Produced counts the events coded on records that expect some.
	Produced int
	// NoEvent counts records that expect none; Empty those left empty.
	NoEvent, Empty int
	// ByCategory maps a record category to its records and passes.
	ByCategory map[string]*[2]int
	// Failures lists the records that failed, for --errors.
	Failures []string
}

// actorPrefix is the part of a CAMEO actor code compared: its first three
// letters, the country or international group ("USAGOV" -> "USA").
func actorPrefix(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

// unknownCountry reads an actor that the event names ("Insurgents") but
// could not code as PETRARCH's actor of unknown country, "---".
func unknownCountry(code, text string) string {
	if code == "" && text != "" {
		return "---"
	}
	return code
}

// analyse runs analyse on the record's text, dated by the record.
func (rec PETRRecord) analyse(ctx context.Context, analyse func(ctx context.Context, text string, date time.Time) (*document.Document, error)) (*document.Document, error) {
	date, _ := time.Parse("20060102", rec.Date)
	doc, err := analyse(ctx, rec.Text, date)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rec.ID, err)
	}
	return doc, nil
}

func cameoRoot(code string) string {
	if len(code) > 2 {
		return code[:2]
	}
	return code
}

// EvalPETR codes every record with analyse and compares its events to
// the expected triples.
func EvalPETR(ctx context.Context, recs []PETRRecord, analyse func(ctx context.Context, text string, date time.Time) (*document.Document, error)) (*PETRReport, error) {
	rep := &PETRReport{ByCategory: map[string]*[2]int{}}
	for _, rec := range recs {
		if len(rec.Errors) > 0 || strings.TrimSpace(rec.Text) == "" {
			continue
		}
		doc, err := rec.analyse(ctx, analyse)
		if err != nil {
			return nil, err
		}
		cat := rep.ByCategory[rec.Category]
		if cat == nil {
			cat = &[2]int{}
			rep.ByCategory[rec.Category] = cat
		}
		cat[0]++
		var coded []document.Event
		for _, ev := range doc.Events {
			if ev.CAMEO != "" {
				coded = append(coded, ev)
			}
		}
		var got []string
		for _, ev := range coded {
			got = append(got, fmt.Sprintf("%s %s %s (%q -> %q, %q)", ev.Source, ev.Target, ev.CAMEO, ev.SourceText, ev.TargetText, doc.Slice(ev.Trigger)))
		}
		if rec.NoEvents || len(rec.Expected) == 0 {
			rep.NoEvent++
			if len(coded) == 0 {
				rep.Empty++
				cat[1]++
			} else {
				rep.Failures = append(rep.Failures, fmt.Sprintf("%s\t%s\n\twant none\n\tgot  %s", rec.ID, rec.Text, strings.Join(got, "; ")))
			}
			continue
		}
		rep.WithEvents++
		rep.Produced += len(coded)
		all := true
		for _, want := range rec.Expected {
			rep.Expected++
			found := false
			for _, ev := range coded {
				// PETRARCH codes the action a clause states; parley codes
				// an intended or refused one as the intent or the refusal
				// and keeps the action beside it: either matches.
				if (cameoRoot(ev.CAMEO) == cameoRoot(want.Code) || ev.ActionCAMEO != "" && cameoRoot(ev.ActionCAMEO) == cameoRoot(want.Code)) &&
					actorPrefix(unknownCountry(ev.Source, ev.SourceText)) == actorPrefix(want.Source) &&
					actorPrefix(unknownCountry(ev.Target, ev.TargetText)) == actorPrefix(want.Target) {
					found = true
					break
				}
			}
			if found {
				rep.Found++
			} else {
				all = false
			}
		}
		if all {
			rep.AllFound++
			cat[1]++
		} else {
			var want []string
			for _, w := range rec.Expected {
				want = append(want, w.Source+" "+w.Target+" "+w.Code)
			}
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s\t%s\n\twant %s\n\tgot  %s", rec.ID, rec.Text, strings.Join(want, "; "), strings.Join(got, "; ")))
		}
	}
	return rep, nil
}

// Print writes the report.
func (r *PETRReport) Print(w io.Writer) {
	fmt.Fprintf(w, "records expecting events: %d, all expected events produced: %d (%.1f%%)\n",
		r.WithEvents, r.AllFound, 100*ratio(r.AllFound, r.WithEvents))
	fmt.Fprintf(w, "expected events found: %d of %d (%.1f%%); events produced on those records: %d\n",
		r.Found, r.Expected, 100*ratio(r.Found, r.Expected), r.Produced)
	fmt.Fprintf(w, "records expecting no event: %d, left empty: %d (%.1f%%)\n", r.NoEvent, r.Empty, 100*ratio(r.Empty, r.NoEvent))
	fmt.Fprintf(w, "(match: same CAMEO root, source and target with the same three-letter country or group prefix; an actor named but not coded matches \"---\", PETRARCH's unknown country; an intended or refused action matches by its code or its action's)\n")
}

// UnitReport scores a coder on PETRARCH's unit-test records, coded with
// PETRARCH's own validation dictionaries.
type UnitReport struct {
	// WithEvents counts the records that expect events; AllProduced those
	// whose expected events were all produced (same source and target
	// codes; same CAMEO root for a CAMEO code, the code as given for the
	// test codes); Exact those whose coded triples equal the expected
	// multiset (PETRARCH's own convention: no extra, none missing).
	WithEvents, AllProduced, Exact int
	// NoEvent counts the records that expect no event (including those
	// that expect an input error or a discard); Empty those left empty.
	NoEvent, Empty int
	// Skipped counts records with no expectation at all.
	Skipped    int
	ByCategory map[string]*UnitCategory
	// Failures lists the records that failed, for --errors.
	Failures []string
}

// UnitCategory is one row of the per-category table.
type UnitCategory struct {
	Records, AllProduced, Exact int
}

// EvalPETRUnit codes every record with analyse and scores it. isCAMEO
// tells a standard CAMEO code (compared by its root) from a test code
// (compared as given).
func EvalPETRUnit(ctx context.Context, recs []PETRRecord, isCAMEO func(string) bool, analyse func(ctx context.Context, text string, date time.Time) (*document.Document, error)) (*UnitReport, error) {
	rep := &UnitReport{ByCategory: map[string]*UnitCategory{}}
	for _, rec := range recs {
		noEvent := rec.NoEvents || len(rec.Errors) > 0
		if !noEvent && len(rec.Expected) == 0 || strings.TrimSpace(rec.Text) == "" {
			rep.Skipped++
			continue
		}
		doc, err := rec.analyse(ctx, analyse)
		if err != nil {
			return nil, err
		}
		cat := rep.ByCategory[rec.Category]
		if cat == nil {
			cat = &UnitCategory{}
			rep.ByCategory[rec.Category] = cat
		}
		cat.Records++
		var got []string
		for _, ev := range doc.Events {
			if ev.CAMEO != "" {
				got = append(got, ev.Source+" "+ev.Target+" "+ev.CAMEO)
			}
		}
		var want []string
		for _, w := range rec.Expected {
			want = append(want, w.Source+" "+w.Target+" "+w.Code)
		}
		if noEvent {
			rep.NoEvent++
			if len(got) == 0 {
				rep.Empty++
				cat.AllProduced++
				cat.Exact++
			} else {
				rep.Failures = append(rep.Failures, fmt.Sprintf("%s\t%s\n\twant none\n\tgot  %v", rec.ID, rec.Text, got))
			}
			continue
		}
		rep.WithEvents++
		used := make([]bool, len(doc.Events))
		all := true
		for _, w := range rec.Expected {
			found := false
			for k, ev := range doc.Events {
				if used[k] || ev.Source != w.Source || ev.Target != w.Target {
					continue
				}
				same := ev.CAMEO == w.Code
				if !same && isCAMEO(w.Code) {
					same = cameoRoot(ev.CAMEO) == cameoRoot(w.Code)
				}
				if same {
					used[k], found = true, true
					break
				}
			}
			all = all && found
		}
		if all {
			rep.AllProduced++
			cat.AllProduced++
		}
		g, wt := slices.Clone(got), slices.Clone(want)
		slices.Sort(g)
		slices.Sort(wt)
		if slices.Equal(g, wt) {
			rep.Exact++
			cat.Exact++
		} else {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s\t%s\n\twant %v\n\tgot  %v", rec.ID, rec.Text, want, got))
		}
	}
	return rep, nil
}

// Print writes the report and its per-category table.
func (r *UnitReport) Print(w io.Writer) {
	fmt.Fprintf(w, "records expecting events: %d, all expected events produced: %d (%.1f%%), exact multiset: %d (%.1f%%)\n",
		r.WithEvents, r.AllProduced, 100*ratio(r.AllProduced, r.WithEvents), r.Exact, 100*ratio(r.Exact, r.WithEvents))
	fmt.Fprintf(w, "records expecting no event (incl. expected errors and discards): %d, left empty: %d (%.1f%%)\n",
		r.NoEvent, r.Empty, 100*ratio(r.Empty, r.NoEvent))
	fmt.Fprintf(w, "all records: %d, passing (all produced or left empty): %.1f%%, exact: %.1f%%; skipped (no expectation): %d\n",
		r.WithEvents+r.NoEvent, 100*ratio(r.AllProduced+r.Empty, r.WithEvents+r.NoEvent), 100*ratio(r.Exact+r.Empty, r.WithEvents+r.NoEvent), r.Skipped)
	cats := make([]string, 0, len(r.ByCategory))
	for c := range r.ByCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	fmt.Fprintf(w, "%-10s %7s %12s %7s\n", "category", "records", "all-produced", "exact")
	for _, c := range cats {
		x := r.ByCategory[c]
		fmt.Fprintf(w, "%-10s %7d %11.1f%% %6.1f%%\n", c, x.Records, 100*ratio(x.AllProduced, x.Records), 100*ratio(x.Exact, x.Records))
	}
}
