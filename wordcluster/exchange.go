package wordcluster

import (
	"context"
	"math"
	"sort"
)

// Bigrams holds the successor-indexed bigram counts the exchange algorithm
// needs: for each word w, the distinct predecessors v and their counts.
type Bigrams struct {
	// Start[w]:Start[w+1] delimits Pred and Count for word w.
	Start []int32
	Pred  []int32
	Count []int32
	// Freq is each word's unigram count as a successor.
	Freq []int64
	// NPred is the number of distinct predecessor ids.
	NPred int
}

// NewBigrams builds the counts from a corpus of word ids. Ids >= nword are
// ignored as successors; predecessors are mapped through predID (which may
// fold rare words into a shared bucket).
func NewBigrams(corpus []int32, nword int, predID func(int32) int32, npred int) *Bigrams {
	type pair struct{ w, v int32 }
	counts := make(map[uint64]int32, 1<<20)
	freq := make([]int64, nword)
	for i := 1; i < len(corpus); i++ {
		w := corpus[i]
		if w < 0 || int(w) >= nword {
			continue
		}
		v := predID(corpus[i-1])
		counts[uint64(w)<<32|uint64(uint32(v))]++
		freq[w]++
	}
	keys := make([]uint64, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	b := &Bigrams{Start: make([]int32, nword+1), Pred: make([]int32, len(keys)), Count: make([]int32, len(keys)), Freq: freq, NPred: npred}
	for i, k := range keys {
		w := int32(k >> 32)
		b.Pred[i] = int32(uint32(k))
		b.Count[i] = counts[k]
		b.Start[w+1] = int32(i + 1)
	}
	for w := 1; w <= nword; w++ {
		if b.Start[w] < b.Start[w-1] {
			b.Start[w] = b.Start[w-1]
		}
	}
	return b
}

// xlogx is x·ln x with 0·ln 0 = 0, tabulated for small x.
type xlogx struct{ tab []float64 }

func newXlogx(n int) *xlogx {
	t := make([]float64, n)
	for i := 1; i < n; i++ {
		t[i] = float64(i) * math.Log(float64(i))
	}
	return &xlogx{t}
}

func (x *xlogx) f(n int64) float64 {
	if n < int64(len(x.tab)) {
		return x.tab[n]
	}
	return float64(n) * math.Log(float64(n))
}

// Exchange clusters words into k classes with the predictive exchange
// algorithm of Uszkoreit & Brants (2008, "Distributed Word Clustering for
// Large Scale Class-Based Language Modeling in Machine Translation"): it
// maximises the likelihood of P(w|c(w))·P(c(w)|v) over the corpus by moving
// one word at a time to the class that raises
//
//	Σ_{v,c} N(v,c) log N(v,c) − Σ_c N(c) log N(c)
//
// most. Words are visited in order of frequency; the initial classes assign
// the k−1 most frequent words their own class. progress, if not nil, is
// called after each iteration with the number of words moved.
func Exchange(ctx context.Context, b *Bigrams, k, iters int, progress func(iter, moved int)) []int32 {
	nword := len(b.Freq)
	order := make([]int32, nword)
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(i, j int) bool { return b.Freq[order[i]] > b.Freq[order[j]] })
	class := make([]int32, nword)
	for r, w := range order {
		if r < k-1 {
			class[w] = int32(r)
		} else {
			class[w] = int32(k - 1)
		}
	}
	// N(v,c) dense, N(c).
	nvc := make([]int64, b.NPred*k)
	nc := make([]int64, k)
	for w := 0; w < nword; w++ {
		c := int64(class[w])
		for j := b.Start[w]; j < b.Start[w+1]; j++ {
			nvc[int64(b.Pred[j])*int64(k)+c] += int64(b.Count[j])
		}
		nc[c] += b.Freq[w]
	}
	xl := newXlogx(1 << 20)
	delta := make([]float64, k)
	for it := 0; it < iters; it++ {
		moved := 0
		for _, w := range order {
			if ctx.Err() != nil {
				return class
			}
			lo, hi := b.Start[w], b.Start[w+1]
			if lo == hi {
				continue
			}
			old := int64(class[w])
			// Remove w from its class.
			for j := lo; j < hi; j++ {
				nvc[int64(b.Pred[j])*int64(k)+old] -= int64(b.Count[j])
			}
			nc[old] -= b.Freq[w]
			fw := b.Freq[w]
			for c := 0; c < k; c++ {
				delta[c] = -(xl.f(nc[c]+fw) - xl.f(nc[c]))
			}
			for j := lo; j < hi; j++ {
				row := nvc[int64(b.Pred[j])*int64(k) : int64(b.Pred[j]+1)*int64(k)]
				n := int64(b.Count[j])
				for c, m := range row {
					if m == 0 {
						delta[c] += xl.f(n)
					} else {
						delta[c] += xl.f(m+n) - xl.f(m)
					}
				}
			}
			best := old
			for c := 0; c < k; c++ {
				if delta[c] > delta[best]+1e-9 {
					best = int64(c)
				}
			}
			if best != old {
				moved++
			}
			class[w] = int32(best)
			for j := lo; j < hi; j++ {
				nvc[int64(b.Pred[j])*int64(k)+best] += int64(b.Count[j])
			}
			nc[best] += fw
		}
		if progress != nil {
			progress(it, moved)
		}
		if moved == 0 {
			break
		}
	}
	return class
}
