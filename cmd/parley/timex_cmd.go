package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/postag"
	"github.com/parley-news/parley/segment"
	"github.com/parley-news/parley/timex"
)

// evalTimex scores the timex stage on TempEval-3 (Task A): the platinum
// test set, and with -train the TBAQ-cleaned training data as the
// development figure.
func evalTimex(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval timex", "eval timex [-train] [-errors] [DIR]")
	train := fs.Bool("train", false, "also score TBAQ-cleaned (TimeBank+AQUAINT), the development data")
	showErrors := fs.Bool("errors", false, "list every missed, spurious and wrongly normalised expression")
	alone := fs.Bool("alone", false, "run the timex stage alone, without segmentation and tagging before it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir := evaldata.Path("timex_tempeval3")
	if fs.NArg() > 0 {
		dir = fs.Arg(0)
	}
	if dir == "" {
		return fmt.Errorf("eval timex: no data folder: give DIR or set PARLEY_EVAL")
	}
	n, err := timex.Default()
	if err != nil {
		return err
	}
	sets := []struct{ name, path string }{{"te3-platinum (test)", filepath.Join(dir, "Evaluation", "te3-platinum")}}
	if *train {
		sets = append(sets,
			struct{ name, path string }{"TBAQ TimeBank (dev)", filepath.Join(dir, "Training", "TBAQ-cleaned", "TimeBank")},
			struct{ name, path string }{"TBAQ AQUAINT (dev)", filepath.Join(dir, "Training", "TBAQ-cleaned", "AQUAINT")})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tdocs\tgold\tsys\tstrict P\tR\tF1\trelaxed P\tR\tF1\ttype F1\tvalue P\tR\tF1\t")
	for _, s := range sets {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, err := timex.ReadTimeMLDir(s.path)
		if err != nil {
			return fmt.Errorf("eval timex: %w", err)
		}
		var prepare []func(*document.Document) error
		if !*alone {
			prepare = append(prepare, func(doc *document.Document) error { return prepareTimex(ctx, doc) })
		}
		sc := n.Evaluate(docs, prepare...)
		if sc.Warnings > 0 {
			fmt.Fprintf(e.stderr, "parley eval timex: %s: %d documents without segmentation or tags (%s)\n", s.name, sc.Warnings, sc.FirstWarning)
		}
		sp, sr, sf := sc.StrictPRF()
		rp, rr, rf := sc.RelaxedPRF()
		_, _, tf := sc.TypePRF()
		vp, vr, vf := sc.ValuePRF()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\n",
			s.name, len(docs), sc.Gold, sc.System, sp, sr, sf, rp, rr, rf, tf, vp, vr, vf)
		if *showErrors {
			defer func(errs []string) {
				for _, l := range errs {
					fmt.Fprintln(e.stdout, l)
				}
			}(sc.Errors)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	stages := "segment, pos, timex"
	if *alone {
		stages = "timex alone"
	}
	fmt.Fprintf(e.stdout, "TempEval-3 Task A (%s): strict/relaxed extent match; type and value correct on relaxed matches (UzZaman et al. 2013).\n", stages)
	return nil
}

// runTimex reads one document (plain text or TimeML such as a TempEval-3
// .TE3input file) and writes its time expressions, as TimeML with
// --timeml, else one per line.
func runTimex(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "timex", "timex [--timeml] [--published YYYY-MM-DD] [FILE|-]")
	asTimeML := fs.Bool("timeml", false, "write TimeML with inline TIMEX3 tags")
	published := fs.String("published", "", "publication date YYYY-MM-DD (overrides a TimeML DCT)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var in io.Reader = e.stdin
	name := "-"
	if fs.NArg() > 0 && fs.Arg(0) != "-" {
		name = fs.Arg(0)
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("timex: %w", err)
	}
	doc := document.New(name, string(data))
	docID, dct := strings.TrimSuffix(filepath.Base(name), ".TE3input"), ""
	if name == "-" {
		docID = "stdin"
	}
	if looksLikeTimeML(data) {
		tml, err := timex.ParseTimeML(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("timex: %w", err)
		}
		doc = document.New(name, tml.Text)
		doc.Title = tml.Title
		doc.Published = tml.Published()
		if !doc.Published.IsZero() {
			doc.PublishedFrom = "timeml"
		}
		if tml.DocID != "" {
			docID = tml.DocID
		}
		dct = tml.DCT
	}
	if *published != "" {
		t, err := time.Parse("2006-01-02", *published)
		if err != nil {
			return fmt.Errorf("timex: --published: %w", err)
		}
		doc.Published, doc.PublishedFrom, dct = t, "flag", *published
	}
	st, err := timex.NewStage()
	if err != nil {
		return err
	}
	// Segmentation and tagging only sharpen the tense cues: without them
	// the timex stage reads cue words, so their failure is a warning.
	if err := prepareTimex(ctx, doc); err != nil {
		fmt.Fprintf(e.stderr, "parley timex: %v; reading tense from cue words\n", err)
	}
	if err := st.Process(ctx, doc); err != nil {
		return err
	}
	for _, w := range doc.Warnings {
		fmt.Fprintln(e.stderr, "parley timex:", w)
	}
	if *asTimeML {
		return timex.WriteTimeML(e.stdout, docID, dct, doc.Title, doc.Text, doc.Timexes)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "start\tend\ttype\tvalue\tmod\tgranularity\tflags\ttext")
	for _, t := range doc.Timexes {
		var flags []string
		if t.Anchored {
			flags = append(flags, "anchored")
		}
		if t.Inferred {
			flags = append(flags, "inferred")
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.Start, t.End, t.Type, t.Value, t.Mod, t.Granularity, strings.Join(flags, ","), t.Text)
	}
	return tw.Flush()
}

// prepareTimex runs the stages before timex in the default pipeline
// (segment, pos). Their failure leaves the document as the timex stage can
// still read it: without sentences or without tags.
func prepareTimex(ctx context.Context, doc *document.Document) error {
	if err := segment.New().Process(ctx, doc); err != nil {
		doc.Sentences, doc.Tokens = nil, nil
		return fmt.Errorf("segment stage failed: %w", err)
	}
	if err := postag.NewStage().Process(ctx, doc); err != nil {
		for i := range doc.Tokens {
			doc.Tokens[i].XPOS, doc.Tokens[i].UPOS = "", ""
		}
		return fmt.Errorf("pos stage failed: %w", err)
	}
	return nil
}

// looksLikeTimeML reports whether data starts as an XML TimeML document.
func looksLikeTimeML(data []byte) bool {
	head := data[:min(len(data), 512)]
	return bytes.Contains(head, []byte("<TimeML")) || bytes.HasPrefix(bytes.TrimSpace(head), []byte("<?xml"))
}
