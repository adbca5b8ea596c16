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

var (
	defaultOnce     sync.Once
	defaultModel    *Model
	defaultErr      error
	clustersOnce    sync.Once
	defaultClusters *wordcluster.Table
	clustersErr     error
)

// DefaultClusters returns the embedded word-class table, parsed on first
// use.
func DefaultClusters() (*wordcluster.Table, [32]byte, error) {
	clustersOnce.Do(func() {
		defaultClusters, clustersErr = wordcluster.Read(bytes.NewReader(embeddedClusters))
	})
	return defaultClusters, ClusterSum(embeddedClusters), clustersErr
}

// Default returns the embedded model, loaded on first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		cl, sum, err := DefaultClusters()
		if err != nil {
			defaultErr = err
			return
		}
		defaultModel, defaultErr = Load(bytes.NewReader(embeddedModel), cl, sum)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("ner: embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}
