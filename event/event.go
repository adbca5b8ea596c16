// Package event finds events in analysed text and codes them in the PLOVER
// ontology with their CAMEO equivalents: who did what to whom, when, where,
// with what status, and the words that prove it.
//
// The stage reads the parse (lemmas, heads, relations), the actor mentions
// and the time expressions that earlier stages added; triggers, status
// words and codes live in the data files under data/, which users extend
// with their own trigger files.
package event

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/parley-news/parley/actor"
	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/timex"
)

// Stage codes the events of a document.
type Stage struct {
	once sync.Once
	lex  *Lexicon
	err  error
	// Extra holds user trigger files (name and content), tried first.
	extra []extraFile
	// petr holds PETRARCH dictionaries; its verbs replace the triggers.
	petr *PETR
	// desc, when set, builds the reader of actors named by description
	// from the user's actor dictionary (UseDictionary); nil means the
	// embedded one.
	desc func() (*describer, error)
}

type extraFile struct{ name, content string }

var _ pipeline.Stage = (*Stage)(nil)

// NewStage returns the event stage with the embedded lexicon.
func NewStage() *Stage { return &Stage{} }

// UseDictionary makes the stage read actors named by description ("two
// Brazilian men", "a court in Guyana") with d, the dictionary the actor
// stage uses, so that a user's sectors and nationality words count too.
// Call it before the first document.
func (s *Stage) UseDictionary(d *actor.Dictionary) {
	s.desc = sync.OnceValues(func() (*describer, error) { return buildDescriber(d) })
}

// describer returns the reader of actors named by description.
func (s *Stage) describer() (*describer, error) {
	if s.desc == nil {
		return defaultDescriber()
	}
	return s.desc()
}

// AddTriggers adds a user trigger file, tried before the embedded one.
func (s *Stage) AddTriggers(name, content string) {
	s.extra = append(s.extra, extraFile{name, content})
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "event" }

// Lexicon returns the loaded lexicon.
func (s *Stage) Lexicon() (*Lexicon, error) {
	s.once.Do(func() {
		s.lex, s.err = DefaultLexicon()
		for _, f := range s.extra {
			if s.err == nil {
				s.err = s.lex.LoadTriggers(strings.NewReader(f.content), f.name)
			}
		}
	})
	return s.lex, s.err
}

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	lx, err := s.Lexicon()
	if err != nil {
		return err
	}
	if s.petr.HasVerbs() {
		return s.processPETR(ctx, lx, doc)
	}
	c := newCoder(lx, doc)
	ds, err := s.describer()
	if err != nil {
		return err
	}
	c.descData = ds
	for i := range doc.Sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.sentence(i)
	}
	doc.Events = c.finish()
	return nil
}

// coder holds the state of coding one document.
type coder struct {
	lx       *Lexicon
	doc      *document.Document
	children [][]int // children[i] = dependents of token i
	events   []*candidate
	actorOf  map[string]document.Actor
	// desc reads the codes of actors named by description ("a court in
	// Guyana"); nil in PETRARCH mode.
	desc     *petrCoder
	descData *describer
	whenAt   map[int]timex.Reference // trigger token -> its time reference
	lemmas   []string                // lemma of each token, filled on use
}

// candidate is an event being built, with the token indices behind it.
type candidate struct {
	ev       document.Event
	trigger  int
	sentence int
	srcTok   int // head token of the source phrase, or -1
	tgtTok   int
	code     Code
	recip    bool
	dropped  bool
	// govs are the verbs that embed the event and set its status
	// ("proposed" in "proposed a ceasefire"), nearest first.
	govs []int
	// answers is the earlier event that an elliptical "agreed" takes up.
	answers  *candidate
	mentions []document.Span
	// light is the light verb that states an event noun ("launched an
	// investigation"), or -1.
	light int
	// srcCode overrides the source's code for one member of a compound
	// modifier ("US and British activists": USA..., GBR...).
	srcCode string
	// part numbers the events split from one compound argument ("Brazil
	// and the United States", "US and British activists"), from 0.
	part int
}

func newCoder(lx *Lexicon, doc *document.Document) *coder {
	c := &coder{lx: lx, doc: doc, children: make([][]int, len(doc.Tokens)), actorOf: map[string]document.Actor{}}
	for i, t := range doc.Tokens {
		if t.Head >= 0 && t.Head < len(doc.Tokens) && t.Head != i {
			c.children[t.Head] = append(c.children[t.Head], i)
		}
	}
	for _, a := range doc.Actors {
		c.actorOf[a.ID] = a
	}
	return c
}

// lemma returns the lower-case lemma of token i, falling back on its form;
// a form that is a regular inflection of a lexicon word gives that word
// when the tagger's lemma is not in the lexicon.
func (c *coder) lemma(i int) string {
	if c.lemmas == nil {
		c.lemmas = make([]string, len(c.doc.Tokens))
	}
	if l := c.lemmas[i]; l != "" {
		return l
	}
	l := c.lookupLemma(i)
	c.lemmas[i] = l
	return l
}

func (c *coder) lookupLemma(i int) string {
	t := c.doc.Tokens[i]
	l := strings.ToLower(t.Lemma)
	if l == "" {
		l = strings.ToLower(t.Form())
	}
	if _, ok := c.lx.triggers[l]; ok {
		return l
	}
	if w, ok := c.lx.forms[strings.ToLower(t.Form())]; ok {
		return w
	}
	return l
}

func (c *coder) rel(i int) string {
	r := c.doc.Tokens[i].Deprel
	return r
}

// baseRel is the relation without its subtype.
func (c *coder) baseRel(i int) string {
	r, _, _ := strings.Cut(c.doc.Tokens[i].Deprel, ":")
	return r
}

func (c *coder) head(i int) int { return c.doc.Tokens[i].Head }

// child returns the first dependent of i whose relation is one of rels.
func (c *coder) child(i int, rels ...string) int {
	for _, k := range c.children[i] {
		r := c.rel(k)
		for _, want := range rels {
			if r == want {
				return k
			}
		}
	}
	return -1
}

// caseOf returns the lemma of the case marker (preposition) of token i.
func (c *coder) caseOf(i int) string {
	for _, k := range c.children[i] {
		if c.rel(k) == "case" {
			return c.lemma(k)
		}
	}
	return ""
}

func (c *coder) isVerb(i int) bool {
	u := c.doc.Tokens[i].UPOS
	return u == "VERB"
}

func (c *coder) isNoun(i int) bool {
	u := c.doc.Tokens[i].UPOS
	return u == "NOUN"
}

// sentence finds the triggers of sentence si.
func (c *coder) sentence(si int) {
	s := c.doc.Sentences[si]
	for i := s.FirstToken; i < s.EndToken; i++ {
		tr, ok := c.match(i)
		if !ok {
			continue
		}
		if i > s.FirstToken && c.doc.Tokens[i-1].Form() == "-" && c.rel(i) == "amod" {
			// "U.S.-backed fighters", "Saudi-led coalition": a word of
			// a hyphenated modifier is no event.
			continue
		}
		code, _ := c.lx.Code(tr.CAMEO)
		cand := &candidate{trigger: i, sentence: si, srcTok: -1, tgtTok: -1, code: code, recip: tr.Recip, light: -1}
		if tr.Verb {
			c.verbArgs(cand)
			if tr.FromSource {
				c.fromSource(cand)
			}
		} else {
			c.nounArgs(cand, tr)
		}
		c.status(cand)
		c.events = append(c.events, cand)
	}
	c.governors(si)
	c.demands(si)
}

// demands codes a reported "must" clause that holds no event of its own
// ("said the government must ensure security") as the speaker's demand.
func (c *coder) demands(si int) {
	s := c.doc.Sentences[si]
	code, ok := c.lx.Code(demandCode)
	if !ok {
		return
	}
	for k := s.FirstToken; k < s.EndToken; k++ {
		if !c.isVerb(k) || c.baseRel(k) != "ccomp" {
			continue
		}
		must := false
		for _, d := range c.children[k] {
			if c.baseRel(d) == "aux" && strings.EqualFold(c.doc.Tokens[d].Form(), "must") {
				must = true
			}
		}
		if !must {
			continue
		}
		has := false
		for _, e := range c.events {
			if e.sentence == si && (e.trigger == k || c.clauseOf(e.trigger) == k) {
				has = true
				break
			}
		}
		if has {
			continue
		}
		subj, passive := c.subject(k)
		if subj < 0 || passive {
			continue
		}
		cand := &candidate{trigger: k, sentence: si, srcTok: subj, tgtTok: -1, code: code, light: -1}
		cand.ev.Status = "occurred"
		c.events = append(c.events, cand)
	}
}

// match returns the first trigger that fits token i.
func (c *coder) match(i int) (Trigger, bool) {
	lemma := c.lemma(i)
	ts := c.lx.triggers[lemma]
	if len(ts) == 0 {
		return Trigger{}, false
	}
	verb, noun := c.isVerb(i), c.isNoun(i)
	if c.doc.Tokens[i].UPOS == "" {
		// Untagged text: a word is whatever its trigger says it is.
		verb, noun = true, true
	}
	for _, t := range ts {
		if t.Verb && !verb || !t.Verb && !noun {
			continue
		}
		if t.Particle != "" && !c.hasParticle(i, t.Particle) {
			continue
		}
		if len(t.Obj) > 0 {
			o := c.child(i, "obj")
			if o < 0 {
				// "sanctions were lifted": the passive subject.
				o = c.child(i, "nsubj:pass")
			}
			if o < 0 || !slices.Contains(t.Obj, c.lemma(o)) && !slices.Contains(t.Obj, "*") &&
				!(slices.Contains(t.Obj, "NAME") && c.doc.Tokens[o].UPOS == "PROPN") && !c.compoundIn(o, t.Obj) {
				continue
			}
		}
		if len(t.Dep) > 0 && !c.hasDep(i, t.Dep) {
			continue
		}
		if len(t.Mod) > 0 && !c.hasMod(i, t.Mod) {
			continue
		}
		return t, true
	}
	return Trigger{}, false
}

// hasParticle reports whether verb i has the particle or a prepositional
// dependent introduced by p.
func (c *coder) hasParticle(i int, p string) bool {
	for _, k := range c.children[i] {
		switch c.baseRel(k) {
		case "compound":
			if c.lemma(k) == p {
				return true
			}
		case "obl", "xcomp", "ccomp":
			// "called Erdogan on Friday": a date is no particle.
			if (c.caseOf(k) == p || c.markOf(k) == p) && !c.isTime(k) {
				return true
			}
		case "obj":
			// "fired rockets at Russia": the parse hangs a directional
			// phrase on the object ("called the deal a victory for
			// peace" is no call for anything).
			if p != "at" && p != "against" && p != "into" {
				continue
			}
			for _, j := range c.children[k] {
				if c.baseRel(j) == "nmod" && c.caseOf(j) == p && !c.isTime(j) {
					return true
				}
			}
		}
	}
	return false
}

func (c *coder) markOf(i int) string {
	for _, k := range c.children[i] {
		if c.rel(k) == "mark" {
			return c.lemma(k)
		}
	}
	return ""
}

// compoundIn reports whether a noun modifier of o is one of lemmas: the
// object of "violated the ceasefire agreement" is a ceasefire.
func (c *coder) compoundIn(o int, lemmas []string) bool {
	for _, k := range c.children[o] {
		if c.rel(k) == "compound" && slices.Contains(lemmas, c.lemma(k)) {
			return true
		}
	}
	return false
}

func (c *coder) hasDep(i int, lemmas []string) bool {
	for _, k := range c.children[i] {
		if slices.Contains(lemmas, c.lemma(k)) {
			return true
		}
	}
	return false
}

func (c *coder) hasMod(i int, mods []string) bool {
	for _, k := range c.children[i] {
		switch c.baseRel(k) {
		case "compound", "amod", "nmod":
			if slices.Contains(mods, c.lemma(k)) {
				return true
			}
		}
	}
	// A hyphenated or joined modifier just before the noun ("air strike").
	if i > 0 && slices.Contains(mods, c.lemma(i-1)) {
		return true
	}
	return false
}

// subject returns the subject of verb i, following control ("agreed to
// begin", "met Putin to discuss", "an effort to discuss"), coordination
// ("visited Russia and met Putin") and relative clauses; passive is
// reported by the second result.
func (c *coder) subject(i int) (int, bool) {
	for depth := 0; i >= 0 && depth < 4; depth++ {
		if s := c.child(i, "nsubj", "nsubj:outer"); s >= 0 {
			if u := c.doc.Tokens[s].UPOS; u == "VERB" || u == "AUX" {
				// A verb is no subject: the parse went wrong, and the
				// noun just left of the verb is the better guess.
				if l := c.leftSubject(i); l >= 0 {
					return l, false
				}
			}
			return s, false
		}
		if s := c.child(i, "nsubj:pass"); s >= 0 {
			// "Obama is scheduled to attend": the passive is the
			// governing verb's; Obama is the one who attends.
			return s, depth == 0
		}
		switch c.baseRel(i) {
		case "xcomp":
			i = c.head(i)
		case "conj":
			if s := c.leftSubject(i); s >= 0 {
				return s, false
			}
			i = c.head(i)
		case "parataxis":
			// "came as the US leader prepared to attend": a clause the
			// parse set beside the main one keeps the subject before it.
			if s := c.leftSubject(i); s >= 0 {
				return s, false
			}
			return -1, false
		case "advcl":
			// A non-finite adverbial clause shares the main clause's
			// subject ("before negotiating", "to discuss").
			x := c.doc.Tokens[i].XPOS
			if x != "VB" && x != "VBG" && x != "VBN" {
				return -1, false
			}
			i = c.head(i)
		case "acl":
			h := c.head(i)
			if c.rel(i) == "acl:relcl" {
				// "…, and Ukraine has agreed" misparsed as a relative
				// clause: its subject stands just left of it.
				if s := c.leftSubject(i); s >= 0 {
					return s, false
				}
			}
			if c.rel(i) == "acl:relcl" || c.markOf(i) != "to" || h < 0 {
				return h, false
			}
			// "making an effort to discuss": the effort's maker.
			i = c.head(h)
		default:
			return -1, false
		}
	}
	return -1, false
}

// leftSubject repairs a common parse error: in "…, and Ukraine has
// agreed" the subject of the second conjunct is attached to the first.
// It returns the noun just left of verb i (past its auxiliaries and
// adverbs) when that noun is not a dependent of i, or -1.
func (c *coder) leftSubject(i int) int {
	s := c.doc.SentenceAt(c.doc.Tokens[i].Start)
	if s < 0 {
		return -1
	}
	first := c.doc.Sentences[s].FirstToken
	for k := i - 1; k >= first; k-- {
		switch c.baseRel(k) {
		case "aux", "advmod":
			if c.head(k) == i {
				continue
			}
		}
		u := c.doc.Tokens[k].UPOS
		if (u == "PROPN" || u == "NOUN" || u == "PRON") && c.head(k) != i && c.baseRel(k) == "conj" {
			return k
		}
		// "cut ties after protesters stormed its embassy", parsed as a
		// coordination with no conjunction: the noun the parse made a
		// prepositional phrase is the subject.
		if (u == "PROPN" || u == "NOUN") && c.head(k) != i && (c.baseRel(i) == "conj" || c.baseRel(i) == "parataxis") && c.child(i, "cc") < 0 &&
			c.baseRel(k) == "obl" && subordinators[c.caseOf(k)] {
			return k
		}
		return -1
	}
	return -1
}

// subordinators are the words that open a clause but that a parse may
// read as the preposition of its subject ("after protesters stormed",
// "as the US leader prepared").
var subordinators = map[string]bool{"after": true, "before": true, "as": true, "since": true, "until": true, "while": true, "when": true, "because": true}

// isTime reports whether token i lies inside a time expression.
func (c *coder) isTime(i int) bool {
	t := c.doc.Tokens[i]
	for _, x := range c.doc.Timexes {
		if x.Span.Overlaps(t.Span) {
			return true
		}
	}
	return false
}

func (c *coder) verbArgs(cand *candidate) {
	i := cand.trigger
	subj, passive := c.subject(i)
	if passive {
		cand.tgtTok = subj
		for _, k := range c.children[i] {
			if c.rel(k) == "obl:agent" || c.baseRel(k) == "obl" && c.caseOf(k) == "by" {
				cand.srcTok = k
			}
		}
	} else {
		cand.srcTok = subj
		if o := c.child(i, "obj", "iobj"); o >= 0 && !c.isTime(o) {
			cand.tgtTok = o
		}
	}
	if cand.tgtTok >= 0 && !c.canAct(cand.tgtTok) {
		// "cut ties with Iran", "restored relations with Cuba": the
		// object is the relation, its prepositional phrase the target.
		cand.tgtTok = c.prepArg(cand.tgtTok, c.lx.targetPreps(cand.code.Type, true))
	} else if cand.tgtTok >= 0 && c.ownedBySubject(cand.tgtTok, subj) {
		// "withdraw its troops from Iraq", "closed its borders with
		// Brazil": what the source moves of its own is no target; the
		// prepositional phrase names it.
		t := c.prepArg(cand.tgtTok, c.lx.targetPreps(cand.code.Type, true))
		if t < 0 {
			t = c.prepArg(i, c.lx.targetPreps(cand.code.Type, false))
		}
		cand.tgtTok = t
	}
	if cand.tgtTok < 0 {
		cand.tgtTok = c.prepArg(i, c.lx.targetPreps(cand.code.Type, false))
	}
	c.reciprocal(cand)
	cand.ev.Place = c.place(i)
}

// prepArg returns the prepositional dependent of i that best names a
// target, in the order of preps.
func (c *coder) prepArg(i int, preps []string) int {
	best, bestRank := -1, len(preps)
	for _, k := range c.children[i] {
		switch c.baseRel(k) {
		case "obl", "nmod":
		default:
			continue
		}
		// A place the event happens at is no target ("fired at the
		// border") unless it names an actor; a place attacked, left or
		// sent to is ("an attack on the Gaza Strip", "withdrew from
		// Iraq"). Locative "in" is never a target preposition.
		if c.isTime(k) || c.isPlace(k) && c.caseOf(k) == "at" && c.code(c.mentionAt(k)) == "" {
			continue
		}
		p := c.caseOf(k)
		for r, want := range preps {
			if p != want {
				continue
			}
			// A phrase naming an actor wins over one that does not,
			// whatever their prepositions.
			if c.canAct(k) {
				r -= len(preps)
			}
			if r < bestRank {
				best, bestRank = k, r
			}
		}
	}
	return best
}

// isPlace reports whether token i heads a location name.
func (c *coder) isPlace(i int) bool {
	t := c.doc.Tokens[i]
	for _, e := range c.doc.Entities {
		if e.Span.Contains(t.Span) {
			return e.Type == "LOC" || e.Type == "GPE"
		}
	}
	return false
}

// place returns the location of an event: an "in"/"at" dependent naming a
// place.
func (c *coder) place(i int) string {
	for _, k := range c.children[i] {
		if c.baseRel(k) != "obl" && c.baseRel(k) != "nmod" {
			continue
		}
		if p := c.caseOf(k); (p == "in" || p == "at") && c.isPlace(k) {
			return c.phrase(k)
		}
	}
	return ""
}

func (c *coder) nounArgs(cand *candidate, tr Trigger) {
	i := cand.trigger
	for _, k := range c.children[i] {
		switch c.rel(k) {
		case "nmod:poss":
			if tr.PossIsTarget {
				cand.tgtTok = k
			} else {
				cand.srcTok = k
			}
		case "compound":
			// "the Trump-Putin meeting": name modifiers are the parties.
			if c.doc.Tokens[k].UPOS == "PROPN" && c.mentionAt(k) != "" {
				if cand.srcTok < 0 {
					cand.srcTok = k
					// The parse may hang the first name on the
					// second ("Trump-Putin": Trump a compound of
					// Putin): both are parties, in text order.
					for _, j := range c.children[k] {
						if (c.rel(j) == "compound" || c.rel(j) == "conj") && j < k && c.doc.Tokens[j].UPOS == "PROPN" &&
							c.mentionAt(j) != "" && c.mentionAt(j) != c.mentionAt(k) {
							cand.srcTok, cand.tgtTok = j, k
							break
						}
					}
				} else if cand.tgtTok < 0 {
					cand.tgtTok = k
				}
			}
		}
	}
	if cand.srcTok < 0 && c.child(i, "cop") >= 0 {
		// "the United States is the largest donor": the subject of a
		// predicate event noun is its source.
		if s := c.child(i, "nsubj"); s >= 0 {
			cand.srcTok = s
		}
	}
	if cand.srcTok < 0 && !tr.Recip {
		// "Israeli shelling", "Russian air strikes": a nationality
		// word on the event noun names its source.
		for _, k := range c.children[i] {
			if (c.rel(k) == "amod" || c.rel(k) == "compound") && c.nationality(k) != "" {
				cand.srcTok = k
				break
			}
		}
	}
	if cand.srcTok < 0 && cand.code.Type != "RETREAT" && cand.code.Type != "CONCEDE" {
		// "support from Moscow", "criticism from the U.N.", "pressure
		// from Congress": the from phrase of an event noun is its
		// source (what one withdraws from is its target).
		if f := c.prepArg(i, []string{"from"}); f >= 0 && c.canAct(f) {
			cand.srcTok = f
		}
	}
	if cand.tgtTok < 0 {
		cand.tgtTok = c.prepArg(i, c.lx.targetPreps(cand.code.Type, true))
		if cand.tgtTok == cand.srcTok {
			cand.tgtTok = -1
		}
	}
	// "launched a mediation effort", "declared a state of siege": the
	// event noun modifies the light verb's object.
	host := i
	if h := c.head(i); h >= 0 && c.isNoun(h) && (c.rel(i) == "compound" || c.baseRel(i) == "nmod" && c.caseOf(i) == "of") {
		host = h
	}
	if cand.tgtTok < 0 && host != i {
		// "a mediation effort between India and Pakistan".
		cand.tgtTok = c.prepArg(host, c.lx.targetPreps(cand.code.Type, true))
	}
	h := c.head(host)
	if h >= 0 && c.rel(host) == "obj" && c.isLight(h) {
		cand.light = h
	}
	if cand.srcTok < 0 && h >= 0 && (c.rel(host) == "obj" || c.rel(host) == "nsubj:pass") && c.isLight(h) {
		if w, _ := c.lx.statusOf("light", c.lemma(h)); !w.beneficiary {
			cand.srcTok, _ = c.subject(h)
		}
		if cand.tgtTok < 0 {
			cand.tgtTok = c.prepArg(h, c.lx.targetPreps(cand.code.Type, false))
		}
	}
	c.reciprocal(cand)
	cand.ev.Place = c.place(i)
}

// argText returns the words naming an argument headed by token i: the
// named entity that holds it, which a parse error cannot stretch over a
// coordination ("Donald Trump" in "Donald Trump and Vladimir Putin"), or
// else its noun phrase.
func (c *coder) argText(i int) string {
	t := c.doc.Tokens[i].Span
	for _, e := range c.doc.Entities {
		if e.Span.Contains(t) {
			return e.Text
		}
	}
	if c.doc.Tokens[i].UPOS == "PRON" {
		// "they said they will release": the words that named them.
		if a := c.pronounAntecedent(i); a != "" {
			return a
		}
	}
	if c.doc.Tokens[i].UPOS == "NOUN" {
		return c.phraseWithPP(i)
	}
	return c.phrase(i)
}

// pronounAntecedent returns the text of the last name or description before
// pronoun i that refers to the same actor, or "".
func (c *coder) pronounAntecedent(i int) string {
	t := c.doc.Tokens[i].Span
	actor := ""
	for _, m := range c.doc.Mentions {
		if m.Span.Contains(t) && m.Actor != "" {
			actor = m.Actor
			break
		}
	}
	if actor == "" {
		return ""
	}
	best := ""
	for _, m := range c.doc.Mentions {
		if m.Start >= t.Start {
			break
		}
		if m.Actor == actor && (m.Kind == "name" || m.Kind == "nominal" || m.Kind == "group") {
			best = m.Text
		}
	}
	return best
}

// describingPreps introduce the phrases that say which actor a common
// noun is ("a court in Lyon", "the Government of India", "a spokesman
// for President Ghani").
var describingPreps = map[string]bool{"of": true, "for": true, "in": true, "from": true}

// phraseWithPP returns the noun phrase headed by common noun i with the
// prepositional phrase that follows and describes it.
func (c *coder) phraseWithPP(i int) string {
	lo, hi := c.phraseSpan(i)
	for _, k := range c.children[i] {
		if c.baseRel(k) != "nmod" || k <= hi || c.isTime(k) || !describingPreps[c.caseOf(k)] {
			continue
		}
		_, end := c.subtree(k)
		for end > k && c.doc.Tokens[end].UPOS == "PUNCT" {
			end--
		}
		hi = end
		break
	}
	return c.doc.Text[c.doc.Tokens[lo].Start:c.doc.Tokens[hi].End]
}

// phraseRels are the relations kept when printing an argument phrase.
var phraseRels = map[string]bool{"compound": true, "flat": true, "amod": true, "det": true, "nmod:poss": true,
	"nummod": true, "case": false, "compound:prt": true, "fixed": true, "flat:name": true, "nmod:desc": true}

// phrase returns the text of the noun phrase headed by token i.
func (c *coder) phrase(i int) string {
	lo, hi := c.phraseSpan(i)
	return c.doc.Text[c.doc.Tokens[lo].Start:c.doc.Tokens[hi].End]
}

// phraseSpan returns the first and last token of the noun phrase headed
// by token i.
func (c *coder) phraseSpan(i int) (int, int) {
	lo, hi := i, i
	var walk func(int)
	walk = func(j int) {
		for _, k := range c.children[j] {
			if !phraseRels[c.rel(k)] {
				continue
			}
			if k < lo {
				lo = k
			}
			if k > hi {
				hi = k
			}
			walk(k)
		}
	}
	walk(i)
	// Drop a leading case-marked possessive clitic or punctuation.
	for lo < hi && c.doc.Tokens[lo].UPOS == "PUNCT" {
		lo++
	}
	for hi > lo && c.doc.Tokens[hi].UPOS == "PUNCT" {
		hi--
	}
	return lo, hi
}

// mentionAt returns the actor id of the mention covering token i, trying
// its appositive when the token itself has none.
func (c *coder) mentionAt(i int) string {
	if i < 0 {
		return ""
	}
	t := c.doc.Tokens[i]
	best := ""
	bestLen := 1 << 30
	for _, m := range c.doc.Mentions {
		if m.Actor != "" && m.Span.Contains(t.Span) && m.Len() < bestLen {
			best, bestLen = m.Actor, m.Len()
		}
	}
	if best == "" {
		for _, e := range c.doc.Entities {
			if e.Actor != "" && e.Span.Contains(t.Span) {
				return e.Actor
			}
		}
	}
	if best == "" {
		if a := c.child(i, "appos"); a >= 0 {
			return c.mentionAt(a)
		}
	}
	return best
}

// canAct reports whether the phrase headed by token i can name an actor:
// a name, a pronoun, a phrase covered by an entity or actor mention, or a
// common noun of the agents list ("officials", "the government").
func (c *coder) canAct(i int) bool {
	t := c.doc.Tokens[i]
	switch t.UPOS {
	case "PROPN", "PRON", "":
		return true
	case "NOUN":
	case "ADJ":
		return c.nationality(i) != ""
	default:
		return false
	}
	if c.mentionAt(i) != "" || c.lx.agents[c.lemma(i)] {
		return true
	}
	if c.descData != nil && c.descData.agentWord[strings.ToLower(t.Form())] {
		// A sector noun of the actor dictionary ("men", "lawmakers").
		return true
	}
	for _, e := range c.doc.Entities {
		if e.Span.Overlaps(t.Span) {
			return true
		}
	}
	// A noun compound or possessive naming an actor ("the Saudi side",
	// "Iran's government"): some dependent names it.
	for _, k := range c.children[i] {
		switch c.rel(k) {
		case "compound", "nmod:poss", "amod", "flat":
			for _, e := range c.doc.Entities {
				if e.Span.Overlaps(c.doc.Tokens[k].Span) {
					return true
				}
			}
		}
	}
	return false
}

// quantities are the nouns that count or gather the actor named in
// their "of" phrase ("hundreds of UN troops", "a group of hackers").
var quantities = map[string]bool{"hundred": true, "thousand": true, "dozen": true, "score": true, "million": true,
	"number": true, "handful": true, "couple": true, "group": true, "crowd": true, "contingent": true, "batch": true, "band": true}

// counted returns the actor phrase a quantity noun at i counts, or i.
func (c *coder) counted(i int) int {
	if i < 0 || !quantities[c.lemma(i)] {
		return i
	}
	for _, k := range c.children[i] {
		if c.baseRel(k) == "nmod" && c.caseOf(k) == "of" && c.canAct(k) {
			return k
		}
	}
	return i
}

// nationality returns the country a nationality word at token i stands
// for ("Israeli" ISR), or "".
func (c *coder) nationality(i int) string {
	if c.descData == nil {
		return ""
	}
	f := c.doc.Tokens[i].Form()
	if strings.Contains(f, ".") {
		f = actor.Key(f)
	} else {
		f = strings.ToLower(f)
	}
	return c.descData.nationality[f]
}

// fill sets the actor fields of the event from the argument tokens.
func (c *coder) fill(cand *candidate) {
	cand.srcTok, cand.tgtTok = c.counted(cand.srcTok), c.counted(cand.tgtTok)
	if cand.srcTok >= 0 && !c.canAct(cand.srcTok) {
		cand.srcTok = -1
	}
	if cand.tgtTok >= 0 && !c.canAct(cand.tgtTok) {
		cand.tgtTok = -1
	}
	if cand.srcTok >= 0 {
		cand.ev.SourceText = c.argText(cand.srcTok)
		cand.ev.SourceActor = c.mentionAt(cand.srcTok)
		cand.ev.Source = c.code(cand.ev.SourceActor)
		if cand.ev.Source == "" {
			cand.ev.Source = c.descCode(cand.srcTok)
		}
		if cand.srcCode != "" && cand.srcCode != cand.ev.Source {
			// The mention's actor is another member's.
			cand.ev.Source, cand.ev.SourceActor = cand.srcCode, ""
		}
	}
	if cand.tgtTok >= 0 {
		cand.ev.TargetText = c.argText(cand.tgtTok)
		cand.ev.TargetActor = c.mentionAt(cand.tgtTok)
		cand.ev.Target = c.code(cand.ev.TargetActor)
		if cand.ev.Target == "" {
			cand.ev.Target = c.descCode(cand.tgtTok)
		}
	}
	if cand.ev.Source != "" && cand.ev.Source == cand.ev.Target {
		// No actor acts on itself ("Iraq had attacked themselves").
		cand.tgtTok = -1
		cand.ev.Target, cand.ev.TargetActor, cand.ev.TargetText = "", "", ""
	}
	// A mutual event of a group ("the two leaders spoke", "Trump and
	// Putin will speak"): its first two members are source and target.
	g, ok := c.actorOf[cand.ev.SourceActor]
	if cand.recip && cand.srcTok >= 0 && (!ok || len(g.Members) < 2) {
		g, ok = c.groupAt(cand.srcTok)
	}
	if ok && cand.recip && cand.ev.TargetActor == "" && len(g.Members) >= 2 {
		cand.ev.SourceActor, cand.ev.TargetActor = g.Members[0], g.Members[1]
		cand.ev.Source, cand.ev.Target = c.code(g.Members[0]), c.code(g.Members[1])
		cand.ev.SourceText, cand.ev.TargetText = c.actorOf[g.Members[0]].Name, c.actorOf[g.Members[1]].Name
	}
}

// stanceOn reports whether a governing word takes a stance on the event
// (agrees to it, proposes, refuses or denies it), which makes even a bare
// event noun news ("Ukraine accepted the ceasefire"). Expecting or hoping
// for it does not ("expects the call to go well").
func (c *coder) stanceOn(cand *candidate) bool {
	for _, g := range cand.govs {
		w, ok := c.lx.statusOf("gov", c.lemma(g))
		if !ok {
			return true // a modality governor the lexicon does not list
		}
		switch w.status {
		case "planned", "hypothetical", "ongoing", "occurred":
		default:
			return true
		}
	}
	return false
}

func (c *coder) code(actor string) string {
	if a, ok := c.actorOf[actor]; ok {
		return a.Code
	}
	return ""
}

// finish codes the candidates into events, merging mentions of one event.
func (c *coder) finish() []document.Event {
	c.infer()
	c.splitCompounds()
	var out []document.Event
	mutual := map[string]bool{}
	for _, cand := range c.events {
		if cand.dropped {
			continue
		}
		c.fill(cand)
		if !c.isVerb(cand.trigger) && cand.srcTok < 0 && cand.tgtTok < 0 && !c.stanceOn(cand) && cand.light < 0 {
			// A bare event noun ("the war", "the call") refers to an
			// event reported elsewhere; alone it says nothing new. A
			// light verb states it ("launched an investigation").
			continue
		}
		if cand.tgtTok < 0 && judges[cand.code.Type] {
			if k := c.contentSubject(cand.trigger); k >= 0 {
				cand.tgtTok = k
				c.fill(cand)
			}
		}
		if cand.tgtTok < 0 && (cand.code.Type == "REJECT" || cand.code.Type == "ACCUSE") && !c.hasContent(cand.trigger) &&
			c.child(cand.trigger, "obj", "obl", "iobj") < 0 {
			c.answer(cand)
		}
		demanded := false
		if sp := c.demander(cand); sp >= 0 {
			// "Russia says Israel must end attacks": Russia demands it
			// of Israel.
			cand.srcTok, cand.tgtTok = sp, cand.srcTok
			e := &cand.ev
			e.Source, e.SourceActor, e.SourceText, e.Target, e.TargetActor, e.TargetText = "", "", "", "", "", ""
			e.Status = "occurred"
			c.fill(cand)
			demanded = true
		}
		ev := &cand.ev
		ev.Mode = cand.code.Mode
		if cand.code.Context != "" {
			ev.Context = []string{cand.code.Context}
		}
		coded := cand.code
		if demand, ok := c.lx.Code(demandCode); demanded && ok {
			if cand.code.CAMEO != demandCode {
				ev.Action, ev.ActionCAMEO = cand.code.Type, cand.code.CAMEO
			}
			coded = demand
			ev.Mode, ev.Context = "", nil
		} else if std, ok := c.lx.codedAs(cand.code.CAMEO, ev.Status); ok {
			ev.Action, ev.ActionCAMEO = cand.code.Type, cand.code.CAMEO
			coded = std
		}
		ev.CAMEO = coded.CAMEO
		ev.Type = coded.Type
		ev.QuadClass = coded.QuadClass()
		ev.Intensity = coded.Goldstein
		t := c.doc.Tokens[cand.trigger]
		ev.Trigger = t.Span
		s := c.doc.Sentences[cand.sentence]
		ev.Evidence = s.Span
		ev.Text = s.Text
		c.date(cand)
		c.claim(cand)
		key := fmt.Sprintf("%s:%d:%s", c.doc.ID, t.Start, ev.CAMEO)
		if cand.part > 0 {
			key += fmt.Sprintf(":%d", cand.part)
		}
		sum := sha256.Sum256([]byte(key))
		ev.ID = hex.EncodeToString(sum[:8])
		if cand.recip {
			mutual[ev.ID] = true
		}
		out = append(out, *ev)
	}
	out = c.splitGroups(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Trigger.Start < out[j].Trigger.Start })
	return mirror(merge(out), mutual)
}

// mirror adds, after each mutual event between two coded actors ("Brazil
// and the United States seek a partnership", "Trump and Putin spoke"),
// the same event from the other side, as PETRARCH and GDELT code them.
func mirror(evs []document.Event, mutual map[string]bool) []document.Event {
	if len(mutual) == 0 {
		return evs
	}
	out := make([]document.Event, 0, len(evs))
	for _, ev := range evs {
		out = append(out, ev)
		if !mutual[ev.ID] || ev.Source == "" || ev.Target == "" || ev.Source == ev.Target {
			continue
		}
		r := ev
		r.Source, r.Target = ev.Target, ev.Source
		r.SourceActor, r.TargetActor = ev.TargetActor, ev.SourceActor
		r.SourceText, r.TargetText = ev.TargetText, ev.SourceText
		r.Mentions = slices.Clone(ev.Mentions)
		sum := sha256.Sum256([]byte(ev.ID + ":mirror"))
		r.ID = hex.EncodeToString(sum[:8])
		out = append(out, r)
	}
	return out
}

// splitGroups gives each member of a group source its own event when the
// group acts on a third party ("Obama and Putin said they will attack
// Iraq": two attacks on Iraq), as PETRARCH codes compound actors.
func (c *coder) splitGroups(evs []document.Event) []document.Event {
	var out []document.Event
	for _, ev := range evs {
		g, ok := c.actorOf[ev.SourceActor]
		if !ok || len(g.Members) < 2 || ev.Source != "" || slices.Contains(g.Members, ev.TargetActor) {
			out = append(out, ev)
			continue
		}
		for n, m := range g.Members {
			e := ev
			e.SourceActor, e.Source, e.SourceText = m, c.code(m), c.actorOf[m].Name
			if e.Source == e.Target && e.Source != "" {
				continue
			}
			if n > 0 {
				sum := sha256.Sum256([]byte(fmt.Sprintf("%s:%s:%d", ev.ID, m, n)))
				e.ID = hex.EncodeToString(sum[:8])
			}
			out = append(out, e)
		}
	}
	return out
}

// isLight reports whether verb h is a light or aspectual verb whose object
// noun carries the event.
func (c *coder) isLight(h int) bool {
	_, ok := c.lx.statusOf("light", c.lemma(h))
	return ok
}

// merge folds later reports of one event into its first: same type, same
// pair of actors (in either order), same status, and compatible dates.
// The merged event keeps a stated date from any of its reports.
func merge(evs []document.Event) []document.Event {
	var out []document.Event
	for _, ev := range evs {
		k := -1
		for j := range out {
			if sameEvent(&out[j], &ev) {
				k = j
				break
			}
		}
		if k < 0 {
			out = append(out, ev)
			continue
		}
		m := &out[k]
		m.Mentions = append(m.Mentions, ev.Trigger)
		if !m.DateStated && ev.DateStated {
			m.Date, m.DateStated = ev.Date, true
		}
		if m.Place == "" {
			m.Place = ev.Place
		}
	}
	return out
}

func sameEvent(a, b *document.Event) bool {
	if a.Type != b.Type || a.Status != b.Status || a.Negated != b.Negated || a.SourceActor == "" {
		return false
	}
	pair := a.SourceActor == b.SourceActor && a.TargetActor == b.TargetActor ||
		a.SourceActor == b.TargetActor && a.TargetActor == b.SourceActor
	if !pair || a.TargetActor == "" && b.TargetActor != "" || a.TargetActor != "" && b.TargetActor == "" {
		return false
	}
	return !a.DateStated || !b.DateStated || a.Date == b.Date
}

// answer gives a rejection or accusation with no target the speaker it
// answers: the last quoted actor before it other than its source
// ("Macron says …. Witkoff disagrees.").
func (c *coder) answer(cand *candidate) {
	at := c.doc.Tokens[cand.trigger].Start
	for k := len(c.doc.Quotes) - 1; k >= 0; k-- {
		q := c.doc.Quotes[k]
		if q.Start >= at || q.SpeakerActor == "" || q.SpeakerActor == cand.ev.SourceActor {
			continue
		}
		cand.ev.TargetActor = q.SpeakerActor
		cand.ev.Target = c.code(q.SpeakerActor)
		cand.ev.TargetText = q.SpeakerText
		if a, ok := c.actorOf[q.SpeakerActor]; ok && a.Name != "" {
			cand.ev.TargetText = a.Name
		}
		return
	}
}

// judges are the event types whose target can be the subject of the
// judged clause: "doubted that Russia wants peace" is about Russia.
var judges = map[string]bool{"ACCUSE": true, "REJECT": true, "SUPPORT": true}

// content returns the clause that the trigger (or, for an event noun,
// its light verb) takes as its content ("doubt that Russia wants peace"),
// or -1.
func (c *coder) content(i int) int {
	for _, k := range []int{i, c.head(i)} {
		if k < 0 || k != i && !(c.isLight(k) && c.head(i) == k) {
			continue
		}
		if cl := c.child(k, "ccomp"); cl >= 0 {
			return cl
		}
		// "doubt that Russia wants peace" is often parsed as a relative
		// clause; after a judging noun it is the content.
		if cl := c.child(k, "acl", "acl:relcl"); cl >= 0 {
			lo, _ := c.subtree(cl)
			if strings.EqualFold(c.doc.Tokens[lo].Form(), "that") {
				return cl
			}
		}
	}
	return -1
}

func (c *coder) hasContent(i int) bool { return c.content(i) >= 0 }

// contentSubject returns the subject of the trigger's content clause, or -1.
func (c *coder) contentSubject(i int) int {
	if cl := c.content(i); cl >= 0 {
		if s, _ := c.subject(cl); s >= 0 {
			return s
		}
	}
	return -1
}

// reciprocal splits the parties of a mutual event named together as its
// subject ("Trump and Putin will speak"): the second is the target. The
// parties are the conjuncts of the subject, or, when the parse missed the
// coordination, the distinct named entities inside the subject phrase.
func (c *coder) reciprocal(cand *candidate) {
	if !cand.recip || cand.tgtTok >= 0 || cand.srcTok < 0 {
		return
	}
	if conj := c.child(cand.srcTok, "conj"); conj >= 0 && c.doc.Tokens[conj].UPOS != "ADJ" && c.canAct(conj) {
		cand.tgtTok = conj
		return
	}
	lo, hi := c.subtree(cand.srcTok)
	span := document.Span{Start: c.doc.Tokens[lo].Start, End: c.doc.Tokens[hi].End}
	var heads []int
	for _, e := range c.doc.Entities {
		if span.Contains(e.Span) && (e.Type == "PER" || e.Type == "ORG" || e.Type == "LOC" || e.Type == "GPE") {
			h := c.doc.TokenAt(e.End - 1)
			switch c.rel(h) {
			case "compound", "amod", "nmod:poss", "nmod:desc":
				// "former Afghanistan president Hamid Karzai": a
				// modifier of the other name is no second party.
				continue
			}
			heads = append(heads, h)
		}
	}
	if len(heads) >= 2 {
		cand.srcTok, cand.tgtTok = heads[0], heads[1]
	}
}

// subtree returns the first and last token of the subtree headed by i.
func (c *coder) subtree(i int) (lo, hi int) {
	lo, hi = i, i
	var walk func(int)
	walk = func(j int) {
		for _, k := range c.children[j] {
			lo, hi = min(lo, k), max(hi, k)
			walk(k)
		}
	}
	walk(i)
	return lo, hi
}

// groupAt returns the group actor of a mention covering token i that
// stands for several actors ("President Donald Trump and Russian
// President Vladimir Putin").
func (c *coder) groupAt(i int) (document.Actor, bool) {
	t := c.doc.Tokens[i].Span
	for _, m := range c.doc.Mentions {
		if !m.Span.Contains(t) {
			continue
		}
		if a, ok := c.actorOf[m.Actor]; ok && len(a.Members) >= 2 {
			return a, true
		}
	}
	return document.Actor{}, false
}

// infer fills parties the clause leaves open from the rest of the
// document:
//   - a detention with no agent, in a place that is a state, is that
//     state's ("Fogel was imprisoned in Russia");
//   - a release with no source is by whoever held the person ("the U.S.
//     secured the release of Marc Fogel": Russia released him);
//   - a purpose clause of an event of the same type and source shares its
//     target ("met with Putin to discuss ways to stop the war"), so the
//     two merge.
func (c *coder) infer() {
	actorAt := func(tok int) string {
		if tok < 0 || !c.canAct(tok) {
			return ""
		}
		return c.mentionAt(tok)
	}
	for _, cand := range c.events {
		if cand.dropped || cand.srcTok >= 0 || cand.code.Mode != "arrest" {
			continue
		}
		for _, k := range c.children[cand.trigger] {
			if c.baseRel(k) != "obl" || (c.caseOf(k) != "in" && c.caseOf(k) != "inside") {
				continue
			}
			if a, ok := c.actorOf[c.mentionAt(k)]; ok && a.Kind == "state" {
				cand.srcTok = k
				break
			}
		}
	}
	// A detainee's holder is the source of a detention reported again
	// without its agent ("The U.S. said he was wrongfully detained": the
	// detention the article already attributes) and of a release with no
	// source.
	for _, cand := range c.events {
		if cand.dropped || cand.srcTok >= 0 || cand.code.Mode != "arrest" && cand.code.Mode != "release" {
			continue
		}
		target := actorAt(cand.tgtTok)
		if target == "" {
			continue
		}
		for _, d := range c.events {
			if d != cand && !d.dropped && d.code.Mode == "arrest" && d.srcTok >= 0 && actorAt(d.tgtTok) == target && actorAt(d.srcTok) != "" {
				cand.srcTok = d.srcTok
				break
			}
		}
	}
	for _, cand := range c.events {
		if cand.dropped || cand.tgtTok >= 0 || !c.isVerb(cand.trigger) {
			continue
		}
		switch c.baseRel(cand.trigger) {
		case "advcl", "xcomp":
		default:
			continue
		}
		if c.markOf(cand.trigger) != "to" {
			continue
		}
		for _, g := range c.events {
			if g != cand && !g.dropped && g.trigger == c.head(cand.trigger) && g.code.Type == cand.code.Type &&
				actorAt(g.tgtTok) != "" && actorAt(g.srcTok) == actorAt(cand.srcTok) {
				cand.tgtTok = g.tgtTok
				break
			}
		}
	}
}

// splitCompounds makes one event for each coded member of a compound
// source or target ("Brazil and the United States are seeking a
// partnership", "US and British activists staged a protest"), as
// PETRARCH does. A mutual event whose parties are the members of its
// subject keeps its pairing (reciprocal).
func (c *coder) splitCompounds() {
	if c.descData == nil {
		return
	}
	hasConj := func(i int) bool { return i >= 0 && c.child(i, "conj") >= 0 }
	var out []*candidate
	for _, cand := range c.events {
		out = append(out, cand)
		if cand.dropped {
			continue
		}
		modConj := false
		if cand.srcTok >= 0 {
			for _, m := range c.children[cand.srcTok] {
				modConj = modConj || hasConj(m)
			}
		}
		if !hasConj(cand.srcTok) && !hasConj(cand.tgtTok) && !modConj {
			continue
		}
		c.describer()
		srcs, tgts := []int{cand.srcTok}, []int{cand.tgtTok}
		if cand.srcTok >= 0 {
			if cs := c.desc.conjuncts(cand.srcTok); cs != nil && !slices.Contains(cs, cand.tgtTok) {
				srcs = cs
			}
		}
		if cand.tgtTok >= 0 {
			if cs := c.desc.conjuncts(cand.tgtTok); cs != nil && !slices.Contains(cs, cand.srcTok) {
				tgts = cs
			}
		}
		if len(srcs) == 1 && len(tgts) == 1 {
			// "US and British activists": one event for each country of
			// a coordinated modifier.
			if codes := c.desc.modifierCodes(cand.srcTok); len(codes) > 1 {
				cand.srcCode = codes[0]
				for n, code := range codes[1:] {
					nc := *cand
					nc.srcCode, nc.part = code, n+1
					out = append(out, &nc)
				}
			}
			continue
		}
		n := 0
		for _, s := range srcs {
			for _, t := range tgts {
				if n == 0 {
					n++
					continue // the candidate itself
				}
				nc := *cand
				nc.srcTok, nc.tgtTok, nc.part = s, t, n
				out = append(out, &nc)
				n++
			}
		}
	}
	c.events = out
}

// ownedBySubject reports whether the object headed by o belongs to the
// clause's subject subj: its possessor, a name or a resolved pronoun,
// is the subject's actor ("Russia will withdraw its troops").
func (c *coder) ownedBySubject(o, subj int) bool {
	p := c.child(o, "nmod:poss")
	if p < 0 || subj < 0 {
		return false
	}
	a := c.mentionAt(p)
	return a != "" && a == c.mentionAt(subj)
}

// fromSource turns the parties of a verb of receiving around: "the
// demonstrators received weapons from the government" is the
// government's event, the demonstrators its target.
func (c *coder) fromSource(cand *candidate) {
	from := c.prepArg(cand.trigger, []string{"from"})
	if from < 0 {
		if o := c.child(cand.trigger, "obj"); o >= 0 {
			from = c.prepArg(o, []string{"from"})
		}
	}
	if from < 0 {
		return
	}
	subj, _ := c.subject(cand.trigger)
	cand.srcTok, cand.tgtTok = from, subj
}

// demandCode is CAMEO's "demand" (PLOVER REQUEST).
const demandCode = "100"

// demander returns the speaker who demands the event, or -1: the event's
// clause says its source must act ("must end attacks") and is the
// complement of a verb of speech whose subject is someone else ("Russia
// says Israel must end attacks").
func (c *coder) demander(cand *candidate) int {
	k := c.clauseOf(cand.trigger)
	if k < 0 || cand.srcTok < 0 {
		return -1
	}
	must := false
	for _, d := range c.children[k] {
		if c.baseRel(d) == "aux" && strings.EqualFold(c.doc.Tokens[d].Form(), "must") {
			must = true
		}
	}
	if !must || c.baseRel(k) != "ccomp" {
		return -1
	}
	h := c.head(k)
	if h < 0 || !c.isSpeech(h) {
		return -1
	}
	sp, passive := c.subject(h)
	if sp < 0 || passive || sp == cand.srcTok || !c.canAct(sp) {
		return -1
	}
	if a := c.mentionAt(sp); a != "" && a == c.mentionAt(cand.srcTok) {
		return -1
	}
	return sp
}
