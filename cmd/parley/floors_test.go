package main

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/parley-news/parley/evaldata"
)

// TestScoreFloors runs the end-to-end scorers of the stages that depend on
// the whole pipeline on their test splits and fails when a score falls
// below the floor its issue requires. The model packages check their own
// floors (postag, depparse, ner, segment, timex).
func TestScoreFloors(t *testing.T) {
	if evaldata.Root() == "" {
		t.Skip("gold data not found: set PARLEY_EVAL or put shared/eval beside the clone")
	}
	if testing.Short() {
		t.Skip("end-to-end scorers skipped in -short mode")
	}
	tests := []struct {
		name  string
		args  []string
		score *regexp.Regexp // its first group is the score
		floor float64
	}{
		{"GAP overall F1", []string{"eval", "gap"}, regexp.MustCompile(`overall\s+F1\s+([0-9.]+)`), 68},
		{"PolNeAR content overlap F1", []string{"eval", "quotes"}, regexp.MustCompile(`(?m)^content\s.*\|.*\|\s+[0-9.]+\s+[0-9.]+\s+([0-9.]+)\s*$`), 70},
		{"PolNeAR source attribution", []string{"eval", "quotes"}, regexp.MustCompile(`source attribution accuracy on detected quotes: ([0-9.]+)`), 75},
		// PLV test split (74.5% and 73.7 when set; the issue requires 60
		// and 50, its goal is 80).
		{"PLV type accuracy", []string{"eval", "events"}, regexp.MustCompile(`type accuracy ([0-9.]+)%`), 71},
		{"PLV macro F1", []string{"eval", "events"}, regexp.MustCompile(`macro F1 ([0-9.]+)`), 70},
		// PETRARCH-2's GSR validation records of real news, coded with
		// parley's own dictionaries (33.3% when set).
		{"PETRARCH-2 GSR all produced", []string{"eval", "events"}, regexp.MustCompile(`(?m)all expected events produced: \d+ \(([0-9.]+)%\)$`), 30},
		// PETRARCH's unit-test records coded with its validation
		// dictionaries loaded as user dictionaries (86.0, 82.1 and 80.8 when
		// set; the goal is 85).
		{"PETRARCH unit tests all produced", []string{"eval", "events"}, regexp.MustCompile(`all expected events produced: \d+ \(([0-9.]+)%\), exact multiset`), 82},
		{"PETRARCH unit tests exact", []string{"eval", "events"}, regexp.MustCompile(`exact multiset: \d+ \(([0-9.]+)%\)`), 78},
		{"PETRARCH unit tests no-event left empty", []string{"eval", "events"}, regexp.MustCompile(`expecting no event \(incl\. expected errors and discards\): \d+, left empty: \d+ \(([0-9.]+)%\)`), 75},
	}
	outputs := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := tt.args[1]
			out, ok := outputs[key]
			if !ok {
				var err error
				out, err = runWithInput(t, "", tt.args...)
				if err != nil {
					t.Fatal(err)
				}
				outputs[key] = out
			}
			m := tt.score.FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("no score in the output of parley %v:\n%s", tt.args, out)
			}
			got, _ := strconv.ParseFloat(m[1], 64)
			t.Logf("%s: %.1f (floor %.0f)", tt.name, got, tt.floor)
			if got < tt.floor {
				t.Errorf("%s = %.1f, below its floor %.0f", tt.name, got, tt.floor)
			}
		})
	}
}
