package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/segment"
)

// evalSBD scores sentence boundaries on the English Golden Rules.
func evalSBD(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval sbd", "eval sbd [PATH]: sentence boundaries on the English Golden Rules (golden_rules_en.jsonl)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := fs.Arg(0)
	if path == "" {
		path = evaldata.Path("sbd_golden_rules", "golden_rules_en.jsonl")
	}
	if path == "" {
		return errors.New("eval sbd: no PATH given and no gold data found (set PARLEY_EVAL)")
	}
	g, err := segment.EvalGoldenRules(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "golden rules: %d/%d passed (%.2f%%)\n", g.Passed, g.Total, 100*g.Ratio())
	fmt.Fprintln(e.stdout, "scoring: exact list match after trimming; a whitespace run holding a line break counts as one space")
	for _, r := range g.Rules {
		if r.Pass {
			continue
		}
		fmt.Fprintf(e.stdout, "FAIL #%d %s\n  got:  %s\n  want: %s\n", r.ID, r.Title, quoteAll(r.Got), quoteAll(r.Want))
	}
	return nil
}

// evalTokens scores token boundaries on UD English EWT.
func evalTokens(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval tokens", "eval tokens [-errors N] [PATH]: token-boundary F1 on UD English EWT test")
	nerr := fs.Int("errors", 0, "print the first N sentences whose tokens differ from gold")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := fs.Arg(0)
	if path == "" {
		path = evaldata.Path("ud-english-ewt", "en_ewt-ud-test.conllu")
	}
	if path == "" {
		return errors.New("eval tokens: no PATH given and no gold data found (set PARLEY_EVAL)")
	}
	sc, err := segment.EvalTokens(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sentences: %d  gold words: %d  predicted tokens: %d  exact spans: %d\n", sc.Sentences, sc.Gold, sc.Pred, sc.Match)
	fmt.Fprintf(e.stdout, "precision: %.2f%%  recall: %.2f%%  F1: %.2f%%\n", 100*sc.Precision(), 100*sc.Recall(), 100*sc.F1())
	for i, x := range sc.Errors {
		if i >= *nerr {
			break
		}
		fmt.Fprintf(e.stdout, "gold: %s\npred: %s\n\n", strings.Join(x.Gold, " "), strings.Join(x.Pred, " "))
	}
	return nil
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
