package quote

import (
	"strings"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/timex"
)

// date returns the quote's date through the time stage: the time
// expression of the cue's clause when the text states one ("confirmed …
// on Sunday"), else the publication day, or FUTURE_REF for a cue in the
// future tense ("will say"). With neither a stated time nor a
// publication date it is PAST_REF or PRESENT_REF by the cue's tense.
func (st *finding) date(a *Attribution) string {
	at := a.Span
	if a.Cue != nil {
		at = *a.Cue
	}
	// The time stage is asked only when the sentence states a time; its
	// lookup scans the document.
	s := st.v.sents[a.Sentence]
	stated := false
	for _, t := range st.idx.timexesIn(s.start, s.end) {
		stated = stated || t.Type == "DATE" || t.Type == "TIME"
	}
	var ref timex.Reference
	if stated {
		ref = timex.When(st.doc, at)
	}
	switch {
	case ref.Stated && !a.Span.Overlaps(ref.Timex.Span) && ref.Value != "" && ref.Value[0] >= '0' && ref.Value[0] <= '9':
		// A calendar date; "soon" or "recently" (FUTURE_REF, PAST_REF)
		// belongs to a clause, not to the act of speaking.
		return ref.Value
	case a.Cue != nil && st.futureCue(*a.Cue):
		return "FUTURE_REF"
	case !st.doc.Published.IsZero():
		return st.doc.Published.Format("2006-01-02")
	}
	if ref.Value != "" {
		return ref.Value
	}
	if a.Cue != nil && st.pastCue(*a.Cue) {
		return "PAST_REF"
	}
	return "PRESENT_REF"
}

// pastCue reports whether the cue is in a past tense: a past form
// ("said", "confirmed") or a perfect ("has said").
func (st *finding) pastCue(cue document.Span) bool {
	v := st.v
	for i := max(0, v.tokenAt(cue.Start)-2); i < len(v.toks) && v.toks[i].end <= cue.End; i++ {
		switch w := v.toks[i].low; {
		case w == "has" || w == "have" || w == "had" || w == "did" || w == "was" || w == "were":
			return true
		case i >= v.tokenAt(cue.Start) && (strings.HasSuffix(w, "ed") || st.lx.in("past", w)):
			return true
		}
	}
	return false
}

// futureCue reports whether the cue is in the future tense: "will say",
// "is going to announce".
func (st *finding) futureCue(cue document.Span) bool {
	v := st.v
	for i := max(0, v.tokenAt(cue.Start)-2); i < len(v.toks) && v.toks[i].end <= cue.End; i++ {
		switch v.toks[i].low {
		case "will", "'ll", "shall":
			return true
		case "going":
			if i+1 < len(v.toks) && v.toks[i+1].low == "to" {
				return true
			}
		}
	}
	return false
}
