package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/event"
)

// evalEvents scores the event coder on the PLV records of the PLOVER set.
func evalEvents(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval events", "eval events [--split test|train] [DIR]")
	split := fs.String("split", "test", "which split of plv.csv to score (train, test, or all)")
	errs := fs.Bool("errors", false, "list the mistyped records (use on the train split when tuning)")
	unitOnly := fs.Bool("unit", false, "score only PETRARCH's unit-test records")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir := evaldata.Path("plover")
	petr := evaldata.Path("petrarch-validation")
	if fs.NArg() > 0 {
		// The eval folder holding plover/ and petrarch-validation/.
		dir = filepath.Join(fs.Arg(0), "plover")
		petr = filepath.Join(fs.Arg(0), "petrarch-validation")
	}
	if dir == "" {
		return fmt.Errorf("eval events: no gold data found; give the eval folder as an argument or set PARLEY_EVAL")
	}
	if *unitOnly {
		return evalPETRUnit(ctx, e, petr, *errs)
	}
	recs, err := event.OpenPLV(filepath.Join(dir, "plv.csv"))
	if err != nil {
		return fmt.Errorf("eval events: %w", err)
	}
	if *split == "all" {
		*split = ""
	}
	p, err := defaultPipeline()
	if err != nil {
		return err
	}
	analyse := func(ctx context.Context, text string) (*document.Document, error) {
		doc := document.New("plv", text)
		// PLV records carry no date; most are 2017-2020 news, so actor
		// roles are read as of the start of 2019.
		doc.Published = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
		return doc, p.Process(ctx, doc)
	}
	rep, err := event.EvalPLV(ctx, recs, *split, analyse)
	if err != nil {
		return fmt.Errorf("eval events: %w", err)
	}
	fmt.Fprintf(e.stdout, "PLV (%s split of %s)\n", orAll(*split), filepath.Join(dir, "plv.csv"))
	rep.Print(e.stdout)
	if *errs {
		for _, line := range rep.Errors {
			fmt.Fprintln(e.stdout, line)
		}
		for _, line := range rep.ArgErrors {
			fmt.Fprintln(e.stdout, line)
		}
	}

	// PETRARCH-2's validation records of real news (real actors, so our
	// own dictionary codes them).
	gsr := filepath.Join(petr, "PETR2_GSR_validation.jsonl")
	precs, err := event.OpenPETR(gsr)
	if err != nil {
		fmt.Fprintf(e.stdout, "\nPETRARCH-2 GSR validation records: skipped (%v)\n", err)
		return evalPETRUnit(ctx, e, petr, *errs)
	}
	prep, err := event.EvalPETR(ctx, precs, func(ctx context.Context, text string, date time.Time) (*document.Document, error) {
		doc := document.New("petrarch", text)
		doc.Published = date
		return doc, p.Process(ctx, doc)
	})
	if err != nil {
		return fmt.Errorf("eval events: %w", err)
	}
	fmt.Fprintf(e.stdout, "\nPETRARCH-2 GSR validation records (%s)\n", gsr)
	prep.Print(e.stdout)
	if *errs {
		for _, f := range prep.Failures {
			fmt.Fprintln(e.stdout, f)
		}
	}
	return evalPETRUnit(ctx, e, petr, *errs)
}

// evalPETRUnit codes PETRARCH's unit-test records with PETRARCH's own
// validation dictionaries loaded the way a user loads them (--actors for
// actors, agents and discards, --events for the verbs).
func evalPETRUnit(ctx context.Context, e *env, dir string, errs bool) error {
	recsPath := filepath.Join(dir, "PETR.UnitTest.records.jsonl")
	dict := func(kind string) string { return filepath.Join(dir, "PETR.Validate."+kind+".txt") }
	for _, f := range []string{recsPath, dict("actors"), dict("agents"), dict("verbs"), dict("discards")} {
		if _, err := os.Stat(f); err != nil {
			fmt.Fprintf(e.stdout, "\nPETRARCH unit-test records: skipped (%v)\n", err)
			return nil
		}
	}
	recs, err := event.OpenPETR(recsPath)
	if err != nil {
		return fmt.Errorf("eval events: %w", err)
	}
	p, err := buildPipeline([]string{dict("actors"), dict("agents"), dict("discards")}, []string{dict("verbs")})
	if err != nil {
		return fmt.Errorf("eval events: %w", err)
	}
	lx, err := event.DefaultLexicon()
	if err != nil {
		return err
	}
	isCAMEO := func(code string) bool { _, ok := lx.Code(code); return ok }
	rep, err := event.EvalPETRUnit(ctx, recs, isCAMEO, func(ctx context.Context, text string, date time.Time) (*document.Document, error) {
		doc := document.New("petrarch-unit", text)
		doc.Published = date
		return doc, p.Process(ctx, doc)
	})
	if err != nil {
		return fmt.Errorf("eval events: %w", err)
	}
	fmt.Fprintf(e.stdout, "\nPETRARCH unit-test records (%s), coded with PETRARCH's validation dictionaries as user dictionaries\n", recsPath)
	rep.Print(e.stdout)
	if errs {
		for _, f := range rep.Failures {
			fmt.Fprintln(e.stdout, f)
		}
	}
	return nil
}

func orAll(s string) string {
	if s == "" {
		return "all"
	}
	return s
}
