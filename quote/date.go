package quote

import (
	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/timex"
)

// date returns the quote's date through the time stage: the time
// expression of the cue's clause when the text states one ("confirmed …
// on Sunday"), else the publication day, or FUTURE_REF for a cue in the
// future tense ("will say"). With neither a stated time nor a
// publication date it is the time stage's tense reference (PAST_REF,
// PRESENT_REF).
func (st *finding) date(a *Attribution) string {
	at := a.Span
	if a.Cue != nil {
		at = *a.Cue
	}
	ref := timex.When(st.doc, at)
	switch {
	case ref.Stated && !a.Span.Overlaps(ref.Timex.Span):
		return ref.Value
	case a.Cue != nil && st.futureCue(*a.Cue):
		return "FUTURE_REF"
	case !st.doc.Published.IsZero():
		return st.doc.Published.Format("2006-01-02")
	}
	return ref.Value
}

// futureCue reports whether the cue is in the future tense: "will say",
// "is going to announce".
func (st *finding) futureCue(cue document.Span) bool {
	v := st.v
	i := v.tokenAt(cue.Start) - 1
	for i >= 0 && (isAdverb(v.toks[i]) || v.toks[i].low == "not" || v.toks[i].low == "also") {
		i--
	}
	if i < 0 {
		return false
	}
	switch v.toks[i].low {
	case "will", "'ll", "shall":
		return true
	case "to":
		return i >= 1 && v.toks[i-1].low == "going"
	}
	return false
}
