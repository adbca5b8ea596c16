package postag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-news/parley/perceptron"
)

// Normalize folds typographic quotes, apostrophes and dashes to the ASCII
// forms of the training treebank, so that text from any source reaches the
// models in one spelling.
func Normalize(form string) string {
	if isASCII(form) {
		return form
	}
	var b strings.Builder
	for _, r := range form {
		switch r {
		case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032':
			b.WriteByte('\'')
		case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
			b.WriteByte('"')
		case '\u2013', '\u2012':
			b.WriteByte('-')
		case '\u2014', '\u2015':
			b.WriteString("--")
		case '\u2026':
			b.WriteString("...")
		case '\u00A0':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Lower returns the lowercase form with every digit folded to 0, the word
// identity the feature templates use.
func Lower(form string) string {
	hasUpperOrDigit := false
	for i := 0; i < len(form); i++ {
		c := form[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			hasUpperOrDigit = true
			break
		}
	}
	if !hasUpperOrDigit {
		return form
	}
	var b strings.Builder
	b.Grow(len(form))
	for _, r := range form {
		switch {
		case unicode.IsDigit(r):
			b.WriteByte('0')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Shape maps a word to its character classes with runs capped at two:
// "Witkoff" → "Xxx", "30-day" → "dd-xx", "U.S." → "X.X.".
func Shape(form string) string {
	var b strings.Builder
	shape(form, func(c rune) { b.WriteRune(c) })
	return b.String()
}

// shapeHash is perceptron.Hash(Shape(form)) without building the string.
func shapeHash(form string) uint64 {
	h := uint64(14695981039346656037)
	shape(form, func(c rune) {
		var buf [utf8.UTFMax]byte
		for _, x := range utf8.AppendRune(buf[:0], c) {
			h ^= uint64(x)
			h *= 1099511628211
		}
	})
	return h
}

// shape calls emit with each character class of Shape(form).
func shape(form string, emit func(rune)) {
	var last rune
	run := 0
	for _, r := range form {
		var c rune
		switch {
		case r < utf8.RuneSelf:
			// ASCII without the Unicode tables.
			switch {
			case 'A' <= r && r <= 'Z':
				c = 'X'
			case 'a' <= r && r <= 'z':
				c = 'x'
			case '0' <= r && r <= '9':
				c = 'd'
			default:
				c = r
			}
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case unicode.IsLetter(r):
			c = 'l'
		default:
			c = r
		}
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			run = 0
		}
		last = c
		emit(c)
	}
}

// word holds the hashed atoms of one token that the templates combine.
type word struct {
	form, lower, shape uint64
	pre, suf           [4]uint64
	amb                uint64
	// cl are the word's classes at each granularity (class+1, 0 unknown)
	// and caps its capitalisation bucket.
	cl       [4]uint64
	caps     uint64
	lowerStr string
}

var (
	hStart = perceptron.Hash("\x00START")
	hEnd   = perceptron.Hash("\x00END")
)

func padWord(h uint64) word {
	w := word{form: h, lower: h, shape: h, amb: h}
	for i := range w.pre {
		w.pre[i], w.suf[i], w.cl[i] = h, h, h
	}
	w.caps = h
	return w
}

var (
	startWord = padWord(hStart)
	endWord   = padWord(hEnd)
)

// affixes returns hashes of the first and last 1..4 runes of s; affixes
// longer than the word are the whole word.
func affixes(s string) (pre, suf [4]uint64) {
	whole := perceptron.Hash(s)
	for k := range 4 {
		pre[k], suf[k] = whole, whole
	}
	k := 0
	for j := range s {
		if k >= 1 && k <= 4 {
			pre[k-1] = perceptron.Hash(s[:j])
		}
		k++
		if k > 4 {
			break
		}
	}
	k = 0
	for j := len(s); j > 0 && k < 4; {
		_, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
		if j > 0 {
			suf[k] = perceptron.Hash(s[j:])
		}
		k++
	}
	return pre, suf
}

// Feature templates; the values only need to be distinct.
const (
	fBias = iota + 1
	fLower
	fForm
	fPre
	fSuf
	fShape
	fFirstCap
	fLowerM1
	fLowerM2
	fLowerP1
	fLowerP2
	fSuf3M1
	fSuf3P1
	fTagM1
	fTagM2
	fTagM1M2
	fTagM1Lower
	fLowerM1Lower
	fLowerLowerP1
	fAmb
	fAmbP1
	fAmbP2
	fAmbAmbP1
	fTagM1AmbP1
	fShapeP1
	fShapeM1
	fTagM1Suf3
	fAmbLower
	fTagP1
	fTagP1Lower
	fTagM1TagP1
	fCluster
	fClusterM1
	fClusterP1
	fTagM1Cluster
	fCaps
	fCapsShapeFirst
	fClusterP2
	fLowerAmbP1
	fLowerSuf2P1
)
