package quote

import (
	"unicode"
	"unicode/utf8"
)

// quotation is a stretch of text between quotation marks. Open and Close
// are token indices of the marks; Close is -1 when the quotation runs to
// the end of its last paragraph unclosed.
type quotation struct {
	open, close int
	start, end  int // bytes, marks included
	single      bool
}

// markKind classifies a token as an opening or closing quotation mark.
type markKind int

const (
	notMark markKind = iota
	openMark
	closeMark
)

// doubleMark says whether token i opens or closes a double quotation.
// Curly marks say so themselves; a straight mark opens when it follows a
// space or bracket and precedes a word.
func (v *view) doubleMark(i int) markKind {
	switch v.toks[i].text {
	case "\u201c", "\u201e":
		return openMark
	case "\u201d":
		return closeMark
	case "``":
		return openMark
	case "\"", "\u00ab", "\u00bb", "''":
	default:
		return notMark
	}
	before := ' '
	if s := v.toks[i].start; s > 0 {
		before, _ = utf8.DecodeLastRuneInString(v.text[:s])
	}
	after := ' '
	if e := v.toks[i].end; e < len(v.text) {
		after, _ = utf8.DecodeRuneInString(v.text[e:])
	}
	spaceBefore := unicode.IsSpace(before) || before == '(' || before == '[' || before == '\u2014' || before == '-' || before == ':'
	spaceAfter := unicode.IsSpace(after) || unicode.IsPunct(after)
	switch {
	case spaceBefore && !unicode.IsSpace(after):
		return openMark
	case !spaceBefore && spaceAfter:
		return closeMark
	case spaceBefore:
		return openMark
	}
	return closeMark
}

// quotations pairs the document's quotation marks. A quotation left open
// at the end of a paragraph continues when the next paragraph opens with
// a mark (the newspaper convention for quotes of several paragraphs);
// otherwise it ends with its paragraph. Single marks (‘…’) count only
// outside double quotations, as in British-style headlines.
func (v *view) quotations() []quotation {
	var out []quotation
	paraOf := make([]int, len(v.toks))
	for _, s := range v.sents {
		for i := s.first; i < s.last; i++ {
			paraOf[i] = s.para
		}
	}
	open := -1
	lastInOpen := -1 // last token of the quotation while open
	for i := range v.toks {
		if open >= 0 && paraOf[i] != paraOf[lastInOpen] {
			// Paragraph changed with a quotation open.
			if v.doubleMark(i) == openMark {
				lastInOpen = i
				continue // continues into this paragraph
			}
			out = append(out, quotation{open: open, close: -1, start: v.toks[open].start, end: v.toks[lastInOpen].end})
			open = -1
		}
		switch v.doubleMark(i) {
		case openMark:
			if open < 0 {
				open = i
			}
		case closeMark:
			if open >= 0 {
				out = append(out, quotation{open: open, close: i, start: v.toks[open].start, end: v.toks[i].end})
				open = -1
			}
		}
		if open >= 0 {
			lastInOpen = i
		}
	}
	if open >= 0 {
		out = append(out, quotation{open: open, close: -1, start: v.toks[open].start, end: v.toks[lastInOpen].end})
	}
	return v.addSingleQuotations(out)
}

// addSingleQuotations adds ‘…’ quotations that lie outside every double
// one, within one sentence.
func (v *view) addSingleQuotations(doubles []quotation) []quotation {
	inside := func(off int) bool {
		for _, q := range doubles {
			if q.start <= off && off < q.end {
				return true
			}
		}
		return false
	}
	out := doubles
	for _, s := range v.sents {
		for i := s.first; i < s.last; i++ {
			if v.toks[i].text != "\u2018" || inside(v.toks[i].start) {
				continue
			}
			for j := i + 1; j < s.last; j++ {
				if v.toks[j].text == "\u2019" || v.toks[j].low == "'" {
					out = append(out, quotation{open: i, close: j, start: v.toks[i].start, end: v.toks[j].end, single: true})
					i = j
					break
				}
			}
		}
	}
	return out
}
