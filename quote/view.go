package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// tok is the finder's view of one token: the document's token when the
// segment stage ran, else one cut by fallbackTokens.
type tok struct {
	start, end int
	text       string // as in the source
	low        string // lower case, quotes and apostrophes folded to ASCII
	upos       string
	lemma      string
	head       int // index into view.toks, -1 when none
	deprel     string
}

// sent is a sentence as a token range [first, end) of view.toks.
type sent struct {
	start, end  int // bytes
	first, last int // tokens [first, last)
	para        int
}

// view is what the finder reads: tokens and sentences, whichever stage
// made them.
type view struct {
	text   string
	toks   []tok
	sents  []sent
	parsed bool // Head/Deprel present
}

func newView(doc *document.Document) *view {
	v := &view{text: doc.Text}
	if len(doc.Tokens) > 0 {
		v.toks = make([]tok, len(doc.Tokens))
		for i, t := range doc.Tokens {
			head := t.Head
			if head < -1 || head >= len(doc.Tokens) {
				head = -1
			}
			v.toks[i] = tok{start: t.Start, end: t.End, text: t.Text, low: fold(t.Form()),
				upos: t.UPOS, lemma: strings.ToLower(t.Lemma), head: head, deprel: t.Deprel}
			if t.Deprel != "" {
				v.parsed = true
			}
		}
		if !validTokens(doc) {
			// Another stage left tokens that do not fit the text: use ours.
			v.toks, v.parsed = fallbackTokens(doc.Text), false
		}
	} else {
		v.toks = fallbackTokens(doc.Text)
	}
	if len(doc.Sentences) > 0 && len(doc.Tokens) > 0 && len(v.toks) == len(doc.Tokens) && validSentences(doc) {
		for _, s := range doc.Sentences {
			v.sents = append(v.sents, sent{start: s.Start, end: s.End, first: s.FirstToken, last: s.EndToken, para: s.Paragraph})
		}
	} else {
		v.sents = fallbackSentences(doc.Text, v.toks)
	}
	return v
}

// validTokens reports whether the document's tokens are sorted,
// non-overlapping spans inside the text.
func validTokens(doc *document.Document) bool {
	prev := 0
	for _, t := range doc.Tokens {
		if !t.Valid(len(doc.Text)) || t.Start < prev || t.End <= t.Start {
			return false
		}
		prev = t.End
	}
	return true
}

// validSentences reports whether the sentences cover ordered,
// non-empty token ranges.
func validSentences(doc *document.Document) bool {
	prev := 0
	for _, s := range doc.Sentences {
		if s.FirstToken < prev || s.EndToken <= s.FirstToken || s.EndToken > len(doc.Tokens) {
			return false
		}
		prev = s.EndToken
	}
	return true
}

// fold lower-cases a word and folds typographic quotes and apostrophes.
func fold(s string) string {
	s = strings.ToLower(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return quoteFolder.Replace(s)
		}
	}
	// Every character folded is outside ASCII, and Replace allocates
	// even when it replaces nothing.
	return s
}

var quoteFolder = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"", "\u2014", "--", "\u2013", "-")

// slice returns the source text of tokens [i, j).
func (v *view) slice(i, j int) string {
	if i >= j {
		return ""
	}
	return v.text[v.toks[i].start:v.toks[j-1].end]
}

// span returns the byte span of tokens [i, j).
func (v *view) span(i, j int) document.Span {
	return document.Span{Start: v.toks[i].start, End: v.toks[j-1].end}
}

// isWordRune reports whether r can be part of a word token.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// fallbackTokens cuts text into words and punctuation when no segment
// stage ran. It splits clitics the UD way (Trump 's, do n't) so that the
// cue and subject patterns see the same tokens either way.
func fallbackTokens(text string) []tok {
	var out []tok
	add := func(s, e int) {
		out = append(out, tok{start: s, end: e, text: text[s:e], low: fold(text[s:e]), head: -1})
	}
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case isWordRune(r):
			j := i
			for j < len(text) {
				r2, w2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += w2
					continue
				}
				// Internal hyphens, periods (U.S., 3.5) and apostrophes (O'Brien)
				// stay inside a word when a word character follows.
				if r2 == '-' || r2 == '.' || r2 == '\'' || r2 == '\u2019' || r2 == '&' {
					if j+w2 < len(text) {
						r3, _ := utf8.DecodeRuneInString(text[j+w2:])
						if isWordRune(r3) {
							j += w2
							continue
						}
					}
				}
				break
			}
			// An abbreviation keeps its final period: U.S., Mr.
			if j < len(text) && text[j] == '.' && isAbbrev(text[i:j]) {
				j++
			}
			word := text[i:j]
			// Split clitics: 's 're 've 'll 'd 'm n't.
			if k := clitic(word); k > 0 {
				add(i, i+k)
				add(i+k, j)
			} else {
				add(i, j)
			}
			i = j
		default:
			j := i + w
			// Runs of the same mark (..., --) are one token.
			if r == '.' || r == '-' || r == '\'' || r == '`' {
				for j < len(text) && text[j] == byte(r) {
					j++
				}
			}
			add(i, j)
			i = j
		}
	}
	return out
}

// clitic returns the byte length of the word before a clitic, or 0.
func clitic(word string) int {
	low := fold(word)
	for _, c := range []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"} {
		if strings.HasSuffix(low, c) && len(low) > len(c) {
			// fold keeps byte lengths except for typographic apostrophes.
			rest := len(c)
			if strings.Contains(word[len(word)-min(len(word), rest+2):], "\u2019") {
				rest += 2
			}
			return len(word) - rest
		}
	}
	return 0
}

// isAbbrev reports whether a word followed by a period is an
// abbreviation: single letters joined by periods (U.S) or a title.
func isAbbrev(w string) bool {
	if strings.Contains(w, ".") {
		return true
	}
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Prof", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Rev", "Capt", "Maj", "Adm", "Jan", "Feb", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "No", "vs", "Ft", "Mt":
		return true
	}
	return len(w) == 1 && unicode.IsUpper(rune(w[0]))
}

// fallbackSentences splits tokens into sentences at final punctuation
// followed by a capital, a quote or a digit, and at every line break.
func fallbackSentences(text string, toks []tok) []sent {
	var out []sent
	para := 0
	first := 0
	flush := func(last int) {
		if last > first {
			out = append(out, sent{start: toks[first].start, end: toks[last-1].end, first: first, last: last, para: para})
		}
		first = last
	}
	for i := 0; i < len(toks); i++ {
		if i > first && strings.Contains(text[toks[i-1].end:toks[i].start], "\n") {
			flush(i)
			para++
		}
		t := toks[i].low
		if t != "." && t != "!" && t != "?" && t != "..." {
			continue
		}
		j := i + 1
		for j < len(toks) && (toks[j].low == "\"" || toks[j].low == "'" || toks[j].low == "''" || toks[j].low == ")") && toks[j].start == toks[j-1].end {
			j++
		}
		if j >= len(toks) {
			continue
		}
		if strings.Contains(text[toks[j-1].end:toks[j].start], "\n") {
			continue // the line break splits it
		}
		r, _ := utf8.DecodeRuneInString(toks[j].text)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || toks[j].low == "\"" || toks[j].low == "'" || toks[j].low == "''" || toks[j].low == "``" {
			flush(j)
			i = j - 1
		}
	}
	flush(len(toks))
	return out
}
