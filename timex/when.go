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
	tense := n.tenseAt(doc, si, sents, span, timexSpans(doc.Timexes))
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
			return n.tenseAt(doc, i, sents, span, timexSpans(doc.Timexes))
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

// tenseAt reads the tense cues of sentence si around span, leaving out
// those inside other time expressions (skip): the "last" of "last
// Thursday" says nothing of the clause's tense.
func (n *Normalizer) tenseAt(doc *document.Document, si int, sents []document.Span, span document.Span, skip []document.Span) Tense {
	if si < 0 {
		return TenseUnknown
	}
	var c []cue
	if si < len(doc.Sentences) && len(doc.Sentences) == len(sents) {
		s := doc.Sentences[si]
		if s.FirstToken <= s.EndToken && s.EndToken <= len(doc.Tokens) {
			c = n.tense.tokenCues(doc.Tokens[s.FirstToken:s.EndToken])
		}
	}
	if c == nil {
		sp := sents[si]
		c = n.tense.textCues(doc.Text[sp.Start:sp.End], sp.Start)
	} else {
		// Tags find the verbs; the word lists add the adverbs and
		// participles that announce a time ("ago", "expected").
		sp := sents[si]
		c = append(c, n.tense.textCues(doc.Text[sp.Start:sp.End], sp.Start)...)
		sort.SliceStable(c, func(i, j int) bool { return c[i].off < c[j].off })
	}
	if len(skip) > 0 {
		kept := c[:0:0]
		for _, k := range c {
			inside := false
			for _, sp := range skip {
				if sp != span && sp.Start <= k.off && k.off < sp.End {
					inside = true
					break
				}
			}
			if !inside {
				kept = append(kept, k)
			}
		}
		c = kept
	}
	// A cue inside the span (the event's own verb) decides first.
	for _, k := range c {
		if k.off >= span.Start && k.off < span.End {
			return k.tense
		}
	}
	return nearestTense(c, span.Start, span.End)
}
