package segment

import (
	"unicode"
	"unicode/utf8"
)

// Character classes of the byte scanner. ASCII bytes are classified by
// table; other runes by the unicode package.
const (
	cOther uint8 = iota // punctuation or symbol: a token of its own
	cSpace              // separates tokens
	cLower              // lowercase letter
	cUpper              // uppercase letter
	cDigit              // decimal digit
	cWord               // other word character (marks, CJK, _, °, invalid bytes)
	cApos               // ' ’ ‘ `: apostrophe or single quote
)

var asciiClass [128]uint8

func init() {
	for c := 0; c < 128; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			asciiClass[c] = cSpace
		case c >= 'a' && c <= 'z':
			asciiClass[c] = cLower
		case c >= 'A' && c <= 'Z':
			asciiClass[c] = cUpper
		case c >= '0' && c <= '9':
			asciiClass[c] = cDigit
		case c == '_':
			asciiClass[c] = cWord
		case c == '\'' || c == '`':
			asciiClass[c] = cApos
		case c < ' ' || c == 0x7f:
			asciiClass[c] = cSpace // control characters, NUL included
		default:
			asciiClass[c] = cOther
		}
	}
}

// classAt returns the class of the character at s[i] and its width in
// bytes (at least 1, so that scanning always advances).
func classAt(s string, i int) (uint8, int) {
	b := s[i]
	if b < utf8.RuneSelf {
		return asciiClass[b], 1
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	return runeClass(r), w
}

func runeClass(r rune) uint8 {
	switch r {
	case utf8.RuneError:
		return cWord
	case '\u2019', '\u2018', '\u02bc', '\u2032':
		return cApos
	case '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u0085', '\ufeff', '\u200b':
		return cSpace
	case '°', 'º', 'ª':
		return cWord
	}
	switch {
	case r >= '\u2000' && r <= '\u200a':
		return cSpace
	case unicode.IsLower(r):
		return cLower
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return cUpper
	case unicode.IsDigit(r):
		return cDigit
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return cWord
	case unicode.IsSpace(r):
		return cSpace
	}
	return cOther
}

func isWordClass(c uint8) bool { return c == cLower || c == cUpper || c == cDigit || c == cWord }

func isLetterClass(c uint8) bool { return c == cLower || c == cUpper || c == cWord }

// firstClass is the class of the first character of s (cSpace for "").
func firstClass(s string) uint8 {
	if s == "" {
		return cSpace
	}
	c, _ := classAt(s, 0)
	return c
}
