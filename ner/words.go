package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A token's local score is the sum of the weight rows of its features.
// Most of those features read one word only: the token's own (form,
// affixes, shape, word classes), its left neighbour's or its right
// neighbour's. Their rows are summed once per word form and kept in a
// wordEntry, so a token adds three sums and looks up only the features
// that combine words or read the sentence. The sums are of integers, so
// they do not depend on the order of addition: the scores are exactly
// those of adding every row in turn.
type wordEntry struct {
	info tokInfo
	// self, left and right sum the rows of the features that read this
	// word as the token, as the token before it and as the token after it.
	self, left, right [stride]int32
	// rowM2 and rowP2 are the rows (or -1) of the word two tokens before
	// and after; rowM1Cap those of the word before, per capitalisation
	// class of the token.
	rowM2, rowP2 int32
	rowM1Cap     [capOne + 1]int32
	// rowAggPrev and rowAggNext are the second-pass rows of this word
	// before and after another occurrence of a capitalised word.
	rowAggPrev, rowAggNext int32
	// Hash states after this word, for templates that read it together
	// with a neighbour.
	hBigM1, hBigP1, hShape3 uint64
	// long (four or more runes) and digit are what sentenceCase and
	// digitShare read.
	long, digit bool
}

// wordInfo is prepare for one word.
func (m *Model) wordInfo(w string) tokInfo {
	t := tokInfo{form: w, lower: strings.ToLower(w), shape: wordShape(w, false), short: wordShape(w, true), capClass: capClass(w), capBucket: -1}
	if m.clusters != nil {
		t.classes = m.clusters.Classes(w)
		if t.classes == nil && t.capClass == capAll {
			t.classes = m.clusters.Classes(titleForm(t.lower))
		}
		if t.classes == nil && t.capClass != capLower {
			t.classes = m.clusters.Classes(t.lower)
		}
		if pct, ok := m.clusters.CapRatio(t.lower); ok {
			t.capBucket = capBucket(pct)
		}
	}
	return t
}

// selfKeys appends the features of localFeatures that read only token t.
func selfKeys(t *tokInfo, out []uint64) []uint64 {
	out = append(out,
		hStart(fBias),
		hStr(hStart(fForm), t.form),
		hStr(hStart(fLower), t.lower),
		hStr(hStart(fShape), t.shape),
		hStr(hStart(fShortShape), t.short),
		hInt(hInt(hStart(fCapRatio), t.capBucket), t.capClass),
	)
	lw := t.lower
	if len(lw) > 1 {
		for k := 1; k <= 5 && k < len(lw); k++ {
			if utf8.RuneStart(lw[k]) {
				out = append(out, hStr(hInt(hStart(fPrefix), k), lw[:k]))
			}
			if utf8.RuneStart(lw[len(lw)-k]) {
				out = append(out, hStr(hInt(hStart(fSuffix), k), lw[len(lw)-k:]))
				if k == 3 {
					out = append(out, hInt(hStr(hStart(fSuffixCap), lw[len(lw)-k:]), t.capClass))
				}
			}
		}
	}
	out = clusterFeatures(out, fCluster, t, true)
	if t.classes != nil && len(t.classes) > 1 {
		out = append(out, hStr(hInt(hStart(fClusterShape), int(t.classes[1])), t.short))
	}
	for typ := 0; typ < 4; typ++ {
		if t.wordGaz&(1<<typ) != 0 {
			out = append(out, hInt(hInt(hStart(fWordGaz), typ), t.capClass))
		}
	}
	return out
}

// leftKeys appends the features of localFeatures that read only the
// token before, m1.
func leftKeys(m1 *tokInfo, out []uint64) []uint64 {
	out = append(out, hStr(hStart(fLowerM1), m1.lower), hStr(hStart(fShapeM1), m1.short))
	return clusterFeatures(out, fClusterM1, m1, false)
}

// rightKeys appends the features of localFeatures that read only the
// token after, p1.
func rightKeys(p1 *tokInfo, out []uint64) []uint64 {
	out = append(out, hStr(hStart(fLowerP1), p1.lower), hStr(hStart(fShapeP1), p1.short))
	return clusterFeatures(out, fClusterP1, p1, false)
}

// newWordEntry computes the entry of a word form; info is the word's
// tokInfo with wordGaz set.
func (m *Model) newWordEntry(info tokInfo) *wordEntry {
	e := &wordEntry{info: info}
	var keys [64]uint64
	var rows [64]int32
	sum := func(acc *[stride]int32, ks []uint64) {
		m.addRows(acc, m.tab.rows(ks, rows[:len(ks)]))
	}
	t := &e.info
	sum(&e.self, selfKeys(t, keys[:0]))
	sum(&e.left, leftKeys(t, keys[:0]))
	sum(&e.right, rightKeys(t, keys[:0]))
	e.rowM2 = m.tab.get(hStr(hStart(fLowerM2), t.lower))
	e.rowP2 = m.tab.get(hStr(hStart(fLowerP2), t.lower))
	for c := range e.rowM1Cap {
		e.rowM1Cap[c] = m.tab.get(hInt(hStr(hStart(fLowerM1Cap), t.lower), c))
	}
	e.rowAggPrev = m.tab.get(hStr(hStart(fAggPrev), t.lower))
	e.rowAggNext = m.tab.get(hStr(hStart(fAggNext), t.lower))
	e.hBigM1 = hStr(hStart(fBigramM1), t.lower)
	e.hBigP1 = hStr(hStart(fBigramP1), t.lower)
	e.hShape3 = hStr(hStart(fShape3), t.short)
	e.long = utf8.RuneCountInString(t.form) >= 4
	e.digit = strings.IndexFunc(t.form, unicode.IsDigit) >= 0
	return e
}

// addRow adds weight row r to acc.
func (m *Model) addRow(acc *[stride]int32, r int32) {
	wr := m.q[int(r)*stride : int(r)*stride+stride : int(r)*stride+stride]
	for k := range acc {
		acc[k] += int32(wr[k])
	}
}

// addRows adds the weight rows rs (-1 for none) to acc. A row spans two
// cache lines: both ends of every row are read in a pass of their own
// first, so that the misses overlap.
func (m *Model) addRows(acc *[stride]int32, rs []int32) {
	for _, r := range rs {
		if r >= 0 {
			acc[0] += int32(m.q[int(r)*stride])
			acc[stride-1] += int32(m.q[int(r)*stride+stride-1])
		}
	}
	for _, r := range rs {
		if r >= 0 {
			addMid(acc, m.q[int(r)*stride+1:int(r)*stride+stride-1])
		}
	}
}

// addMid adds the inner columns of a row to acc.
func addMid(acc *[stride]int32, wr []int16) {
	mid := acc[1 : stride-1]
	wr = wr[:len(mid)]
	for k := range mid {
		mid[k] += int32(wr[k])
	}
}

func addSum(acc, v *[stride]int32) {
	for k := range acc {
		acc[k] += v[k]
	}
}

// contextSums are the row sums and rows of the templates that read a
// token's casing together with the sentence, precomputed for every value
// they can take.
type contextSums struct {
	// casing sums fCapPos, fCapRatioCtx and fSentCase by capBucket+1,
	// capClass, sentence case and whether the token is the first.
	casing [6][capOne + 1][sentTitle + 1][2][stride]int32
	// tableRow is the row of fTableRow by digit share, capClass and
	// min(position, 3).
	tableRow [6][capOne + 1][4]int32
	// gaz, gazM1 and gazP1 are the rows of the gazetteer templates.
	gaz          [4][4]int32
	gazM1, gazP1 [4]int32
	// boundary is the entry of the positions outside a sentence.
	boundary *wordEntry
	// The rows of the second-pass templates (see docFacts.appendHashes)
	// but for the aggregated contexts, by their values.
	pass1                 [nlab]int32
	pass1M1, pass1P1      [nlab + 1]int32
	pass1Window           [nlab + 1][nlab][nlab + 1]int32
	majority              [5][2]int32
	first                 [5]int32
	docSuper, docSuperEnd [4][2]int32
}

func (m *Model) newContextSums() *contextSums {
	c := &contextSums{}
	for cb := -1; cb <= 4; cb++ {
		for cc := 0; cc <= capOne; cc++ {
			for sc := 0; sc <= sentTitle; sc++ {
				for first := 0; first < 2; first++ {
					acc := &c.casing[cb+1][cc][sc][first]
					for _, k := range []uint64{
						hInt(hInt(hInt(hStart(fCapPos), cc), first), sc),
						hInt(hInt(hInt(hInt(hStart(fCapRatioCtx), cb), cc), sc), first),
						hInt(hInt(hStart(fSentCase), sc), cc),
					} {
						if r := m.tab.get(k); r >= 0 {
							m.addRow(acc, r)
						}
					}
				}
			}
		}
	}
	for d := range c.tableRow {
		for cc := range c.tableRow[d] {
			for p := range c.tableRow[d][cc] {
				c.tableRow[d][cc][p] = m.tab.get(hInt(hInt(hInt(hStart(fTableRow), d), cc), p))
			}
		}
	}
	for typ := 0; typ < 4; typ++ {
		for p := 0; p < 4; p++ {
			c.gaz[typ][p] = m.tab.get(hInt(hInt(hStart(fGaz), typ), p))
		}
		c.gazM1[typ] = m.tab.get(hInt(hStart(fGazM1), typ))
		c.gazP1[typ] = m.tab.get(hInt(hStart(fGazP1), typ))
	}
	c.boundary = m.newWordEntry(boundary)
	for l := range c.pass1 {
		c.pass1[l] = m.tab.get(hInt(hStart(fPass1), l))
	}
	for l := range c.pass1M1 {
		c.pass1M1[l] = m.tab.get(hInt(hStart(fPass1M1), l))
		c.pass1P1[l] = m.tab.get(hInt(hStart(fPass1P1), l))
	}
	for lm1 := range c.pass1Window {
		for l := range c.pass1Window[lm1] {
			for lp1 := range c.pass1Window[lm1][l] {
				c.pass1Window[lm1][l][lp1] = m.tab.get(hInt(hInt(hInt(hStart(fPass1Window), lm1), l), lp1))
			}
		}
	}
	for t := range c.majority {
		for all := range c.majority[t] {
			c.majority[t][all] = m.tab.get(hInt(hInt(hStart(fDocMajority), t), all))
		}
		c.first[t] = m.tab.get(hInt(hStart(fDocFirst), t))
	}
	for t := range c.docSuper {
		for in := range c.docSuper[t] {
			c.docSuper[t][in] = m.tab.get(hInt(hInt(hStart(fDocSuper), t), in))
			c.docSuperEnd[t][in] = m.tab.get(hInt(hInt(hStart(fDocSuperLast), t), in))
		}
	}
	return c
}

// wordCacheSize is the number of word forms in a generation of the
// form cache (an entry is about 600 bytes).
const wordCacheSize = 1 << 13

// entries sets ents[i] to the entry of words[i].
func (m *Model) entries(words []string, ents []*wordEntry) {
	m.words.Get(words, ents[:0], m.wordEntry)
}

// wordEntry computes the entry of word w, a copy of the document's text
// (formcache.Cache.Get).
func (m *Model) wordEntry(w string) *wordEntry {
	info := m.wordInfo(w)
	info.wordGaz = m.gazMatch(wordKey(info.lower))
	return m.newWordEntry(info)
}

// rows sets out[i] to the row of keys[i], or -1, and returns out. The home
// slots are read in a pass of their own, so that their cache misses
// overlap.
func (t *table) rows(keys []uint64, out []int32) []int32 {
	var home [64]slot
	out = out[:len(keys)]
	for off := 0; off < len(keys); off += len(home) {
		batch := keys[off:min(len(keys), off+len(home))]
		for i, k := range batch {
			home[i] = t.slots[mix(k)&t.mask]
		}
		for i, k := range batch {
			switch s := home[i]; {
			case s.val == 0:
				out[off+i] = -1
			case s.key == k:
				out[off+i] = s.val - 1
			default:
				out[off+i] = t.get(k)
			}
		}
	}
	return out
}
