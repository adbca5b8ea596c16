package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. The numbers are part of the model format: append new
// templates, never renumber.
const (
	fBias byte = iota + 1
	fForm
	fLower
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fBigramM1
	fBigramP1
	fPrefix
	fSuffix
	fShape
	fShortShape
	fShapeM1
	fShapeP1
	fShape3
	fCapPos
	fCapRatio
	fCapRatioCtx
	fCluster
	fClusterM1
	fClusterP1
	fGaz
	fGazM1
	fGazP1
	fLowerM1Cap
	fSuffixCap
	fClusterShape
	fSentCase
	// Second-pass (document) templates.
	fPass1
	fPass1M1
	fPass1P1
	fDocMajority
	fDocFirst
	fDocSuper
	fDocSuperLast
	fPass1Window
	fTableRow
	fDocHead
	fClusterM1Pair
	fAggPrev
	fAggNext
	fWordGaz
)

// Capitalisation classes of a token.
const (
	capNone  = iota // no letters
	capLower        // first letter lower case
	capInit         // initial capital, not all caps
	capAll          // all letters upper case (two or more letters)
	capOne          // a single upper-case letter
)

// Sentence casing: headlines in capitals or Title Case make capitalisation
// uninformative, which the recognizer must learn to discount.
const (
	sentNormal = iota
	sentUpper
	sentTitle
)

// tokInfo is what the feature templates read about one token.
type tokInfo struct {
	form, lower string
	shape       string
	short       string
	capClass    int
	classes     []uint16
	// capBucket is the coarse share of capitalised mid-sentence uses of the
	// lowercased word in unlabeled news, or -1 when unknown.
	capBucket int
	gaz       uint32 // gazetteer bits: type*4 + position (B, I, L, U)
	wordGaz   uint8  // types of training names holding this word
}

var boundary = tokInfo{form: "<s>", lower: "<s>", shape: "<s>", short: "<s>", capBucket: -2}

func wordShape(s string, collapse bool) string {
	var b strings.Builder
	var last rune = -1
	n := 0
	for _, r := range s {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if collapse && c == last {
			continue
		}
		last = c
		b.WriteRune(c)
		n++
		if n >= 12 {
			break
		}
	}
	return b.String()
}

func capClass(s string) int {
	upper, lower := 0, 0
	first := -1
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
			if first < 0 {
				first = 1
			}
		} else if unicode.IsLower(r) {
			lower++
			if first < 0 {
				first = 0
			}
		}
	}
	switch {
	case upper+lower == 0:
		return capNone
	case first == 0:
		return capLower
	case lower == 0 && upper == 1:
		return capOne
	case lower == 0:
		return capAll
	}
	return capInit
}

func capBucket(pct int) int {
	switch {
	case pct < 5:
		return 0
	case pct < 30:
		return 1
	case pct < 70:
		return 2
	case pct < 95:
		return 3
	}
	return 4
}

// titleForm returns "Japan" for "JAPAN".
func titleForm(lower string) string {
	r, n := utf8.DecodeRuneInString(lower)
	return string(unicode.ToUpper(r)) + lower[n:]
}

// sentenceCase classifies a sentence as normal, all capitals or Title Case.
func sentenceCase(words []string) int {
	letters, upper, title, long := 0, 0, 0, 0
	for _, w := range words {
		c := capClass(w)
		if c == capNone {
			continue
		}
		letters++
		if c == capAll || c == capOne {
			upper++
		}
		if utf8.RuneCountInString(w) >= 4 {
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

// prepare fills token information for a sentence.
func (m *Model) prepare(words []string, infos []tokInfo) {
	for i, w := range words {
		infos[i] = m.wordInfo(w)
	}
}

func at(infos []tokInfo, i int) *tokInfo {
	if i < 0 || i >= len(infos) {
		return &boundary
	}
	return &infos[i]
}

var posNames = [4]string{"B", "I", "L", "U"}

// localFeatures appends the hashes of the local features of token i.
// sentInfo is what the templates read about the whole sentence and
// document.
type sentInfo struct {
	sentCase int
	// digits is the share of tokens holding a digit, in tenths: tables of
	// results have many.
	digits int
	// docHead is the lowercased first word of the document, which in wire
	// copy often names the section ("soccer", "tennis").
	docHead string
}

func digitShare(words []string) int {
	n := 0
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			n++
		}
	}
	if len(words) == 0 {
		return 0
	}
	return min(10*n/len(words), 5)
}

func localFeatures(infos []tokInfo, i int, si *sentInfo, out []uint64) []uint64 {
	sentCase := si.sentCase
	t := &infos[i]
	p1, m1 := at(infos, i+1), at(infos, i-1)
	p2, m2 := at(infos, i+2), at(infos, i-2)
	out = append(out,
		hStart(fBias),
		hStr(hStart(fForm), t.form),
		hStr(hStart(fLower), t.lower),
		hStr(hStart(fLowerM1), m1.lower),
		hStr(hStart(fLowerP1), p1.lower),
		hStr(hStart(fLowerM2), m2.lower),
		hStr(hStart(fLowerP2), p2.lower),
		hStr(hStr(hStart(fBigramM1), m1.lower), t.lower),
		hStr(hStr(hStart(fBigramP1), t.lower), p1.lower),
		hStr(hStart(fShape), t.shape),
		hStr(hStart(fShortShape), t.short),
		hStr(hStart(fShapeM1), m1.short),
		hStr(hStart(fShapeP1), p1.short),
		hStr(hStr(hStr(hStart(fShape3), m1.short), t.short), p1.short),
		hInt(hInt(hInt(hStart(fCapPos), t.capClass), b2i(i == 0)), sentCase),
		hInt(hInt(hStart(fCapRatio), t.capBucket), t.capClass),
		hInt(hInt(hInt(hInt(hStart(fCapRatioCtx), t.capBucket), t.capClass), sentCase), b2i(i == 0)),
		hInt(hStr(hStart(fLowerM1Cap), m1.lower), t.capClass),
		hInt(hInt(hStart(fSentCase), sentCase), t.capClass),
		hInt(hInt(hInt(hStart(fTableRow), si.digits), t.capClass), min(i, 3)),
		hInt(hStr(hStart(fDocHead), si.docHead), t.capClass),
	)
	// Affixes of the lowercased word, by bytes but only at rune starts.
	lw := t.lower
	if len(lw) > 1 {
		for k := 1; k <= 5 && k < len(lw); k++ {
			if utf8.RuneStart(lw[k]) {
				out = append(out, hStr(hInt(hStart(fPrefix), k), lw[:k]))
			}
			if utf8.RuneStart(lw[len(lw)-k]) {
				h := hStr(hInt(hStart(fSuffix), k), lw[len(lw)-k:])
				out = append(out, h)
				if k == 3 {
					out = append(out, hInt(hStr(hStart(fSuffixCap), lw[len(lw)-k:]), t.capClass))
				}
			}
		}
	}
	out = clusterFeatures(out, fCluster, t, true)
	out = clusterFeatures(out, fClusterM1, m1, false)
	out = clusterFeatures(out, fClusterP1, p1, false)
	if t.classes != nil && len(t.classes) > 1 {
		out = append(out, hStr(hInt(hStart(fClusterShape), int(t.classes[1])), t.short))
	}
	for typ := 0; typ < 4; typ++ {
		if t.wordGaz&(1<<typ) != 0 {
			out = append(out, hInt(hInt(hStart(fWordGaz), typ), t.capClass))
		}
	}
	out = gazFeatures(out, fGaz, t.gaz, true)
	out = gazFeatures(out, fGazM1, m1.gaz, false)
	out = gazFeatures(out, fGazP1, p1.gaz, false)
	return out
}

func clusterFeatures(out []uint64, tpl byte, t *tokInfo, all bool) []uint64 {
	if t.classes == nil {
		return append(out, hInt(hStart(tpl), -1-t.capBucket))
	}
	for g, c := range t.classes {
		if !all && g%2 == 0 {
			continue
		}
		out = append(out, hInt(hInt(hStart(tpl), g), int(c)))
	}
	return out
}

func gazFeatures(out []uint64, tpl byte, bits uint32, withPos bool) []uint64 {
	if bits == 0 {
		return out
	}
	for typ := 0; typ < 4; typ++ {
		tb := (bits >> (4 * typ)) & 0xf
		if tb == 0 {
			continue
		}
		if !withPos {
			out = append(out, hInt(hStart(tpl), typ))
			continue
		}
		for p := 0; p < 4; p++ {
			if tb&(1<<p) != 0 {
				out = append(out, hInt(hInt(hStart(tpl), typ), p))
			}
		}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
