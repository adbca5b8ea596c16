package timex

import (
	"sort"
	"strings"
	"time"

	"github.com/parley-news/parley/document"
)

// Reference is the time of an event or a quote: a time expression of its
// clause when the text states one, else a reference drawn from the tense of
// the clause and the publication date.
type Reference struct {
	// Value is a TIMEX3 value: a date (2025-03-16, 2025-W12, 2025-02) or
	// PAST_REF, PRESENT_REF, FUTURE_REF.
	Value string
	// Granularity is the unit of Value (day, week, month, …), empty for
	// the *_REF values.
	Granularity string
	// Stated says Value comes from a time expression in the text; false
	// when it was inferred from tense and the publication date.
	Stated bool
	// Timex is the stated expression, nil when not Stated.
	Timex *document.Timex
	Tense Tense
}

// When returns the time of the event or quote at span: the DATE or TIME
// expression of its clause (the nearest one in its sentence not cut off by
// a semicolon, dash or quotation), else a reference from the clause's tense
// — PAST_REF or FUTURE_REF, or the publication day for the present tense —
// relative to doc.Published. doc.Timexes must have been filled.
func When(doc *document.Document, span document.Span) Reference {
	n, err := Default()
	if err != nil {
		return Reference{Value: "PRESENT_REF"}
	}
	sents := sentenceSpans(doc)
	sent := document.Span{Start: 0, End: len(doc.Text)}
	si := -1
	for i, s := range sents {
		if s.Start <= span.Start && span.Start < s.End {
			sent, si = s, i
			break
		}
	}
	best, bestDist := -1, 1<<30
	for i, t := range doc.Timexes {
		if t.Type != "DATE" && t.Type != "TIME" || !sent.Contains(t.Span) {
			continue
		}
		lo, hi := min(t.End, span.Start), max(t.Start, span.End)
		if t.Overlaps(span) {
			lo, hi = 0, 0
		}
		if lo < hi && strings.ContainsAny(doc.Text[lo:hi], ";—–\"“”") {
			continue
		}
		d := hi - lo
		if d < 0 {
			d = 0
		}
		if d < bestDist {
			best, bestDist = i, d
		}
	}
	tense := n.newTenseContext(doc, sents, timexSpans(doc.Timexes)).at(si, span)
	if best >= 0 {
		t := doc.Timexes[best]
		return Reference{Value: t.Value, Granularity: t.Granularity, Stated: true, Timex: &t, Tense: tense}
	}
	ref := Reference{Tense: tense}
	switch tense {
	case TensePast:
		ref.Value = "PAST_REF"
	case TenseFuture:
		ref.Value = "FUTURE_REF"
	default:
		if doc.Published.IsZero() {
			ref.Value = "PRESENT_REF"
		} else {
			p := doc.Published.UTC()
			ref.Value = time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC).Format("2006-01-02")
			ref.Granularity = "day"
		}
	}
	return ref
}

// TenseAt returns the tense of the clause around span, from part-of-speech
// tags when the syntax stage ran, else from cue words.
func TenseAt(doc *document.Document, span document.Span) Tense {
	n, err := Default()
	if err != nil {
		return TenseUnknown
	}
	sents := sentenceSpans(doc)
	for i, s := range sents {
		if s.Start <= span.Start && span.Start < s.End {
			return n.newTenseContext(doc, sents, timexSpans(doc.Timexes)).at(i, span)
		}
	}
	return TenseUnknown
}

// timexSpans returns the spans of timexes.
func timexSpans(ts []document.Timex) []document.Span {
	out := make([]document.Span, len(ts))
	for i, t := range ts {
		out[i] = t.Span
	}
	return out
}

// tenseContext reads the tense around spans of one document, caching
// each sentence's cues.
type tenseContext struct {
	n     *Normalizer
	doc   *document.Document
	sents []document.Span
	// skip are the spans of the document's time expressions, sorted: the
	// "last" of "last Thursday" says nothing of the clause's tense.
	skip []document.Span
	cues map[int][]cue
}

func (n *Normalizer) newTenseContext(doc *document.Document, sents, skip []document.Span) *tenseContext {
	// Spans with rising starts (time expressions do not overlap) have
	// one sorted order, their own.
	sorted := skip
	for i := 1; i < len(skip); i++ {
		if skip[i].Start <= skip[i-1].Start {
			sorted = append([]document.Span(nil), skip...)
			sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
			break
		}
	}
	return &tenseContext{n: n, doc: doc, sents: sents, skip: sorted, cues: map[int][]cue{}}
}

// sentenceCues returns the cues of sentence si, sorted by offset, each
// marked with the time expression holding it.
func (tc *tenseContext) sentenceCues(si int) []cue {
	if c, ok := tc.cues[si]; ok {
		return c
	}
	doc, n := tc.doc, tc.n
	var c []cue
	if si < len(doc.Sentences) && len(doc.Sentences) == len(tc.sents) {
		s := doc.Sentences[si]
		if s.FirstToken <= s.EndToken && s.EndToken <= len(doc.Tokens) {
			c = n.tense.tokenCues(doc.Tokens[s.FirstToken:s.EndToken])
		}
	}
	sp := tc.sents[si]
	if c == nil {
		c = n.tense.textCues(doc.Text[sp.Start:sp.End], sp.Start)
	} else {
		// Tags find the verbs; the word lists add the adverbs and
		// participles that announce a time ("ago", "expected").
		c = append(c, n.tense.textCues(doc.Text[sp.Start:sp.End], sp.Start)...)
		sort.SliceStable(c, func(i, j int) bool { return c[i].off < c[j].off })
	}
	for i := range c {
		c[i].in = -1
		k := sort.Search(len(tc.skip), func(k int) bool { return tc.skip[k].End > c[i].off })
		if k < len(tc.skip) && tc.skip[k].Start <= c[i].off {
			c[i].in = k
		}
	}
	tc.cues[si] = c
	return c
}

// at returns the tense of sentence si around span: a cue inside span (the
// event's own verb) first, else the nearest cue before it, else the nearest
// after it, leaving out cues inside other time expressions.
func (tc *tenseContext) at(si int, span document.Span) Tense {
	if si < 0 || si >= len(tc.sents) {
		return TenseUnknown
	}
	c := tc.sentenceCues(si)
	usable := func(k cue) bool { return k.in < 0 || tc.skip[k.in] == span }
	i := sort.Search(len(c), func(i int) bool { return c[i].off >= span.Start })
	for j := i; j < len(c) && c[j].off < span.End; j++ {
		if usable(c[j]) {
			return c[j].tense
		}
	}
	for j := i - 1; j >= 0; j-- {
		if usable(c[j]) {
			return c[j].tense
		}
	}
	for j := sort.Search(len(c), func(i int) bool { return c[i].off >= span.End }); j < len(c); j++ {
		if usable(c[j]) {
			return c[j].tense
		}
	}
	return TenseUnknown
}
