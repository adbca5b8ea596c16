package quote

import (
	"strings"
)

// frame finds the source and content around cue ci of sentence si.
func (st *finding) frame(si, ci int) {
	v, lx := st.v, st.lx
	s := v.sents[si]
	c := st.cues[si][ci]
	cue := [2]int{c.i, c.j}
	signal := c.pat.Signal

	if c.pat.Kind == kindPrep || c.pat.Kind == kindDoc {
		st.frameAccording(si, c)
		return
	}

	// Content to the right: after the cue, an optional colon or comma, a
	// listener ("told reporters"), a short stretch up to "that". As in
	// PolNeAR, the content keeps its complementizer.
	r := c.j
	if c.pat.Kind == kindAdj && v.toks[r].low == "about" {
		r++
	}
	if (c.pat.Kind == kindVerb || c.pat.Kind == kindClause) && r < s.last && lx.in("cue-preposition", v.toks[r].low) {
		// "complained about X", "warned against X": the preposition
		// belongs to the cue.
		r++
		cue[1] = r
	}
	if r < s.last && (v.toks[r].low == ":" || v.toks[r].low == ",") && (r+1 < s.last && v.doubleMark(r+1) == openMark || v.toks[r].low == ":") {
		r++
	}
	if r < s.last && v.doubleMark(r) != openMark {
		if k := st.thatAfter(r, s, ci, si); k >= 0 {
			r = k
		} else if (v.toks[c.i].low == "told" || v.toks[c.i].low == "tell" || v.toks[c.i].low == "tells" || v.toks[c.i].low == "telling") && r < s.last && lx.in("recipient", v.toks[r].low) {
			r++
			if r < s.last && lx.in("determiner", v.toks[r-1].low) {
				r++
			}
		}
	}
	for r < s.last && v.toks[r].low == "," && (r+1 >= s.last || v.doubleMark(r+1) != openMark) {
		r++ // "said, local officials should …"
	}
	rEnd := s.last
	if r < s.last {
		if qi := st.quotationOpening(r); qi >= 0 {
			q := st.qs[qi]
			if q.close >= 0 {
				rEnd = q.close + 1
				// A quotation followed by more words is part of a longer
				// content: "“real progress” will be made".
				if rEnd < s.last && !v.toks[rEnd].isPunct() {
					rEnd = s.last
				}
			} else {
				rEnd = v.tokenEndingAt(q.end) + 1
			}
		}
	}
	rEnd = st.coordinationEnd(r, rEnd, si, ci)
	rEnd = st.clauseEnd(r, rEnd)
	if rl := c.i - 1; rl > s.first && st.lx.in("relative", v.toks[rl].low) && v.toks[rl-1].low == "," {
		// "Tan, who said the plan was unfair, voted …": the relative
		// clause ends at the next comma.
		for k := r; k < rEnd; k++ {
			if v.toks[k].low == "," && st.inQ[k] < 0 {
				rEnd = k
				break
			}
		}
	}
	rEnd = st.trimEnd(r, rEnd)
	nRight := rEnd - r
	if rEnd <= r {
		nRight = 0
	}
	if nRight > 0 && st.noContentAfter(c, r, rEnd) {
		nRight = 0
	}

	// Source to the left of the cue.
	left := c.i - 1
	for left >= s.first && st.skippable(v.toks[left]) {
		left--
	}
	if c.pat.Kind == kindAdj {
		// left now stands on the copula; step over it and its adverbs.
		for left >= s.first && (lx.in("copula", v.toks[left].low) || st.skippable(v.toks[left])) {
			left--
		}
	}
	// Step over a time phrase: "Axelrod on Wednesday called on".
	if left >= s.first && lx.in("time", v.toks[left].low) {
		for k := left - 1; k >= s.first && k >= left-3; k-- {
			if prepositions[v.toks[k].low] || v.toks[k].low == "last" || v.toks[k].low == "this" {
				left = k - 1
				for left >= s.first && v.toks[left].low == "," {
					left--
				}
				break
			}
		}
	}
	var src [2]int
	frame := "source-cue-content"
	srcStart := -1
	if left < s.first && strings.HasSuffix(v.toks[c.i].low, "ing") && c.pat.Kind != kindAdj {
		// "Claiming that …, Trump said …": the subject follows the
		// participle's clause.
		k := c.j
		for k < s.last && (v.toks[k].low != "," || st.inQ[k] >= 0) {
			k++
		}
		if k+1 < s.last {
			if e := st.npRight(k+1, s.last); e > k+1 && k > r {
				st.add(si, frame, signal, [2]int{r, st.trimEnd(r, k)}, cue, [2]int{k + 1, e})
			}
		}
		return
	}
	if left >= s.first && v.toks[left].low == "," && strings.HasSuffix(v.toks[c.i].low, "ing") && c.pat.Kind != kindAdj {
		// A participle after a comma shares the clause's subject:
		// "Clinton spoke out on Tuesday, arguing that …".
		if src2, ok := st.sharedSubject(si, left); ok {
			st.add(si, frame, signal, [2]int{r, rEnd}, cue, src2)
		}
		return
	}
	if left >= s.first && v.toks[left].low == "," && c.pat.Kind != kindAdj {
		// "…, said Smith." or "Smith, who …, said".
		inv := st.npRight(c.j, s.last)
		afterInv := inv
		if afterInv < s.last && v.toks[afterInv].low == "," {
			afterInv = s.last // an appositive follows the source
		} else if e := st.trimEnd(afterInv, s.last); inv > c.j && afterInv < e && e-afterInv <= 5 && prepositions[v.toks[afterInv].low] {
			inv, afterInv = e, s.last // "said one source in the room"
		}
		objective := c.j < s.last && lx.in("objective", v.toks[c.j].low) // "told me": a listener, not a source
		if inv > c.j && !objective && st.trimEnd(afterInv, s.last) <= afterInv && nRight <= 8 {
			// Inverted: content on the left.
			src = [2]int{c.j, st.withApposition(inv, s)}
			cs, ce := st.contentLeft(left, si)
			if ce > cs {
				st.add(si, "content-cue-source", signal, [2]int{cs, ce}, cue, src)
				return
			}
		}
		// Appositive or relative clause between subject and cue.
		k := left - 1
		for k >= s.first && v.toks[k].low != "," && !(v.toks[k].isPunct() && v.doubleMark(k) != notMark) {
			k--
		}
		if k > s.first && v.toks[k].low == "," {
			a := st.npLeft(k-1, s.first)
			if a <= k-1 {
				srcStart = a
				// As in PolNeAR, the source takes its apposition or relative
				// clause and closing comma ("Steve Witkoff, the envoy, said"),
				// but not a participle or a phrase of time or place
				// ("Trump, speaking to veterans, said").
				src = [2]int{a, left + 1}
				if f := v.toks[k+1]; !f.capitalised() && (strings.HasSuffix(f.low, "ing") || strings.HasSuffix(f.low, "ed") || prepositions[f.low]) {
					src = [2]int{a, k}
				}
			}
		}
	} else if left >= s.first {
		a := st.cutGlued(st.npLeft(left, s.first), left)
		if a <= left {
			srcStart = a
			src = [2]int{a, left + 1}
		}
	}
	if ss, se, ok := st.parsedSubject(si, c); ok && srcStart < 0 && se <= c.i {
		// The parse finds subjects the patterns miss: "Obama, in a speech
		// on Friday, said".
		src = [2]int{ss, se}
		srcStart = ss
	}
	if srcStart < 0 && left >= s.first && v.toks[left].low == "to" {
		// "Trump plans to call on …", "he appeared to suggest …": the
		// subject of the governing verb.
		for k := left - 1; k >= s.first && k >= left-4 && !v.toks[left-1].capitalised(); k-- {
			t := v.toks[k]
			if t.isPunct() || lx.in("boundary", t.low) {
				break
			}
			if lx.in("pronoun", t.low) || lx.in("relative", t.low) || (t.capitalised() && !lx.in("determiner", t.low)) {
				if a := st.npLeft(k, s.first); a <= k {
					src = [2]int{a, k + 1}
					srcStart = -2
				}
				break
			}
		}
	}
	gerund := strings.HasSuffix(v.toks[c.i].low, "ing")
	if srcStart == -1 && left >= s.first && (v.toks[left].low == "and" || v.toks[left].low == "but" ||
		v.toks[left].low == "to" && left > s.first && !v.toks[left-1].capitalised() ||
		gerund && (v.toks[left].low == "by" || v.toks[left].low == "from" || v.toks[left].low == "without")) {
		// A coordinated verb shares the subject: "He was not aware … but
		// said", "believes X and is hopeful that Y"; so do an infinitive
		// and a gerund after a preposition: "The FBI decided … not to
		// recommend", "She started off by emphasizing".
		if src2, ok := st.sharedSubject(si, left); ok {
			src = src2
			srcStart = -2
		}
	}
	if srcStart == -1 && (c.pat.Kind == kindVerb || c.pat.Kind == kindClause) {
		// No subject on the left: maybe "…,” said Smith" or "…, says Smith".
		inv := st.npRight(c.j, s.last)
		if inv > c.j && !lx.in("objective", v.toks[c.j].low) && left >= s.first && (v.toks[left].low == "," || v.doubleMark(left) == closeMark) {
			src = [2]int{c.j, st.withApposition(inv, s)}
			cs, ce := st.contentLeft(left, si)
			if ce > cs {
				st.add(si, "content-cue-source", signal, [2]int{cs, ce}, cue, src)
				return
			}
		}
	}

	if srcStart == -2 {
		srcStart = -1
	}
	// Content on the left: "…,” he said." when little follows the cue.
	closedBefore := srcStart-1 >= s.first && (v.doubleMark(srcStart-1) == closeMark ||
		v.toks[srcStart-1].low == "," && srcStart-2 >= s.first && v.doubleMark(srcStart-2) == closeMark)
	if srcStart >= 0 && closedBefore && c.j < s.last && v.toks[c.j].low == "," && (ci+1 < len(st.cues[si]) && st.cues[si][ci+1].i == c.j+1) {
		// "“…,” Tan said, adding that …": the participle has its own content.
		cs, ce := st.contentLeft(srcStart-1, si)
		if ce > cs {
			st.add(si, "content-source-cue", signal, [2]int{cs, ce}, cue, src)
			return
		}
	}
	if srcStart >= 0 && srcStart-1 >= s.first && (nRight <= 3 || nRight <= 8 && prepositions[v.toks[r].low] && st.thatAfter(r, s, ci, si) < 0) {
		p := srcStart - 1
		if v.toks[p].low == "," || v.doubleMark(p) == closeMark || v.toks[p].low == ":" {
			cs, ce := st.contentLeft(p, si)
			if ce > cs {
				st.add(si, "content-source-cue", signal, [2]int{cs, ce}, cue, src)
				// "“A,” he said, “B.”": the quotation after the cue is his too.
				if nRight > 0 && r < s.last && st.quotationOpening(r) >= 0 {
					st.add(si, "content-source-cue", signal, [2]int{r, rEnd}, cue, src)
				}
				return
			}
		}
	}
	if nRight <= 0 {
		return
	}
	if nRight == 1 && c.pat.Kind == kindVerb && !v.toks[r].capitalised() && v.doubleMark(r) == notMark {
		return // "said Tuesday", "added later": no content
	}
	st.add(si, frame, signal, [2]int{r, rEnd}, cue, src)
}

// sharedSubject returns the subject of the clause before a coordinating
// conjunction at token and: the source of an earlier quote in the
// sentence, else a pronoun or name opening the sentence.
func (st *finding) sharedSubject(si, and int) ([2]int, bool) {
	v := st.v
	s := v.sents[si]
	for i := len(st.out) - 1; i >= 0 && st.out[i].Sentence >= si; i-- {
		a := st.out[i]
		if a.Sentence == si && a.Speaker != nil && a.Speaker.End <= v.toks[and].start {
			return [2]int{v.tokenAt(a.Speaker.Start), v.tokenEndingAt(a.Speaker.End) + 1}, true
		}
	}
	f := s.first
	if f < and && (st.lx.in("pronoun", v.toks[f].low) || v.toks[f].capitalised() && !st.lx.in("boundary", v.toks[f].low) && !prepositions[v.toks[f].low]) {
		if st.lx.in("pronoun", v.toks[f].low) {
			return [2]int{f, f + 1}, true
		}
		if !st.lx.in("determiner", v.toks[f].low) {
			// A name: its capitalised run ("Clinton spoke …, arguing").
			e := f
			for e < and && v.toks[e].capitalised() && !v.toks[e].isPunct() {
				e++
			}
			return [2]int{f, e}, true
		}
		e := st.npRight(f, and)
		if e > f {
			return [2]int{f, e}, true
		}
	}
	return [2]int{}, false
}

// contentLeft returns the content ending before token p (a comma, colon
// or closing mark): from the start of the sentence, or of the quotation
// that the mark closes when it opened in an earlier sentence.
func (st *finding) contentLeft(p, si int) (int, int) {
	v := st.v
	s := v.sents[si]
	end := p
	start := s.first
	if v.doubleMark(p) == closeMark {
		end = p + 1
		if qi := st.quotationClosing(p); qi >= 0 && st.qs[qi].open < start {
			start = st.qs[qi].open
		}
	} else if p > s.first && v.doubleMark(p-1) == closeMark {
		// "…”," with the comma outside the marks.
		if qi := st.quotationClosing(p - 1); qi >= 0 && st.qs[qi].open < start {
			start = st.qs[qi].open
		}
	}
	// A sentence may open with an earlier clause: start after the last
	// cue's content in this sentence.
	for i := len(st.out) - 1; i >= 0 && st.out[i].Sentence >= si; i-- {
		if a := st.out[i]; a.Sentence == si && a.End <= v.toks[end-1].end && a.End > v.toks[start].start {
			start = max(start, v.tokenAt(a.End))
		}
	}
	start = st.trimStart(start, end)
	for start < end && (v.toks[start].low == "and" || v.toks[start].low == "but") {
		start++
	}
	return start, st.trimEnd(start, end)
}

// thatAfter returns the index of a complementizer "that" within a short
// stretch after the cue (prepositional phrases, a listener, a title),
// or -1.
func (st *finding) thatAfter(r int, s sent, ci, si int) int {
	v := st.v
	next := s.last
	if ci+1 < len(st.cues[si]) {
		next = st.cues[si][ci+1].i
	}
	// What stands between the cue and "that" must be an adjunct or a
	// listener ("said in a statement that", "told reporters that", "said
	// Friday that"); after an object, "that" is a relative pronoun ("a
	// law that requires").
	if r >= s.last {
		return -1
	}
	directive := st.lx.in("directive", v.toks[st.cues[si][ci].i].low)
	if f := v.toks[r]; f.low != "that" && !prepositions[f.low] && !st.lx.in("time", f.low) &&
		!st.lx.in("recipient", f.low) && !isAdverb(f) && f.low != "," && !f.capitalised() && !(st.inQ[r] >= 0 || v.doubleMark(r) == openMark) &&
		!(directive && (st.lx.in("determiner", f.low) || st.lx.in("possessive", f.low))) {
		return -1
	}
	for k := r; k < s.last && k < r+10 && k < next; k++ {
		t := v.toks[k].low
		if t == "that" {
			if k == r || !st.lx.in("determiner", v.toks[k-1].low) {
				return k
			}
		}
		// After a listener: "told Marlow how …". (An infinitive keeps its
		// listener: "urged supporters to vote" is all content.)
		if k > r && (t == "how" || t == "why" || t == "whether" || t == "what") && st.inQ[k] < 0 {
			return k
		}
		if (t == "." || t == ";" || t == "and" || t == "but") && st.inQ[k] < 0 {
			return -1
		}
	}
	return -1
}

// coordinationEnd cuts content [r, end) before "and"/"but" introducing
// the next cue of the sentence ("believes X and is hopeful that Y"), and
// before a second clause attributed with "according to".
func (st *finding) coordinationEnd(r, end, si, ci int) int {
	v := st.v
	if ci+1 >= len(st.cues[si]) {
		return end
	}
	nc := st.cues[si][ci+1]
	if nc.i >= end || nc.i < r {
		return end
	}
	for k := nc.i - 1; k >= r; k-- {
		t := v.toks[k]
		if t.low == "and" || t.low == "but" || t.low == ";" {
			return k
		}
		if !st.skippable(t) && !st.lx.in("copula", t.low) && t.low != "," && t.low != "to" {
			break
		}
	}
	// "…, contradicting …": a participle after a comma starts its own
	// attribution.
	if nc.i-1 > r && v.toks[nc.i-1].low == "," && strings.HasSuffix(v.toks[nc.i].low, "ing") {
		return nc.i - 1
	}
	// "…, sources said": the content stops before a trailing attribution.
	k := nc.i - 1
	for k > r && st.skippable(v.toks[k]) {
		k--
	}
	last := st.v.sents[si].last
	if a := st.npLeft(k, r); a > r && a <= k && st.trimEnd(nc.j, last) <= nc.j+8 {
		if v.toks[a-1].low == "," {
			return a - 1
		}
		if v.doubleMark(a-1) == closeMark {
			return a // "… “…,” she said": the quotation is hers
		}
	}
	if k == nc.i-1 && k > r && v.toks[k].low == "," && st.trimEnd(nc.j, last) <= nc.j+8 {
		return k // "…, said one source in the room."
	}
	if nc.pat.Kind == kindPrep {
		k := nc.i
		for k > r && (v.toks[k-1].low == "," || st.skippable(v.toks[k-1])) {
			k--
		}
		return k
	}
	return end
}

// noContentAfter reports whether what follows a cue is not its content:
// a time and a subordinate clause ("said Friday as he entered"), a
// listener alone ("told Politico on Thursday") or a verb particle
// ("called in to a town hall").
func (st *finding) noContentAfter(c cueMatch, r, end int) bool {
	v, lx := st.v, st.lx
	k := r
	for k < end && lx.in("time", v.toks[k].low) {
		k++
	}
	if k >= end {
		return true
	}
	t := v.toks[k].low
	if lx.in("subordinator", t) || lx.in("particle", t) && lx.in("naming-verb", v.toks[c.j-1].low) {
		return true
	}
	if lx.in("directive", v.toks[c.j-1].low) && (v.toks[k].capitalised() || lx.in("determiner", t)) {
		// "told the Post on Thursday": a listener and nothing said.
		e := st.npRight(k, end)
		for e < end && (prepositions[v.toks[e].low] || lx.in("time", v.toks[e].low) || !v.toks[e].isPunct() && !lx.in("complementizer", v.toks[e].low) && e > k && prepositions[v.toks[e-1].low]) {
			e++
		}
		return e >= end
	}
	return false
}

// clauseEnd cuts reported content [r, end) before what the reporter
// adds after it: ", which …", ", though …", a dash or a parenthesis.
// Quotations inside the content are kept whole.
func (st *finding) clauseEnd(r, end int) int {
	v := st.v
	if r >= end || v.doubleMark(r) == openMark {
		return end
	}
	for k := r + 2; k < end; k++ {
		if st.inQ[k] >= 0 || v.doubleMark(k) != notMark {
			continue
		}
		switch t := v.toks[k].low; {
		case t == ";" || t == "--" || t == "(" || v.toks[k].text == "\u2014" || v.toks[k].text == "\u2015":
			return k
		case t == "," && k+1 < end && st.lx.in("clause-break", v.toks[k+1].low):
			return k
		case t == "," && k+2 < end && v.toks[k+1].low == "and" && (v.toks[k+2].capitalised() || st.lx.in("pronoun", v.toks[k+2].low)):
			return k // ", and Ukraine has agreed": a new clause with its own subject
		}
	}
	return end
}

// frameAccording handles "according to X, …" and "…, according to X".
func (st *finding) frameAccording(si int, c cueMatch) {
	v := st.v
	s := v.sents[si]
	srcEnd := st.npRight(c.j, s.last)
	if srcEnd <= c.j {
		return
	}
	src := [2]int{c.j, srcEnd}
	k := c.i - 1
	for k >= s.first && (st.skippable(v.toks[k]) || v.toks[k].low == "but" || v.toks[k].low == "and") {
		k--
	}
	if k < s.first {
		// Sentence-initial: the content follows the source.
		r := srcEnd
		for r < s.last && v.toks[r].low != "," {
			r++
		}
		r = st.trimStart(r, s.last)
		end := st.trimEnd(r, s.last)
		st.add(si, "cue-source-content", c.pat.Signal, [2]int{r, end}, [2]int{c.i, c.j}, src)
		return
	}
	var cs, ce int
	if v.toks[c.i-1].low == "," {
		cs, ce = st.contentLeft(c.i-1, si)
	} else {
		cs = st.trimStart(s.first, c.i)
		ce = st.trimEnd(cs, c.i)
	}
	st.add(si, "content-cue-source", c.pat.Signal, [2]int{cs, ce}, [2]int{c.i, c.j}, src)
}

// parsedSubject returns the extent of the cue's nominal subject when a
// dependency parse is present.
func (st *finding) parsedSubject(si int, c cueMatch) (int, int, bool) {
	v := st.v
	if !v.parsed {
		return 0, 0, false
	}
	s := v.sents[si]
	for k := s.first; k < s.last; k++ {
		if v.toks[k].head == c.i && strings.HasPrefix(v.toks[k].deprel, "nsubj") {
			a, e := v.subtree(k, s)
			return a, e, true
		}
	}
	return 0, 0, false
}

// subtree returns the token extent [first, end) of token k's subtree
// within sentence s.
func (v *view) subtree(k int, s sent) (int, int) {
	lo, hi := k, k+1
	for i := s.first; i < s.last; i++ {
		for h, n := i, 0; h >= 0 && n < 64; h, n = v.toks[h].head, n+1 {
			if h == k {
				lo = min(lo, i)
				hi = max(hi, i+1)
				break
			}
		}
	}
	return lo, hi
}
