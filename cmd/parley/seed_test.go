package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
)

// TestSeedEvents checks that the events a careful reader lists in the
// user's seed article (shared/seed/article.txt, published 2025-03-17)
// come out with the right parties, status and date. It skips when the
// shared folder is absent.
func TestSeedEvents(t *testing.T) {
	root := evaldata.Root()
	if root == "" {
		t.Skip("shared data not found: set PARLEY_EVAL or put shared/ beside the clone")
	}
	path := filepath.Join(filepath.Dir(root), "seed", "article.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed article not available: %v", err)
	}
	p, err := defaultPipeline()
	if err != nil {
		t.Fatal(err)
	}
	doc := document.New(path, string(data))
	doc.Published = time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)
	if err := p.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	const (
		trump   = "person:donald-trump"
		putin   = "person:vladimir-putin"
		witkoff = "person:steve-witkoff"
		macron  = "person:emmanuel-macron"
		fogel   = "local:marc-fogel"
	)
	tests := []struct {
		what                  string
		action, cameo         string // the action's PLOVER type and CAMEO code
		source, target        string // actor ids; "" matches anything
		status, date, claimed string
	}{
		{"the planned Trump-Putin call this week", "CONSULT", "", trump, putin, "planned", "2025-W12", ""},
		{"the February call", "CONSULT", "", trump, putin, "occurred", "2025-02", ""},
		{"Witkoff's visit to Russia", "CONSULT", "042", witkoff, "state:RUS", "occurred", "", ""},
		{"Witkoff's meeting with Putin", "CONSULT", "040", witkoff, putin, "occurred", "", ""},
		{"the release of Marc Fogel", "RETREAT", "0841", "", fogel, "occurred", "", ""},
		{"Fogel's detention", "COERCE", "173", "", fogel, "occurred", "", ""},
		{"the US proposal of a ceasefire", "RETREAT", "0871", "state:USA", "", "proposed", "", ""},
		{"Ukraine's acceptance", "RETREAT", "0871", "state:UKR", "", "agreed", "", ""},
		{"Putin's agreement in principle", "RETREAT", "0871", putin, "", "agreed_in_principle", "", ""},
		{"Macron's doubt about Russia", "ACCUSE", "", macron, "state:RUS", "occurred", "", ""},
		{"Witkoff's rejection of Macron's assessment", "REJECT", "", witkoff, macron, "occurred", "", ""},
		{"the attacks Macron asserts", "ASSAULT", "", putin, "", "claimed", "", macron},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			for _, ev := range doc.Events {
				action, cameo := ev.Type, ev.CAMEO
				if ev.Action != "" {
					action, cameo = ev.Action, ev.ActionCAMEO
				}
				parties := tt.source == "" || ev.SourceActor == tt.source
				parties = parties && (tt.target == "" || ev.TargetActor == tt.target)
				if tt.source != "" && tt.target != "" && ev.SourceActor == tt.target && ev.TargetActor == tt.source {
					parties = true // mutual events may name either party first
				}
				if action == tt.action && (tt.cameo == "" || cameo == tt.cameo) && parties && ev.Status == tt.status &&
					(tt.date == "" || ev.Date == tt.date) && (tt.claimed == "" || ev.ClaimedBy == tt.claimed) {
					return
				}
			}
			for _, ev := range doc.Events {
				t.Logf("have %s/%s %s %s->%s %s %s claimed_by=%s: %s", ev.Type, ev.Action, ev.ActionCAMEO, ev.SourceActor, ev.TargetActor,
					ev.Status, ev.Date, ev.ClaimedBy, doc.Slice(ev.Trigger))
			}
			t.Errorf("no event for %s", tt.what)
		})
	}
}
