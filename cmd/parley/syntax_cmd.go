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
	"github.com/parley-news/parley/evaldata"
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

// evalPath returns the gold file named by the command's argument, or the
// EWT test split.
func evalPath(fs interface {
	Arg(int) string
	NArg() int
}) (string, error) {
	if fs.NArg() > 0 {
		return fs.Arg(0), nil
	}
	p := evaldata.Path("ud-english-ewt", "en_ewt-ud-test.conllu")
	if p == "" {
		return "", fmt.Errorf("no gold data: give a PATH or set PARLEY_EVAL")
	}
	return p, nil
}

// loadTagger returns the tagger in path, or the embedded one.
func loadTagger(path string) (*postag.Tagger, error) {
	if path == "" {
		return postag.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return postag.Load(f)
}

func evalPOS(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval pos", "eval pos [--model FILE] [PATH]")
	model := fs.String("model", "", "tagger model (default: the embedded one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, err := evalPath(fs)
	if err != nil {
		return err
	}
	gold, err := readCoNLLU(path)
	if err != nil {
		return err
	}
	t, err := loadTagger(*model)
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
	train, err := readCoNLLU(ewtFile(data, "train"))
	if err != nil {
		return err
	}
	dev, err := readCoNLLU(ewtFile(data, "dev"))
	if err != nil {
		return err
	}
	start := time.Now()
	t, err := postag.Train(train, postag.TrainOptions{Iterations: iters, Dev: dev, Log: e.stderr, Seed: 1})
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
	t, err := loadTagger(model)
	if err != nil {
		return err
	}
	return mapCoNLLU(ctx, e, func(s *conllu.Sentence) {
		upos, xpos := t.Tag(s.Forms())
		for i := range s.Words {
			s.Words[i].UPOS, s.Words[i].XPOS = upos[i], xpos[i]
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
	return fmt.Errorf("evalDep: not built yet")
}

func trainDep(ctx context.Context, e *env, args []string) error {
	return fmt.Errorf("trainDep: not built yet")
}

func tagDep(ctx context.Context, e *env, args []string) error {
	return fmt.Errorf("tagDep: not built yet")
}
