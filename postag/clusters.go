package postag

import (
	"bytes"
	_ "embed"
	"sync"

	"github.com/parley-news/parley/wordcluster"
)

// clustersData holds word classes learned by exchange clustering on the
// unlabeled news corpus, the same table the entity recognizer uses, kept
// here so the syntax models do not change when that one is rebuilt:
//
//	go run ./wordcluster/cmd/wordclusters -corpus ../shared/corpus/news-unlabeled/articles.jsonl.gz -out postag/clusters.tsv.gz -k 32,128,512,2048 -iters 15 -min 3 -words 80000
//
//go:embed clusters.tsv.gz
var clustersData []byte

var loadClusters = sync.OnceValues(func() (*wordcluster.Table, error) { return wordcluster.Read(bytes.NewReader(clustersData)) })

// Clusters returns the embedded word-class table the tagger and parser
// read, parsed on first use.
func Clusters() (*wordcluster.Table, error) { return loadClusters() }

// ClusterOf returns the classes of a (normalised) form at each
// granularity, trying its lowercase when the form itself is unknown; nil
// when neither is known.
func ClusterOf(t *wordcluster.Table, form string) []uint16 {
	if c := t.Classes(form); c != nil {
		return c
	}
	return t.Classes(Lower(form))
}

// capBucket groups the share of mid-sentence capitalised occurrences of a
// word: never, rarely, mixed, mostly, always, or unknown (0).
func capBucket(t *wordcluster.Table, lower string) uint64 {
	r, ok := t.CapRatio(lower)
	switch {
	case !ok:
		return 0
	case r < 5:
		return 1
	case r < 35:
		return 2
	case r < 65:
		return 3
	case r < 95:
		return 4
	default:
		return 5
	}
}
