package quote

import (
	"sort"
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
