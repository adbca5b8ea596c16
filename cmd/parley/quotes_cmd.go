package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/parley-news/parley/depparse"
	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/ner"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/postag"
	"github.com/parley-news/parley/quote"
	"github.com/parley-news/parley/segment"
	"github.com/parley-news/parley/timex"
)

// polnearBaselines are the published PolNeAR test scores (exact-match F1
// for source, cue, content) from CofeNet's detailed results, Tables 6-8;
// -1 where none was reported.
var polnearBaselines = []struct {
	name                 string
	source, cue, content float64
}{
	{"Rule baseline", 10.7, 22.8, 5.6},
	{"Stanford CoreNLP quote annotator", 13.9, -1, 17.5},
	{"CRF (feature-based)", 50.6, 53.4, 28.6},
	{"BiLSTM-CRF", 69.6, 66.7, 59.0},
	{"BERT-CRF", 82.2, 74.9, 71.0},
	{"BERT + CofeNet", 83.2, 75.3, 72.9},
}

// evalQuotes scores the quote stage on PolNeAR: source, cue and content
// spans, exact and overlapping, and source attribution on detected quotes.
func evalQuotes(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval quotes", "eval quotes [--split test] [DIR]")
	split := fs.String("split", "test", "PolNeAR compartment: train, dev or test")
	verbose := fs.Bool("v", false, "print each document's predictions")
	stages := fs.String("stages", "segment,pos,ner", "comma-separated stages to run before quote (segment, pos, dep, ner, timex); empty for none")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir := evaldata.Path("quotes_polnear")
	if fs.NArg() > 0 {
		dir = fs.Arg(0)
	}
	if dir == "" {
		return fmt.Errorf("eval quotes: no PolNeAR folder (give DIR or set PARLEY_EVAL)")
	}
	docs, err := quote.LoadPolNeAR(dir, *split)
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	pre, err := quotePrereqs(*stages)
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	prep := pipeline.New(pre...)
	finder := quote.NewFinder(nil)
	var sc quote.Score
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc := document.New(d.Name, d.Text)
		doc.Published = d.Published
		if err := prep.Process(ctx, doc); err != nil {
			return fmt.Errorf("eval quotes: %s: %w", d.Name, err)
		}
		pred := finder.Find(doc)
		if *verbose {
			fmt.Fprintf(e.stdout, "## %s\n", d.Name)
			for _, a := range pred {
				fmt.Fprintf(e.stdout, "%s\t%q\t%q\t%q\n", a.Frame, a.SpeakerText, a.CueText, a.Text)
			}
		}
		sc.Add(d.Text, d.Gold, pred)
	}
	fmt.Fprintf(e.stdout, "PolNeAR %s: %d articles (one annotator each), stages before quote: %v\n", *split, sc.Docs, prep.Stages())
	fmt.Fprintln(e.stdout, "spans: exact = same bytes (spaces trimmed), ov = overlapping; a discontinuous gold span counts as its fragments")
	sc.Write(e.stdout)
	fmt.Fprintln(e.stdout, "\npublished baselines on PolNeAR test (exact-match F1, CofeNet Tables 6-8; sentence units, all annotators):")
	for _, b := range polnearBaselines {
		cue := "   -"
		if b.cue >= 0 {
			cue = fmt.Sprintf("%4.1f", b.cue)
		}
		fmt.Fprintf(e.stdout, "  %-34s source %4.1f  cue %s  content %4.1f\n", b.name, b.source, cue, b.content)
	}
	return nil
}

// quotePrereqs returns the named stages the quote finder reads from, in
// pipeline order.
func quotePrereqs(names string) ([]pipeline.Stage, error) {
	var out []pipeline.Stage
	want := map[string]bool{}
	for _, n := range strings.Split(names, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	for _, n := range []string{"segment", "pos", "dep", "ner", "timex"} {
		if !want[n] {
			continue
		}
		delete(want, n)
		switch n {
		case "segment":
			out = append(out, segment.New())
		case "pos":
			out = append(out, postag.NewStage())
		case "dep":
			out = append(out, depparse.NewStage())
		case "ner":
			out = append(out, ner.NewStage())
		case "timex":
			tx, err := timex.NewStage()
			if err != nil {
				return nil, err
			}
			out = append(out, tx)
		}
	}
	for n := range want {
		return nil, fmt.Errorf("unknown stage %q", n)
	}
	return out, nil
}
