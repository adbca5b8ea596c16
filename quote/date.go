package quote

// date returns the quote's date: a DATE time expression in the cue's
// sentence outside the content ("confirmed the talk on Sunday"), else the
// publication day for a cue in the past or present tense. Future cues
// ("will say") get no date.
func (st *finding) date(a *Attribution) string {
	if a.Cue != nil {
		s := st.v.sents[a.Sentence]
		for _, t := range st.doc.Timexes {
			if t.Type != "DATE" || t.Start < s.start || t.End > s.end || a.Span.Overlaps(t.Span) || t.Value == "" {
				continue
			}
			return t.Value
		}
		i := st.v.tokenAt(a.Cue.Start)
		if i > 0 && (st.v.toks[i-1].low == "will" || st.v.toks[i-1].low == "to") {
			return ""
		}
	}
	if st.doc.Published.IsZero() {
		return ""
	}
	return st.doc.Published.Format("2006-01-02")
}
