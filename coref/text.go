package coref

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// tokenRE finds words (with initialisms such as U.S. and dotted titles such
// as Mr.), clitics ('s, ’s, n't) and single punctuation marks.
var tokenRE = regexp.MustCompile(`(?:\p{Lu}\.){2,}|\p{Lu}\.(?:\s)|[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*|['’][\p{L}]+|\S`)

// dottedAbbrev are short words that keep their final period.
var dottedAbbrev = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "sen": true, "rep": true, "gov": true,
	"prof": true, "rev": true, "capt": true, "maj": true, "vs": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "no": true,
}

// Segment fills doc.Tokens and doc.Sentences with a simple rule-based
// split when they are empty. It is the fallback used when the segment stage
// has not run (GAP snippets, tests); it never overwrites existing tokens.
func Segment(doc *document.Document) {
	if len(doc.Tokens) > 0 {
		return
	}
	text := doc.Text
	locs := tokenRE.FindAllStringIndex(text, -1)
	toks := make([]document.Token, 0, len(locs))
	for _, l := range locs {
		s, e := l[0], l[1]
		if n := len(toks); n > 0 && s < toks[n-1].End {
			continue // the period already taken by "Mr."
		}
		w := text[s:e]
		// An initial ("J. ") matched with its space: keep the letter and period.
		if strings.HasSuffix(w, " ") || strings.HasSuffix(w, "\n") || strings.HasSuffix(w, "\t") {
			w = strings.TrimRightFunc(w, unicode.IsSpace)
			e = s + len(w)
		}
		// Keep the period of a title abbreviation ("Mr.").
		if e < len(text) && text[e] == '.' && dottedAbbrev[strings.ToLower(w)] {
			e++
			w = text[s:e]
		}
		toks = append(toks, document.Token{Span: document.Span{Start: s, End: e}, Text: w, Head: -1})
	}
	for i := range toks {
		if i+1 < len(toks) {
			toks[i].SpaceAfter = toks[i+1].Start > toks[i].End
		}
		if n := normForm(toks[i].Text); n != toks[i].Text {
			toks[i].Norm = n
		}
	}
	doc.Tokens = toks
	doc.Sentences = splitSentences(text, toks)
}

var normReplacer = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "—", "--", "–", "-")

func normForm(s string) string { return normReplacer.Replace(s) }

func splitSentences(text string, toks []document.Token) []document.Sentence {
	var out []document.Sentence
	para := 0
	start := 0
	emit := func(end int, headline bool) {
		if end <= start {
			return
		}
		s := document.Sentence{Span: document.Span{Start: toks[start].Start, End: toks[end-1].End},
			FirstToken: start, EndToken: end, Paragraph: para, Headline: headline}
		s.Text = text[s.Start:s.End]
		out = append(out, s)
		start = end
	}
	for i := range toks {
		if i > start {
			gap := text[toks[i-1].End:toks[i].Start]
			if nl := strings.Count(gap, "\n"); nl > 0 {
				last := toks[i-1].Form()
				emit(i, !strings.ContainsAny(last, ".!?\"'"))
				if nl > 1 {
					para++
				}
			}
		}
		f := toks[i].Form()
		if f != "." && f != "!" && f != "?" {
			continue
		}
		j := i + 1
		for j < len(toks) && (toks[j].Form() == `"` || toks[j].Form() == "'" || toks[j].Form() == ")") && toks[j].Start == toks[j-1].End {
			j++
		}
		if j >= len(toks) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(toks[j].Text)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“‘'(`, r) {
			emit(j, false)
		}
	}
	emit(len(toks), false)
	return out
}
