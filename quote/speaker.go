package quote

import (
	"sort"

	"github.com/parley-news/parley/document"
)

// resolve names each attribution's speaker and links it to an actor,
// using, in order, the actor stage's mentions and coreference chains,
// named entities inside the source, and for pronouns with no
// coreference the latest sentence subject naming a person.
func (st *finding) resolve() {
	subjects := st.sentenceSubjects()
	var prev *Attribution
	for i := range st.out {
		a := &st.out[i]
		switch {
		case a.Speaker == nil && a.Frame == "continuation":
			if prev != nil && prev.Speaker != nil && st.sentOf[st.v.tokenAt(a.Start)]-prev.Sentence <= 3 {
				a.Speaker, a.SpeakerText, a.SpeakerActor = prev.Speaker, prev.SpeakerText, prev.SpeakerActor
				a.Name, a.NameText = prev.Name, prev.NameText
				a.Via = "previous-quote"
			}
		case a.Speaker != nil:
			st.resolveOne(a, subjects, prev)
		}
		if a.Speaker != nil {
			prev = a
		}
	}
}

func (st *finding) setName(a *Attribution, sp document.Span, via string) {
	a.Name = &sp
	a.NameText = st.doc.Slice(sp)
	a.Via = via
	if a.SpeakerActor == "" {
		a.SpeakerActor = st.actorAt(sp)
	}
}

// actorAt returns the actor of a mention or entity covering sp.
func (st *finding) actorAt(sp document.Span) string {
	for _, m := range st.idx.mentionsNear(sp.Start-maxAnnotation, sp.End) {
		if m.Actor != "" && m.Span.Overlaps(sp) && (sp.Contains(m.Span) || m.Span.Contains(sp)) {
			return m.Actor
		}
	}
	for _, e := range st.idx.entitiesNear(sp.Start-maxAnnotation, sp.End) {
		if e.Actor != "" && e.Span.Overlaps(sp) && (sp.Contains(e.Span) || e.Span.Contains(sp)) {
			return e.Actor
		}
	}
	return ""
}

func (st *finding) resolveOne(a *Attribution, subjects []*document.Span, prev *Attribution) {
	sp := *a.Speaker
	// 1. The actor stage's mentions: the head mention inside the source
	// (not a possessor: "Trump's envoy, Steve Witkoff"), its actor, and
	// for a pronoun the chain's name.
	var best *document.Mention
	near := st.idx.mentionsNear(sp.Start, sp.End)
	for mi := range near {
		m := &near[mi]
		if !sp.Contains(m.Span) || st.possessor(m.Span) {
			continue
		}
		if best == nil || rankKind(m.Kind) > rankKind(best.Kind) || rankKind(m.Kind) == rankKind(best.Kind) && m.Len() > best.Len() {
			best = m
		}
	}
	if best != nil && best.Kind == "pronoun" && st.heShe(best.Span) {
		// Subject continuity: a he or she speaking is the person the
		// previous sentence was about, when it names one (Grosz, Joshi and
		// Weinstein 1995, centering); coreference decides otherwise.
		if subj := previousSubject(subjects, st.sentOf[st.v.tokenAt(sp.Start)], 2); subj != nil {
			a.SpeakerActor = ""
			st.setName(a, *subj, "recent-subject")
			return
		}
	}
	if best != nil && (best.Actor != "" || best.Kind == "pronoun") {
		a.SpeakerActor = best.Actor
		name := best.Span
		if best.Kind == "pronoun" {
			for _, n := range st.idx.chainNames[best.Chain] {
				if n.Start < best.Start {
					name = n
				}
			}
		}
		if best.Actor != "" || name != best.Span {
			st.setName(a, name, "mention")
			return
		}
	}
	// A relative pronoun stands for the phrase before its comma: "Rosa
	// Tan, who said …".
	if i := st.v.tokenAt(sp.Start); i > 1 && i < len(st.v.toks) && st.v.toks[i].end == sp.End &&
		st.lx.in("relative", st.v.toks[i].low) && st.v.toks[i-1].low == "," {
		first := st.v.sents[st.sentOf[i]].first
		if a0 := st.npLeft(i-2, first); a0 <= i-2 {
			sp = st.v.span(a0, i-1)
			if n := st.nameIn(sp); n != nil {
				sp = *n
			}
			for _, e := range st.idx.entitiesNear(sp.Start, sp.End) {
				if sp.Contains(e.Span) {
					sp = e.Span
					break
				}
			}
			st.setName(a, sp, "relative")
			return
		}
	}
	// 2. A named entity inside the source (the last one: "Trump's envoy,
	// Steve Witkoff").
	var ent *document.Entity
	ents := st.idx.entitiesNear(sp.Start, sp.End)
	for ei := range ents {
		e := &ents[ei]
		if sp.Contains(e.Span) && (ent == nil || e.Type == "PER" || ent.Type != "PER") {
			ent = e
		}
	}
	if ent != nil {
		st.setName(a, ent.Span, "entity")
		return
	}
	// 3. A pronoun: the latest subject naming a person.
	i0 := st.v.tokenAt(sp.Start)
	if i0 < len(st.v.toks) && st.v.toks[i0].end == sp.End && st.lx.in("pronoun", st.v.toks[i0].low) {
		w := st.v.toks[i0].low
		if w == "he" || w == "she" {
			si := st.sentOf[i0]
			for k := si - 1; k >= 0 && k >= si-6; k-- {
				// The latest named speaker of a quote in that sentence, else
				// the sentence's subject.
				if prev != nil && prev.Sentence == k && prev.Name != nil && prev.Via != "source" && !st.isPronounSpan(*prev.Speaker) {
					st.setName(a, *prev.Name, "recent-subject")
					return
				}
				if subjects[k] != nil {
					st.setName(a, *subjects[k], "recent-subject")
					return
				}
			}
			if e := st.recentPerson(sp.Start); e != nil {
				st.setName(a, e.Span, "recent-person")
				return
			}
		}
		if (w == "it" || w == "they" || w == "we") && prev != nil && prev.Name != nil {
			st.setName(a, *prev.Name, "previous-quote")
		}
		return
	}
	// 4. A capitalised name inside the source; else the source itself.
	if n := st.nameIn(sp); n != nil {
		st.setName(a, *n, "name")
		return
	}
	st.setName(a, sp, "source")
}

// possessor reports whether the phrase at sp is followed by 's.
func (st *finding) possessor(sp document.Span) bool {
	i := st.v.tokenAt(sp.End)
	return i < len(st.v.toks) && st.v.toks[i].low == "'s"
}

// heShe reports whether sp is the pronoun he or she.
func (st *finding) heShe(sp document.Span) bool {
	i := st.v.tokenAt(sp.Start)
	return i < len(st.v.toks) && st.v.toks[i].end == sp.End && (st.v.toks[i].low == "he" || st.v.toks[i].low == "she")
}

// previousSubject returns the subject naming a person of the nearest
// earlier sentence that has one, at most back sentences before si.
func previousSubject(subjects []*document.Span, si, back int) *document.Span {
	for k := si - 1; k >= 0 && k >= si-back; k-- {
		if subjects[k] != nil {
			return subjects[k]
		}
	}
	return nil
}

// isPronounSpan reports whether sp is a single pronoun.
func (st *finding) isPronounSpan(sp document.Span) bool {
	i := st.v.tokenAt(sp.Start)
	return i < len(st.v.toks) && st.v.toks[i].end == sp.End && st.lx.in("pronoun", st.v.toks[i].low)
}

func rankKind(k string) int {
	switch k {
	case "name":
		return 3
	case "nominal":
		return 2
	case "pronoun":
		return 1
	}
	return 0
}

// recentPerson returns the latest PER entity ending before off.
func (st *finding) recentPerson(off int) *document.Entity {
	ents := st.idx.entities
	for i := sort.Search(len(ents), func(i int) bool { return ents[i].Start >= off }) - 1; i >= 0; i-- {
		if ents[i].Type == "PER" && ents[i].End <= off {
			return &ents[i]
		}
	}
	return nil
}

// nameIn returns the last run of capitalised words inside sp that is not
// a possessor ("Trump's special envoy, Steve Witkoff" gives Steve
// Witkoff), or nil.
func (st *finding) nameIn(sp document.Span) *document.Span {
	v := st.v
	var out *document.Span
	first := true
	for i := v.tokenAt(sp.Start); i < len(v.toks) && v.toks[i].end <= sp.End; {
		t := v.toks[i]
		if !t.capitalised() || t.isPunct() || (first && st.lx.in("determiner", t.low)) || st.lx.in("pronoun", t.low) {
			i++
			first = false
			continue
		}
		j := i
		for j < len(v.toks) && v.toks[j].end <= sp.End && v.toks[j].capitalised() && !v.toks[j].isPunct() {
			j++
		}
		if !(j < len(v.toks) && v.toks[j].low == "'s") {
			s := v.span(i, j)
			out = &s
		}
		i = j
		first = false
	}
	return out
}

// sentenceSubjects returns, per sentence, the span naming the person the
// sentence is about: its quote's speaker, else its first PER entity in
// subject position, else (no entities) a capitalised name opening the
// sentence. A sentence whose subject is he or she inherits the previous
// one.
func (st *finding) sentenceSubjects() []*document.Span {
	v := st.v
	out := make([]*document.Span, len(v.sents))
	for si, s := range v.sents {
		// Skip an opening adverbial clause: "After Fogel returned home, …".
		first := s.first
		if first < s.last && (prepositions[v.toks[first].low] || st.lx.in("boundary", v.toks[first].low)) {
			for k := first; k < s.last && k < first+12; k++ {
				if v.toks[k].low == "," {
					first = k + 1
					break
				}
			}
		}
		for first < s.last && (v.toks[first].isPunct() || st.skippable(v.toks[first])) {
			first++
		}
		if first >= s.last {
			continue
		}
		t := v.toks[first]
		if t.low == "he" || t.low == "she" {
			if si > 0 {
				out[si] = out[si-1]
			}
			continue
		}
		if len(st.idx.mentions) > 0 {
			if sp, ok := st.mentionSubject(s, first); ok {
				out[si] = sp
			}
			continue
		}
		if len(st.idx.entities) > 0 {
			for _, e := range st.idx.entitiesNear(v.toks[first].start, s.end) {
				if e.Type != "PER" {
					continue
				}
				k := v.tokenAt(e.End)
				if k < len(v.toks) && v.toks[k].low == "'s" {
					continue
				}
				if v.tokenAt(e.Start)-first <= 6 {
					sp := e.Span
					out[si] = &sp
				}
				break
			}
			continue
		}
		if st.titleCase(s) || !t.capitalised() || st.lx.in("determiner", t.low) || st.lx.in("pronoun", t.low) ||
			st.lx.in("boundary", t.low) || st.lx.in("not-name", t.low) {
			continue
		}
		run := func(from int) int {
			j := from
			for j < s.last && v.toks[j].capitalised() && !v.toks[j].isPunct() && len(st.lx.byFirst[v.toks[j].low]) == 0 {
				j++
			}
			return j
		}
		j := run(first)
		if j < s.last && v.toks[j].low == "'s" {
			// "Brenner's deputy, Tomas Veil, …": the name in apposition.
			k := j
			for k < s.last && k < j+6 && v.toks[k].low != "," {
				k++
			}
			if k+1 < s.last && v.toks[k].low == "," {
				if e := run(k + 1); e > k+1 && e < s.last && v.toks[e].low == "," {
					sp := v.span(k+1, e)
					out[si] = &sp
				}
			}
			continue
		}
		if j > first {
			sp := v.span(first, j)
			out[si] = &sp
		}
	}
	return out
}

// mentionSubject returns the person mention in subject position of
// sentence s: the first mention within six tokens of first that is not a
// possessor, when its actor is a person.
func (st *finding) mentionSubject(s sent, first int) (*document.Span, bool) {
	kinds := st.idx.actorKind
	for _, m := range st.idx.mentionsNear(st.v.toks[first].start, s.end) {
		if st.v.tokenAt(m.Start)-first > 6 {
			return nil, false
		}
		if st.possessor(m.Span) {
			continue
		}
		if m.Kind == "pronoun" {
			return nil, false
		}
		if kinds[m.Actor] == "person" {
			sp := m.Span
			return &sp, true
		}
		return nil, false
	}
	return nil, false
}
