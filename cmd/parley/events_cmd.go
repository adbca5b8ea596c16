package main

import (
	"context"
	"fmt"
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
	}

	// PETRARCH-2's validation records of real news (real actors, so our
	// own dictionary codes them).
	gsr := filepath.Join(petr, "PETR2_GSR_validation.jsonl")
	precs, err := event.OpenPETR(gsr)
	if err != nil {
		fmt.Fprintf(e.stdout, "\nPETRARCH validation: skipped (%v)\n", err)
		return nil
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
	fmt.Fprintf(e.stdout, "PETRARCH unit-test records (invented actors and test verb codes): not scored yet; they need PETRARCH's own dictionaries loaded as user dictionaries\n")
	return nil
}

func orAll(s string) string {
	if s == "" {
		return "all"
	}
	return s
}
