package timex

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parley-news/parley/document"
)

var update = flag.Bool("update", false, "rewrite golden files")

func date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func annotate(t testing.TB, anchor, text string) []document.Timex {
	t.Helper()
	st, err := NewStage()
	if err != nil {
		t.Fatal(err)
	}
	doc := document.New("test", text)
	doc.Published = date(anchor)
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, x := range doc.Timexes {
		if doc.Slice(x.Span) != x.Text {
			t.Errorf("timex %q does not match its span %v", x.Text, x.Span)
		}
	}
	return doc.Timexes
}

// Each row exercises one rule: anchor date, sentence, then the expression
// expected in it (its exact extent) with type, value and mod. An empty
// anchor means no publication date.
func TestRules(t *testing.T) {
	const mon = "2025-03-17" // a Monday
	tests := []struct {
		anchor, text, extent, typ, value, mod string
	}{
		// vague references
		{mon, "Talks may resume soon.", "soon", "DATE", "FUTURE_REF", ""},
		{mon, "He recently visited Kyiv.", "recently", "DATE", "PAST_REF", ""},
		{mon, "Prices are now falling.", "now", "DATE", "PRESENT_REF", ""},
		{mon, "Progress will be made in the coming weeks.", "the coming weeks", "DATE", "FUTURE_REF", ""},
		{mon, "It was different in the past.", "the past", "DATE", "PAST_REF", ""},
		// days named from the anchor
		{mon, "The minister resigned yesterday.", "yesterday", "DATE", "2025-03-16", ""},
		{mon, "The vote is tomorrow.", "tomorrow", "DATE", "2025-03-18", ""},
		{mon, "Officials met today.", "today", "DATE", "2025-03-17", ""},
		{mon, "Shelling resumed last night.", "last night", "TIME", "2025-03-16TNI", ""},
		{mon, "He spoke late yesterday.", "late yesterday", "DATE", "2025-03-16", "END"},
		{mon, "She arrived yesterday morning.", "yesterday morning", "TIME", "2025-03-16TMO", ""},
		// weekdays, by tense and by last/next/this
		{mon, "The envoy confirmed the upcoming talk on Sunday.", "Sunday", "DATE", "2025-03-16", ""},
		{mon, "The leaders will speak on Tuesday.", "Tuesday", "DATE", "2025-03-18", ""},
		{mon, "They met on Friday.", "Friday", "DATE", "2025-03-14", ""},
		{mon, "They will meet on Friday.", "Friday", "DATE", "2025-03-21", ""},
		{mon, "The council met last Monday.", "last Monday", "DATE", "2025-03-10", ""},
		{mon, "The council meets next Monday.", "next Monday", "DATE", "2025-03-24", ""},
		{mon, "The report comes out this Thursday.", "this Thursday", "DATE", "2025-03-20", ""},
		{mon, "Troops crossed the border on Saturday night.", "Saturday night", "TIME", "2025-03-15TNI", ""},
		{mon, "It happened early Sunday.", "early Sunday", "DATE", "2025-03-16", "START"},
		// months, by tense
		{mon, "Trump began his second term in January.", "January", "DATE", "2025-01", ""},
		{mon, "They last spoke in February.", "February", "DATE", "2025-02", ""},
		{mon, "The summit will be held in June.", "June", "DATE", "2025-06", ""},
		{mon, "The law passed in November.", "November", "DATE", "2024-11", ""},
		{mon, "Elections are due in February.", "February", "DATE", "2026-02", ""},
		{mon, "Fighting eased last April.", "last April", "DATE", "2024-04", ""},
		{mon, "Fighting eased in early December.", "early December", "DATE", "2024-12", "START"},
		{mon, "The army withdrew in June last year.", "June last year", "DATE", "2024-06", ""},
		// calendar dates
		{mon, "The treaty was signed on March 3, 2019.", "March 3, 2019", "DATE", "2019-03-03", ""},
		{mon, "The treaty was signed on 3 March 2019.", "3 March 2019", "DATE", "2019-03-03", ""},
		{mon, "The deadline is April 7.", "April 7", "DATE", "2025-04-07", ""},
		{mon, "He was born in May 1970.", "May 1970", "DATE", "1970-05", ""},
		{mon, "The filing is dated 2024-11-05.", "2024-11-05", "DATE", "2024-11-05", ""},
		{mon, "The filing is dated 11/05/2024.", "11/05/2024", "DATE", "2024-11-05", ""},
		{mon, "The war began in 2022.", "2022", "DATE", "2022", ""},
		{mon, "Output fell in the 1990s.", "the 1990s", "DATE", "199", ""},
		{mon, "It was the worst flood of the 20th century.", "the 20th century", "DATE", "19", ""},
		{mon, "It happened in nineteen ninety-four.", "nineteen ninety-four", "DATE", "1994", ""},
		// this/last/next unit, ago, earlier this
		{mon, "Putin and Trump will speak this week.", "this week", "DATE", "2025-W12", ""},
		{mon, "The ministers met last week.", "last week", "DATE", "2025-W11", ""},
		{mon, "Talks resume next month.", "next month", "DATE", "2025-04", ""},
		{mon, "Exports grew last year.", "last year", "DATE", "2024", ""},
		{mon, "Exports grew this year.", "this year", "DATE", "2025", ""},
		{mon, "The ban was lifted earlier this month.", "earlier this month", "DATE", "2025-03", "START"},
		{mon, "The plant closed two years ago.", "two years ago", "DATE", "2023", ""},
		{mon, "The plant closed three days ago.", "three days ago", "DATE", "2025-03-14", ""},
		{mon, "The plant closed a month ago.", "a month ago", "DATE", "2025-02", ""},
		{mon, "The plant closed several years ago.", "several years ago", "DATE", "PAST_REF", ""},
		{mon, "Crowds gathered over the weekend.", "the weekend", "DATE", "2025-W11-WE", ""},
		{mon, "Crowds gathered last weekend.", "last weekend", "DATE", "2025-W11-WE", ""},
		// quarters, halves, seasons, holidays
		{mon, "Profit rose in the third quarter.", "the third quarter", "DATE", "2024-Q3", ""},
		{mon, "Profit rose in the first quarter.", "the first quarter", "DATE", "2025-Q1", ""},
		{mon, "A fourth-quarter loss was reported.", "fourth-quarter", "DATE", "2024-Q4", ""},
		{mon, "Growth slowed in the first half of 2024.", "the first half of 2024", "DATE", "2024-H1", ""},
		{mon, "The offensive stalled last summer.", "last summer", "DATE", "2024-SU", ""},
		{mon, "Shops close on Christmas Day.", "Christmas Day", "DATE", "2025-12-25", ""},
		{mon, "The parade will be on Thanksgiving.", "Thanksgiving", "DATE", "2025-11-27", ""},
		{mon, "Churches fill at Easter.", "Easter", "DATE", "2025-04-20", ""},
		// durations
		{mon, "The U.S. has proposed a 30-day ceasefire.", "30-day", "DURATION", "P30D", ""},
		{mon, "The talks lasted two hours.", "two hours", "DURATION", "PT2H", ""},
		{mon, "Prices rose over the past three months.", "the past three months", "DURATION", "P3M", ""},
		{mon, "The season started a month early.", "a month", "DURATION", "P1M", ""},
		{mon, "It is the worst in a decade.", "a decade", "DURATION", "P10Y", ""},
		{mon, "He served for nearly two years.", "nearly two years", "DURATION", "P2Y", "LESS_THAN"},
		{mon, "He served for more than 20 years.", "more than 20 years", "DURATION", "P20Y", "MORE_THAN"},
		{mon, "The strike lasted two and a half days.", "two and a half days", "DURATION", "P2.5D", ""},
		{mon, "Ties have worsened in recent weeks.", "recent weeks", "DURATION", "PXW", ""},
		{mon, "A twenty-five-year lease was signed.", "twenty-five-year", "DURATION", "P25Y", ""},
		{mon, "The deal follows months of talks.", "months", "DURATION", "PXM", ""},
		{mon, "They held a day-long meeting.", "day-long", "DURATION", "P1D", ""},
		{mon, "In the final days of the campaign, polls moved.", "the final days", "DURATION", "PXD", ""},
		{mon, "Margins shrank in recent quarters.", "recent quarters", "DURATION", "PXQ", ""},
		{mon, "The inspectors arrived days after the blast.", "days", "DURATION", "PXD", ""},
		// sets
		{mon, "The index is published daily.", "daily", "SET", "P1D", ""},
		{mon, "The board meets every week.", "every week", "SET", "P1W", ""},
		{mon, "The board meets each Thursday.", "each Thursday", "SET", "XXXX-WXX-4", ""},
		// clock times
		{mon, "The strike began at 10:30 a.m.", "10:30 a.m.", "TIME", "2025-03-17T10:30", ""},
		{mon, "The polls close at 8 p.m. Tuesday.", "8 p.m. Tuesday", "TIME", "2025-03-18T20:00", ""},
		// ranges: each end is its own expression
		{mon, "The pandemic of 2009-2010 killed many.", "2009", "DATE", "2009", ""},
		{mon, "The pandemic of 2009-2010 killed many.", "2010", "DATE", "2010", ""},
		{mon, "Repairs take two to six days.", "two", "DURATION", "P2D", ""},
		{mon, "Repairs take two to six days.", "six days", "DURATION", "P6D", ""},
		// counted from the last stated date
		{mon, "The firm was founded in 2016. That same year, it moved.", "That same year", "DATE", "2016", ""},
		{mon, "The treaty was signed in 1994. A decade later it lapsed.", "A decade later", "DATE", "200", ""},
		// more named days and periods
		{mon, "Voters went to the polls on Election Day.", "Election Day", "DATE", "2024-11-05", ""},
		{mon, "Hate groups shrank through the nineties.", "the nineties", "DATE", "199", ""},
		{mon, "The father will leave at 4 in the morning.", "4 in the morning", "TIME", "2025-03-17T04:00", ""},
		{mon, "The deal should close by year end.", "year end", "DATE", "2025", "END"},
		{mon, "Inspectors visit twice a year.", "a year", "SET", "P1Y", ""},
		{mon, "Sales rose in the fourth quarter, from $5 million a year earlier.", "a year earlier", "DATE", "2023-Q4", ""},
		// no publication date: underspecified
		{"", "The envoy confirmed the talk on Sunday.", "Sunday", "DATE", "XXXX-WXX-7", ""},
		{"", "They will speak this week.", "this week", "DATE", "XXXX-WXX", ""},
		{"", "They last spoke in February.", "February", "DATE", "XXXX-02", ""},
		{"", "The treaty was signed on March 3, 2019.", "March 3, 2019", "DATE", "2019-03-03", ""},
	}
	for _, tt := range tests {
		t.Run(tt.extent+"/"+tt.anchor, func(t *testing.T) {
			got := annotate(t, tt.anchor, tt.text)
			for _, x := range got {
				if x.Text != tt.extent {
					continue
				}
				if x.Type != tt.typ || x.Value != tt.value || x.Mod != tt.mod {
					t.Errorf("%q in %q (anchor %q): got %s %s %s, want %s %s %s", tt.extent, tt.text, tt.anchor, x.Type, x.Value, x.Mod, tt.typ, tt.value, tt.mod)
				}
				return
			}
			t.Errorf("%q: no timex %q; got %v", tt.text, tt.extent, got)
		})
	}
}

// Phrases that look like time expressions but are not.
func TestNotTimex(t *testing.T) {
	for _, text := range []string{
		"He built ties during Trump's first term.",
		"The troops may advance.",
		"A 6-year-old girl was hurt.",
		"They paid $2010 in fees.",
		"Crowds march through the city.",
		"The plan saves $500 million a year.",
		"Mr. Reupke, 52 years old, will retire.",
		"Thousands joined the March for Life.",
		"He told ABC's This Week that talks failed.",
		"It would be a second betrayal.",
	} {
		if got := annotate(t, "2025-03-17", text); len(got) > 0 {
			t.Errorf("%q: want no timex, got %v", text, got)
		}
	}
}

func TestInferredYear(t *testing.T) {
	st, err := NewStage()
	if err != nil {
		t.Fatal(err)
	}
	doc := document.New("test", "Trump began his second term in January. They last spoke in February. They will speak on Sunday.")
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"January": "2025-01", "February": "2025-02", "Sunday": "XXXX-WXX-7"}
	for _, x := range doc.Timexes {
		if w, ok := want[x.Text]; !ok || x.Value != w {
			t.Errorf("%q: got %s, want %s", x.Text, x.Value, w)
		}
		if x.Inferred != (x.Text != "Sunday") {
			t.Errorf("%q: Inferred = %v", x.Text, x.Inferred)
		}
	}
	if len(doc.Timexes) != len(want) || len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "inferred document year 2025") {
		t.Errorf("timexes %v, warnings %q", doc.Timexes, doc.Warnings)
	}
}

func TestWhen(t *testing.T) {
	st, err := NewStage()
	if err != nil {
		t.Fatal(err)
	}
	text := "The envoy met Putin on Sunday. Talks will continue. The army shelled the town. The mayor says the water is safe."
	doc := document.New("test", text)
	doc.Published = date("2025-03-17")
	if err := st.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	span := func(w string) document.Span {
		i := strings.Index(text, w)
		return document.Span{Start: i, End: i + len(w)}
	}
	tests := []struct {
		trigger string
		want    Reference
	}{
		{"met", Reference{Value: "2025-03-16", Granularity: "day", Stated: true, Tense: TensePast}},
		{"continue", Reference{Value: "FUTURE_REF", Tense: TenseFuture}},
		{"shelled", Reference{Value: "PAST_REF", Tense: TensePast}},
		{"safe", Reference{Value: "2025-03-17", Granularity: "day", Tense: TensePresent}},
	}
	for _, tt := range tests {
		got := When(doc, span(tt.trigger))
		got.Timex = nil
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("When(%q) (-want +got):\n%s", tt.trigger, diff)
		}
	}
}

// TestGolden annotates testdata/sentences.txt (one "ANCHOR<TAB>sentence" a
// line, written for this test) and compares with sentences.golden.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "sentences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(in)), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		anchor, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		if anchor == "-" {
			anchor = ""
		}
		fmt.Fprintf(&b, "%s\t%s\n", anchor, text)
		for _, x := range annotate(t, anchor, text) {
			fmt.Fprintf(&b, "\t[%s]\t%s\t%s\t%s\t%s\n", x.Text, x.Type, x.Value, x.Mod, x.Granularity)
		}
	}
	golden := filepath.Join("testdata", "sentences.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("golden mismatch (-want +got):\n%s", diff)
	}
}
