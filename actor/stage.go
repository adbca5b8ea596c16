package actor

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-news/parley/coref"
	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/segment"
)

// Stage links the mentions of a document to actors: names through the
// dictionary (with the role held on the publication date), unknown people
// and organisations to document-local actors described by their titles and
// appositions, and pronouns, descriptions and groups through coreference.
// It fills doc.Mentions, doc.Actors and Entity.Actor.
type Stage struct {
	Dict     *Dictionary
	Resolver *coref.Resolver
}

var _ pipeline.Stage = (*Stage)(nil)

// NewStage returns the linking stage over d (the embedded dictionary when
// nil).
func NewStage(d *Dictionary) (*Stage, error) {
	if d == nil {
		var err error
		if d, err = Default(); err != nil {
			return nil, err
		}
	}
	r, err := coref.NewResolver()
	if err != nil {
		return nil, err
	}
	return &Stage{Dict: d, Resolver: r}, nil
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "actor" }

// nameSpan is a dictionary or entity match over tokens [first, end).
type nameSpan struct {
	first, end int
	actor      *document.Actor
	person     int8
	gender     byte
	guess      byte // gender of a given name
	local      bool // no dictionary entry: identity from the text
}

// Process implements pipeline.Stage.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	if len(doc.Tokens) == 0 {
		doc.Sentences, doc.Tokens = segment.Segment(doc.Text)
	}
	if len(doc.Tokens) == 0 {
		return nil
	}
	on := doc.Published
	if on.IsZero() {
		on = time.Now().UTC().Truncate(24 * time.Hour)
	}
	l := &linker{s: s, doc: doc, on: on, adjCountry: map[int]string{}, actors: map[string]*document.Actor{}}
	l.matchDictionary()
	l.matchEntities()
	l.matchSectors()
	names := make([]coref.Name, 0, len(l.spans))
	for _, sp := range l.spans {
		names = append(names, coref.Name{First: sp.first, End: sp.end, Person: sp.person, Gender: sp.gender, GenderGuess: sp.guess, Entity: entityKey(sp)})
	}
	ms := s.Resolver.Lex.Mentions(doc, names)
	res := s.Resolver.Resolve(doc, ms)
	l.assign(ms, res)
	return ctx.Err()
}

func entityKey(sp *nameSpan) string {
	if sp.local || sp.actor == nil {
		return ""
	}
	return sp.actor.ID
}

type linker struct {
	s          *Stage
	doc        *document.Document
	on         time.Time
	spans      []*nameSpan
	adjCountry map[int]string // token -> country of an adjective or name used as a modifier
	actors     map[string]*document.Actor
	covered    []bool
	split      map[int]*document.Actor // plural pronouns with split antecedents
}

func (l *linker) form(i int) string { return l.doc.Tokens[i].Form() }

func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isWordToken(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// text returns the source text of tokens [i, j).
func (l *linker) text(i, j int) string {
	return l.doc.Text[l.doc.Tokens[i].Start:l.doc.Tokens[j-1].End]
}

var locative = map[string]bool{"in": true, "to": true, "from": true, "at": true, "near": true, "into": true, "across": true, "inside": true, "outside": true, "around": true, "throughout": true, "toward": true, "towards": true, "visited": true, "visit": true, "visiting": true}

// matchDictionary finds the longest dictionary names over the tokens.
func (l *linker) matchDictionary() {
	d := l.s.Dict
	toks := l.doc.Tokens
	l.covered = make([]bool, len(toks))
	fullNames := map[string]bool{} // persons named in full in the document
	type found struct {
		i, j int
		ms   []Match
	}
	var hits []found
	var keys spanKeys
	for i := 0; i < len(toks); i++ {
		f := l.form(i)
		if !isWordToken(f) || !isCapitalised(f) || !d.MayStart(l.text(i, i+1)) {
			continue
		}
		jmax := min(len(toks), i+d.MaxWords()+2)
		keys.build(l.doc, i, jmax)
		for j := jmax; j > i; j-- {
			if !isWordToken(l.form(j - 1)) {
				continue
			}
			// Most spans are no name: look the key up before building matches.
			if len(keys.refs(d, l.text(i, j), j)) == 0 {
				continue
			}
			ms := d.Lookup(l.text(i, j), l.on)
			// Sector words are not names; they are read with a country.
			ms = slices.DeleteFunc(ms, func(m Match) bool { return m.Via == ViaSector })
			if len(ms) == 0 {
				continue
			}
			hits = append(hits, found{i, j, ms})
			for _, m := range ms {
				if m.Via == ViaName && m.Entry.Kind == KindPerson {
					fullNames[m.Entry.ActorID()] = true
				}
			}
			i = j - 1
			break
		}
	}
	for _, h := range hits {
		m, ok := l.choose(h.ms, fullNames)
		if !ok {
			continue
		}
		switch m.Via {
		case ViaAdjective:
			for k := h.i; k < h.j; k++ {
				l.adjCountry[k] = m.Country
			}
			continue
		case ViaCapital:
			// "in Kyiv" is a place; "Kyiv said" is the government.
			if h.i > 0 && locative[strings.ToLower(l.form(h.i-1))] {
				continue
			}
		}
		sp := &nameSpan{first: h.i, end: h.j, actor: l.actorFor(m)}
		switch m.Entry.Kind {
		case KindPerson:
			sp.person = 1
			if m.Entry.Gender != "" {
				sp.gender = m.Entry.Gender[0]
			}
		default:
			sp.person = -1
			sp.gender = 'n'
		}
		if m.Entry.Kind == KindState && m.Via == ViaName {
			for k := h.i; k < h.j; k++ {
				l.adjCountry[k] = m.Country
			}
		}
		l.add(sp)
	}
}

// spanKeys holds the dictionary keys of the spans of tokens starting at
// one token, built in one pass over the text of the longest.
type spanKeys struct {
	buf  []byte
	ends []int // ends[j-i-1]: the length in buf of the key of tokens [i, j)
	i    int
	ok   bool // false: the text is not valid UTF-8 or splits a rune
	tmp  []byte
}

func (k *spanKeys) build(doc *document.Document, i, jmax int) {
	toks := doc.Tokens
	k.i, k.ends = i, k.ends[:0]
	k.ok = utf8.ValidString(doc.Text[toks[i].Start:toks[jmax-1].End])
	for t := i; t < jmax && k.ok; t++ {
		k.ok = utf8.RuneStart(doc.Text[toks[t].Start]) && (toks[t].End == len(doc.Text) || utf8.RuneStart(doc.Text[toks[t].End])) &&
			(t == i || toks[t-1].End <= toks[t].Start)
	}
	if !k.ok {
		return
	}
	w := keyWriter{buf: k.buf[:0]}
	for t := i; t < jmax; t++ {
		if t > i {
			w = w.write(doc.Text[toks[t-1].End:toks[t].Start])
		}
		w = w.write(doc.Text[toks[t].Start:toks[t].End])
		k.ends = append(k.ends, len(w.buf))
	}
	k.buf = w.buf
}

// refs returns the dictionary references under the key of text, the text
// of tokens [k.i, j).
func (k *spanKeys) refs(d *Dictionary, text string, j int) []ref {
	if !k.ok {
		var rs []ref
		rs, k.tmp = d.refs(k.tmp, text)
		return rs
	}
	return d.byKey[string(trimThe(k.buf[:k.ends[j-k.i-1]]))]
}

// choose picks the reading of a name: a listed name over a surname; a
// surname only when the full name is in the document or the person holds a
// role on the day and no other person shares it.
func (l *linker) choose(ms []Match, fullNames map[string]bool) (Match, bool) {
	if ms[0].Via != ViaSurname {
		return ms[0], true
	}
	var active []Match
	for _, m := range ms {
		if fullNames[m.Entry.ActorID()] {
			return m, true
		}
		if code, _, former := m.Entry.On(l.on); !former && code != m.Entry.Country && len(m.Entry.Roles) > 0 {
			for _, r := range m.Entry.Roles {
				if r.Active(l.on) {
					active = append(active, m)
					break
				}
			}
		}
	}
	if len(active) == 1 {
		return active[0], true
	}
	return Match{}, false
}

func (l *linker) add(sp *nameSpan) {
	for k := sp.first; k < sp.end; k++ {
		if l.covered[k] {
			return
		}
	}
	for k := sp.first; k < sp.end; k++ {
		l.covered[k] = true
	}
	l.spans = append(l.spans, sp)
}

// actorFor returns (creating it once) the document actor of a match.
func (l *linker) actorFor(m Match) *document.Actor {
	e := m.Entry
	a := &document.Actor{Name: e.Name, Code: m.Code, Country: m.Country, Role: m.Title, Known: true}
	switch e.Kind {
	case KindPerson:
		a.Kind = "person"
		a.ID = e.ActorID()
	case KindState:
		a.Kind = "state"
		a.ID = e.ActorID()
		if m.Sector != "" {
			a.ID += ":" + m.Sector
			a.Kind = "group"
			a.Name = e.Name + " " + sectorName(l.s.Dict, m.Sector)
			a.Role = sectorName(l.s.Dict, m.Sector)
		}
	case KindGroup:
		a.Kind = "group"
		a.ID = e.ActorID()
	default:
		a.Kind = "organisation"
		a.ID = e.ActorID()
	}
	return l.keep(a)
}

func sectorName(d *Dictionary, code string) string {
	if e := d.ByID("sector:" + code); e != nil {
		return e.Name
	}
	return code
}

func (l *linker) keep(a *document.Actor) *document.Actor {
	if old, ok := l.actors[a.ID]; ok {
		return old
	}
	l.actors[a.ID] = a
	return a
}

// matchEntities adds the NER entities the dictionary did not cover as
// document-local actors; without NER it falls back to capitalised names.
func (l *linker) matchEntities() {
	doc := l.doc
	if len(doc.Entities) > 0 {
		for _, e := range doc.Entities {
			i, j := doc.TokenAt(e.Start), doc.TokenAt(e.End-1)
			if i < 0 || j < 0 {
				continue
			}
			sp := &nameSpan{first: i, end: j + 1, local: true}
			switch e.Type {
			case "PER":
				sp.person = 1
				if g := l.s.Resolver.Lex.GivenGender(l.form(i)); g == 'm' || g == 'f' {
					sp.guess = g
				}
			case "ORG":
				// A capitalised word inside a quoted title ("State of the
				// Union") is a work, not an organisation.
				if l.insideQuotes(e.Start) {
					continue
				}
				sp.person = -1
				sp.gender = 'n'
			default:
				continue // places and miscellany are not actors
			}
			l.add(sp)
		}
		return
	}
	for _, n := range l.s.Resolver.Lex.CapitalizedNames(doc) {
		if n.Person < 0 {
			continue
		}
		adj := false
		for k := n.First; k < n.End; k++ {
			if _, ok := l.adjCountry[k]; ok {
				adj = true
			}
		}
		if adj {
			continue
		}
		l.add(&nameSpan{first: n.First, end: n.End, person: n.Person, gender: n.Gender, guess: n.GenderGuess, local: true})
	}
}

// matchSectors finds a country (name, adjective, possessive) followed by a
// sector word: "Russian military", "U.S. officials", "Ukraine's government".
func (l *linker) matchSectors() {
	d := l.s.Dict
	toks := l.doc.Tokens
	for i := 0; i < len(toks); i++ {
		c, ok := l.adjCountry[i]
		if !ok {
			continue
		}
		j := i
		for j < len(toks) && l.adjCountry[j] == c {
			j++
		}
		start := i
		if j < len(toks) && (l.form(j) == "'s" || l.form(j) == "'") {
			j++
		}
		for e := min(len(toks), j+3); e > j; e-- {
			ms := d.Lookup(l.text(j, e), l.on)
			var sector string
			for _, m := range ms {
				if m.Via == ViaSector {
					sector = m.Entry.ID
					break
				}
			}
			if sector == "" {
				continue
			}
			// A singular person noun ("an American history teacher", "the
			// Russian president") describes one person: coreference reads it.
			if _, _, plural, ok := l.s.Resolver.Lex.PersonNoun(l.text(j, e)); ok && !plural {
				break
			}
			// A title before a name ("Russian President Vladimir Putin")
			// belongs to the name.
			if e < len(toks) && l.covered[e] {
				break
			}
			if e < len(toks) && isCapitalised(l.form(e)) && isWordToken(l.form(e)) {
				break
			}
			st := d.Country(c)
			if st == nil {
				break
			}
			// Replace the country nameSpan by the country-and-sector nameSpan.
			l.spans = slices.DeleteFunc(l.spans, func(sp *nameSpan) bool {
				if sp.first >= start && sp.end <= j {
					for k := sp.first; k < sp.end; k++ {
						l.covered[k] = false
					}
					return true
				}
				return false
			})
			a := l.actorFor(Match{Entry: st, Via: ViaSeat, Code: c + sector, Country: c, Sector: sector})
			l.add(&nameSpan{first: start, end: e, actor: a, person: -1, gender: 'n'})
			i = e - 1
			break
		}
	}
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// assign gives every chain its actor and fills the document.
func (l *linker) assign(ms []coref.Mention, res coref.Result) {
	doc := l.doc
	spanAt := map[int]*nameSpan{}
	for _, sp := range l.spans {
		spanAt[sp.first] = sp
	}
	nChains := 0
	for _, c := range res.Chain {
		nChains = max(nChains, c+1)
	}
	chainActor := make([]*document.Actor, nChains)
	// Pass 1: names with dictionary actors.
	for i, m := range ms {
		if m.Kind != coref.KindName {
			continue
		}
		if sp := spanAt[m.FirstTok]; sp != nil && sp.actor != nil && chainActor[res.Chain[i]] == nil {
			chainActor[res.Chain[i]] = sp.actor
		}
	}
	// Pass 2: local people and organisations, described by titles and
	// appositions in their chain.
	for i, m := range ms {
		c := res.Chain[i]
		if m.Kind != coref.KindName || chainActor[c] != nil {
			continue
		}
		chainActor[c] = l.localActor(ms, res, c)
	}
	// Pass 3: groups ("Trump and Putin", "the two leaders") and
	// descriptions with a country ("Trump's envoy", "Russian officials").
	for i, m := range ms {
		c := res.Chain[i]
		if chainActor[c] != nil {
			continue
		}
		switch {
		case m.Kind == coref.KindGroup:
			var members []*document.Actor
			for _, x := range m.Members {
				if a := chainActor[res.Chain[x]]; a != nil {
					members = append(members, a)
				}
			}
			if len(members) == len(m.Members) {
				chainActor[c] = l.groupActor(members)
			}
		case m.Kind == coref.KindNominal && m.Sector != "":
			country := l.countryOf(m, ms, res, chainActor)
			if country == "" {
				continue
			}
			a := &document.Actor{ID: "local:" + strings.ToLower(country+m.Sector) + ":" + slug(m.Titles[0]), Name: m.Text, Kind: "group", Code: country + m.Sector, Country: country, Role: m.Titles[0]}
			if !m.Plural {
				a.Kind = "person"
				a.ID = fmt.Sprintf("local:%s:%d", slug(m.Titles[0]), i)
			}
			chainActor[c] = l.keep(a)
		}
	}
	l.splitAntecedents(ms, res, chainActor)
	// A pronoun with split antecedents joins the chain of its group, or
	// starts one.
	groupChain := map[string]int{}
	for c, a := range chainActor {
		if a != nil {
			if _, ok := groupChain[a.ID]; !ok {
				groupChain[a.ID] = c
			}
		}
	}
	used := map[string]bool{}
	doc.Mentions = doc.Mentions[:0]
	for i, m := range ms {
		a := chainActor[res.Chain[i]]
		chain := res.Chain[i]
		if sa, ok := l.split[i]; ok {
			a = sa
			c, ok := groupChain[sa.ID]
			if !ok {
				c = nChains
				nChains++
				groupChain[sa.ID] = c
			}
			chain = c
		}
		if m.Kind == coref.KindPronoun && a == nil {
			continue // an unresolved pronoun says nothing
		}
		dm := document.Mention{Span: m.Span, Text: m.Text, Kind: m.Kind, Chain: chain}
		if a != nil {
			dm.Actor = a.ID
			used[a.ID] = true
		}
		doc.Mentions = append(doc.Mentions, dm)
	}
	for i := range doc.Entities {
		e := &doc.Entities[i]
		for _, m := range doc.Mentions {
			if m.Actor != "" && m.Kind == coref.KindName && m.Span.Overlaps(e.Span) {
				e.Actor = m.Actor
				break
			}
		}
	}
	doc.Actors = doc.Actors[:0]
	ids := make([]string, 0, len(used))
	for id := range used {
		ids = append(ids, id)
	}
	// Actors in order of first mention.
	first := map[string]int{}
	for i, m := range doc.Mentions {
		if _, ok := first[m.Actor]; !ok && m.Actor != "" {
			first[m.Actor] = i
		}
	}
	slices.SortFunc(ids, func(a, b string) int { return first[a] - first[b] })
	for _, id := range ids {
		doc.Actors = append(doc.Actors, *l.actors[id])
	}
}

// countryOf finds the country of a description: an adjective inside it
// ("Russian officials") or its possessor ("Trump's envoy").
func (l *linker) countryOf(m coref.Mention, ms []coref.Mention, res coref.Result, chainActor []*document.Actor) string {
	for k := m.PreTok; k < m.EndTok; k++ {
		if c, ok := l.adjCountry[k]; ok {
			return c
		}
	}
	if m.Possessor >= 0 {
		if a := chainActor[res.Chain[m.Possessor]]; a != nil {
			return a.Country
		}
	}
	return ""
}

// localActor builds the actor of a chain of names not in the dictionary,
// from what the text says of it: a title or an apposition with a country
// adjective and a sector ("Marc Fogel, an American history teacher" is a
// US civilian).
func (l *linker) localActor(ms []coref.Mention, res coref.Result, c int) *document.Actor {
	var name, country, sector, title string
	person := int8(0)
	for i, m := range ms {
		if res.Chain[i] != c {
			continue
		}
		if m.Kind == coref.KindName && len(m.Text) > len(name) {
			name = m.Text
		}
		if m.Person != 0 && person == 0 {
			person = m.Person
		}
		if sector == "" && m.Sector != "" {
			sector, title = m.Sector, m.Titles[0]
		}
		for k := m.PreTok; k < m.EndTok && country == ""; k++ {
			if cc, ok := l.adjCountry[k]; ok {
				country = cc
			}
		}
	}
	if name == "" {
		return nil
	}
	a := &document.Actor{ID: "local:" + slug(name), Name: name, Kind: "person", Country: country, Role: title}
	if person < 0 {
		a.Kind = "organisation"
	}
	if country != "" {
		if sector == "" && a.Kind == "person" {
			sector = "CVL"
		}
		a.Code = country + sector
	}
	return l.keep(a)
}

// groupActor is the actor of coordinated actors ("Trump and Putin").
func (l *linker) groupActor(members []*document.Actor) *document.Actor {
	members = slices.Clone(members)
	slices.SortFunc(members, func(a, b *document.Actor) int { return strings.Compare(a.ID, b.ID) })
	ids := make([]string, len(members))
	names := make([]string, len(members))
	codes := make([]string, 0, len(members))
	for i, m := range members {
		ids[i], names[i] = m.ID, m.Name
		if m.Code != "" && !slices.Contains(codes, m.Code) {
			codes = append(codes, m.Code)
		}
	}
	a := &document.Actor{ID: "group:" + strings.Join(ids, "+"), Name: strings.Join(names, " and "), Kind: "group", Members: ids}
	if len(codes) == 1 {
		a.Code = codes[0]
	}
	a.Role = "group of " + strings.Join(ids, ", ")
	return l.keep(a)
}

// splitAntecedents gives a plural pronoun that coreference left without a
// group of people ("Trump had a call with Putin. Trump described their
// discussion.") the group of the two people last mentioned before it in
// its sentence and the one before.
func (l *linker) splitAntecedents(ms []coref.Mention, res coref.Result, chainActor []*document.Actor) {
	l.split = map[int]*document.Actor{}
	for i, m := range ms {
		if m.Kind != coref.KindPronoun || !m.Plural {
			continue
		}
		if a := chainActor[res.Chain[i]]; a != nil && a.Kind == "group" && strings.HasPrefix(a.ID, "group:") {
			continue
		}
		var people []*document.Actor
		for j := i - 1; j >= 0 && len(people) < 2; j-- {
			c := ms[j]
			if m.Sent-c.Sent > 1 {
				break
			}
			a := chainActor[res.Chain[j]]
			if a == nil || a.Kind != "person" || c.Kind == coref.KindGroup || slices.Contains(people, a) {
				continue
			}
			people = append(people, a)
		}
		if len(people) == 2 {
			slices.Reverse(people)
			l.split[i] = l.groupActor(people)
		}
	}
}

// insideQuotes reports whether byte offset off lies inside a quotation
// opened earlier in its sentence.
func (l *linker) insideQuotes(off int) bool {
	si := l.doc.SentenceAt(off)
	if si < 0 {
		return false
	}
	before := l.doc.Text[l.doc.Sentences[si].Start:off]
	if strings.Count(before, "“") > strings.Count(before, "”") {
		return true
	}
	return strings.Count(before, `"`)%2 == 1
}
