package wordcluster

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldPunct maps typographic quotes, apostrophes and dashes to ASCII, the
// same folding document.Token.Norm applies, so corpus statistics match the
// forms the models read.
var foldPunct = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'",
	"\u201c", "\"", "\u201d", "\"", "\u201e", "\"", "\u201f", "\"",
	"\u2013", "-", "\u2014", "--", "\u2212", "-", "\u00a0", " ",
)

// Fold returns s with typographic punctuation folded to ASCII.
func Fold(s string) string { return foldPunct.Replace(s) }

// Tokenize splits one line of running text into word tokens roughly in
// CoNLL-2003 / Penn conventions: punctuation is split from words, and
// possessive 's and the clitic n't become their own tokens. It is meant for
// gathering statistics over unlabeled text, not as parley's tokenizer.
func Tokenize(line string, out []string) []string {
	line = Fold(line)
	for _, field := range strings.Fields(line) {
		out = splitField(field, out)
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func splitField(f string, out []string) []string {
	// Leading punctuation.
	for len(f) > 0 {
		r, n := utf8.DecodeRuneInString(f)
		if isWordRune(r) {
			break
		}
		out = append(out, f[:n])
		f = f[n:]
	}
	// Trailing punctuation, kept in order.
	var tail []string
	for len(f) > 0 {
		r, n := utf8.DecodeLastRuneInString(f)
		if isWordRune(r) {
			break
		}
		// Keep the period of an abbreviation such as "U.S." or "Mr.".
		if r == '.' && strings.Contains(f[:len(f)-n], ".") && len(f) <= 6 {
			break
		}
		if r == '.' && len(f) <= 4 && len(f) >= 2 && unicode.IsUpper(rune(f[0])) && strings.IndexFunc(f[:len(f)-1], unicode.IsLower) > 0 && isTitleAbbrev(f) {
			break
		}
		tail = append(tail, f[len(f)-n:])
		f = f[:len(f)-n]
	}
	if f != "" {
		lf := strings.ToLower(f)
		switch {
		case strings.HasSuffix(lf, "n't") && len(f) > 3:
			out = append(out, f[:len(f)-3], f[len(f)-3:])
		case strings.HasSuffix(lf, "'s") && len(f) > 2:
			out = append(out, f[:len(f)-2], f[len(f)-2:])
		default:
			out = append(out, f)
		}
	}
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}

// isTitleAbbrev reports whether f looks like "Mr." or "Dr.": short, one
// capital then lowercase letters.
func isTitleAbbrev(f string) bool {
	body := f[:len(f)-1]
	for i, r := range body {
		if i == 0 {
			if !unicode.IsUpper(r) {
				return false
			}
			continue
		}
		if !unicode.IsLower(r) {
			return false
		}
	}
	return len(body) <= 3
}
