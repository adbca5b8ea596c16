package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// Attribution is one quote as the finder found it: the document's Quote
// record plus how its parts were found.
type Attribution struct {
	document.Quote
	// Frame says how content and source were found around the cue:
	// "source-cue-content", "content-source-cue", "content-cue-source",
	// "cue-source-content" (according to), "content-source" (a
	// quotation signed with a dash), "colon" (Name: “…”),
	// "speaker-colon" (a transcript turn) or "continuation" (an uncued
	// quotation continuing the previous speaker).
	Frame string `json:"frame"`
	// Via says how the speaker was resolved: "mention" (the actor stage's
	// coreference), "entity" (a named entity inside the source),
	// "name" (a capitalised name inside the source), "relative" (the
	// phrase a relative pronoun stands for), "recent-subject"
	// (a pronoun resolved to the latest sentence subject naming a
	// person), "recent-person" (the latest PER entity), "previous-quote"
	// (an uncued quotation given the previous quote's speaker), "source"
	// (the source phrase itself, no name in it), or "".
	Via string `json:"via,omitempty"`
	// Name is the span naming the speaker: the source itself, the name
	// inside it, or a pronoun's antecedent.
	Name     *document.Span `json:"name,omitempty"`
	NameText string         `json:"name_text,omitempty"`
	Sentence int            `json:"sentence"`
}

// cueMatch is a cue found in a sentence: tokens [i, j).
type cueMatch struct {
	i, j int
	pat  *cuePattern
}

// Finder finds quotes in documents.
type Finder struct {
	lx *Lexicon
}

// NewFinder returns a finder over the given lexicon (DefaultLexicon when
// nil).
func NewFinder(lx *Lexicon) *Finder {
	if lx == nil {
		lx = DefaultLexicon()
	}
	return &Finder{lx: lx}
}

// finding holds the state of one Find call.
type finding struct {
	lx     *Lexicon
	v      *view
	doc    *document.Document
	qs     []quotation
	inQ    []int // per token: index of the quotation it lies inside (marks excluded), or -1
	sentOf []int
	cues   [][]cueMatch // per sentence
	out    []Attribution
	// openQ and closeQ index quotations by the token of their marks.
	openQ, closeQ map[int]int
	idx           *annotationIndex
}

// Find returns the document's quotes in text order.
func (f *Finder) Find(doc *document.Document) []Attribution {
	v := newView(doc)
	st := &finding{lx: f.lx, v: v, doc: doc}
	st.qs = v.quotations()
	sort.Slice(st.qs, func(i, j int) bool { return st.qs[i].start < st.qs[j].start })
	st.inQ = make([]int, len(v.toks))
	st.sentOf = make([]int, len(v.toks))
	for i := range st.inQ {
		st.inQ[i] = -1
	}
	st.openQ, st.closeQ = map[int]int{}, map[int]int{}
	for qi, q := range st.qs {
		st.openQ[q.open] = qi
		if q.close >= 0 {
			st.closeQ[q.close] = qi
		}
		end := q.close
		if end < 0 {
			end = v.tokenEndingAt(q.end) + 1
		}
		for i := q.open + 1; i < end && i < len(v.toks); i++ {
			st.inQ[i] = qi
		}
	}
	for si, s := range v.sents {
		for i := s.first; i < s.last; i++ {
			st.sentOf[i] = si
		}
	}
	st.cues = make([][]cueMatch, len(v.sents))
	for si := range v.sents {
		st.cues[si] = st.findCues(si)
	}
	for si := range v.sents {
		for ci := range st.cues[si] {
			st.frame(si, ci)
		}
	}
	st.speakerLines()
	st.uncued()
	sort.SliceStable(st.out, func(i, j int) bool { return st.out[i].Start < st.out[j].Start })
	st.out = dedupe(st.out)
	st.out = st.dropEchoes(st.out)
	st.out = st.dropNested(st.out)
	st.idx = newAnnotationIndex(doc)
	st.resolve()
	for i := range st.out {
		a := &st.out[i]
		a.Text = doc.Slice(a.Span)
		a.Direct = st.isDirect(a.Span)
		a.Tone = f.lx.tone.score(v, a.Span, a.Signal)
		a.Date = st.date(a)
	}
	return st.out
}

// tokenEndingAt returns the index of the token ending at byte off.
func (v *view) tokenEndingAt(off int) int {
	i := sort.Search(len(v.toks), func(i int) bool { return v.toks[i].end >= off })
	if i == len(v.toks) {
		return len(v.toks) - 1
	}
	return i
}

// tokenAt returns the index of the first token starting at or after off.
func (v *view) tokenAt(off int) int {
	return sort.Search(len(v.toks), func(i int) bool { return v.toks[i].start >= off })
}

// dropNested removes quotes whose cue lies inside another quote's
// content: in "Figueroa said the campaign planned to protest" what the
// campaign planned is part of what Figueroa said, and the attribution is
// hers (PolNeAR annotates attributions flat for the same reason).
func (st *finding) dropNested(in []Attribution) []Attribution {
	// in is sorted by content start: the prefix maximum of content ends
	// finds, for each cue, the widest content starting before it.
	maxEnd := make([]int, len(in))
	for i, a := range in {
		maxEnd[i] = i
		if i > 0 && in[maxEnd[i-1]].End >= a.End {
			maxEnd[i] = maxEnd[i-1]
		}
	}
	var out []Attribution
	for _, b := range in {
		nested := false
		if b.Cue != nil {
			k := sort.Search(len(in), func(i int) bool { return in[i].Start > b.Cue.Start }) - 1
			if k >= 0 {
				a := in[maxEnd[k]]
				nested = a.Span != b.Span && a.Span.Contains(*b.Cue) && !b.Span.Contains(a.Span)
				if nested && a.Cue != nil && b.Span.Contains(*a.Cue) && b.Cue.Start < a.Cue.Start {
					nested = false // each holds the other's cue: keep the first
				}
			}
		}
		if !nested {
			out = append(out, b)
		}
	}
	return out
}

// dropEchoes removes a quote nested at the very start of another's
// content with a pronoun source: in "Clinton says she hopes to win" the
// content is "she hopes to win", said by Clinton, and "she hopes" adds
// no second speaker.
func (st *finding) dropEchoes(in []Attribution) []Attribution {
	byStart := map[int][]int{}
	for i, a := range in {
		byStart[a.Start] = append(byStart[a.Start], i)
	}
	var out []Attribution
	for _, b := range in {
		echo := false
		if b.Speaker != nil && b.Cue != nil {
			i := st.v.tokenAt(b.Speaker.Start)
			if i < len(st.v.toks) && st.lx.in("person-pronoun", st.v.toks[i].low) {
				for _, ai := range byStart[b.Speaker.Start] {
					if a := in[ai]; a.Span != b.Span && a.Span.Contains(*b.Cue) {
						echo = true
						break
					}
				}
			}
		}
		if !echo {
			out = append(out, b)
		}
	}
	return out
}

func dedupe(in []Attribution) []Attribution {
	var out []Attribution
	seen := map[document.Span]bool{}
	for _, a := range in {
		if !seen[a.Span] {
			seen[a.Span] = true
			out = append(out, a)
		}
	}
	return out
}

// isPunct reports whether a token is punctuation (no letter or digit).
func (t tok) isPunct() bool {
	for _, r := range t.text {
		if isWordRune(r) {
			return false
		}
	}
	return true
}

func (t tok) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

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
	if c.pat.Kind == kindNaming {
		// Only with a quotation soon after: "called the deal “a disaster.”"
		found := false
		for k := c.j; k < s.last && k < c.j+8; k++ {
			if v.doubleMark(k) == openMark {
				found = true
				break
			}
		}
		if !found || lx.in("determiner", prev) || prev == "so" || prev == "-" || lx.in("copula", prev) {
			return false
		}
		return true
	}
	switch c.pat.Kind {
	case kindVerb, kindClause:
		if lx.in("determiner", prev) || prev == "'s" {
			return false // a noun: "the report", "Editor's note"
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

func (st *finding) add(si int, frame, signal string, content, cue, src [2]int) {
	v := st.v
	if content[1] <= content[0] {
		return
	}
	a := Attribution{Frame: frame, Sentence: si}
	a.Span = v.span(content[0], content[1])
	a.Signal = signal
	if cue[1] > cue[0] {
		// The cue keeps its auxiliaries and adverbs ("has also said") and
		// a colon glued to it ("said:"), as PolNeAR marks them.
		s := v.sents[si]
		for cue[0]-1 >= s.first && cue[0]-1 >= src[1] && st.cueAux(v.toks[cue[0]-1]) {
			cue[0]--
		}
		if cue[1] < len(v.toks) && cue[1] < content[0]+1 && v.toks[cue[1]].low == ":" && v.toks[cue[1]].start == v.toks[cue[1]-1].end {
			cue[1]++
		}
		sp := v.span(cue[0], cue[1])
		a.Cue = &sp
		a.CueText = v.text[sp.Start:sp.End]
	}
	if src[1] > src[0] {
		sp := v.span(src[0], src[1])
		a.Speaker = &sp
		a.SpeakerText = v.text[sp.Start:sp.End]
	}
	st.out = append(st.out, a)
}

// frame finds the source and content around cue ci of sentence si.
func (st *finding) frame(si, ci int) {
	v, lx := st.v, st.lx
	s := v.sents[si]
	c := st.cues[si][ci]
	cue := [2]int{c.i, c.j}
	signal := c.pat.Signal

	if c.pat.Kind == kindPrep {
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
		} else if e := st.trimEnd(afterInv, s.last); afterInv < e && e-afterInv <= 5 && prepositions[v.toks[afterInv].low] {
			inv, afterInv = e, s.last // "said one source in the room"
		}
		if inv > c.j && st.trimEnd(afterInv, s.last) <= afterInv && nRight <= 8 {
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
	if srcStart == -1 && left >= s.first && (v.toks[left].low == "and" || v.toks[left].low == "but") {
		// A coordinated verb shares the subject: "He was not aware … but
		// said", "believes X and is hopeful that Y".
		if src2, ok := st.sharedSubject(si, left); ok {
			src = src2
			srcStart = -2
		}
	}
	if srcStart == -1 && (c.pat.Kind == kindVerb || c.pat.Kind == kindClause) {
		// No subject on the left: maybe "…,” said Smith" or "…, says Smith".
		inv := st.npRight(c.j, s.last)
		if inv > c.j && left >= s.first && (v.toks[left].low == "," || v.doubleMark(left) == closeMark) {
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
	if srcStart >= 0 && closedBefore && r < s.last && v.toks[c.j].low == "," && (ci+1 < len(st.cues[si]) && st.cues[si][ci+1].i == c.j+1) {
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
	if f := v.toks[r]; r < s.last && f.low != "that" && !prepositions[f.low] && !st.lx.in("time", f.low) &&
		!st.lx.in("recipient", f.low) && !isAdverb(f) && f.low != "," && !f.capitalised() && !(st.inQ[r] >= 0 || v.doubleMark(r) == openMark) {
		return -1
	}
	for k := r; k < s.last && k < r+10 && k < next; k++ {
		t := v.toks[k].low
		if t == "that" {
			if k == r || !st.lx.in("determiner", v.toks[k-1].low) {
				return k
			}
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
