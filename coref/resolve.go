package coref

import (
	"math"
	"slices"
	"strings"

	"github.com/parley-news/parley/document"
)

// Weights are the salience factors of Lappin and Leass (1994), "An
// algorithm for pronominal anaphora resolution", with the additions this
// resolver makes (possessor of a subject, penalties for unknown gender).
type Weights struct {
	Recency   float64 // sentence recency
	Subject   float64
	Object    float64
	Oblique   float64 // indirect object and oblique
	Possessor float64
	SubjPoss  float64 // possessor inside the subject
	HeadNoun  float64 // not embedded in another noun phrase
	NonAdverb float64 // not inside a prepositional phrase
	Parallel  float64 // same role as the pronoun
	Decay     float64 // factor per sentence of distance
	Window    int     // sentences looked back
	NoGender  float64 // penalty: candidate of unknown gender
	// GuessConflict is the penalty for a candidate whose given name has
	// the other gender (names are weak evidence: "Louis McNeill ... her").
	GuessConflict float64
	NoPerson      float64 // penalty: candidate not known to be a person
	GroupMate     float64 // penalty: candidate coordinated in a group
	NameBonus     float64 // bonus: candidate cluster holds a name
	LocalSubj     float64 // possessive pronoun and the subject of its clause
	NearSubj      float64 // the nearest subject before the pronoun in its sentence
	Nearest       float64 // the nearest agreeing mention before the pronoun
	PathSubj      float64 // the subject governing the pronoun in the parse
	Cataphora     bool
	// Accumulate sums a chain's salience over the sentences of the window;
	// otherwise a chain is as salient as its best mention.
	Accumulate bool
	MentionCap int
}

// DefaultWeights are the weights tuned on GAP development and validation
// (coordinate search over the factors, tagged, parsed and NER-typed input).
var DefaultWeights = Weights{
	Recency: 40, Subject: 40, Object: 10, Oblique: 0, Possessor: 30, SubjPoss: 30,
	HeadNoun: 80, NonAdverb: 40, Parallel: 70, Decay: 0.5, Window: 4,
	NoGender: 0, GuessConflict: 300, NoPerson: 5, GroupMate: 120, NameBonus: 40, LocalSubj: 25,
	PathSubj: 20, Cataphora: true, Accumulate: true,
}

// Result is the outcome of resolution.
type Result struct {
	// Chain gives each mention its chain number; mentions in one chain
	// corefer. Chains are numbered from 0 in order of first mention.
	Chain []int
	// Antecedent is the mention each pronoun or nominal was linked to, or -1.
	Antecedent []int
}

// Resolver links mentions into coreference chains with a sieve: entity
// keys and appositions, then name matching, then definite descriptions,
// then pronouns by salience.
type Resolver struct {
	Lex *Lexicon
	W   Weights
}

// resolution is the state of resolving one document. The resolver itself
// holds none, so that one resolver serves concurrent callers.
type resolution struct {
	*Resolver
	kids [][]int // dependents of each token, nil when unparsed

	// cs summarises each chain by its root (the chain's first mention);
	// csStale says a union has happened since it was computed.
	cs      []cluster
	csStale bool
	// titled marks the roots of the chains holding the title titledFor.
	titled    []bool
	titledFor string
	titledOK  bool

	scores  []cand // by root, for the pronoun being resolved
	touched []int  // the roots with a score
	perSent map[uint64]float64
}

// cand is the salience of one chain for a pronoun.
type cand struct {
	score float64
	last  int
	seen  bool
}

// NewResolver returns a resolver over the embedded word lists.
func NewResolver() (*Resolver, error) {
	l, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	return &Resolver{Lex: l, W: DefaultWeights}, nil
}

type unionFind []int

func (u unionFind) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

// union keeps the earlier mention as the root.
func (u unionFind) union(a, b int) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if b < a {
		a, b = b, a
	}
	u[b] = a
}

// cluster summarises the agreement features of a chain.
type cluster struct {
	gender  byte
	guess   byte
	plural  bool
	person  int8
	hasName bool
	entity  string
}

// summarize returns the summaries of the chains, indexed by root.
func (r *resolution) summarize(ms []Mention, u unionFind) []cluster {
	if !r.csStale {
		return r.cs
	}
	r.csStale = false
	cs := r.cs[:len(ms)]
	clear(cs)
	for i := range ms {
		m := &ms[i]
		c := &cs[u.find(i)]
		if m.Gender != 0 && c.gender == 0 {
			c.gender = m.Gender
		}
		if m.GenderGuess != 0 && c.guess == 0 {
			c.guess = m.GenderGuess
		}
		if m.Plural {
			c.plural = true
		}
		if m.Person != 0 && (c.person == 0 || m.Kind == KindName) {
			c.person = m.Person
		}
		if m.Kind == KindName {
			c.hasName = true
		}
		if m.Entity != "" && c.entity == "" {
			c.entity = m.Entity
		}
	}
	return cs
}

// hasTitle reports whether the chain rooted at root holds a mention with
// title t.
func (r *resolution) hasTitle(ms []Mention, u unionFind, root int, t string) bool {
	if !r.titledOK || r.titledFor != t {
		r.titledOK, r.titledFor = true, t
		clear(r.titled)
		for x := range ms {
			if slices.Contains(ms[x].Titles, t) {
				r.titled[u.find(x)] = true
			}
		}
	}
	return r.titled[root]
}

// union joins the chains of a and b, making the summaries stale.
func (r *resolution) union(u unionFind, a, b int) {
	u.union(a, b)
	r.csStale, r.titledOK = true, false
}

// Resolve links the mentions of doc into chains.
func (r *Resolver) Resolve(doc *document.Document, ms []Mention) Result {
	n := len(ms)
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	ante := make([]int, n)
	for i := range ante {
		ante[i] = -1
	}
	// Sieve 1: identity keys and appositions.
	byEntity := map[string]int{}
	for i, m := range ms {
		if m.Entity != "" {
			if j, ok := byEntity[m.Entity]; ok {
				u.union(j, i)
			} else {
				byEntity[m.Entity] = i
			}
		}
		if m.Appos >= 0 && m.Appos < n {
			if ms[m.Appos].Entity == "" || m.Entity == "" || ms[m.Appos].Entity == m.Entity {
				u.union(m.Appos, i)
				if m.Appos < i {
					ante[i] = m.Appos
				}
			}
		}
	}
	// Sieve 2: names.
	for i := range ms {
		if ms[i].Kind != KindName {
			continue
		}
		for j := 0; j < i; j++ {
			if ms[j].Kind != KindName || u.find(i) == u.find(j) {
				continue
			}
			if namesMatch(&ms[j], &ms[i]) && r.compatible(ms, u, i, j) {
				u.union(j, i)
				ante[i] = j
				break
			}
		}
	}
	// Sieve 2b: groups of the same members ("Trump and Putin" twice).
	for i := range ms {
		if ms[i].Kind != KindGroup {
			continue
		}
		for j := 0; j < i; j++ {
			if ms[j].Kind == KindGroup && sameMembers(ms, u, ms[i].Members, ms[j].Members) {
				u.union(j, i)
				ante[i] = j
				break
			}
		}
	}
	st := &resolution{Resolver: r, kids: dependents(doc), cs: make([]cluster, n), csStale: true,
		titled: make([]bool, n), scores: make([]cand, n)}
	// Sieves 3 and 4 run in text order so that each resolved mention adds
	// to the salience of its chain.
	for i := range ms {
		m := &ms[i]
		switch {
		case m.Kind == KindNominal && m.Definite && m.Appos < 0:
			if j := st.nominalAntecedent(ms, u, i); j >= 0 {
				st.union(u, j, i)
				ante[i] = j
			}
		case m.Kind == KindPronoun:
			if j := st.pronounAntecedent(doc, ms, u, i); j >= 0 {
				st.union(u, j, i)
				ante[i] = j
			}
		}
	}
	// Chains are numbered in order of their roots, which are their first
	// mentions.
	chain := make([]int, n)
	num := 0
	for i := range ms {
		if root := u.find(i); root == i {
			chain[i] = num
			num++
		} else {
			chain[i] = chain[root]
		}
	}
	return Result{Chain: chain, Antecedent: ante}
}

// namesMatch reports whether name b can be a variant of an earlier name a:
// one's words are contained in the other's, and a one-word name matches
// the first or last word of the longer one.
func namesMatch(a, b *Mention) bool {
	if a.Entity != "" && b.Entity != "" {
		return a.Entity == b.Entity
	}
	if len(a.Words) == 0 || len(b.Words) == 0 {
		return false
	}
	short, long := a.Words, b.Words
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) == 1 && len(long) > 1 {
		return short[0] == long[len(long)-1] || short[0] == long[0]
	}
	for _, w := range short {
		if !slices.Contains(long, w) {
			return false
		}
	}
	return short[len(short)-1] == long[len(long)-1]
}

func (r *Resolver) compatible(ms []Mention, u unionFind, i, j int) bool {
	ri, rj := u.find(i), u.find(j)
	var ni, nj []int // full names of each chain
	a, b := &cluster{}, &cluster{}
	for x := range ms {
		var c *cluster
		switch u.find(x) {
		case ri:
			c = a
			if ms[x].Kind == KindName && len(ms[x].Words) >= 2 {
				ni = append(ni, x)
			}
		case rj:
			c = b
			if ms[x].Kind == KindName && len(ms[x].Words) >= 2 {
				nj = append(nj, x)
			}
		default:
			continue
		}
		m := &ms[x]
		if m.Gender != 0 && c.gender == 0 {
			c.gender = m.Gender
		}
		if m.GenderGuess != 0 && c.guess == 0 {
			c.guess = m.GenderGuess
		}
		if m.Person != 0 && (c.person == 0 || m.Kind == KindName) {
			c.person = m.Person
		}
		if m.Entity != "" && c.entity == "" {
			c.entity = m.Entity
		}
	}
	// Two different full names never share a chain ("Eleanor Beaufort" and
	// "Eleanor Beauchamp" through "Eleanor").
	for _, x := range ni {
		for _, y := range nj {
			if !namesMatch(&ms[x], &ms[y]) {
				return false
			}
		}
	}
	if a.entity != "" && b.entity != "" && a.entity != b.entity {
		return false
	}
	if a.gender != 0 && b.gender != 0 && a.gender != b.gender {
		return false
	}
	if a.guess != 0 && b.guess != 0 && a.guess != b.guess {
		return false
	}
	if a.person != 0 && b.person != 0 && a.person != b.person {
		return false
	}
	return true
}

// nominalAntecedent links a definite description to the most recent chain
// it describes: a singular one to a chain holding its title ("the
// president"), a plural one to a group ("the two leaders").
func (r *resolution) nominalAntecedent(ms []Mention, u unionFind, i int) int {
	m := &ms[i]
	if m.Possessor >= 0 {
		return -1 // "his wife" is someone else
	}
	cs := r.summarize(ms, u)
	for j := i - 1; j >= 0; j-- {
		c := &ms[j]
		if m.Sent-c.Sent > r.W.Window+2 {
			break
		}
		if c.End > m.Start {
			continue
		}
		if m.Plural {
			if (c.Kind == KindGroup || c.Kind == KindNominal && c.Plural) && c.Person >= 0 &&
				(m.Count == 0 || c.Count == 0 || m.Count == c.Count) {
				return j
			}
			continue
		}
		root := u.find(j)
		cl := &cs[root]
		if c.Plural || cl.plural || cl.person < 0 {
			continue
		}
		if len(m.Titles) > 0 && r.hasTitle(ms, u, root, m.Titles[0]) {
			if m.Gender != 0 && cl.gender != 0 && m.Gender != cl.gender {
				continue
			}
			return j
		}
	}
	return -1
}

// pronounAntecedent chooses the antecedent of pronoun i by salience among
// the chains mentioned before it in the window, after the agreement and
// binding filters.
func (r *resolution) pronounAntecedent(doc *document.Document, ms []Mention, u unionFind, i int) int {
	p := &ms[i]
	w := r.W
	if p.Person < 0 && p.Case != "poss" {
		// "it": only where it stands for an actor ("Russia said it would").
		if p.EndTok >= len(doc.Tokens) || !r.Lex.itVerb(lowerForm(doc.Tokens[p.EndTok])) {
			return -1
		}
	}
	cs := r.summarize(ms, u)
	if j := r.cataphor(doc, ms, u, cs, i); j >= 0 {
		return j
	}
	// The nearest subject before the pronoun in its sentence ("Percy
	// decides that he ...").
	nearestSubj := -1
	for j := i - 1; j >= 0 && ms[j].Sent == p.Sent; j-- {
		if ms[j].Role == RoleSubj && ms[j].Kind != KindGroup && ms[j].InGroup < 0 && ms[j].Clause != p.Clause {
			nearestSubj = j
			break
		}
	}
	// The subject that governs the pronoun in the parse (Hobbs 1978 walks
	// the same path): the subject of the pronoun's clause for a possessive,
	// of the clause above for a subject or object pronoun.
	pathSubj := r.governingSubject(doc, p)
	bound := -1
	if p.Case == "acc" {
		bound = r.localSubject(doc, p)
	}
	// The nearest agreeing mention before the pronoun.
	nearest := -1
	for j := i - 1; j >= 0 && p.Sent-ms[j].Sent <= 1; j-- {
		if ms[j].Kind == KindGroup || ms[j].EndTok > p.FirstTok || ms[j].Kind == KindPronoun && u.find(j) == j {
			continue
		}
		if !r.agrees(p, &cs[u.find(j)]) || (p.Case == "acc" && ms[j].Clause == p.Clause && ms[j].Role != RolePoss) {
			continue
		}
		nearest = j
		break
	}
	scores := r.scores
	touched := r.touched[:0]
	if r.perSent == nil {
		r.perSent = map[uint64]float64{}
	}
	perSent := r.perSent // (root, sentence) -> best weight
	clear(perSent)
	for j := 0; j < len(ms); j++ {
		c := &ms[j]
		if j == i || c.End > p.Start {
			continue
		}
		if p.Sent-c.Sent > w.Window {
			continue
		}
		if c.Kind == KindPronoun && u.find(j) == j {
			continue // an unresolved pronoun gives nothing
		}
		root := u.find(j)
		if !r.agrees(p, &cs[root]) {
			continue
		}
		// Binding: a non-reflexive subject or object pronoun is free in its
		// clause; a reflexive is bound in it.
		sameClause := c.Clause == p.Clause
		switch p.Case {
		case "acc":
			if sameClause && c.Role != RolePoss || c.RelClause == p.Clause && c.Sent == p.Sent {
				continue
			}
			// The understood subject of the pronoun's clause binds it too
			// ("Aguilar challenged Turner, defeating him").
			if bound >= c.FirstTok && bound < c.EndTok {
				continue
			}
		case "refl":
			if !sameClause {
				continue
			}
		}
		if c.Kind == KindGroup && !p.Plural {
			continue
		}
		wt := r.weight(c)
		if c.RelClause == p.Clause && p.Sent == c.Sent {
			// The antecedent of "who" is the subject of the pronoun's clause.
			rc := *c
			rc.Role = RoleSubj
			wt = max(wt, r.weight(&rc))
		}
		if p.Case == "poss" && (sameClause && c.Role == RoleSubj || c.RelClause == p.Clause) {
			wt += w.LocalSubj
		}
		if c.Paren {
			wt /= 2
		}
		if j == nearestSubj {
			wt += w.NearSubj
		}
		if j == nearest {
			wt += w.Nearest
		}
		if pathSubj >= c.FirstTok && pathSubj < c.EndTok {
			wt += w.PathSubj
		}
		if c.InGroup >= 0 && !p.Plural {
			// A conjunct is neither the head of its phrase nor the
			// subject: only recency speaks for it.
			wt = w.Recency + w.NonAdverb - w.GroupMate
		}
		if c.Role == p.Role && p.Sent-c.Sent <= 1 {
			wt += w.Parallel
		}
		wt *= math.Pow(w.Decay, float64(p.Sent-c.Sent))
		key := uint64(root)<<32 | uint64(uint32(c.Sent))
		old, ok := perSent[key]
		if ok && old >= wt {
			continue
		}
		perSent[key] = wt
		cd := &scores[root]
		if !cd.seen {
			*cd = cand{seen: true}
			touched = append(touched, root)
		}
		if w.Accumulate {
			cd.score += wt - old
		} else {
			cd.score = max(cd.score, wt)
		}
		cd.last = max(cd.last, j)
	}
	// The best chain by score, then by latest mention (roots have distinct
	// latest mentions, so the order of the roots does not matter).
	best, bestScore := -1, math.Inf(-1)
	for _, root := range touched {
		cd := &scores[root]
		cd.seen = false
		cl := &cs[root]
		s := cd.score
		if !p.Plural {
			if cl.gender == 0 && cl.guess != 0 && cl.guess != p.Gender {
				s -= w.GuessConflict
			}
			if cl.gender == 0 && cl.guess == 0 {
				s -= w.NoGender
			}
			if cl.person == 0 {
				s -= w.NoPerson
			}
		}
		if cl.hasName {
			s += w.NameBonus
		}
		if s > bestScore || s == bestScore && cd.last > best {
			best, bestScore = cd.last, s
		}
	}
	r.touched = touched
	return best
}

func (r *Resolver) agrees(p *Mention, c *cluster) bool {
	if p.Plural {
		// they: a plural chain, or a state or organisation.
		return c.plural || c.person < 0 && c.hasName
	}
	if c.plural {
		return false
	}
	switch p.Gender {
	case 'm', 'f':
		if c.person < 0 {
			return false
		}
		return c.gender == 0 || c.gender == p.Gender
	case 'n':
		return c.person < 0
	}
	return true
}

func (r *Resolver) weight(m *Mention) float64 {
	w := r.W
	s := w.Recency
	switch m.Role {
	case RoleSubj:
		s += w.Subject + w.HeadNoun + w.NonAdverb
	case RoleObj:
		s += w.Object + w.HeadNoun + w.NonAdverb
	case RoleObl:
		s += w.Oblique + w.HeadNoun
	case RolePoss:
		if m.SubjPoss {
			s += w.SubjPoss + w.NonAdverb
		} else {
			s += w.Possessor + w.NonAdverb
		}
	default:
		s += w.HeadNoun
	}
	return s
}

// cataphor finds the antecedent of a pronoun inside an opening phrase that
// precedes its sentence's subject: "In his list for the Review, Robert
// Christgau named ...", "Before his marriage, Rabbi Arieli studied ...".
func (r *resolution) cataphor(doc *document.Document, ms []Mention, u unionFind, cs []cluster, i int) int {
	if !r.W.Cataphora {
		return -1
	}
	p := &ms[i]
	if p.Sent < 0 || p.Case == "nom" {
		return -1
	}
	// With a parse: a possessive in a phrase fronted before the subject it
	// hangs on ("Following his release, Toshney signed ...").
	if st := r.governingSubject(doc, p); st > p.EndTok && p.Case == "poss" && doc.SentenceAt(doc.Tokens[st].Start) == p.Sent {
		for j := range ms {
			m := &ms[j]
			if m.Kind == KindName && st >= m.FirstTok && st < m.EndTok {
				if r.agrees(p, &cs[u.find(j)]) {
					return j
				}
				break
			}
		}
	}
	s := doc.Sentences[p.Sent]
	first := lowerForm(doc.Tokens[s.FirstToken])
	opener := r.Lex.preps[first] || r.Lex.clause[first] || strings.HasSuffix(first, "ing")
	if !opener {
		return -1
	}
	// No subject before the pronoun in the sentence.
	for j := range ms {
		if ms[j].Sent == p.Sent && ms[j].EndTok <= p.FirstTok && ms[j].Kind == KindName && ms[j].Role == RoleSubj {
			return -1
		}
	}
	// The first name after a comma that is not itself followed by a comma
	// (skipping "Irvington, NJ,").
	for j := range ms {
		m := &ms[j]
		if m.Sent != p.Sent || m.FirstTok <= p.EndTok || m.Kind != KindName || m.PreTok == 0 {
			continue
		}
		if doc.Tokens[m.PreTok-1].Form() != "," {
			continue
		}
		if m.EndTok < len(doc.Tokens) && doc.Tokens[m.EndTok].Form() == "," || m.Person < 0 {
			continue
		}
		if r.agrees(p, &cs[u.find(j)]) {
			return j
		}
		return -1
	}
	return -1
}

// sameMembers reports whether two groups coordinate the same chains.
func sameMembers(ms []Mention, u unionFind, a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if u.find(x) == u.find(y) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// dependents indexes the parse: the dependents of each token, or nil when
// the document is not parsed.
func dependents(doc *document.Document) [][]int {
	parsed := false
	for _, t := range doc.Tokens {
		if t.Deprel != "" {
			parsed = true
			break
		}
	}
	if !parsed {
		return nil
	}
	kids := make([][]int, len(doc.Tokens))
	for i, t := range doc.Tokens {
		if t.Head >= 0 && t.Head < len(kids) {
			kids[t.Head] = append(kids[t.Head], i)
		}
	}
	return kids
}

// governingSubject walks up the parse from pronoun p and returns the token
// of the first subject met (skipping the pronoun's own clause for a
// subject or object pronoun), or -1.
func (r *resolution) governingSubject(doc *document.Document, p *Mention) int {
	if r.kids == nil {
		return -1
	}
	tok := p.FirstTok
	skip := p.Case != "poss"
	for step, h := 0, doc.Tokens[tok].Head; h >= 0 && step < 12; step, h = step+1, doc.Tokens[h].Head {
		for _, k := range r.kids[h] {
			rel := doc.Tokens[k].Deprel
			if rel != "nsubj" && rel != "nsubj:pass" || k == tok {
				continue
			}
			if skip {
				continue
			}
			return k
		}
		// Leaving the pronoun's clause.
		switch base, _, _ := strings.Cut(doc.Tokens[h].Deprel, ":"); base {
		case "ccomp", "advcl", "xcomp", "acl", "conj", "parataxis", "csubj":
			skip = false
		}
	}
	return -1
}

// localSubject returns the token of the subject of the pronoun's clause,
// explicit or understood: a clause without its own subject (a participle,
// an infinitive, a coordinated verb) takes the subject of the clause it
// hangs on, and a relative pronoun stands for the noun the relative clause
// modifies. It returns -1 without a parse.
func (r *resolution) localSubject(doc *document.Document, p *Mention) int {
	if r.kids == nil {
		return -1
	}
	tok := p.FirstTok
	for step, h := 0, doc.Tokens[tok].Head; h >= 0 && step < 8; step, h = step+1, doc.Tokens[h].Head {
		for _, k := range r.kids[h] {
			rel := doc.Tokens[k].Deprel
			if rel != "nsubj" && rel != "nsubj:pass" || k == tok {
				continue
			}
			switch strings.ToLower(doc.Tokens[k].Form()) {
			case "who", "that", "which", "whom":
				if strings.HasPrefix(doc.Tokens[h].Deprel, "acl") {
					return doc.Tokens[h].Head
				}
				return -1
			}
			return k
		}
		switch base, _, _ := strings.Cut(doc.Tokens[h].Deprel, ":"); base {
		case "xcomp", "advcl", "conj", "acl":
			// no subject of its own: look at the clause it hangs on
		default:
			if doc.Tokens[h].UPOS == "VERB" || doc.Tokens[h].UPOS == "AUX" {
				return -1
			}
		}
	}
	return -1
}
