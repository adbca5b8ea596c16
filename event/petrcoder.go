package event

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/petrarch"
)

// PETR holds PETRARCH dictionaries loaded into the event stage: verb
// families with their patterns (they replace the embedded triggers),
// agents (common nouns that add a sector to the actor they go with) and
// discard phrases. Actors come from the actor stage (actor.LoadPETRARCH).
type PETR struct {
	verbs   *petrarch.Verbs
	byForm  map[string][]pverb // upper-case form of the inflected word
	byBase  map[string][]pverb // lower-case base form
	synsets map[string][][]string
	agents  []pagent // longest first
	// agentsByFirst indexes agents by their first word, longest first.
	agentsByFirst map[string][]pagent
	discards      []*petrarch.Discard
}

type pverb struct {
	fam   *petrarch.Family
	words []string // upper case; words[head] is replaced by the form
	head  int
	code  string
}

type pagent struct {
	words  []string
	code   string
	before bool
}

// NewPETR returns an empty set of PETRARCH dictionaries.
func NewPETR() *PETR {
	return &PETR{byForm: map[string][]pverb{}, byBase: map[string][]pverb{}, synsets: map[string][][]string{}}
}

// HasVerbs reports whether a verbs dictionary was loaded.
func (p *PETR) HasVerbs() bool { return p != nil && p.verbs != nil }

// LoadVerbs adds a PETRARCH verbs dictionary.
func (p *PETR) LoadVerbs(r io.Reader, name string) error {
	v, err := petrarch.ReadVerbs(r, name)
	if err != nil {
		return err
	}
	if p.verbs == nil {
		p.verbs = &petrarch.Verbs{Synsets: map[string]*petrarch.Synset{}}
	}
	for k, s := range v.Synsets {
		p.verbs.Synsets[k] = s
	}
	p.verbs.Families = append(p.verbs.Families, v.Families...)
	for _, f := range v.Families {
		for _, vb := range f.Verbs {
			code := vb.Code
			if code == "" {
				code = f.Code
			}
			base := vb.Words[vb.Head]
			add := func(form string, words []string, head int) {
				pv := pverb{fam: f, words: words, head: head, code: code}
				p.byForm[form] = append(p.byForm[form], pv)
			}
			add(base, vb.Words, vb.Head)
			for _, inf := range inflections(strings.ToLower(base)) {
				add(strings.ToUpper(inf), vb.Words, vb.Head)
			}
			for _, fw := range vb.Forms {
				add(fw[vb.Head], fw, vb.Head)
			}
			lb := strings.ToLower(base)
			p.byBase[lb] = append(p.byBase[lb], pverb{fam: f, words: vb.Words, head: vb.Head, code: code})
		}
	}
	// Expand the synsets to word lists (with regular plurals).
	p.synsets = map[string][][]string{}
	var expand func(name string, depth int) [][]string
	expand = func(name string, depth int) [][]string {
		s := p.verbs.Synsets[name]
		if s == nil || depth > 4 {
			return nil
		}
		var out [][]string
		for _, ph := range s.Phrases {
			if strings.HasPrefix(ph.Words[0], "&") {
				out = append(out, expand(ph.Words[0], depth+1)...)
				continue
			}
			out = append(out, ph.Words)
			if ph.Plural {
				pl := slices.Clone(ph.Words)
				pl[len(pl)-1] = petrarch.Plural(pl[len(pl)-1])
				out = append(out, pl)
			}
		}
		return out
	}
	for name := range p.verbs.Synsets {
		p.synsets[name] = expand(name, 0)
	}
	return nil
}

// LoadAgents adds a PETRARCH agents dictionary.
func (p *PETR) LoadAgents(r io.Reader, name string) error {
	as, err := petrarch.ReadAgents(r, name)
	if err != nil {
		return err
	}
	for _, a := range as {
		for _, f := range a.Forms() {
			p.agents = append(p.agents, pagent{words: strings.Fields(f), code: a.Code, before: a.Before})
		}
	}
	sort.SliceStable(p.agents, func(i, j int) bool { return len(p.agents[i].words) > len(p.agents[j].words) })
	p.agentsByFirst = indexAgents(p.agents)
	return nil
}

// indexAgents indexes agents (longest first) by their first word.
func indexAgents(agents []pagent) map[string][]pagent {
	m := map[string][]pagent{}
	for _, a := range agents {
		m[a.words[0]] = append(m[a.words[0]], a)
	}
	return m
}

// LoadDiscards adds a PETRARCH discard list.
func (p *PETR) LoadDiscards(r io.Reader, name string) error {
	ds, err := petrarch.ReadDiscards(r, name)
	if err != nil {
		return err
	}
	p.discards = append(p.discards, ds...)
	return nil
}

// petrCoder codes one document with the PETRARCH dictionaries, on
// parley's parse and actor mentions.
type petrCoder struct {
	*coder
	p     *PETR
	words []string // upper-case token forms
	// codesAt maps a token to the dictionary actor codes of the name
	// mention covering it.
	codesAt map[int][]string
	nameAt  map[int]int // token -> first token of its name mention
	// verb and subj are the verb being coded and its subject.
	verb, subj int
}

// processPETR codes doc with the PETRARCH dictionaries.
func (s *Stage) processPETR(ctx context.Context, lx *Lexicon, doc *document.Document) error {
	pc := &petrCoder{coder: newCoder(lx, doc), p: s.petr, codesAt: map[int][]string{}, nameAt: map[int]int{}}
	pc.words = make([]string, len(doc.Tokens))
	for i, t := range doc.Tokens {
		pc.words[i] = strings.ToUpper(t.Form())
	}
	pc.indexMentions(true)
	if pc.discarded(doc.Text, true) {
		doc.Events = nil
		return nil
	}
	var out []document.Event
	for si, sent := range doc.Sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		if pc.discarded(sent.Text, false) {
			continue
		}
		out = append(out, pc.sentence(si)...)
	}
	doc.Events = out
	return nil
}

// discarded reports whether text holds a discard phrase (story discards
// only when story is set).
func (pc *petrCoder) discarded(text string, story bool) bool {
	if len(pc.p.discards) == 0 {
		return false
	}
	up := " " + strings.Join(strings.FieldsFunc(strings.ToUpper(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-' && r != '.'
	}), " ") + " "
	for _, d := range pc.p.discards {
		if d.Story == story && strings.Contains(up, " "+d.Phrase+" ") {
			return true
		}
	}
	return false
}

// verbAt returns the dictionary verbs whose inflected word is token i
// and whose other words stand around it (the longest such verbs; a form
// may open several families, like SHOT), with the token span they cover.
func (pc *petrCoder) verbAt(i int, lo, hi int) ([]pverb, int, int, bool) {
	try := func(cands []pverb) ([]pverb, int, int, bool) {
		var best []pverb
		bs, be := 0, 0
		for _, v := range cands {
			s := i - v.head
			e := s + len(v.words)
			if s < lo || e > hi {
				continue
			}
			fits := true
			for k, w := range v.words {
				if k != v.head && pc.words[s+k] != w {
					fits = false
					break
				}
			}
			if !fits {
				continue
			}
			switch {
			case len(best) == 0 || e-s > be-bs:
				best, bs, be = []pverb{v}, s, e
			case e-s == be-bs:
				best = append(best, v)
			}
		}
		return best, bs, be, len(best) > 0
	}
	if v, s, e, ok := try(pc.p.byForm[pc.words[i]]); ok {
		return v, s, e, true
	}
	return try(pc.p.byBase[strings.ToLower(pc.doc.Tokens[i].Lemma)])
}

// binding is where a pattern's $, + or % matched.
type binding struct{ src, tgt, compound int }

// validCode reports whether a pattern or verb code can be coded: "---"
// (no event) or a code with a digit ("042", "032:033", "075A"); codes
// like "+++" or "xxy" mark disabled patterns in the test dictionary.
func validCode(code string) bool {
	if code == "---" {
		return true
	}
	parts := strings.Split(code, ":")
	if len(parts) > 2 || strings.Trim(code, ":") == "" {
		return false
	}
	for _, part := range parts {
		if part == "" && len(parts) == 2 {
			continue // "[:075]": only the reverse event
		}
		if !strings.ContainsAny(part, "0123456789") {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// sentence codes the verbs of sentence si.
func (pc *petrCoder) sentence(si int) []document.Event {
	s := pc.doc.Sentences[si]
	var out []document.Event
	seen := map[string]bool{}
	for i := s.FirstToken; i < s.EndToken; i++ {
		t := pc.doc.Tokens[i]
		if t.UPOS != "VERB" && !(t.UPOS == "" || strings.HasPrefix(t.XPOS, "VB") && t.UPOS != "AUX") {
			continue
		}
		vbs, vs, ve, ok := pc.verbAt(i, s.FirstToken, s.EndToken)
		if !ok {
			// A multi-word verb whose inflected word the parser took for
			// a noun ("will not wire tap the links": "wire" is the verb).
			for j := max(s.FirstToken, i-2); j < min(s.EndToken, i+3) && !ok; j++ {
				if j == i || pc.doc.Tokens[j].UPOS == "VERB" {
					continue
				}
				if c, a, b, found := pc.verbAt(j, s.FirstToken, s.EndToken); found && b-a > 1 && a <= i && i < b {
					vbs, vs, ve, ok = c, a, b, true
				}
			}
		}
		if !ok || pc.absorbed(i, s.FirstToken, s.EndToken) {
			continue
		}
		code := vbs[0].code
		for _, v := range vbs {
			if validCode(v.code) && v.code != "---" {
				code = v.code
				break
			}
		}
		pc.verb = i
		pc.subj, _ = pc.subject(i)
		var bind binding
		bind.src, bind.tgt, bind.compound = -1, -1, -1
		var used *petrarch.Pattern
		bestScore := -1
		_, hi := pc.subtree(i)
		hi = max(hi+1, ve)
		for _, v := range vbs {
			for _, p := range v.fam.Patterns {
				if !validCode(p.Code) {
					continue
				}
				sc, b, ok := pc.matchPattern(p, s.FirstToken, vs, ve, hi)
				if ok && sc > bestScore {
					bestScore, used, bind = sc, p, b
				}
			}
		}
		if used != nil {
			code = used.Code
		}
		if code == "---" || !validCode(code) {
			continue
		}
		for _, ev := range pc.events(si, i, code, bind) {
			key := ev.Source + "|" + ev.Target + "|" + ev.CAMEO
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, ev)
		}
	}
	return out
}

// matchPattern matches pattern p around the verb tokens [vs, ve): the
// elements before '*' backwards from vs down to lo, those after it
// forwards from ve up to hi. The score is the number of tokens matched.
func (pc *petrCoder) matchPattern(p *petrarch.Pattern, lo, vs, ve, hi int) (int, binding, bool) {
	vi := slices.IndexFunc(p.Elems, func(e petrarch.Elem) bool { return e.Kind == petrarch.ElemVerb })
	pre, post := p.Elems[:vi], p.Elems[vi+1:]
	b := binding{-1, -1, -1}
	// The search backtracks over gaps; a budget keeps a pathological
	// pattern on a long sentence from running away.
	budget := 20000
	// Backwards: element k must end at or before end; tight to the next
	// element (or the verb) means it ends exactly there.
	var back func(k, end int) (int, bool)
	back = func(k, end int) (int, bool) {
		if k < 0 {
			return 0, true
		}
		e := pre[k]
		tightNext := e.Tight
		for stop := end; stop > lo; stop-- {
			if budget--; budget < 0 {
				return 0, false
			}
			for _, n := range pc.elemBack(e, stop, lo) {
				if sc, ok := back(k-1, stop-n); ok {
					pc.bind(&b, e, stop-n)
					return sc + max(n, 1), true
				}
			}
			if tightNext {
				break
			}
		}
		return 0, false
	}
	var fwd func(k, start int, tight bool) (int, bool)
	fwd = func(k, start int, tight bool) (int, bool) {
		if k >= len(post) {
			return 0, true
		}
		e := post[k]
		for at := start; at < hi; at++ {
			if budget--; budget < 0 {
				return 0, false
			}
			for _, n := range pc.elemFwd(e, at, hi) {
				if sc, ok := fwd(k+1, at+n, e.Tight); ok {
					pc.bind(&b, e, at)
					return sc + max(n, 1), true
				}
			}
			if tight {
				break
			}
		}
		return 0, false
	}
	verbTight := p.Elems[vi].Tight
	sb, ok := back(len(pre)-1, vs)
	if !ok {
		return 0, b, false
	}
	sf, ok := fwd(0, ve, verbTight)
	if !ok {
		return 0, b, false
	}
	return sb + sf, b, true
}

func (pc *petrCoder) bind(b *binding, e petrarch.Elem, at int) {
	switch e.Kind {
	case petrarch.ElemSource:
		b.src = at
	case petrarch.ElemTarget:
		b.tgt = at
	case petrarch.ElemCompound:
		b.compound = at
	}
}

// elemFwd returns the lengths of the matches of e starting at token at.
func (pc *petrCoder) elemFwd(e petrarch.Elem, at, hi int) []int {
	var out []int
	for _, ws := range pc.elemWords(e) {
		if at+len(ws) <= hi && slices.Equal(pc.words[at:at+len(ws)], ws) {
			out = append(out, len(ws))
		}
	}
	if n := pc.slot(e, at); n > 0 && at+n <= hi {
		out = append(out, n)
	}
	return out
}

// elemBack returns the lengths of the matches of e ending at token end
// (exclusive).
func (pc *petrCoder) elemBack(e petrarch.Elem, end, lo int) []int {
	var out []int
	for _, ws := range pc.elemWords(e) {
		if end-len(ws) >= lo && slices.Equal(pc.words[end-len(ws):end], ws) {
			out = append(out, len(ws))
		}
	}
	if e.Kind != petrarch.ElemWord && e.Kind != petrarch.ElemSynset && end-1 >= lo {
		if n := pc.slot(e, end-1); n > 0 {
			out = append(out, 1)
		}
	}
	return out
}

func (pc *petrCoder) elemWords(e petrarch.Elem) [][]string {
	switch e.Kind {
	case petrarch.ElemWord:
		return [][]string{{e.Text}}
	case petrarch.ElemSynset:
		return pc.p.synsets[e.Text]
	}
	return nil
}

// slot reports how many tokens a $, +, % or ^ element takes at token at
// (0 when it cannot stand there): an actor name for $, + and % (a
// compound for %), any word for ^.
func (pc *petrCoder) slot(e petrarch.Elem, at int) int {
	switch e.Kind {
	case petrarch.ElemSkip:
		if !isWordForm(pc.words[at]) {
			return 0
		}
		// A whole noun phrase when it starts here ("the Gondor").
		h := pc.npHead(at)
		if h >= at {
			lo, hi := pc.unitSpan(h)
			if lo == at {
				return hi - at + 1
			}
		}
		return 1
	case petrarch.ElemSource, petrarch.ElemTarget:
		if len(pc.codesAt[at]) > 0 || pc.agentAt(at) > 0 {
			return 1
		}
	case petrarch.ElemCompound:
		if len(pc.codesAt[at]) > 0 {
			if h := pc.npHead(at); h >= 0 && (len(pc.npCodes(h, 0)) >= 2 || h == pc.subj && len(pc.subjCodes(pc.verb, h)) >= 2) {
				return 1
			}
		}
	}
	return 0
}

func isWordForm(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// agentAt returns the length of the longest agent phrase starting at i.
func (pc *petrCoder) agentAt(i int) int {
	for _, a := range pc.p.agentsByFirst[pc.words[i]] {
		if i+len(a.words) <= len(pc.words) && slices.Equal(pc.words[i:i+len(a.words)], a.words) {
			return len(a.words)
		}
	}
	return 0
}

// npHead climbs from a token inside a noun phrase to the phrase's head.
func (pc *petrCoder) npHead(i int) int {
	for d := 0; d < 6 && i >= 0; d++ {
		switch pc.rel(i) {
		case "compound", "flat", "flat:name", "amod", "det", "nmod:poss", "fixed", "nummod", "case":
			i = pc.head(i)
		default:
			return i
		}
	}
	return i
}

// unitRels are the relations inside one nominal unit ("the evil awful
// Gondor", "Gondor's main opposition group").
var unitRels = map[string]bool{"compound": true, "flat": true, "flat:name": true, "amod": true, "det": true,
	"nmod:poss": true, "fixed": true, "nummod": true, "case": true, "punct": false, "nmod:desc": true, "compound:prt": true,
	"appos": true}

// npCodes returns the actor codes of the noun phrase headed by h: the
// dictionary actors in its unit combined with its agents, the actors of
// its prepositional phrases when the unit names none ("soldiers from
// Gondor", "ties with Gondor"), and those of its conjuncts.
func (pc *petrCoder) npCodes(h, depth int) []string {
	if h < 0 || depth > 4 {
		return nil
	}
	conjs := []int{h}
	var walk func(int)
	walk = func(j int) {
		for _, k := range pc.children[j] {
			if pc.rel(k) == "conj" && pc.doc.Tokens[k].UPOS != "VERB" {
				conjs = append(conjs, k)
				walk(k)
			}
		}
	}
	walk(h)
	// Prepositional actors shared by conjoined agents ("lawmakers and
	// officials in Fornost and Gondor").
	var shared []string
	type unit struct {
		actors []string
		agents []pagent
		former bool
		head   int
	}
	units := make([]unit, len(conjs))
	for n, c := range conjs {
		u := unit{head: c}
		u.actors, u.agents, u.former = pc.unitCodes(c)
		units[n] = u
		if len(u.actors) == 0 {
			if pp := pc.ppCodes(c, depth); len(pp) > 0 && len(shared) == 0 && len(u.agents) > 0 {
				shared = pp
			}
		}
	}
	var out []string
	for n := range units {
		u := &units[n]
		actors := u.actors
		if len(actors) == 0 && len(u.agents) > 0 {
			actors = pc.ppCodes(u.head, depth)
			if len(actors) == 0 {
				actors = shared
			}
			if len(actors) == 0 && n > 0 {
				// "Danish media and government": the government is
				// Danish too.
				actors = units[n-1].actors
			}
			if len(actors) == 0 {
				actors = []string{"---"}
			}
		}
		if len(actors) == 0 {
			// Neither actor nor agent: "an attack by Osgiliath soldiers",
			// "ties with Gondor".
			out = append(out, pc.ppCodes(u.head, depth)...)
			continue
		}
		u.actors = actors
		for _, a := range actors {
			out = append(out, combine(a, u.agents, u.former))
		}
	}
	return dedupe(out)
}

func dedupe(in []string) []string {
	var out []string
	for _, s := range in {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// combine adds agent codes to an actor code: "NGO~" agents before it,
// "~GOV" agents after it unless the code already ends with them; a former
// official is an elite (ELI).
func combine(actor string, agents []pagent, former bool) string {
	code := actor
	for _, a := range agents {
		if a.before && !strings.HasPrefix(code, a.code) {
			code = a.code + code
		}
	}
	if former && len(agents) > 0 {
		return code + "ELI"
	}
	for _, a := range agents {
		if !a.before && !strings.HasSuffix(code, a.code) {
			code += a.code
		}
	}
	return code
}

// unitCodes returns the dictionary actors and the agents of the unit
// headed by h, and whether it says "former".
func (pc *petrCoder) unitCodes(h int) ([]string, []pagent, bool) {
	toks := []int{h}
	var walk func(int)
	walk = func(j int) {
		for _, k := range pc.children[j] {
			if unitRels[pc.rel(k)] {
				toks = append(toks, k)
				walk(k)
			}
		}
	}
	walk(h)
	slices.Sort(toks)
	in := map[int]bool{}
	for _, k := range toks {
		in[k] = true
	}
	var actors []string
	var agents []pagent
	former := false
	// Agents first: a user's agent ("MSF", "Prime Minister") wins over a
	// name mention that covers it; the phrase may run on into the
	// unit's prepositional phrase ("Ministry of Silly Walks").
	byAgent := map[int]bool{}
	for n := 0; n < len(toks); n++ {
		k := toks[n]
		if strings.EqualFold(pc.words[k], "former") {
			former = true
		}
		if byAgent[k] {
			continue
		}
		for _, a := range pc.p.agentsByFirst[pc.words[k]] {
			e := k + len(a.words)
			if e > len(pc.words) || !slices.Equal(pc.words[k:e], a.words) {
				continue
			}
			if e < len(pc.words) && pc.words[e] == "-" {
				// "military-ruled Myanmar", "government-held areas": a
				// word of a compound modifier is no agent.
				continue
			}
			ok := true
			for j := k + 1; j < e; j++ {
				ok = ok && (in[j] || len(pc.codesAt[j]) == 0)
			}
			if !ok {
				continue
			}
			agents = append(agents, a)
			for j := k; j < e; j++ {
				byAgent[j] = true
			}
			break
		}
	}
	// Actors of the apposition count only when the rest names none
	// ("Ithilen's minister Calimehtar" is Ithilen's; "the European Union
	// (EU)" is one actor).
	appos := map[int]bool{}
	for _, k := range pc.children[h] {
		if pc.rel(k) == "appos" {
			lo, hi := pc.subtree(k)
			for j := lo; j <= hi; j++ {
				appos[j] = true
			}
		}
	}
	for _, withAppos := range []bool{false, true} {
		seenName := map[int]bool{}
		for _, k := range toks {
			codes := pc.codesAt[k]
			if len(codes) == 0 || byAgent[k] || appos[k] != withAppos {
				continue
			}
			if f := pc.nameAt[k]; !seenName[f] {
				seenName[f] = true
				actors = append(actors, codes...)
			}
		}
		if len(actors) > 0 {
			break
		}
	}
	return dedupe(actors), agents, former
}

// ppCodes returns the actors of the first prepositional dependent of h
// that names some.
func (pc *petrCoder) ppCodes(h, depth int) []string {
	for _, k := range pc.children[h] {
		switch pc.baseRel(k) {
		case "nmod", "obl":
		default:
			continue
		}
		if pc.isTime(k) {
			continue
		}
		if codes := pc.npCodes(k, depth+1); len(codes) > 0 {
			return codes
		}
	}
	return nil
}

// events builds the events of verb i with code (paired "A:B" codes give
// the reverse event B).
func (pc *petrCoder) events(si, i int, code string, b binding) []document.Event {
	subj, passive := pc.subject(i)
	if subj < 0 && pc.head(i) >= 0 {
		switch pc.baseRel(i) {
		case "obl", "nmod", "dep", "advcl":
			// "Arnor is inching nearer to accord with Gondor": the
			// parse hangs the verb on a phrase of the clause it
			// continues.
			for k := pc.head(i); k >= 0 && subj < 0; k = pc.head(k) {
				if pc.doc.Tokens[k].UPOS == "VERB" {
					subj, passive = pc.subject(k)
					break
				}
			}
		}
	}
	// "Gollum was seen to break into …": the passive belongs to the
	// governing verb; Gollum is the one who breaks.
	passive = passive && subj >= 0 && pc.head(subj) == i
	var src, tgt []string
	if b.src >= 0 {
		src = pc.npCodes(pc.npHead(b.src), 0)
	}
	if b.tgt >= 0 {
		tgt = pc.npCodes(pc.npHead(b.tgt), 0)
		if h := pc.npHead(b.tgt); h == subj && len(src) == 0 {
			// "noted that X regretted": the target stands before the
			// verb; the source is the governing clause's subject.
			if g := pc.head(i); g >= 0 {
				if s2, _ := pc.subject(g); s2 >= 0 {
					src = pc.npCodes(s2, 0)
				}
			}
		}
	}
	if len(src) == 0 && len(tgt) == 0 || b.tgt >= 0 && len(src) == 0 {
		agent := -1
		for _, k := range pc.children[i] {
			if pc.rel(k) == "obl:agent" || pc.baseRel(k) == "obl" && pc.caseOf(k) == "by" {
				agent = k
			}
			// "was opposed earlier by Osgiliath": the parse may hang the
			// by phrase on an adverb.
			for _, k2 := range pc.children[k] {
				if agent < 0 && pc.rel(k2) == "obl:agent" && pc.doc.Tokens[k].UPOS == "ADV" {
					agent = k2
				}
			}
		}
		if passive && agent < 0 {
			// PETRARCH reads a passive with no "by" phrase like an active
			// clause ("The Philippines was criticized over its dispute with
			// Eriador" → PHL ERI); patterns mark the exceptions ("+ WAS *
			// DEAD IN $").
			passive = false
		}
		if passive {
			tgt = pc.npCodes(subj, 0)
			src = pc.npCodes(agent, 0)
		} else if len(src) == 0 {
			src = pc.subjCodes(i, subj)
		}
	}
	if len(tgt) == 0 && !passive {
		if o := pc.child(i, "obj", "iobj"); o >= 0 {
			tgt = pc.npCodes(o, 0)
		}
		if len(tgt) == 0 {
			tgt = pc.ppCodes(i, 0)
		}
		if len(tgt) == 0 {
			tgt = pc.deepTarget(i, subj)
		}
	}
	fwd, rev, paired := strings.Cut(code, ":")
	var pairs [][2]string
	switch {
	case len(src) >= 2 && (len(tgt) == 0 && paired || b.compound >= 0):
		// A compound actor acting on itself: every member on every other.
		for _, a := range src {
			for _, t := range src {
				if a != t {
					pairs = append(pairs, [2]string{a, t})
				}
			}
		}
		rev, paired = "", false
	default:
		if len(tgt) == 0 {
			tgt = []string{"---"}
		}
		for _, a := range src {
			for _, t := range tgt {
				pairs = append(pairs, [2]string{a, t})
			}
		}
	}
	var out []document.Event
	for _, st := range pairs {
		if !hasActor(st[0]) && !hasActor(st[1]) || st[0] == st[1] {
			continue
		}
		if fwd != "" {
			out = append(out, pc.event(si, i, st[0], st[1], fwd))
		}
		if paired && hasActor(st[1]) && rev != "" {
			out = append(out, pc.event(si, i, st[1], st[0], rev))
		}
	}
	return out
}

// hasActor reports whether a code names an actor, not only an agent
// ("---GOV").
func hasActor(code string) bool { return code != "" && !strings.HasPrefix(code, "---") }

func (pc *petrCoder) event(si, i int, src, tgt, code string) document.Event {
	t := pc.doc.Tokens[i]
	s := pc.doc.Sentences[si]
	ev := document.Event{CAMEO: code, Source: src, Target: tgt, Status: "occurred", Trigger: t.Span, Evidence: s.Span, Text: s.Text}
	if c, ok := pc.lx.Code(code); ok {
		ev.Type, ev.Mode, ev.QuadClass, ev.Intensity = c.Type, c.Mode, c.QuadClass(), c.Goldstein
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s:%d:%s:%s:%s", pc.doc.ID, t.Start, code, src, tgt)))
	ev.ID = hex.EncodeToString(sum[:8])
	return ev
}

// PETRARCH returns the stage's PETRARCH dictionaries, creating them on
// first use. Once a verbs dictionary is loaded, the stage codes with it
// instead of its own triggers.
func (s *Stage) PETRARCH() *PETR {
	if s.petr == nil {
		s.petr = NewPETR()
	}
	return s.petr
}

// absorbed reports whether verb i, which has no subject of its own, is
// the complement of a dictionary verb above it ("urged Bree to help",
// "abandoned efforts to stop", "a place to visit"): the upper verb's
// patterns read it, and it codes no event of its own.
func (pc *petrCoder) absorbed(i, lo, hi int) bool {
	if pc.child(i, "nsubj", "nsubj:pass", "nsubj:outer") >= 0 {
		return false
	}
	for d, k := 0, i; d < 3; d++ {
		switch pc.baseRel(k) {
		case "xcomp", "acl", "ccomp", "advcl":
		default:
			return false
		}
		k = pc.head(k)
		for k >= 0 && pc.doc.Tokens[k].UPOS != "VERB" && pc.head(k) >= 0 && d < 3 {
			// "efforts to stop": climb from the noun to its verb.
			// Not from a subject: "a woman believed linked to …" is no
			// complement of what the woman does.
			if r := pc.baseRel(k); r != "obj" && r != "obl" && r != "nmod" {
				break
			}
			k = pc.head(k)
			d++
		}
		if k < 0 {
			return false
		}
		if pc.doc.Tokens[k].UPOS == "VERB" {
			vbs, _, _, _ := pc.verbAt(k, lo, hi)
			for _, v := range vbs {
				if validCode(v.code) && v.code != "---" {
					return true
				}
			}
		}
	}
	return false
}

// deepTarget returns the actors of the first dictionary actor after verb
// i inside its clause ("cordoned off the roads leading into Mordor",
// "expressed hopes that Osgiliath could …"), skipping the subject.
func (pc *petrCoder) deepTarget(i, subj int) []string {
	in := map[int]bool{}
	var walk func(int)
	walk = func(j int) {
		for _, k := range pc.children[j] {
			if k == subj || pc.rel(k) == "conj" && pc.doc.Tokens[k].UPOS == "VERB" || pc.baseRel(k) == "parataxis" {
				continue
			}
			in[k] = true
			walk(k)
		}
	}
	walk(i)
	for k := i + 1; k < len(pc.words); k++ {
		if !in[k] || len(pc.codesAt[k]) == 0 {
			continue
		}
		return pc.npCodes(pc.npHead(k), 0)
	}
	return nil
}

// unitSpan returns the first and last token of the unit headed by h.
func (pc *petrCoder) unitSpan(h int) (int, int) {
	lo, hi := h, h
	var walk func(int)
	walk = func(j int) {
		for _, k := range pc.children[j] {
			if unitRels[pc.rel(k)] {
				lo, hi = min(lo, k), max(hi, k)
				walk(k)
			}
		}
	}
	walk(h)
	return lo, hi
}

// subjCodes returns the actors of the subject subj of verb i, repairing
// what the parse may have split: a second subject ("Old foes Gondor and
// Osgiliath have renewed"), a first conjunct that became the verb's head
// ("The Philippines and the Central African Republic agree"), and an
// unresolved subject pronoun of a reported clause ("Ethiopia indicated it
// deplored Libya": it is Ethiopia).
func (pc *petrCoder) subjCodes(i, subj int) []string {
	if subj < 0 {
		return nil
	}
	src := pc.npCodes(subj, 0)
	if hd := pc.head(subj); len(src) == 0 && hd >= 0 {
		for _, k := range pc.children[hd] {
			if k != subj && pc.rel(k) == "nsubj" {
				if src = pc.npCodes(k, 0); len(src) > 0 {
					break
				}
			}
		}
	}
	if h := pc.head(i); h >= 0 && pc.rel(i) == "conj" && h < subj {
		if u := pc.doc.Tokens[h].UPOS; (u == "PROPN" || u == "NOUN") && pc.child(i, "cc") >= 0 {
			if first := pc.npCodes(h, 0); len(first) > 0 {
				src = dedupe(append(first, src...))
			}
		}
	}
	if len(src) == 0 && pc.doc.Tokens[subj].UPOS == "PRON" && pc.rel(i) == "ccomp" {
		if g := pc.head(i); g >= 0 {
			if s2, _ := pc.subject(g); s2 >= 0 && s2 != subj {
				src = pc.npCodes(s2, 0)
			}
		}
	}
	return src
}
