package quote

import (
	"strings"
)

// stopsNP reports whether a token ends a noun phrase walked over from a
// cue.
func (st *finding) stopsNP(i int) bool {
	t := st.v.toks[i]
	if t.isPunct() && t.low != "-" && t.low != "&" && t.low != "'" {
		return true
	}
	if st.lx.in("boundary", t.low) || st.lx.in("complementizer", t.low) || prepositions[t.low] {
		return true
	}
	if len(st.lx.byFirst[t.low]) > 0 && !t.capitalised() {
		return true
	}
	if t.upos != "" {
		switch t.upos {
		case "VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PUNCT", "INTJ":
			return t.low != "of" && t.low != "'s"
		}
	}
	return false
}

// prepositions end a subject noun phrase; "of" and "for" stay inside
// ("the president of France", "a spokesman for the campaign").
var prepositions = map[string]bool{"in": true, "on": true, "at": true, "after": true, "before": true,
	"during": true, "with": true, "from": true, "by": true, "to": true, "into": true, "about": true,
	"over": true, "under": true, "than": true, "like": true, "through": true, "via": true, "since": true}

// npLeft walks left from token end (inclusive) over a noun phrase and
// returns its first token, or end+1 when there is none.
func (st *finding) npLeft(end, first int) int {
	v := st.v
	if end >= first && st.lx.in("relative", v.toks[end].low) {
		// "…, who said": the relative pronoun stands for the source, and
		// "many of whom" with it.
		k := end
		if k-2 >= first && v.toks[k-1].low == "of" && !v.toks[k-2].isPunct() {
			k -= 2
		}
		return k
	}
	k := end
	for k >= first && end-k < 10 {
		if v.toks[k].low == ")" {
			// Keep a parenthesis inside the phrase: "Jim Jordan (R-Ohio)".
			j := k - 1
			for j >= first && j > k-6 && v.toks[j].low != "(" {
				j--
			}
			if j >= first && v.toks[j].low == "(" && j > first {
				k = j - 1
				continue
			}
		}
		if st.stopsNP(k) {
			// "Sanders and Warren said", "The Times and the Gannett chain
			// said": names joined by "and" are one source.
			if t := v.toks[k].low; t == "and" && k > first && k < end && v.toks[k-1].capitalised() &&
				(v.toks[k+1].capitalised() || st.lx.in("determiner", v.toks[k+1].low)) {
				k--
				continue
			}
			break
		}
		k--
	}
	// Sentence adverbs are not part of the source: "Even China said".
	for k+1 <= end && st.lx.in("source-trim", v.toks[k+1].low) {
		k++
	}
	return k + 1
}

// withApposition extends an inverted source ending at end over an
// apposition that runs to the end of the sentence: "…,” said Daryl
// Kimball, executive director of the Arms Control Association.
func (st *finding) withApposition(end int, s sent) int {
	v := st.v
	if end >= s.last || v.toks[end].low != "," {
		return end
	}
	e := st.trimEnd(end+1, s.last)
	if e <= end+1 || e-end > 25 {
		return end
	}
	for k := end + 1; k < e; k++ {
		if v.doubleMark(k) != notMark || v.toks[k].low == ";" {
			return end
		}
	}
	if f := v.toks[end+1]; !f.capitalised() && (strings.HasSuffix(f.low, "ing") || prepositions[f.low]) {
		return end // "said Trump, speaking in Ohio"
	}
	return e
}

// cutGlued drops the front of a phrase [a, end] that ran into its
// subject across a missed boundary: "In a Bloomberg interview Trump said"
// gives Trump, "Russia's network RT he said" gives he. A capitalised name
// after a lower-case noun starts the subject unless the noun is a title
// ("rival", "spokesman").
func (st *finding) cutGlued(a, end int) int {
	v := st.v
	for p := end; p > a; p-- {
		prev, t := v.toks[p-1], v.toks[p]
		if prev.isPunct() || prev.capitalised() || prev.low == "of" || prev.low == "'s" || st.lx.in("determiner", prev.low) || st.lx.in("title", prev.low) {
			continue
		}
		if st.lx.in("pronoun", t.low) || (t.capitalised() && !st.lx.in("determiner", t.low)) {
			return p
		}
	}
	return a
}

// npRight walks right from token start over a noun phrase and returns the
// end (exclusive).
func (st *finding) npRight(start, last int) int {
	k := start
	for k < last && k-start < 8 && !st.stopsNP(k) && !(k > start && st.skippable(st.v.toks[k])) &&
		!(k > start+1 && !st.v.toks[k].capitalised() && strings.HasSuffix(st.v.toks[k].low, "ed")) {
		k++
	}
	return k
}

// trimEnd drops trailing final punctuation and commas from [i, j), keeping
// closing quotation marks.
func (st *finding) trimEnd(i, j int) int {
	for j > i {
		switch st.v.toks[j-1].low {
		case ".", ",", ";", ":", "!", "?", "--", "-", "(", "...":
			j--
			continue
		}
		break
	}
	return j
}

// trimStart drops leading commas, colons and dashes.
func (st *finding) trimStart(i, j int) int {
	for i < j {
		switch st.v.toks[i].low {
		case ",", ":", ";", "--", "-":
			i++
			continue
		}
		break
	}
	return i
}

// quotationOpening returns the quotation opened by token i, or -1.
func (st *finding) quotationOpening(i int) int {
	if qi, ok := st.openQ[i]; ok {
		return qi
	}
	return -1
}

// quotationClosing returns the quotation closed by token i, or -1.
func (st *finding) quotationClosing(i int) int {
	if qi, ok := st.closeQ[i]; ok {
		return qi
	}
	return -1
}
