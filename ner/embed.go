package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/parley-news/parley/wordcluster"
)

// The committed model and the word classes it was trained with.
//
// clusters.tsv.gz is rebuilt with
//
//	go run ./wordcluster/cmd/wordclusters -corpus ../shared/corpus/news-unlabeled/articles.jsonl.gz -out ner/clusters.tsv.gz -k 32,128,512,2048 -right 32,128,512,2048 -iters 15 -min 3 -words 80000
//
// and model.bin.gz with
//
//	parley train ner --data ../shared/eval/ner_conll2003 --out ner/model.bin.gz
//
// The model is trained on CoNLL-2003 (Reuters RCV1 text, research use
// only); see docs/models.md.
var (
	//go:embed clusters.tsv.gz
	embeddedClusters []byte
	//go:embed model.bin.gz
	embeddedModel []byte
)

var loadClusters = sync.OnceValues(func() (*wordcluster.Table, error) {
	return wordcluster.Read(bytes.NewReader(embeddedClusters))
})

// DefaultClusters returns the embedded word-class table, parsed on first
// use.
func DefaultClusters() (*wordcluster.Table, [32]byte, error) {
	cl, err := loadClusters()
	return cl, ClusterSum(embeddedClusters), err
}

var loadDefault = sync.OnceValues(func() (*Model, error) {
	cl, sum, err := DefaultClusters()
	if err != nil {
		return nil, err
	}
	m, err := Load(bytes.NewReader(embeddedModel), cl, sum)
	if err != nil {
		return nil, fmt.Errorf("ner: embedded model: %w", err)
	}
	return m, nil
})

// Default returns the embedded model, loaded on first use.
func Default() (*Model, error) { return loadDefault() }
