package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/parley-news/parley/conllu"
	"github.com/parley-news/parley/depparse"
	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/lemma"
	"github.com/parley-news/parley/postag"
)

// ewtFile returns the path of one split of UD English EWT inside dir.
func ewtFile(dir, split string) string {
	return filepath.Join(dir, "en_ewt-ud-"+split+".conllu")
}

func readCoNLLU(path string) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return conllu.ReadAll(f, path)
}

// evalGold reads the gold file named by the command's argument, or the
// EWT test split, and returns its path and sentences.
func evalGold(fs interface {
	Arg(int) string
	NArg() int
}) (string, []*conllu.Sentence, error) {
	path := fs.Arg(0)
	if fs.NArg() == 0 {
		if path = evaldata.Path("ud-english-ewt", "en_ewt-ud-test.conllu"); path == "" {
			return "", nil, fmt.Errorf("no gold data: give a PATH or set PARLEY_EVAL")
		}
	}
	gold, err := readCoNLLU(path)
	return path, gold, err
}

// loadModel returns the model in path read by load, or the embedded one.
func loadModel[M any](path string, embedded func() (M, error), load func(io.Reader) (M, error)) (M, error) {
	if path == "" {
		return embedded()
	}
	f, err := os.Open(path)
	if err != nil {
		var zero M
		return zero, err
	}
	defer f.Close()
	return load(f)
}

func evalPOS(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval pos", "eval pos [--model FILE] [PATH]")
	model := fs.String("model", "", "tagger model (default: the embedded one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, gold, err := evalGold(fs)
	if err != nil {
		return err
	}
	t, err := loadModel(*model, postag.Default, postag.Load)
	if err != nil {
		return err
	}
	start := time.Now()
	sc := postag.Evaluate(t, gold)
	el := time.Since(start)
	fmt.Fprintf(e.stdout, "file   %s\n", path)
	fmt.Fprintf(e.stdout, "words  %d\n", sc.Words)
	fmt.Fprintf(e.stdout, "UPOS   %.2f%% (%d/%d)\n", sc.UPOSAcc(), sc.UPOS, sc.Words)
	fmt.Fprintf(e.stdout, "XPOS   %.2f%% (%d/%d)\n", sc.XPOSAcc(), sc.XPOS, sc.Words)
	fmt.Fprintf(e.stdout, "both   %.2f%% (%d/%d)\n", sc.BothAcc(), sc.Both, sc.Words)
	fmt.Fprintf(e.stdout, "speed  %.0f words/s\n", float64(sc.Words)/el.Seconds())
	return nil
}

// trainFlags parses the flags shared by the trainers.
func trainFlags(e *env, name string, args []string) (data, out string, iters int, err error) {
	fs := newFlags(e, "train "+name, "train "+name+" --data DIR --out FILE")
	fs.StringVar(&data, "data", "", "the ud-english-ewt folder (default: from evaldata)")
	fs.StringVar(&out, "out", "", "model file to write")
	fs.IntVar(&iters, "iterations", 0, "training passes (0: the default)")
	if err = fs.Parse(args); err != nil {
		return
	}
	if data == "" {
		data = evaldata.Path("ud-english-ewt")
	}
	if data == "" || out == "" {
		fs.Usage()
		err = errUsage
	}
	return
}

func trainPOS(ctx context.Context, e *env, args []string) error {
	data, out, iters, err := trainFlags(e, "pos", args)
	if err != nil {
		return err
	}
	if iters == 0 {
		iters = 8
	}
	train, dev, err := readTrainDev(data)
	if err != nil {
		return err
	}
	start := time.Now()
	t, err := postag.Train(train, postag.TrainOptions{Iterations: iters, Dev: dev, Log: e.stderr, Seed: 1, Context: ctx})
	if err != nil {
		return err
	}
	if err := writeModel(out, t.Save); err != nil {
		return err
	}
	sc := postag.Evaluate(t, dev)
	fmt.Fprintf(e.stdout, "trained in %s; dev UPOS %.2f%% XPOS %.2f%%; wrote %s\n",
		time.Since(start).Round(time.Second), sc.UPOSAcc(), sc.XPOSAcc(), out)
	return nil
}

// writeModel writes a model file through save, replacing out atomically.
func writeModel(out string, save func(io.Writer) error) error {
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := save(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

// tagFlags parses the flags of the tag commands.
func tagFlags(e *env, name string, args []string) (model string, err error) {
	fs := newFlags(e, "tag "+name, "tag "+name+" --conllu [--model FILE] < in")
	fs.Bool("conllu", true, "read and write CoNLL-U (the only format)")
	fs.StringVar(&model, "model", "", "model file (default: the embedded one)")
	err = fs.Parse(args)
	return
}

func tagPOS(ctx context.Context, e *env, args []string) error {
	model, err := tagFlags(e, "pos", args)
	if err != nil {
		return err
	}
	t, err := loadModel(model, postag.Default, postag.Load)
	if err != nil {
		return err
	}
	lem, err := lemma.Default()
	if err != nil {
		return err
	}
	return mapCoNLLU(ctx, e, func(s *conllu.Sentence) {
		upos, xpos := t.Tag(s.Forms())
		for i := range s.Words {
			w := &s.Words[i]
			w.UPOS, w.XPOS, w.Lemma = upos[i], xpos[i], lem.Lemma(w.Form, xpos[i])
			w.Feats = "" // not predicted; never pass the input's through
		}
	})
}

// mapCoNLLU reads CoNLL-U sentences from standard input, applies fn to
// each and writes them to standard output.
func mapCoNLLU(ctx context.Context, e *env, fn func(*conllu.Sentence)) error {
	rd := conllu.NewReader(e.stdin, "stdin")
	w := bufio.NewWriter(e.stdout)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		s, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		fn(s)
		if err := conllu.Write(w, s); err != nil {
			return err
		}
	}
	return w.Flush()
}

func evalDep(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval dep", "eval dep [--model FILE] [--tagger FILE] [--gold-tags] [PATH]")
	model := fs.String("model", "", "parser model (default: the embedded one)")
	tagModel := fs.String("tagger", "", "tagger model (default: the embedded one)")
	goldTags := fs.Bool("gold-tags", false, "parse with the gold UPOS/XPOS instead of predicted tags")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, gold, err := evalGold(fs)
	if err != nil {
		return err
	}
	p, err := loadModel(*model, depparse.Default, depparse.Load)
	if err != nil {
		return err
	}
	var t *postag.Tagger
	if !*goldTags {
		if t, err = loadModel(*tagModel, postag.Default, postag.Load); err != nil {
			return err
		}
	}
	start := time.Now()
	sc := depparse.Evaluate(p, gold, t)
	el := time.Since(start)
	tags := "predicted tags"
	if *goldTags {
		tags = "gold tags"
	}
	fmt.Fprintf(e.stdout, "file   %s (%s)\n", path, tags)
	fmt.Fprintf(e.stdout, "words  %d\n", sc.Words)
	fmt.Fprintf(e.stdout, "UAS    %.2f%% (%d/%d)\n", sc.UASPct(), sc.UAS, sc.Words)
	fmt.Fprintf(e.stdout, "LAS    %.2f%% (%d/%d)\n", sc.LASPct(), sc.LAS, sc.Words)
	fmt.Fprintf(e.stdout, "exact  %d/%d sentences\n", sc.Exact, sc.Sentences)
	fmt.Fprintf(e.stdout, "speed  %.0f words/s (tagging and parsing)\n", float64(sc.Words)/el.Seconds())
	return nil
}

func trainDep(ctx context.Context, e *env, args []string) error {
	data, out, iters, err := trainFlags(e, "dep", args)
	if err != nil {
		return err
	}
	if iters == 0 {
		iters = 12
	}
	train, dev, err := readTrainDev(data)
	if err != nil {
		return err
	}
	start := time.Now()
	// The tagger that tags dev is trained on all of train, like the
	// embedded one; train itself is tagged by jackknifing.
	fmt.Fprintln(e.stderr, "dep: training the tagger for dev")
	tagger, err := postag.Train(train, postag.TrainOptions{Iterations: jackknifeTagIters, Seed: 1, Context: ctx})
	if err != nil {
		return err
	}
	jk, err := depparse.Jackknife(train, jackknifeFolds, postag.TrainOptions{Iterations: jackknifeTagIters, Seed: 1, Log: e.stderr, Context: ctx})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "dep: tags ready after %s\n", time.Since(start).Round(time.Second))
	devTagged := depparse.Retag(tagger, dev)
	p, err := depparse.Train(jk, depparse.TrainOptions{Iterations: iters, Seed: 1, Dev: devTagged, Log: e.stderr, TwoStage: depTwoStage, Context: ctx})
	if err != nil {
		return err
	}
	p.Prune(depMinWeight, depQuantum)
	if err := writeModel(out, p.Save); err != nil {
		return err
	}
	// Score what was written: pruning and rounding change the model.
	if p, err = loadModel(out, depparse.Default, depparse.Load); err != nil {
		return err
	}
	sc := depparse.Evaluate(p, devTagged, nil)
	fmt.Fprintf(e.stdout, "trained in %s; dev UAS %.2f%% LAS %.2f%% (predicted tags); wrote %s\n",
		time.Since(start).Round(time.Second), sc.UASPct(), sc.LASPct(), out)
	return nil
}

// Jackknifing settings: folds, and tagger passes per fold (the pass count
// that scored best on dev for the full tagger). The parser drops weights
// under depMinWeight and rounds the rest to depQuantum when written: a
// speed-for-accuracy trade measured on dev (pruning at 1: -0.02 UAS, 6 MB;
// at 2: -0.45 UAS, 1.8 MB, and the parser runs about 1.6 times faster).
// depTwoStage picks the two-stage parser, faster again but 1.3 LAS worse
// on dev, so it is off.
const (
	jackknifeFolds    = 5
	jackknifeTagIters = 6
	depMinWeight      = 2
	depQuantum        = 0.25
	depTwoStage       = false
)

func tagDep(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "tag dep", "tag dep --conllu [--model FILE] [--tagger FILE] [--gold-tags] < in")
	fs.Bool("conllu", true, "read and write CoNLL-U (the only format)")
	model := fs.String("model", "", "parser model (default: the embedded one)")
	tagModel := fs.String("tagger", "", "tagger model (default: the embedded one)")
	goldTags := fs.Bool("gold-tags", false, "keep the input's UPOS/XPOS instead of tagging")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := loadModel(*model, depparse.Default, depparse.Load)
	if err != nil {
		return err
	}
	t, err := loadModel(*tagModel, postag.Default, postag.Load)
	if err != nil {
		return err
	}
	lem, err := lemma.Default()
	if err != nil {
		return err
	}
	return mapCoNLLU(ctx, e, func(s *conllu.Sentence) {
		forms := s.Forms()
		upos := make([]string, len(forms))
		xpos := make([]string, len(forms))
		for i, w := range s.Words {
			upos[i], xpos[i] = w.UPOS, w.XPOS
		}
		if !*goldTags {
			upos, xpos = t.Tag(forms)
		}
		heads, rels := p.Parse(forms, upos, xpos)
		for i := range s.Words {
			w := &s.Words[i]
			w.UPOS, w.XPOS, w.Head, w.Deprel, w.Deps = upos[i], xpos[i], heads[i], rels[i], "_"
			w.Lemma = lem.Lemma(w.Form, xpos[i])
			w.Feats = "" // not predicted; never pass the input's through
		}
	})
}

// readTrainDev reads the train and dev splits of the EWT folder data.
func readTrainDev(data string) (train, dev []*conllu.Sentence, err error) {
	if train, err = readCoNLLU(ewtFile(data, "train")); err != nil {
		return nil, nil, err
	}
	if dev, err = readCoNLLU(ewtFile(data, "dev")); err != nil {
		return nil, nil, err
	}
	return train, dev, nil
}
