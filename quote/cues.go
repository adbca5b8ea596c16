package quote

import (
	"strings"
)

// findCues lists the cues of sentence si, longest match first at each
// position, skipping words inside quotations and nouns.
func (st *finding) findCues(si int) []cueMatch {
	v, lx := st.v, st.lx
	s := v.sents[si]
	var out []cueMatch
	for i := s.first; i < s.last; i++ {
		if st.inQ[i] >= 0 {
			continue
		}
		var best cueMatch
		cands := lx.byFirst[v.toks[i].low]
		if v.toks[i].lemma != "" && v.toks[i].lemma != v.toks[i].low {
			cands = append(append([]int(nil), cands...), lx.byFirst[v.toks[i].lemma]...)
		}
		for _, pi := range cands {
			p := &lx.cues[pi]
			j := i + 1
			ok := true
			for _, w := range p.Words[1:] {
				if j >= s.last || !w[v.toks[j].low] {
					ok = false
					break
				}
				j++
			}
			if ok && j-i > best.j-best.i && st.cueUse(cueMatch{i: i, j: j, pat: p}) {
				best = cueMatch{i: i, j: j, pat: p}
			}
		}
		if best.pat == nil {
			continue
		}
		if n := len(out); n > 0 && out[n-1].j == i {
			continue // "Mayor Rejects Claims": the second word is the content
		}
		out = append(out, best)
		i = best.j - 1
	}
	return out
}

// cueUse rejects cue words used otherwise: a noun after a determiner
// ("the report"), a verb tagged as noun by the parser, an adjective
// without a copula before it or a clause after it.
func (st *finding) cueUse(c cueMatch) bool {
	v, lx := st.v, st.lx
	s := v.sents[st.sentOfTok(c.i)]
	prev := ""
	if c.i > s.first {
		prev = v.toks[c.i-1].low
	}
	// A capitalised cue inside a sentence is part of a name ("United
	// States") unless the sentence is a Title-Case headline.
	if c.i > s.first && v.toks[c.i].capitalised() && !st.titleCase(s) {
		return false
	}
	if c.pat.Kind == kindDoc {
		// "in a Fox News poll": the object must be a document or survey.
		e := st.npRight(c.j, s.last)
		for k := c.j; k < e; k++ {
			if lx.in("document", v.toks[k].low) {
				return true
			}
		}
		return false
	}
	if c.pat.Kind == kindNaming {
		// Only with a quotation soon after: "called the deal “a disaster.”"
		found := false
		for k := c.j; k < s.last && k < c.j+8; k++ {
			if v.doubleMark(k) == openMark {
				found = true
				break
			}
		}
		if lx.in("determiner", prev) || prev == "so" || prev == "-" || prev == "," || lx.in("copula", prev) {
			return false
		}
		// Without a quotation, only after its subject: "Warren called
		// the charges unsubstantiated", "he has called it a hoax".
		return found || st.verbContext(c.i, s) || lx.in("cue-aux", prev)
	}
	switch c.pat.Kind {
	case kindVerb, kindClause:
		if lx.in("determiner", prev) || prev == "'s" || lx.in("light-verb", prev) {
			return false // a noun: "the report", "Editor's note", "raised hopes"
		}
		if c.j < s.last && v.toks[c.j].low == "by" {
			return false // a passive: "written by", "reported by"
		}
		if u := v.toks[c.i].upos; u != "" && u != "VERB" && u != "AUX" && !st.verbContext(c.i, s) {
			return false
		}
		if c.pat.Kind == kindClause || (c.j-c.i == 1 && lx.in("noun-like", v.toks[c.i].low) && !st.verbContext(c.i, s)) {
			// Only before a clause or a quotation, or after the content.
			if c.j < s.last {
				n := v.toks[c.j].low
				toOK := n == "to" && (c.pat.Signal == "hope" || c.pat.Signal == "denial")
				if n == "that" || toOK || n == "whether" || n == "if" || n == ":" || v.doubleMark(c.j) == openMark ||
					(n == "," && c.j+1 < s.last && v.doubleMark(c.j+1) == openMark) {
					return true
				}
			}
			k := c.i - 1
			for k >= s.first && st.skippable(v.toks[k]) {
				k--
			}
			a := st.npLeft(k, s.first)
			return a > s.first && a <= k && (v.toks[a-1].low == "," || v.doubleMark(a-1) == closeMark)
		}
	case kindAdj:
		k := c.i - 1
		for k >= s.first && (lx.in("skip-before-cue", v.toks[k].low) && !lx.in("copula", v.toks[k].low) || isAdverb(v.toks[k])) {
			k--
		}
		if k < s.first || !lx.in("copula", v.toks[k].low) {
			return false
		}
		if c.j >= s.last || (v.toks[c.j].low != "that" && v.toks[c.j].low != "about") {
			return false
		}
	}
	return true
}

func (st *finding) sentOfTok(i int) int { return st.sentOf[i] }

// verbContext reports whether the word at i follows a pronoun, a
// modal, "to" or a capitalised name, so that a noun-like form ("says",
// "claims") reads as a verb: "he claims", "to state", "Trump tweets".
func (st *finding) verbContext(i int, s sent) bool {
	k := i - 1
	for k >= s.first && isAdverb(st.v.toks[k]) {
		k--
	}
	if k < s.first {
		return false
	}
	t := st.v.toks[k]
	switch t.low {
	case "to", "will", "would", "can", "could", "may", "might", "must", "should", "did", "does", "do", "not", "n't", "also":
		return true
	}
	return st.lx.in("pronoun", t.low) || st.lx.in("relative", t.low) || (t.capitalised() && !st.lx.in("determiner", t.low))
}

// titleCase reports whether most words of a sentence are capitalised, as
// in a headline.
func (st *finding) titleCase(s sent) bool {
	words, caps := 0, 0
	for i := s.first; i < s.last; i++ {
		t := st.v.toks[i]
		if t.isPunct() || len(t.text) <= 3 {
			continue
		}
		words++
		if t.capitalised() {
			caps++
		}
	}
	return words > 0 && caps*10 >= words*7
}

// cueAux reports whether a token before a cue belongs to it: an
// auxiliary, a negation or an adverb.
func (st *finding) cueAux(t tok) bool {
	return st.lx.in("cue-aux", t.low) || isAdverb(t)
}

// isAdverb guesses an -ly adverb when no tagger ran.
func isAdverb(t tok) bool {
	if t.upos != "" {
		return t.upos == "ADV"
	}
	return len(t.low) > 4 && strings.HasSuffix(t.low, "ly") && !t.capitalised()
}

// skippable reports whether token t may stand between a subject and its
// cue (auxiliaries, negation, adverbs).
func (st *finding) skippable(t tok) bool {
	return st.lx.in("skip-before-cue", t.low) || isAdverb(t)
}
