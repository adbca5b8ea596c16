package quote

import (
	"github.com/parley-news/parley/document"
)

// speakerLines adds transcript turns and "Name: …" headlines: a
// paragraph opening with a short capitalised name and a colon is that
// speaker's, to the end of the paragraph.
func (st *finding) speakerLines() {
	v := st.v
	for si, s := range v.sents {
		if si > 0 && v.sents[si-1].para == s.para {
			continue
		}
		k := s.first
		if k < s.last && v.doubleMark(k) == openMark {
			k++
		}
		from := k
		for k < s.last && k < from+4 && v.toks[k].capitalised() && !v.toks[k].isPunct() &&
			!st.lx.in("determiner", v.toks[k].low) && !st.lx.in("pronoun", v.toks[k].low) {
			k++
		}
		if k == from || k >= s.last-1 || v.toks[k].low != ":" {
			continue
		}
		label := false
		for i := from; i < k; i++ {
			if w := v.toks[i].low; st.lx.in("not-speaker", w) || prepositions[w] || st.lx.in("boundary", w) {
				label = true // "Correction:", "Stealth Over Health:"
			}
		}
		if label {
			continue
		}
		end := s.last
		for sj := si + 1; sj < len(v.sents) && v.sents[sj].para == s.para; sj++ {
			end = v.sents[sj].last
		}
		st.add(si, "speaker-colon", "assertion", [2]int{k + 1, end}, [2]int{k, k + 1}, [2]int{from, k})
	}
}

// uncued adds quotations that no cue claimed: a quotation introduced by a
// colon after a name ("Trump: “…”"), and whole-sentence quotations that
// continue the previous speaker. Short quotations inside a sentence are
// titles or scare quotes and are left out.
func (st *finding) uncued() {
	v := st.v
	// covered[i] counts the tokens before i that some content covers.
	diff := make([]int, len(v.toks)+1)
	for _, a := range st.out {
		diff[v.tokenAt(a.Start)]++
		diff[v.tokenAt(a.End)]--
	}
	covered := make([]int, len(v.toks)+1)
	depth := 0
	for i := range v.toks {
		depth += diff[i]
		covered[i+1] = covered[i]
		if depth > 0 {
			covered[i+1]++
		}
	}
	for _, q := range st.qs {
		qa, qb := v.tokenAt(q.start), v.tokenAt(q.end)
		if covered[qb]-covered[qa] > 0 || q.open+1 >= len(v.toks) {
			continue
		}
		si := st.sentOf[q.open]
		s := v.sents[si]
		end := q.close + 1
		if q.close < 0 {
			end = v.tokenEndingAt(q.end) + 1
		}
		if st.classify(q) != "speech" {
			continue
		}
		if q.close >= 0 && st.quoteThenSource(si, q) {
			continue
		}
		if q.open > s.first && v.toks[q.open-1].low == ":" {
			a := st.npLeft(q.open-2, s.first)
			if a <= q.open-2 {
				st.add(si, "colon", "assertion", [2]int{q.open, end}, [2]int{q.open - 1, q.open}, [2]int{a, q.open - 1})
				continue
			}
		}
		if q.open == s.first {
			st.add(si, "continuation", "assertion", [2]int{q.open, end}, [2]int{}, [2]int{})
		}
	}
}

// quoteThenSource handles a quotation followed by its speaker and a
// verb the lexicon does not know ("“…,” Blige sings"), or by a dash and
// a name ("“…” — Pamela Padilla").
func (st *finding) quoteThenSource(si int, q quotation) bool {
	v := st.v
	k := q.close + 1
	if k >= len(v.toks) {
		return false
	}
	inner := v.toks[q.close-1].low
	start := q.open
	if s := v.sents[st.sentOf[q.open]]; s.first < start && !v.toks[s.first].isPunct() {
		start = s.first
	}
	switch {
	case v.toks[k].low == "--" || v.toks[k].low == "-" || v.toks[k].text == "―":
		e := st.npRight(k+1, min(len(v.toks), k+8))
		if e > k+1 && v.toks[k+1].capitalised() {
			st.add(si, "content-source", "assertion", [2]int{start, q.close + 1}, [2]int{}, [2]int{k + 1, e})
			return true
		}
	case inner == "," || inner == "?" || inner == "!" || v.toks[k].low == ",":
		if v.toks[k].low == "," {
			k++
		}
		if k >= len(v.toks) || !(v.toks[k].capitalised() || st.lx.in("pronoun", v.toks[k].low)) {
			return false
		}
		e := st.npRight(k, min(len(v.toks), k+8))
		if v.toks[k].capitalised() {
			// A name: its capitalised run, then the verb ("Blige sings").
			e = k
			for e < len(v.toks) && e < k+6 && (v.toks[e].capitalised() || v.toks[e].low == ".") && !v.toks[e].isPunct() {
				e++
			}
		} else if st.lx.in("pronoun", v.toks[k].low) {
			e = k + 1
		}
		if e <= k || e >= len(v.toks) || v.toks[e].isPunct() || v.toks[e].capitalised() {
			return false
		}
		st.add(si, "content-source-cue", "assertion", [2]int{start, q.close + 1}, [2]int{e, e + 1}, [2]int{k, e})
		return true
	}
	return false
}

// classify says whether a quotation is "speech", a "title" (a short
// Title-Case name after a possessive, "on", "in", "called"…) or a "scare"
// quote (a few words inside a sentence with no cue next to them).
func (st *finding) classify(q quotation) string {
	v := st.v
	end := q.close
	if end < 0 {
		return "speech"
	}
	words, caps := 0, 0
	for i := q.open + 1; i < end; i++ {
		if v.toks[i].isPunct() {
			continue
		}
		words++
		if v.toks[i].capitalised() || len(v.toks[i].text) <= 3 {
			caps++
		}
	}
	si := st.sentOf[q.open]
	s := v.sents[si]
	atStart := q.open == s.first || (q.open > s.first && v.toks[q.open-1].low == ":")
	if words <= 6 && caps == words && q.open > s.first && st.lx.in("title-intro", v.toks[q.open-1].low) {
		return "title"
	}
	if !atStart && words <= 6 {
		return "scare"
	}
	return "speech"
}

// isDirect reports whether content is one quotation, marks and all.
func (st *finding) isDirect(sp document.Span) bool {
	i := st.v.tokenAt(sp.Start)
	if qi, ok := st.openQ[i]; ok && i < len(st.v.toks) && st.v.toks[i].start == sp.Start {
		return st.qs[qi].end >= sp.End-1
	}
	return false
}
