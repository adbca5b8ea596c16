package ner

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// emissionsByFeatures is Model.emissions the plain way: every token's
// feature hashes from localFeatures, each looked up and its row added.
func (m *Model) emissionsByFeatures(sents [][]string) (infos [][]tokInfo, base1, base2 [][]float32) {
	infos, feats := m.featurize(sents, m.gazMatch)
	for _, fs := range feats {
		b1, b2 := make([]float32, len(fs)*nlab), make([]float32, len(fs)*nlab)
		for i, f := range fs {
			var acc [stride]int32
			for _, r := range m.tab.appendRows(f, nil) {
				m.addRow(&acc, r)
			}
			for k := 0; k < nlab; k++ {
				b1[i*nlab+k] = float32(acc[k]) * m.w1.scale
				b2[i*nlab+k] = float32(acc[nlab+k]) * m.w2.scale
			}
		}
		base1, base2 = append(base1, b1), append(base2, b2)
	}
	return infos, base1, base2
}

func checkEmissions(t *testing.T, m *Model, sents [][]string) {
	t.Helper()
	i1, ents, a1, a2 := m.emissions(sents)
	i2, b1, b2 := m.emissionsByFeatures(sents)
	for si := range sents {
		if len(i1[si]) != len(i2[si]) || len(a1[si]) != len(b1[si]) || len(a2[si]) != len(b2[si]) {
			t.Fatalf("sentence %q: lengths differ", sents[si])
		}
		for i := range i1[si] {
			if !reflect.DeepEqual(i1[si][i], i2[si][i]) {
				t.Fatalf("sentence %q token %d: info %+v, want %+v", sents[si], i, i1[si][i], i2[si][i])
			}
		}
		for k := range a1[si] {
			if a1[si][k] != b1[si][k] || a2[si][k] != b2[si][k] {
				t.Fatalf("sentence %q token %d: scores differ", sents[si], k/nlab)
			}
		}
	}
	// The second pass, from the first pass's labels and from random ones.
	var sc scratch
	labels := make([][]uint8, len(sents))
	for si, b := range a1 {
		copy(sc.grow(len(sents[si])), b)
		labels[si] = sc.viterbi(len(sents[si]), &m.w1.trans)
	}
	checkPass2(t, m, i1, ents, a2, labels)
	for si := range labels {
		for i := range labels[si] {
			labels[si][i] = uint8((si*7 + i*i) % nlab)
		}
	}
	checkPass2(t, m, i1, ents, a2, labels)
}

// checkPass2 compares pass2Scores with adding the rows of the hashes of
// docFeatures.
func checkPass2(t *testing.T, m *Model, infos [][]tokInfo, ents []*wordEntry, base2 [][]float32, labels [][]uint8) {
	t.Helper()
	got := m.pass2Scores(infos, ents, base2, labels)
	feats := make([][][]uint64, len(infos))
	for si := range infos {
		feats[si] = make([][]uint64, len(infos[si]))
	}
	docFeaturesFuncOld(infos, labels, func(si, i int, fs []uint64) {
		feats[si][i] = append(feats[si][i], fs...)
	})
	// Training's docFeatures gives the same hashes in the same order.
	again := make([][][]uint64, len(infos))
	for si := range infos {
		again[si] = make([][]uint64, len(infos[si]))
	}
	docFeatures(infos, labels, again)
	for si := range feats {
		for i := range feats[si] {
			if !slices.Equal(feats[si][i], again[si][i]) {
				t.Fatalf("sentence %d token %d: docFeatures %x, want %x", si, i, again[si][i], feats[si][i])
			}
		}
	}
	for si := range infos {
		want := slices.Clone(base2[si])
		for i, fs := range feats[si] {
			m.addPass2(m.tab.appendRows(fs, nil), want[i*nlab:i*nlab+nlab])
		}
		for k := range want {
			if math.Float32bits(got[si][k]) != math.Float32bits(want[k]) {
				t.Fatalf("sentence %d token %d: second-pass scores differ", si, k/nlab)
			}
		}
	}
}

// TestEmissionsMatchFeatures checks that the cached word sums give the
// scores of adding every feature row, on the CoNLL files and on mangled
// copies of them (Title Case, capitals, odd characters), enough words to
// turn the word cache over several times.
func TestEmissionsMatchFeatures(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	for _, f := range []string{"eng.testa", "eng.testb", "eng.train"} {
		docs = append(docs, readGold(t, f)...)
	}
	if testing.Short() {
		docs = docs[:200]
	}
	rng := rand.New(rand.NewPCG(1, 2))
	odd := []string{"", "<s>", "ÉCOLE", "naïve", "\xff\xfe", "A", "U.S.", "1-0", "McDONALD", "İstanbul", "ǅemal"}
	for di, d := range docs {
		sents := sentencesOf(d)
		checkEmissions(t, m, sents)
		if di%4 != 0 {
			continue
		}
		// A mangled copy.
		var mangled [][]string
		for _, s := range sents {
			out := make([]string, len(s))
			mode := rng.IntN(3) // per word, all Title Case, all capitals
			for i, w := range s {
				r := rng.IntN(6)
				if mode > 0 {
					r = 2 - mode
				}
				switch r {
				case 0:
					w = strings.ToUpper(w)
				case 1:
					w = titleForm(strings.ToLower(w))
				case 2:
					w = odd[rng.IntN(len(odd))]
				}
				out[i] = w
			}
			mangled = append(mangled, out)
		}
		mangled = append(mangled, nil)
		checkEmissions(t, m, mangled)
	}
	checkEmissions(t, m, [][]string{nil, {"Reuters"}})
	checkEmissions(t, m, nil)
}

// docFeaturesFuncOld is docFeaturesFunc as first written: it computes the second-pass features and hands each
// token's list to emit, in document order; the slice is reused.
func docFeaturesFuncOld(infos [][]tokInfo, labels [][]uint8, emit func(si, i int, fs []uint64)) {
	var fs []uint64
	type wordStats struct {
		count    [5]int32 // per type, 4 = O
		super    [4]int32 // multi-word names containing the word
		last     [4]int32 // ... as their last word
		firstTyp int8
	}
	stats := map[string]*wordStats{}
	// Where each capitalised word occurs, for context aggregation.
	occurs := map[string][][2]int32{}
	get := func(w string) *wordStats {
		s := stats[w]
		if s == nil {
			s = &wordStats{firstTyp: -1}
			stats[w] = s
		}
		return s
	}
	// A word's type at a position: 0–3, or 4 for O.
	typeAt := func(si, i int) int {
		t, _ := labelParts(labels[si][i])
		if t < 0 {
			return 4
		}
		return t
	}
	for si, in := range infos {
		chunks := labelsToChunks(labels[si])
		for i := range in {
			if in[i].capClass == capLower || in[i].capClass == capNone {
				continue
			}
			s := get(in[i].lower)
			if o := occurs[in[i].lower]; len(o) < maxAggregate {
				occurs[in[i].lower] = append(o, [2]int32{int32(si), int32(i)})
			}
			t := typeAt(si, i)
			s.count[t]++
			if s.firstTyp < 0 {
				s.firstTyp = int8(t)
			}
		}
		for _, c := range chunks {
			if c.End-c.Start < 2 {
				continue
			}
			t := typeIndex(c.Type)
			for i := c.Start; i < c.End; i++ {
				if in[i].capClass == capLower || in[i].capClass == capNone {
					continue
				}
				s := get(in[i].lower)
				s.super[t]++
				if i == c.End-1 {
					s.last[t]++
				}
			}
		}
	}
	for si, in := range infos {
		ls := labels[si]
		var inChunk []int // type of the multi-word chunk holding i, or -1
		inChunk = make([]int, len(in))
		for i := range inChunk {
			inChunk[i] = -1
		}
		lastOf := make([]bool, len(in))
		for _, c := range labelsToChunks(ls) {
			if c.End-c.Start < 2 {
				continue
			}
			for i := c.Start; i < c.End; i++ {
				inChunk[i] = typeIndex(c.Type)
			}
			lastOf[c.End-1] = true
		}
		for i := range in {
			fs = fs[:0]
			lm1, lp1 := nlab, nlab
			if i > 0 {
				lm1 = int(ls[i-1])
			}
			if i+1 < len(in) {
				lp1 = int(ls[i+1])
			}
			fs = append(fs,
				hInt(hStart(fPass1), int(ls[i])),
				hInt(hStart(fPass1M1), lm1),
				hInt(hStart(fPass1P1), lp1),
				hInt(hInt(hInt(hStart(fPass1Window), lm1), int(ls[i])), lp1),
			)
			if in[i].capClass != capLower && in[i].capClass != capNone {
				s := stats[in[i].lower]
				own := typeAt(si, i)
				cnt := s.count
				cnt[own]--
				best, bestN, total := -1, int32(0), int32(0)
				for t, n := range cnt {
					total += n
					if n > bestN {
						best, bestN = t, n
					}
				}
				if best >= 0 {
					fs = append(fs, hInt(hInt(hStart(fDocMajority), best), b2i(bestN == total)))
				}
				if int(s.firstTyp) >= 0 {
					fs = append(fs, hInt(hStart(fDocFirst), int(s.firstTyp)))
				}
				sup, last := s.super, s.last
				if inChunk[i] >= 0 {
					sup[inChunk[i]]--
					if lastOf[i] {
						last[inChunk[i]]--
					}
				}
				// Context aggregation (Ratinov & Roth 2009): the words
				// around the other occurrences of this word.
				for _, o := range occurs[in[i].lower] {
					sj, j := int(o[0]), int(o[1])
					if sj == si && j == i {
						continue
					}
					fs = append(fs,
						hStr(hStart(fAggPrev), at(infos[sj], j-1).lower),
						hStr(hStart(fAggNext), at(infos[sj], j+1).lower))
				}
				for t := 0; t < 4; t++ {
					if sup[t] > 0 {
						fs = append(fs, hInt(hInt(hStart(fDocSuper), t), b2i(inChunk[i] >= 0)))
					}
					if last[t] > 0 {
						fs = append(fs, hInt(hInt(hStart(fDocSuperLast), t), b2i(inChunk[i] >= 0)))
					}
				}
			}
			emit(si, i, fs)
		}
	}
}

// TestTagConcurrent tags documents from several goroutines sharing the
// model and its word cache: the answers must be those of tagging them one
// at a time.
func TestTagConcurrent(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	docs := readGold(t, "eng.testb")
	if len(docs) > 120 {
		docs = docs[:120]
	}
	want := make([][][]Chunk, len(docs))
	for i, d := range docs {
		want[i] = m.Tag(sentencesOf(d))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range docs {
				i := (k + g*31) % len(docs)
				if got := m.Tag(sentencesOf(docs[i])); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("document %d: %v, want %v", i, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
