package event

import "strings"

// statusRank orders modalities: a stronger one overrides a weaker one
// found further down the clause.
var statusRank = map[string]int{"occurred": 0, "ongoing": 1, "claimed": 1, "planned": 2, "proposed": 3,
	"agreed": 3, "agreed_in_principle": 4, "refused": 4, "denied": 4, "hypothetical": 5}

// clauseOf returns the verb whose auxiliaries and markers give the
// modality of the event at token i: the trigger itself for a verb, else
// the verb the event noun depends on.
func (c *coder) clauseOf(i int) int {
	if c.isVerb(i) || c.doc.Tokens[i].UPOS == "" {
		return i
	}
	h := c.head(i)
	for steps := 0; h >= 0 && steps < 2; steps++ {
		if c.isVerb(h) || c.doc.Tokens[h].UPOS == "AUX" {
			return h
		}
		if c.rel(i) == "nsubj" || c.rel(i) == "nsubj:pass" {
			// "The call will happen": the subject's verb is its clause.
			return h
		}
		h = c.head(h)
	}
	return -1
}

// modality returns the status that the auxiliaries, markers, modifiers
// and phrases of clause k signal, and whether the clause is negated.
func (c *coder) modality(k int) (status string, negated bool) {
	if k < 0 {
		return "", false
	}
	for _, d := range c.children[k] {
		l := c.lemma(d)
		switch c.baseRel(d) {
		case "aux":
			form := strings.ToLower(c.doc.Tokens[d].Form())
			if w, ok := c.lx.statusOf("aux", form); ok {
				status = stronger(status, w.status)
			} else if w, ok := c.lx.statusOf("aux", l); ok {
				status = stronger(status, w.status)
			}
		case "mark":
			if w, ok := c.lx.statusOf("mark", l); ok {
				status = stronger(status, w.status)
			}
		case "advmod":
			if l == "not" || l == "never" || l == "n't" {
				negated = true
			}
		case "amod":
			// "upcoming talks", "the proposed ceasefire": the modifier's
			// own form first, since participles lemmatise to their verb.
			if w, ok := c.lx.statusOf("mod", c.formOf(d)); ok {
				status = stronger(status, w.status)
			} else if w, ok := c.lx.statusOf("mod", l); ok {
				status = stronger(status, w.status)
			}
		case "det":
			if l == "no" {
				negated = true
			}
		case "obl", "advcl", "xcomp":
			if p := c.phraseKey(d); p != "" {
				if w, ok := c.lx.statusOf("phrase", p); ok {
					status = stronger(status, w.status)
				}
			}
		}
	}
	// "is going to", "is set to", "is expected to": the phrase sits on the
	// governing verb with the event as its complement.
	if c.rel(k) == "xcomp" {
		h := c.head(k)
		if h >= 0 {
			if w, ok := c.lx.statusOf("phrase", c.lemma(h)+" to"); ok {
				status = stronger(status, w.status)
			}
			if w, ok := c.lx.statusOf("phrase", c.formOf(h)+" to"); ok {
				status = stronger(status, w.status)
			}
		}
	}
	// Progressive: "is increasing attacks".
	t := c.doc.Tokens[k]
	if t.XPOS == "VBG" && c.child(k, "aux") >= 0 && status == "" {
		status = "ongoing"
	}
	return status, negated
}

func (c *coder) formOf(i int) string { return strings.ToLower(c.doc.Tokens[i].Form()) }

// phraseKey returns "in principle" for an oblique "principle" marked by
// "in", the key under which multiword status phrases are listed.
func (c *coder) phraseKey(d int) string {
	if p := c.caseOf(d); p != "" {
		return p + " " + c.lemma(d)
	}
	return ""
}

func stronger(a, b string) string {
	if a == "" || statusRank[b] > statusRank[a] {
		return b
	}
	return a
}

// governorOf returns the verb that embeds the event at token i as its
// complement ("proposed a ceasefire", "agreed to begin discussions",
// "agreed to the ceasefire"); clause is i's clause verb.
func (c *coder) governorOf(i, clause int) int {
	if clause >= 0 && clause != i {
		if c.head(i) == clause {
			switch c.rel(i) {
			case "obj", "obl", "nsubj:pass":
				return clause
			}
		}
		i = clause
	}
	switch c.baseRel(i) {
	case "xcomp", "ccomp", "csubj", "obj":
		h := c.head(i)
		if h >= 0 {
			if u := c.doc.Tokens[h].UPOS; u == "NOUN" || u == "PROPN" {
				// "it is a good sign that they continue to talk": the
				// content clause of a predicate noun has no governing
				// verb; the noun "sign" signs nothing.
				return -1
			}
		}
		return h
	case "conj":
		// "agreed to restore relations and reopen embassies": a
		// conjoined complement shares its first conjunct's governor.
		if h := c.head(i); h >= 0 && c.isVerb(h) && c.isVerb(i) && c.child(i, "nsubj", "nsubj:pass") < 0 {
			switch c.baseRel(h) {
			case "xcomp", "ccomp":
				return c.head(h)
			}
		}
	}
	return -1
}

// status sets the status, negation and, for a governing verb that names
// the agent, the source of a candidate event. It climbs through up to
// three governing verbs ("agreed to begin discussions"), each of which
// may strengthen the status.
func (c *coder) status(cand *candidate) {
	i := cand.trigger
	clause := c.clauseOf(i)
	st, neg := c.modality(clause)
	if st == "hypothetical" && c.reportedWould(clause) {
		// "announced it would boycott the elections": a reported
		// future, planned rather than hypothetical.
		st = "planned"
	}
	if !c.isVerb(i) {
		s2, n2 := c.modality(i)
		st = stronger(st, s2)
		neg = neg || n2
	}
	at, atClause := i, clause
	for steps := 0; steps < 3; steps++ {
		g := c.governorOf(at, atClause)
		if g < 0 || g == at {
			break
		}
		w, ok := c.lx.statusOf("gov", c.lemma(g))
		if ok && w.source {
			if s, passive := c.subject(g); s >= 0 && !passive && c.haltsOthers(cand, w, s) {
				// A peacemaker's "stop the war": the war is not
				// refused, and the bare noun says nothing new.
				ok = false
			}
		}
		if ok {
			cand.govs = append(cand.govs, g)
			gst, gneg := c.modality(g)
			switch {
			case w.status == "agreed" && gneg:
				st = stronger(st, "refused")
				neg = false
			case gst == "agreed_in_principle" && w.status == "agreed":
				st = stronger(st, gst)
			default:
				st = stronger(st, w.status)
				if gst != "" && gst != "ongoing" {
					st = stronger(st, gst)
				}
			}
			if w.source {
				if s, passive := c.subject(g); s >= 0 && !passive {
					cand.srcTok = s
					// "Ethiopia and Eritrea stopped the war": the
					// parties of a mutual event pair up.
					c.reciprocal(cand)
				}
			}
		}
		at, atClause = g, g
	}
	if st == "planned" && neg || st == "hypothetical" && neg && clause >= 0 && c.markOf(clause) == "" && c.rel(clause) == "ccomp" {
		// "will not lift the embargo", "said he would not provide
		// support": a refusal.
		st, neg = "refused", false
	}
	if st == "" {
		st = "occurred"
	}
	cand.ev.Status = st
	cand.ev.Negated = neg
}

// haltsOthers reports whether subject s halts a mutual event without being
// shown to take part in it: "the United States is trying to stop the war
// in Ukraine" names a peacemaker, not a belligerent. A halting verb with no
// code of its own (stop, halt, suspend) makes its subject the source of a
// mutual event only when the subject is a group of parties ("Ethiopia and
// Eritrea stopped the war") or the event names its other party ("suspended
// talks with Iran").
func (c *coder) haltsOthers(cand *candidate, w statusWord, s int) bool {
	if !cand.recip || cand.tgtTok >= 0 || w.status != "refused" || w.cameo != "" {
		return false
	}
	if g, ok := c.groupAt(s); ok && len(g.Members) >= 2 {
		return false
	}
	return c.child(s, "conj") < 0
}

// governors codes governing verbs that embed no event of their own: an
// elliptical answer to an earlier event ("Ukraine has agreed": to the
// ceasefire just proposed), or the verb's own event ("agreed to hold
// exercises").
func (c *coder) governors(si int) {
	s := c.doc.Sentences[si]
	used := map[int]bool{}
	for _, cand := range c.events {
		if cand.sentence == si {
			for _, g := range cand.govs {
				used[g] = true
			}
		}
		if cand.sentence == si {
			used[cand.trigger] = true
		}
	}
	for g := s.FirstToken; g < s.EndToken; g++ {
		if used[g] || !c.isVerb(g) || c.rel(g) == "amod" {
			// A participle modifying a noun ("the proposed ceasefire")
			// sets that event's status; it is no event of its own.
			continue
		}
		w, ok := c.lx.statusOf("gov", c.lemma(g))
		if !ok || w.cameo == "" {
			continue
		}
		subj, passive := c.subject(g)
		if passive {
			continue
		}
		gst, gneg := c.modality(g)
		status := w.status
		switch {
		case gneg && w.status == "agreed":
			status = "refused"
		case gst == "agreed_in_principle":
			status = gst
		case gst == "planned" || gst == "hypothetical":
			status = gst
		}
		elliptical := c.child(g, "obj", "xcomp", "ccomp") < 0
		if ante := c.antecedent(si, g); elliptical && ante != nil {
			ev := &candidate{trigger: g, sentence: si, srcTok: subj, tgtTok: ante.tgtTok, govs: []int{g}, code: ante.code, recip: ante.recip, light: -1}
			ev.ev.Status = status
			ev.ev.Negated = gneg
			ev.answers = ante
			c.events = append(c.events, ev)
			continue
		}
		code, _ := c.lx.Code(w.cameo)
		ev := &candidate{trigger: g, sentence: si, srcTok: subj, tgtTok: -1, code: code, light: -1}
		if o := c.child(g, "obj", "iobj"); o >= 0 {
			ev.tgtTok = o
		} else {
			ev.tgtTok = c.prepArg(g, c.lx.targetPreps(code.Type, false))
		}
		if st, _ := c.modality(g); st != "" && st != "ongoing" {
			ev.ev.Status = st
		} else {
			ev.ev.Status = "occurred"
		}
		if gneg && code.Type == "AGREE" {
			// "will not accept refugees": a refusal.
			ev.ev.Status, gneg = "refused", false
		}
		ev.ev.Negated = gneg
		c.events = append(c.events, ev)
	}
}

// antecedent returns the latest proposed or planned event in this or the
// two previous sentences, before token g, that an elliptical "agreed" or
// "refused" answers.
func (c *coder) antecedent(si, g int) *candidate {
	for k := len(c.events) - 1; k >= 0; k-- {
		e := c.events[k]
		if e.sentence < si-2 || e.trigger >= g && e.sentence == si {
			continue
		}
		if e.answers != nil {
			return e.answers
		}
		switch e.ev.Status {
		case "proposed", "planned":
			return e
		}
	}
	return nil
}

// reportedWould reports whether clause k is the complement of a verb of
// speech and holds "would" with no condition ("said it would act").
func (c *coder) reportedWould(k int) bool {
	if k < 0 || c.rel(k) != "ccomp" || c.head(k) < 0 || !c.isSpeech(c.head(k)) {
		return false
	}
	switch c.markOf(k) {
	case "if", "unless", "whether":
		return false
	}
	for _, d := range c.children[k] {
		if c.baseRel(d) == "aux" && strings.EqualFold(c.doc.Tokens[d].Form(), "would") {
			return true
		}
	}
	return false
}
