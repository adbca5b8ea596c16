// Command gen builds parley's embedded lemmatizer from UD English EWT
// train:
//
//	go run ./lemma/gen --data ../shared/eval/ud-english-ewt --out lemma/lemmas.gz
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/parley-news/parley/conllu"
	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/lemma"
)

func main() {
	data := flag.String("data", evaldata.Path("ud-english-ewt"), "the ud-english-ewt folder")
	out := flag.String("out", "lemma/lemmas.gz", "file to write")
	flag.Parse()
	train, err := read(filepath.Join(*data, "en_ewt-ud-train.conllu"))
	if err != nil {
		log.Fatal(err)
	}
	dev, err := read(filepath.Join(*data, "en_ewt-ud-dev.conllu"))
	if err != nil {
		log.Fatal(err)
	}
	l := lemma.Train(triples(train))
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	if err := l.Save(bw); err != nil {
		log.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	right, n := lemma.Evaluate(l, triples(dev))
	fmt.Printf("dev lemma accuracy (gold tags) %.2f%% (%d/%d); wrote %s\n", 100*float64(right)/float64(n), right, n, *out)
}

func read(path string) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return conllu.ReadAll(f, path)
}

func triples(sents []*conllu.Sentence) [][3]string {
	var out [][3]string
	for _, s := range sents {
		for _, w := range s.Words {
			out = append(out, [3]string{w.Form, w.XPOS, w.Lemma})
		}
	}
	return out
}
