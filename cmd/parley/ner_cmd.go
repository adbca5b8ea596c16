package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/ner"
	"github.com/parley-news/parley/wordcluster"
)

// nerModel loads the recognizer from --model/--clusters, or the embedded
// one when both are empty.
func nerModel(modelPath, clustersPath string) (*ner.Model, error) {
	if modelPath == "" && clustersPath == "" {
		return ner.Default()
	}
	cl, sum, err := nerClusters(clustersPath)
	if err != nil {
		return nil, err
	}
	if modelPath == "" {
		return nil, errors.New("--clusters needs --model")
	}
	f, err := os.Open(modelPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ner.Load(f, cl, sum)
}

// nerClusters reads a word-cluster table, the embedded one for "", or none
// for "none".
func nerClusters(path string) (*wordcluster.Table, [32]byte, error) {
	switch path {
	case "":
		return ner.DefaultClusters()
	case "none":
		return nil, [32]byte{}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, [32]byte{}, err
	}
	t, err := wordcluster.Read(bytes.NewReader(data))
	return t, ner.ClusterSum(data), err
}

func readCoNLLFile(path string) ([]ner.Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

func evalNER(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval ner", "eval ner [--model FILE --clusters FILE] [PATH]")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	clustersPath := fs.String("clusters", "", "word-cluster table the model was trained with (default: embedded; \"none\")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := evaldata.Path("ner_conll2003", "eng.testb")
	if fs.NArg() > 0 {
		path = fs.Arg(0)
	}
	if path == "" {
		return errors.New("eval ner: no gold data found; give a PATH")
	}
	t0 := time.Now()
	m, err := nerModel(*modelPath, *clustersPath)
	if err != nil {
		return err
	}
	load := time.Since(t0)
	docs, err := readCoNLLFile(path)
	if err != nil {
		return err
	}
	sc := ner.NewScore()
	t1 := time.Now()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			if s.Tags == nil {
				return fmt.Errorf("eval ner: %s has no gold tags", path)
			}
			sents[i] = s.Words
		}
		pred := m.Tag(sents)
		for i, s := range d.Sentences {
			sc.Add(s.Tags, ner.Encode(pred[i], len(s.Words), "IOB2"))
		}
	}
	el := time.Since(t1)
	fmt.Fprintf(e.stdout, "%s (conlleval exact-span micro F1)\n", path)
	sc.Write(e.stdout)
	fmt.Fprintf(e.stdout, "model load %v, tagging %.0f tokens/s\n", load.Round(time.Millisecond), float64(sc.Tokens)/el.Seconds())
	return nil
}

func trainNER(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train ner", "train ner --data DIR --out FILE [--clusters FILE]")
	data := fs.String("data", evaldata.Path("ner_conll2003"), "CoNLL-2003 folder holding eng.train and eng.testa")
	out := fs.String("out", "", "model file to write (.gz)")
	clustersPath := fs.String("clusters", "", "word-cluster table (default: the embedded one; \"none\" for no clusters)")
	opt := ner.DefaultTrainOptions
	fs.IntVar(&opt.Epochs, "epochs", opt.Epochs, "most perceptron epochs per pass (best on dev is kept)")
	fs.IntVar(&opt.Folds, "folds", opt.Folds, "jackknife folds for second-pass training labels")
	fs.IntVar(&opt.Runs, "runs", opt.Runs, "perceptron runs averaged into each pass")
	fs.IntVar(&opt.TitleCaseEvery, "titlecase", opt.TitleCaseEvery, "add a Title Case copy of every n-th sentence (0: none)")
	fs.IntVar(&opt.HonorificEvery, "honorific", opt.HonorificEvery, "add a copy of every n-th sentence naming a person with a title before the name (0: none)")
	fs.Func("prune", "drop weights smaller than this in absolute value (default 0.5)", func(v string) error {
		f, err := strconv.ParseFloat(v, 32)
		opt.Prune = float32(f)
		return err
	})
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *data == "" {
		fs.Usage()
		return errUsage
	}
	cl, sum, err := nerClusters(*clustersPath)
	if err != nil {
		return err
	}
	train, err := readCoNLLFile(filepath.Join(*data, "eng.train"))
	if err != nil {
		return err
	}
	dev, err := readCoNLLFile(filepath.Join(*data, "eng.testa"))
	if err != nil {
		return err
	}
	opt.Log = e.stderr
	t0 := time.Now()
	m, err := ner.Train(ctx, train, dev, cl, sum, opt)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d bytes) in %v\n", *out, st.Size(), time.Since(t0).Round(time.Second))
	return nil
}

func tagNER(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "tag ner", "tag ner --conll [--model FILE --clusters FILE] < in")
	conll := fs.Bool("conll", false, "read and write CoNLL columns (word first; blank line between sentences; -DOCSTART- between documents)")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	clustersPath := fs.String("clusters", "", "word-cluster table the model was trained with")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*conll {
		fs.Usage()
		return fmt.Errorf("tag ner: --conll is the only format: %w", errUsage)
	}
	m, err := nerModel(*modelPath, *clustersPath)
	if err != nil {
		return err
	}
	docs, err := ner.ReadCoNLLWords(e.stdin)
	if err != nil {
		return err
	}
	pred := make([][][]string, len(docs))
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Words
		}
		chunks := m.Tag(sents)
		pred[di] = make([][]string, len(sents))
		for i, s := range sents {
			pred[di][i] = ner.Encode(chunks[i], len(s), "IOB2")
		}
	}
	return ner.WriteCoNLL(e.stdout, docs, pred)
}
