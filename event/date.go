package event

import (
	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/timex"
)

// timexHead returns the token that heads time expression x: the token of
// the span whose head lies outside it.
func (c *coder) timexHead(x document.Timex) int {
	first := c.doc.TokenAt(x.Start)
	if first < 0 {
		return -1
	}
	for i := first; i < len(c.doc.Tokens) && c.doc.Tokens[i].Start < x.End; i++ {
		h := c.head(i)
		if h < 0 || c.doc.Tokens[h].Start < x.Start || c.doc.Tokens[h].Start >= x.End {
			return i
		}
	}
	return first
}

// attached reports whether the time expression headed by token t modifies
// token k: t's chain of heads reaches k within three steps without
// passing through another verb.
func (c *coder) attached(t, k int) bool {
	for steps := 0; t >= 0 && steps < 3; steps++ {
		h := c.head(t)
		if h == k {
			return true
		}
		if h < 0 || c.isVerb(h) {
			return false
		}
		t = h
	}
	return false
}

// date sets the event's date from the time expression attached to its
// trigger, its clause verb, or, for a coordinated verb, the first conjunct
// ("spoke in February and agreed to …"). Without one, the date is left to
// the document's time references: planned events point to the future.
func (c *coder) date(cand *candidate) {
	s := c.doc.Sentences[cand.sentence]
	anchors := []int{cand.trigger}
	clause := c.clauseOf(cand.trigger)
	if clause >= 0 && clause != cand.trigger && !c.isSpeech(clause) {
		anchors = append(anchors, clause)
	}
	if c.rel(cand.trigger) == "conj" {
		anchors = append(anchors, c.head(cand.trigger))
	}
	// An event whose status a governing verb gives is dated by that verb:
	// "agreed in February to begin discussions".
	for _, g := range cand.govs {
		if g == cand.trigger {
			continue
		}
		anchors = append(anchors, g)
		if c.rel(g) == "conj" {
			anchors = append(anchors, c.head(g))
		}
	}
	for _, a := range anchors {
		for _, x := range c.doc.Timexes {
			if x.Start < s.Start || x.End > s.End || x.Type == "DURATION" || x.Type == "SET" {
				continue
			}
			if t := c.timexHead(x); t >= 0 && c.attached(t, a) {
				cand.ev.Date = x.Value
				cand.ev.DateStated = true
				return
			}
		}
	}
	if c.doc.Tokens[cand.trigger].Head < 0 && c.doc.Tokens[cand.trigger].Deprel == "" {
		// Unparsed text: the nearest time expression of the sentence.
		r := c.when(cand.trigger)
		cand.ev.Date, cand.ev.DateStated = r.Value, r.Stated
		return
	}
	switch cand.ev.Status {
	case "planned", "proposed":
		cand.ev.Date = "FUTURE_REF"
		return
	}
	// No date written next to the event: its clause's tense relative to
	// the publication date.
	r := c.when(cand.trigger)
	if !r.Stated {
		cand.ev.Date = r.Value
		return
	}
	switch r.Tense {
	case timex.TensePast:
		cand.ev.Date = "PAST_REF"
	case timex.TenseFuture:
		cand.ev.Date = "FUTURE_REF"
	}
}

// isSpeech reports whether verb k reports speech or thought; the time of
// "confirmed the upcoming talk on Sunday" is the confirmation's, not the
// talk's.
func (c *coder) isSpeech(k int) bool {
	for _, q := range c.doc.Quotes {
		if q.Cue != nil && q.Cue.Contains(c.doc.Tokens[k].Span) {
			return true
		}
	}
	_, ok := c.lx.statusOf("speech", c.lemma(k))
	return ok
}

// claim marks events that are only someone's assertion: an event inside
// the content of another actor's quote is claimed by that actor.
func (c *coder) claim(cand *candidate) {
	t := c.doc.Tokens[cand.trigger].Span
	for _, q := range c.doc.Quotes {
		if !q.Span.Contains(t) {
			continue
		}
		who := q.SpeakerActor
		if who == "" {
			who = q.SpeakerText
		}
		if who == "" || who == cand.ev.SourceActor {
			continue
		}
		c.claimedBy(cand, who)
		return
	}
	// Without quotes: the complement of a verb of speech whose subject is
	// another actor ("Macron says Putin is increasing attacks").
	k := c.clauseOf(cand.trigger)
	for steps := 0; k >= 0 && steps < 3; steps++ {
		if c.baseRel(k) != "ccomp" && c.baseRel(k) != "conj" {
			return
		}
		h := c.head(k)
		if h >= 0 && c.baseRel(k) == "ccomp" && c.isSpeech(h) {
			subj, passive := c.subject(h)
			if subj < 0 || passive || subj == cand.srcTok {
				return
			}
			who := c.mentionAt(subj)
			if who == "" {
				who = c.phrase(subj)
			}
			if who != cand.ev.SourceActor {
				c.claimedBy(cand, who)
			}
			return
		}
		k = h
	}
}

func (c *coder) claimedBy(cand *candidate, who string) {
	cand.ev.ClaimedBy = who
	if cand.ev.Status == "occurred" || cand.ev.Status == "ongoing" {
		cand.ev.Status = "claimed"
	}
}

// when returns the time reference of the trigger at token i, computed
// once for the events that share it (compound and group members).
func (c *coder) when(i int) timex.Reference {
	if r, ok := c.whenAt[i]; ok {
		return r
	}
	r := timex.When(c.doc, c.doc.Tokens[i].Span)
	if c.whenAt == nil {
		c.whenAt = map[int]timex.Reference{}
	}
	c.whenAt[i] = r
	return r
}
