// Command wordclusters learns word classes and casing statistics from a
// gzip JSON-lines news corpus (one object a line with "title" and "text")
// and writes the compact table that parley's entity recognizer embeds:
//
//	go run ./wordcluster/cmd/wordclusters -corpus ../shared/corpus/news-unlabeled/articles.jsonl.gz -out ner/clusters.tsv.gz
//
// Only statistics leave the corpus: word forms with their classes and the
// share of their mid-sentence occurrences that are capitalised.
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-news/parley/wordcluster"
)

func main() {
	corpus := flag.String("corpus", "", "gzip JSON-lines corpus")
	out := flag.String("out", "", "output table (.tsv.gz)")
	ks := flag.String("k", "64,256,1024", "class counts by the preceding word, coarse to fine")
	rks := flag.String("right", "", "class counts by the following word, coarse to fine (appended after -k)")
	nword := flag.Int("words", 60000, "most frequent word forms to cluster")
	npred := flag.Int("pred", 30000, "most frequent word forms kept as distinct predecessors")
	minCount := flag.Int("min", 5, "minimum count of a clustered word")
	iters := flag.Int("iters", 10, "exchange iterations")
	flag.Parse()
	if *corpus == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *corpus, *out, *ks, *rks, *nword, *npred, *minCount, *iters); err != nil {
		log.Fatal(err)
	}
}

type article struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

func run(ctx context.Context, corpusPath, out, ks, rks string, nword, npred, minCount, iters int) error {
	parse := func(list string) ([]int, error) {
		var sizes []int
		for _, s := range strings.Split(list, ",") {
			if strings.TrimSpace(s) == "" {
				continue
			}
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 2 || n > 65535 {
				return nil, fmt.Errorf("bad class count %q", s)
			}
			sizes = append(sizes, n)
		}
		return sizes, nil
	}
	left, err := parse(ks)
	if err != nil {
		return err
	}
	right, err := parse(rks)
	if err != nil {
		return err
	}
	sizes := append(append([]int(nil), left...), right...)
	start := time.Now()
	f, err := os.Open(corpusPath)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	ids := map[string]int32{}
	var forms []string
	var counts []int64
	// Sentence boundaries are id -1.
	var seq []int32
	type capCount struct{ upper, total int64 }
	caps := map[string]*capCount{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var toks []string
	for sc.Scan() {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return err
		}
		for _, line := range strings.Split(a.Title+"\n"+a.Text, "\n") {
			toks = wordcluster.Tokenize(line, toks[:0])
			if len(toks) == 0 {
				continue
			}
			seq = append(seq, -1)
			initial := true
			for _, t := range toks {
				id, ok := ids[t]
				if !ok {
					id = int32(len(forms))
					ids[t] = id
					forms = append(forms, t)
					counts = append(counts, 0)
				}
				counts[id]++
				seq = append(seq, id)
				r, _ := utf8.DecodeRuneInString(t)
				if unicode.IsLetter(r) {
					if !initial {
						lw := strings.ToLower(t)
						c := caps[lw]
						if c == nil {
							c = &capCount{}
							caps[lw] = c
						}
						c.total++
						if unicode.IsUpper(r) {
							c.upper++
						}
					}
					initial = false
				} else if t == "." || t == "?" || t == "!" || t == ":" || t == "\"" {
					initial = true
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	log.Printf("read %d tokens, %d forms in %v", len(seq), len(forms), time.Since(start))

	// Rank forms by frequency.
	rank := make([]int32, len(forms))
	for i := range rank {
		rank[i] = int32(i)
	}
	sort.Slice(rank, func(i, j int) bool {
		if counts[rank[i]] != counts[rank[j]] {
			return counts[rank[i]] > counts[rank[j]]
		}
		return forms[rank[i]] < forms[rank[j]]
	})
	newID := make([]int32, len(forms))
	for i := range newID {
		newID[i] = -2
	}
	n := 0
	for _, id := range rank {
		if n >= nword || counts[id] < int64(minCount) {
			break
		}
		newID[id] = int32(n)
		n++
	}
	corpus := make([]int32, len(seq))
	for i, id := range seq {
		if id < 0 {
			corpus[i] = -1
		} else {
			corpus[i] = newID[id] // -2 for rare words
		}
	}
	seq = nil
	// Predecessors: the npred most frequent words, then one bucket for
	// rare words and one for the sentence start.
	rare, bos := int32(npred), int32(npred+1)
	predID := func(v int32) int32 {
		switch {
		case v == -1:
			return bos
		case v < 0 || int(v) >= npred:
			return rare
		}
		return v
	}
	b := wordcluster.NewBigrams(corpus, n, predID, npred+2)
	log.Printf("%d words to cluster, %d distinct bigrams (%v)", n, len(b.Pred), time.Since(start))
	var rb *wordcluster.Bigrams
	if len(right) > 0 {
		// The same counts read right to left: classes by the following word.
		rev := make([]int32, len(corpus))
		for i, id := range corpus {
			rev[len(corpus)-1-i] = id
		}
		rb = wordcluster.NewBigrams(rev, n, predID, npred+2)
	}

	builder := &wordcluster.Builder{Sizes: sizes, Caps: map[string]int{}}
	classes := make([][]int32, len(sizes))
	for si, k := range sizes {
		t0 := time.Now()
		bg := b
		if si >= len(left) {
			bg = rb
		}
		classes[si] = wordcluster.Exchange(ctx, bg, k, iters, func(it, moved int) {
			log.Printf("k=%d iteration %d: %d moved (%v)", k, it, moved, time.Since(t0))
		})
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	inv := make([]string, n)
	for id, nid := range newID {
		if nid >= 0 {
			inv[nid] = forms[id]
		}
	}
	for w := 0; w < n; w++ {
		builder.Words = append(builder.Words, inv[w])
		cs := make([]uint16, len(sizes))
		for si := range sizes {
			cs[si] = uint16(classes[si][w])
		}
		builder.Classes = append(builder.Classes, cs)
	}
	for lw, c := range caps {
		if c.total >= int64(minCount) && strings.IndexFunc(lw, unicode.IsLetter) >= 0 {
			builder.Caps[lw] = int(100 * c.upper / c.total)
		}
	}
	o, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := builder.Write(o); err != nil {
		o.Close()
		return err
	}
	if err := o.Close(); err != nil {
		return err
	}
	log.Printf("wrote %s: %d words, %d casing entries (%v)", out, len(builder.Words), len(builder.Caps), time.Since(start))
	return nil
}
