package ner

import (
	"slices"
	"sort"
	"strings"
)

// featurize prepares a document's sentences and returns the local feature
// hashes of every token: feats[s][i]. match looks names up in the
// gazetteer.
func (m *Model) featurize(sents [][]string, match matchFunc) ([][]tokInfo, [][][]uint64) {
	infos := make([][]tokInfo, len(sents))
	feats := make([][][]uint64, len(sents))
	total := 0
	for _, s := range sents {
		total += len(s)
	}
	flat := make([]tokInfo, total)
	// About 40 features a token: sized once, buf rarely has to grow.
	buf := make([]uint64, 0, 48*total)
	off := 0
	docHead := ""
	if len(sents) > 0 && len(sents[0]) > 0 {
		docHead = strings.ToLower(sents[0][0])
	}
	for si, words := range sents {
		in := flat[off : off+len(words) : off+len(words)]
		off += len(words)
		sc := sentenceCase(words)
		if sc == sentTitle {
			words = m.truecase(words)
		}
		m.prepare(words, in)
		if match != nil {
			markGaz(in, match)
		}
		sinfo := sentInfo{sentCase: sc, digits: digitShare(words), docHead: docHead}
		fs := make([][]uint64, len(words))
		for i := range words {
			start := len(buf)
			buf = localFeatures(in, i, &sinfo, buf)
			fs[i] = buf[start:len(buf):len(buf)]
		}
		infos[si] = in
		feats[si] = fs
	}
	// buf may have moved while growing: re-slice from the final buffer.
	pos := 0
	for si := range feats {
		for i := range feats[si] {
			n := len(feats[si][i])
			feats[si][i] = buf[pos : pos+n : pos+n]
			pos += n
		}
	}
	return infos, feats
}

// truecaseBelow is the share (percent) of capitalised mid-sentence uses
// under which a word of a Title Case headline is read in lower case.
const truecaseBelow = 20

// truecase undoes headline capitalisation (Lita et al. 2003, "tRuEcasIng",
// in its simplest form): in a Title Case sentence, every word after the
// first that news text rarely capitalises mid-sentence, by the casing
// statistics of the word-cluster table, is read in lower case, so "Trump
// First Spoke to Putin" is tagged like "Trump first spoke to Putin".
func (m *Model) truecase(words []string) []string {
	if m.clusters == nil {
		return words
	}
	out := make([]string, len(words))
	copy(out, words)
	for i := 1; i < len(words); i++ {
		lw := strings.ToLower(words[i])
		if lw == words[i] {
			continue
		}
		if pct, ok := m.clusters.CapRatio(lw); ok && pct < truecaseBelow {
			out[i] = lw
		}
	}
	return out
}

func (m *Model) gazMatch(h uint64) uint8 {
	if m.gazTab == nil {
		return m.gaz[h]
	}
	a, b := gazSeenAt(h)
	if m.gazSeen[a/64]&(1<<(a%64)) == 0 || m.gazSeen[b/64]&(1<<(b%64)) == 0 {
		return 0
	}
	if r := m.gazTab.get(h); r >= 0 {
		return m.gazBits[r]
	}
	return 0
}

// decode runs one pass over every sentence.
func decode(l *linear, feats [][][]uint64) [][]uint8 {
	out := make([][]uint8, len(feats))
	var scores, delta []float32
	var back []uint8
	delta = make([]float32, 2*nlab)
	for si, fs := range feats {
		n := len(fs)
		scores = slices.Grow(scores[:0], n*nlab)[:n*nlab]
		back = slices.Grow(back[:0], n*nlab)[:n*nlab]
		l.emissions(fs, scores)
		out[si] = viterbi(n, scores, &l.trans, make([]uint8, 0, n), back, delta)
	}
	return out
}

// docFeatures appends the second-pass features of every token to feats,
// computed from first-pass labels over the whole document: the token's
// own first-pass label and its neighbours', the majority type given to the
// same capitalised word elsewhere in the document, the type of its first
// earlier occurrence, and the types of multi-word names containing it
// (Ratinov & Roth 2009, "non-local features").
func docFeatures(infos [][]tokInfo, labels [][]uint8, feats [][][]uint64) {
	docFeaturesFunc(infos, labels, func(si, i int, f *docFacts) {
		feats[si][i] = f.appendHashes(infos, feats[si][i])
	})
}

// maxAggregate bounds the occurrences of a word whose contexts are
// aggregated.
const maxAggregate = 8

// docFacts is what the second-pass templates read about a token.
type docFacts struct {
	// l, lm1 and lp1 are the first-pass labels of the token and its
	// neighbours (nlab outside the sentence).
	l, lm1, lp1 int
	// named says whether the token is capitalised; the rest is set only
	// then.
	named bool
	// best is the type (4: O) most often given to the word elsewhere in
	// the document, or -1; bestAll whether every other occurrence has it.
	best    int
	bestAll bool
	// first is the type of the word's first occurrence in the document.
	first int
	// others are the positions (sentence, token) of the word's other
	// occurrences, up to maxAggregate of them in all.
	others [maxAggregate][2]int32
	nother int
	// super and last count the multi-word names of each type holding the
	// word, and holding it as their last word, but for the name the token
	// is in (inChunk).
	super, last [4]int32
	inChunk     bool
}

// appendHashes appends the hashes of f's features.
func (f *docFacts) appendHashes(infos [][]tokInfo, fs []uint64) []uint64 {
	fs = append(fs,
		hInt(hStart(fPass1), f.l),
		hInt(hStart(fPass1M1), f.lm1),
		hInt(hStart(fPass1P1), f.lp1),
		hInt(hInt(hInt(hStart(fPass1Window), f.lm1), f.l), f.lp1),
	)
	if !f.named {
		return fs
	}
	if f.best >= 0 {
		fs = append(fs, hInt(hInt(hStart(fDocMajority), f.best), b2i(f.bestAll)))
	}
	if f.first >= 0 {
		fs = append(fs, hInt(hStart(fDocFirst), f.first))
	}
	for _, o := range f.others[:f.nother] {
		sj, j := int(o[0]), int(o[1])
		fs = append(fs,
			hStr(hStart(fAggPrev), at(infos[sj], j-1).lower),
			hStr(hStart(fAggNext), at(infos[sj], j+1).lower))
	}
	for t := 0; t < 4; t++ {
		if f.super[t] > 0 {
			fs = append(fs, hInt(hInt(hStart(fDocSuper), t), b2i(f.inChunk)))
		}
		if f.last[t] > 0 {
			fs = append(fs, hInt(hInt(hStart(fDocSuperLast), t), b2i(f.inChunk)))
		}
	}
	return fs
}

// docFeaturesFunc computes the second-pass facts of every token, from
// first-pass labels over the whole document, and hands them to emit in
// document order; f is reused.
func docFeaturesFunc(infos [][]tokInfo, labels [][]uint8, emit func(si, i int, f *docFacts)) {
	type wordStats struct {
		count    [5]int32 // per type, 4 = O
		super    [4]int32 // multi-word names containing the word
		last     [4]int32 // ... as their last word
		firstTyp int8
		// Where the word occurs, for context aggregation.
		occurs  [maxAggregate][2]int32
		noccurs int32
	}
	var stats []wordStats
	index := map[string]int32{}
	ntok := 0
	for _, in := range infos {
		ntok += len(in)
	}
	// statOf is the index in stats of each capitalised token's word.
	statOf := make([]int32, ntok)
	// A word's type at a position: 0–3, or 4 for O.
	typeAt := func(si, i int) int {
		t, _ := labelParts(labels[si][i])
		if t < 0 {
			return 4
		}
		return t
	}
	capitalised := func(t *tokInfo) bool { return t.capClass != capLower && t.capClass != capNone }
	off := 0
	for si, in := range infos {
		for i := range in {
			if !capitalised(&in[i]) {
				continue
			}
			k, ok := index[in[i].lower]
			if !ok {
				k = int32(len(stats))
				index[in[i].lower] = k
				stats = append(stats, wordStats{firstTyp: -1})
			}
			statOf[off+i] = k
			s := &stats[k]
			if s.noccurs < maxAggregate {
				s.occurs[s.noccurs] = [2]int32{int32(si), int32(i)}
				s.noccurs++
			}
			t := typeAt(si, i)
			s.count[t]++
			if s.firstTyp < 0 {
				s.firstTyp = int8(t)
			}
		}
		for _, c := range labelsToChunks(labels[si]) {
			if c.End-c.Start < 2 {
				continue
			}
			t := typeIndex(c.Type)
			for i := c.Start; i < c.End; i++ {
				if !capitalised(&in[i]) {
					continue
				}
				s := &stats[statOf[off+i]]
				s.super[t]++
				if i == c.End-1 {
					s.last[t]++
				}
			}
		}
		off += len(in)
	}
	var f docFacts
	var inChunk []int // type of the multi-word chunk holding i, or -1
	var lastOf []bool
	off = 0
	for si, in := range infos {
		ls := labels[si]
		inChunk = slices.Grow(inChunk[:0], len(in))[:len(in)]
		lastOf = slices.Grow(lastOf[:0], len(in))[:len(in)]
		for i := range inChunk {
			inChunk[i] = -1
			lastOf[i] = false
		}
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
			f.l, f.lm1, f.lp1 = int(ls[i]), nlab, nlab
			if i > 0 {
				f.lm1 = int(ls[i-1])
			}
			if i+1 < len(in) {
				f.lp1 = int(ls[i+1])
			}
			f.named = capitalised(&in[i])
			if f.named {
				s := &stats[statOf[off+i]]
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
				f.best, f.bestAll = best, bestN == total
				f.first = int(s.firstTyp)
				f.super, f.last = s.super, s.last
				f.inChunk = inChunk[i] >= 0
				if f.inChunk {
					f.super[inChunk[i]]--
					if lastOf[i] {
						f.last[inChunk[i]]--
					}
				}
				// Context aggregation (Ratinov & Roth 2009): the words
				// around the other occurrences of this word.
				f.nother = 0
				for _, o := range s.occurs[:s.noccurs] {
					if int(o[0]) == si && int(o[1]) == i {
						continue
					}
					f.others[f.nother] = o
					f.nother++
				}
			}
			emit(si, i, &f)
		}
		off += len(in)
	}
}

// Tag finds the entities of one document given as sentences of words.
func (m *Model) Tag(sents [][]string) [][]Chunk { return m.tag(sents, secondPassRounds) }

// secondPassRounds is how many times the second pass runs, each round
// reading the previous round's labels.
var secondPassRounds = 1

func (m *Model) tag(sents [][]string, rounds int) [][]Chunk {
	infos, ents, base1, base2 := m.emissions(sents)
	var sc scratch
	labels := make([][]uint8, len(sents))
	for si, b1 := range base1 {
		copy(sc.grow(len(infos[si])), b1)
		labels[si] = sc.viterbi(len(infos[si]), &m.w1.trans)
	}
	for r := 0; r < rounds; r++ {
		labels = m.secondPass(infos, ents, base2, labels, &sc)
	}
	out := make([][]Chunk, len(sents))
	for si, ls := range labels {
		out[si] = labelsToChunks(ls)
	}
	return out
}

// emissions returns the token information and entries of a document's
// sentences and each token's local scores in both passes (nlab a token).
func (m *Model) emissions(sents [][]string) (infos [][]tokInfo, ents []*wordEntry, base1, base2 [][]float32) {
	ntok := 0
	for _, s := range sents {
		ntok += len(s)
	}
	words := make([]string, 0, ntok)
	for _, s := range sents {
		words = append(words, s...)
	}
	ents = make([]*wordEntry, ntok)
	m.entries(words, ents)
	flatInfo := make([]tokInfo, ntok)
	infos = make([][]tokInfo, len(sents))
	sentCases := make([]int, len(sents))
	off := 0
	for si, ws := range sents {
		es := ents[off : off+len(ws)]
		sc := sentenceCaseOf(es)
		if sc == sentTitle {
			m.entries(m.truecase(ws), es)
		}
		sentCases[si] = sc
		in := flatInfo[off : off+len(ws) : off+len(ws)]
		for i, e := range es {
			in[i] = e.info
		}
		markNames(in, m.gazMatch)
		infos[si] = in
		off += len(ws)
	}
	head := ""
	if len(sents) > 0 && len(sents[0]) > 0 {
		head = strings.ToLower(sents[0][0])
	}
	var docHead [capOne + 1]int32
	for c := range docHead {
		docHead[c] = m.tab.get(hInt(hStr(hStart(fDocHead), head), c))
	}

	base1, base2 = make([][]float32, len(sents)), make([][]float32, len(sents))
	flat := make([]float32, 2*ntok*nlab)
	var keys []uint64
	var rows, trs, ends []int32
	var accs [][stride]int32
	off = 0
	for si, in := range infos {
		n := len(in)
		es := ents[off : off+n]
		off += n
		b1, b2 := flat[:n*nlab:n*nlab], flat[n*nlab:2*n*nlab:2*n*nlab]
		flat = flat[2*n*nlab:]
		// The templates that combine words: both bigrams and the shape
		// trigram, looked up for the whole sentence at once.
		keys = keys[:0]
		for i := range es {
			m1, p1 := m.entryAt(es, i-1), m.entryAt(es, i+1)
			t := &es[i].info
			keys = append(keys,
				hStr(m1.hBigM1, t.lower),
				hStr(es[i].hBigP1, p1.info.lower),
				hStr(hStr(m1.hShape3, t.short), p1.info.short))
		}
		rows = m.tab.rows(keys, slices.Grow(rows[:0], len(keys)))
		digits := digitShareOf(es)
		// Each token's sums and rows; then the rows are added in passes
		// over the whole sentence, both ends of every row first, so that
		// their cache misses overlap.
		accs = slices.Grow(accs[:0], n)[:n]
		trs = trs[:0]
		ends = ends[:0]
		for i, e := range es {
			t := &in[i]
			m1, p1 := m.entryAt(es, i-1), m.entryAt(es, i+1)
			acc := &accs[i]
			*acc = e.self
			addSum(acc, &m1.left)
			addSum(acc, &p1.right)
			addSum(acc, &m.sums.casing[t.capBucket+1][t.capClass][sentCases[si]][b2i(i == 0)])
			trs = append(trs, rows[3*i:3*i+3]...)
			trs = append(trs,
				m.entryAt(es, i-2).rowM2,
				m.entryAt(es, i+2).rowP2,
				m1.rowM1Cap[t.capClass],
				m.sums.tableRow[digits][t.capClass][min(i, 3)],
				docHead[t.capClass])
			trs = m.gazRows(trs, t.gaz, at(in, i-1).gaz, at(in, i+1).gaz)
			ends = append(ends, int32(len(trs)))
		}
		start := 0
		for i := range accs {
			acc := &accs[i]
			for _, r := range trs[start:ends[i]] {
				if r >= 0 {
					acc[0] += int32(m.q[int(r)*stride])
					acc[stride-1] += int32(m.q[int(r)*stride+stride-1])
				}
			}
			start = int(ends[i])
		}
		start = 0
		for i := range accs {
			acc := &accs[i]
			for _, r := range trs[start:ends[i]] {
				if r >= 0 {
					addMid(acc, m.q[int(r)*stride+1:int(r)*stride+stride-1])
				}
			}
			start = int(ends[i])
			out1, out2 := b1[i*nlab:i*nlab+nlab], b2[i*nlab:i*nlab+nlab]
			for k := 0; k < nlab; k++ {
				out1[k] = float32(acc[k]) * m.w1.scale
				out2[k] = float32(acc[nlab+k]) * m.w2.scale
			}
		}
		base1[si], base2[si] = b1, b2
	}
	return infos, ents, base1, base2
}

// entryAt is the entry of token i of a sentence, or the boundary's.
func (m *Model) entryAt(es []*wordEntry, i int) *wordEntry {
	if i < 0 || i >= len(es) {
		return m.sums.boundary
	}
	return es[i]
}

// gazRows appends the rows of the gazetteer templates of a token whose
// gazetteer bits are bits, after those of its neighbours m1 and p1.
func (m *Model) gazRows(rs []int32, bits, m1, p1 uint32) []int32 {
	for typ := 0; typ < 4; typ++ {
		tb := (bits >> (4 * typ)) & 0xf
		for p := 0; p < 4; p++ {
			if tb&(1<<p) != 0 {
				rs = append(rs, m.sums.gaz[typ][p])
			}
		}
		if (m1>>(4*typ))&0xf != 0 {
			rs = append(rs, m.sums.gazM1[typ])
		}
		if (p1>>(4*typ))&0xf != 0 {
			rs = append(rs, m.sums.gazP1[typ])
		}
	}
	return rs
}

// sentenceCaseOf is sentenceCase of the entries' words.
func sentenceCaseOf(es []*wordEntry) int {
	letters, upper, title, long := 0, 0, 0, 0
	for _, e := range es {
		c := e.info.capClass
		if c == capNone {
			continue
		}
		letters++
		if c == capAll || c == capOne {
			upper++
		}
		if e.long {
			long++
			if c != capLower {
				title++
			}
		}
	}
	switch {
	case letters >= 2 && upper*10 >= letters*8 && upper >= 2:
		return sentUpper
	case long >= 3 && title*10 >= long*8:
		return sentTitle
	}
	return sentNormal
}

// digitShareOf is digitShare of the entries' words.
func digitShareOf(es []*wordEntry) int {
	n := 0
	for _, e := range es {
		if e.digit {
			n++
		}
	}
	if len(es) == 0 {
		return 0
	}
	return min(10*n/len(es), 5)
}

// secondPass decodes every sentence again with the document features
// computed from labels.
func (m *Model) secondPass(infos [][]tokInfo, ents []*wordEntry, base2 [][]float32, labels [][]uint8, sc *scratch) [][]uint8 {
	scores := m.pass2Scores(infos, ents, base2, labels)
	out := make([][]uint8, len(labels))
	for si, in := range infos {
		if len(in) > 0 {
			copy(sc.grow(len(in)), scores[si])
			out[si] = sc.viterbi(len(in), &m.w2.trans)
		}
	}
	return out
}

// pass2Scores adds the weights of the document features computed from
// labels to the second pass's local scores base2. ents are the entries of
// the document's tokens.
func (m *Model) pass2Scores(infos [][]tokInfo, ents []*wordEntry, base2 [][]float32, labels [][]uint8) [][]float32 {
	out := make([][]float32, len(base2))
	flat := make([]float32, len(ents)*nlab)
	// starts[si] is the index in ents of the first token of sentence si.
	starts := make([]int, len(infos)+1)
	for si, in := range infos {
		n := len(in)
		out[si] = flat[: n*nlab : n*nlab]
		flat = flat[n*nlab:]
		copy(out[si], base2[si])
		starts[si+1] = starts[si] + n
	}
	entryAt := func(sj, j int) *wordEntry { return m.entryAt(ents[starts[sj]:starts[sj+1]], j) }
	c := m.sums
	var rows []int32
	docFeaturesFunc(infos, labels, func(si, i int, f *docFacts) {
		rows = append(rows[:0], c.pass1[f.l], c.pass1M1[f.lm1], c.pass1P1[f.lp1], c.pass1Window[f.lm1][f.l][f.lp1])
		if f.named {
			if f.best >= 0 {
				rows = append(rows, c.majority[f.best][b2i(f.bestAll)])
			}
			if f.first >= 0 {
				rows = append(rows, c.first[f.first])
			}
			for _, o := range f.others[:f.nother] {
				sj, j := int(o[0]), int(o[1])
				rows = append(rows, entryAt(sj, j-1).rowAggPrev, entryAt(sj, j+1).rowAggNext)
			}
			for t := 0; t < 4; t++ {
				if f.super[t] > 0 {
					rows = append(rows, c.docSuper[t][b2i(f.inChunk)])
				}
				if f.last[t] > 0 {
					rows = append(rows, c.docSuperEnd[t][b2i(f.inChunk)])
				}
			}
		}
		// Only the rows the model has, as appendRows would give.
		n := 0
		for _, r := range rows {
			if r >= 0 {
				rows[n] = r
				n++
			}
		}
		m.addPass2(rows[:n], out[si][i*nlab:i*nlab+nlab])
	})
	return out
}

// scratch holds decoding buffers reused across sentences.
type scratch struct {
	scores, delta []float32
	back          []uint8
}

func (s *scratch) grow(n int) []float32 {
	s.scores = slices.Grow(s.scores[:0], n*nlab)[:n*nlab]
	s.back = slices.Grow(s.back[:0], n*nlab)[:n*nlab]
	if s.delta == nil {
		s.delta = make([]float32, 2*nlab)
	}
	return s.scores
}

func (s *scratch) viterbi(n int, trans *[nlab + 1][nlab]float32) []uint8 {
	return viterbi(n, s.scores, trans, make([]uint8, 0, n), s.back, s.delta)
}

// tagLinear is Tag with unquantised passes, used while training.
func (m *Model) tagLinear(p1, p2 *linear, sents [][]string) [][]Chunk {
	infos, feats := m.featurize(sents, m.gazMatch)
	l1 := decode(p1, feats)
	docFeatures(infos, l1, feats)
	l2 := decode(p2, feats)
	out := make([][]Chunk, len(sents))
	for si := range l2 {
		out[si] = labelsToChunks(l2[si])
	}
	return out
}

func sortedKeys(g gazetteer) []uint64 {
	keys := make([]uint64, 0, len(g))
	for k := range g {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
