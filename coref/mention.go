package coref

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// Role is a mention's grammatical role in its clause, the main source of
// salience in Lappin and Leass's (1994) pronoun resolution.
type Role uint8

// Roles, from most to least salient.
const (
	RoleOther Role = iota
	RoleSubj
	RoleObj
	RoleObl
	RolePoss
)

// Kinds of mention.
const (
	KindName    = "name"
	KindNominal = "nominal"
	KindPronoun = "pronoun"
	KindGroup   = "group" // coordinated mentions: "Trump and Putin"
)

// Mention is one reference to an entity, with the features the resolver
// reads. Token indexes point into Document.Tokens.
type Mention struct {
	document.Span
	Text     string
	Kind     string
	FirstTok int // first token
	EndTok   int // one past the last token
	// PreTok is the first token of the premodifiers of a name ("French
	// President" in "French President Emmanuel Macron"); PreTok == FirstTok when
	// there are none.
	PreTok int
	Sent   int
	Clause int
	// Gender is 'm', 'f', 'n' (not a person) or 0 (unknown).
	Gender byte
	// GenderGuess is the gender of a given name ("Mary"): weaker evidence
	// than a title, a pronoun or the dictionary.
	GenderGuess byte
	Plural      bool
	// Person is 1 for a person, -1 for a state, organisation or place, 0
	// when unknown.
	Person int8
	Role   Role
	// SubjPoss marks a possessor inside a subject ("Trump's first call").
	SubjPoss bool
	Case     string   // pronoun case: nom, acc, poss, posspro, refl
	Words    []string // lower-cased words of a name
	// Titles are the person nouns said of the mention: a title before a
	// name, an apposition, the head of a nominal.
	Titles []string
	Sector string
	// Definite marks a nominal with the, this, that or a possessor.
	Definite bool
	// Count is the number said of a plural nominal ("the two leaders").
	Count int
	// Members are the indexes of the mentions a group coordinates.
	Members []int
	// InGroup is the index of the group holding the mention, or -1.
	InGroup int
	// Possessor is the index of the mention owning a nominal ("Trump's
	// envoy"), or -1.
	Possessor int
	// Appos is the index of the mention this one stands in apposition
	// with, or -1.
	Appos int
	// Entity is an identity key set by the caller (a dictionary id):
	// mentions with the same non-empty key corefer, different keys never.
	Entity   string
	Headline bool
	// Paren marks a mention inside parentheses, which is less salient.
	Paren bool
	// RelClause is the clause of a relative clause the mention is the
	// subject of ("John Brown, who defended his record"), or 0.
	RelClause int
}

// Name is a name span found by another component (NER, a dictionary)
// handed to Mentions in place of capitalisation heuristics.
type Name struct {
	First, End int
	Person     int8
	Gender     byte
	// GenderGuess is the gender of the first word as a given name.
	GenderGuess byte
	Plural      bool
	Entity      string
}

func lowerForm(t document.Token) string { return strings.ToLower(t.Form()) }

// lowerForms returns the lower-cased form of every token of doc, computed
// once for the many lookups of one document.
func lowerForms(doc *document.Document) []string {
	lw := make([]string, len(doc.Tokens))
	for i, t := range doc.Tokens {
		lw[i] = strings.ToLower(t.Form())
	}
	return lw
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isPossClitic(t document.Token) bool {
	f := t.Form()
	return f == "'s" || f == "'" && t.Start > 0
}

// nonNamePOS are the parts of speech that never start a name.
var nonNamePOS = map[string]bool{"ADP": true, "DET": true, "PRON": true, "VERB": true, "AUX": true, "ADV": true, "SCONJ": true, "CCONJ": true, "ADJ": true, "NUM": true, "INTJ": true}

var monthOrDay = map[string]bool{"january": true, "february": true, "march": true, "april": true, "june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// nameConnectors may appear in lower case inside a personal name.
var nameConnectors = map[string]bool{"de": true, "van": true, "von": true, "der": true, "da": true, "del": true, "di": true, "la": true, "le": true, "bin": true, "al": true, "ibn": true, "du": true, "dos": true}

// CapitalizedNames finds name spans from capitalisation alone: maximal
// runs of capitalised words, without sentence-initial function words,
// titles and headline lines.
func (l *Lexicon) CapitalizedNames(doc *document.Document) []Name {
	return l.capitalizedNames(doc, lowerForms(doc))
}

func (l *Lexicon) capitalizedNames(doc *document.Document, lw []string) []Name {
	var out []Name
	lowerSeen := map[string]bool{}
	capSeen := map[string]int{}
	for _, t := range doc.Tokens {
		if f := t.Form(); !isCap(f) {
			lowerSeen[f] = true
		} else {
			capSeen[f]++
		}
	}
	for si, s := range doc.Sentences {
		if s.Headline {
			continue
		}
		i := s.FirstToken
		for i < s.EndToken {
			if !isCap(doc.Tokens[i].Form()) || !isWord(doc.Tokens[i].Form()) {
				i++
				continue
			}
			j := i
			for j < s.EndToken {
				f := doc.Tokens[j].Form()
				if isCap(f) && isWord(f) {
					j++
					continue
				}
				if nameConnectors[f] && j+1 < s.EndToken && isCap(doc.Tokens[j+1].Form()) && j > i {
					j++
					continue
				}
				if f == "-" && j > i && j+1 < s.EndToken && isCap(doc.Tokens[j+1].Form()) && doc.Tokens[j].Start == doc.Tokens[j-1].End {
					j++
					continue
				}
				break
			}
			out = append(out, l.nameFromRun(doc, lw, si, i, j, lowerSeen, capSeen)...)
			i = j
		}
	}
	return out
}

func (l *Lexicon) nameFromRun(doc *document.Document, lw []string, si, i, j int, lowerSeen map[string]bool, capSeen map[string]int) []Name {
	s := doc.Sentences[si]
	// Drop function words and titles at the front. A name after a
	// capitalised "The" or a day or month name is a work, an event or a
	// place ("The Room", "Sunday Night").
	notPerson := false
	for i < j {
		w := lw[i]
		if l.stop[w] || l.preps[w] || l.clause[w] || nonNamePOS[doc.Tokens[i].UPOS] {
			if w == "the" && i > s.FirstToken || monthOrDay[w] {
				notPerson = true
			}
			i++
			continue
		}
		if l.nouns[w] != nil && l.nouns[w].Title {
			i++
			continue
		}
		if i+1 < j && l.nouns[w+" "+lw[i+1]] != nil {
			i += 2
			continue
		}
		break
	}
	// A title inside the run starts the name after it ("Massachusetts
	// Governor Charlie Baker").
	for k := j - 2; k > i; k-- {
		if n := l.nouns[lw[k]]; n != nil && n.Title {
			i = k + 1
			break
		}
	}
	if i >= j {
		return nil
	}
	// A lone sentence-initial word is a name only when it is a given name,
	// is written capitalised elsewhere in the text, or is followed by a
	// verb-like word ("Rank has produced"); otherwise it is an ordinary
	// word ("Together with her", "Dumped her boyfriend").
	if j-i == 1 && i == s.FirstToken && doc.Tokens[i].UPOS == "" {
		f := doc.Tokens[i].Form()
		ok := l.given[lw[i]] != 0 || capSeen[f] > 1
		if !ok && j < s.EndToken {
			nx := lw[j]
			ok = l.aux[nx] || nx == "'s" || nx == "said" || nx == "says" || strings.HasSuffix(nx, "ed") || strings.HasSuffix(nx, "s") && !strings.HasSuffix(nx, "ss")
		}
		if !ok || lowerSeen[lw[i]] || strings.HasSuffix(f, "ing") || strings.HasSuffix(f, "ly") {
			return nil
		}
	}
	// A capitalised word after "a" or "an" is a description ("a devout
	// Catholic"), and a run inside quotation marks is a title of a work.
	for k := i - 1; k >= s.FirstToken && k >= i-3; k-- {
		w := lw[k]
		if w == "a" || w == "an" {
			return nil
		}
		if isCap(doc.Tokens[k].Form()) || !isWord(w) || l.stop[w] || l.preps[w] {
			break
		}
	}
	if i > s.FirstToken {
		switch doc.Tokens[i-1].Form() {
		case "\"", "``", "'", "“", "‘", "''":
			notPerson = true
		}
	}
	n := Name{First: i, End: j}
	if notPerson {
		n.Person = -1
		return []Name{n}
	}
	first := lw[i]
	if g := l.given[first]; g != 0 {
		n.Person = 1
		if g != 'x' {
			n.GenderGuess = g
		}
	}
	for k := i; k < j; k++ {
		if l.orgWords[lw[k]] {
			n.Person, n.Gender = -1, 'n'
		}
	}
	if n.Person == 0 && i > s.FirstToken {
		switch prev := lw[i-1]; prev {
		case "in", "at", "near":
			n.Person = -1
		case "of":
			// "Earl of Northumberland", "University of Pittsburgh"
			if i-2 >= s.FirstToken {
				w := lw[i-2]
				if l.orgWords[w] || l.nouns[w] != nil && l.nouns[w].Title {
					n.Person = -1
				}
			}
		}
	}
	return []Name{n}
}

// Mentions finds the mentions of doc: the given names (or, when names is
// nil, capitalised names), pronouns, nominals headed by a person noun, and
// groups of coordinated mentions. It fills grammatical roles from the
// dependency parse when the tokens carry one, and from word order when not.
func (l *Lexicon) Mentions(doc *document.Document, names []Name) []Mention {
	lw := lowerForms(doc)
	if names == nil {
		names = l.capitalizedNames(doc, lw)
	}
	covered := make([]int, len(doc.Tokens)) // 1 + index of name covering a token
	var ms []Mention
	slices.SortFunc(names, func(a, b Name) int { return a.First - b.First })
	for _, n := range names {
		if n.First < 0 || n.End > len(doc.Tokens) || n.First >= n.End || covered[n.First] != 0 {
			continue
		}
		m := l.newMention(doc, KindName, n.First, n.End)
		m.Person, m.Gender, m.Plural, m.Entity, m.GenderGuess = n.Person, n.Gender, n.Plural, n.Entity, n.GenderGuess
		for k := n.First; k < n.End; k++ {
			covered[k] = len(ms) + 1
			if isWord(doc.Tokens[k].Form()) {
				m.Words = append(m.Words, lw[k])
			}
		}
		l.attachTitles(doc, lw, &m)
		ms = append(ms, m)
	}
	for i, t := range doc.Tokens {
		if covered[i] != 0 {
			continue
		}
		w := lw[i]
		p, ok := l.pronouns[w]
		if !ok || !isWord(t.Form()) {
			continue
		}
		m := l.newMention(doc, KindPronoun, i, i+1)
		m.Gender, m.Plural, m.Case = p.Gender, p.Plural, p.Case
		if p.Gender == 'x' {
			m.Gender = 0
		}
		if p.Gender == 'm' || p.Gender == 'f' {
			m.Person = 1
		}
		if p.Gender == 'n' {
			m.Person = -1
		}
		if w == "her" && i+1 < len(doc.Tokens) {
			nx := lw[i+1]
			if isWord(nx) && !l.preps[nx] && !l.clause[nx] && !l.stop[nx] {
				m.Case = "poss"
			}
		}
		ms = append(ms, m)
	}
	ms = append(ms, l.nominals(doc, lw, covered, ms)...)
	slices.SortStableFunc(ms, func(a, b Mention) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	markParens(doc, ms)
	l.appositions(doc, lw, ms)
	ms = l.groups(doc, lw, ms)
	l.roles(doc, lw, ms)
	return ms
}

func (l *Lexicon) newMention(doc *document.Document, kind string, first, end int) Mention {
	m := Mention{Kind: kind, FirstTok: first, EndTok: end, PreTok: first, InGroup: -1, Possessor: -1, Appos: -1}
	m.Start, m.End = doc.Tokens[first].Start, doc.Tokens[end-1].End
	m.Text = doc.Text[m.Start:m.End]
	m.Sent = doc.SentenceAt(m.Start)
	if m.Sent >= 0 {
		m.Headline = doc.Sentences[m.Sent].Headline
	}
	return m
}

// attachTitles reads the titles and capitalised modifiers before a name
// ("Russian President Vladimir Putin").
func (l *Lexicon) attachTitles(doc *document.Document, lw []string, m *Mention) {
	sentStart := 0
	if m.Sent >= 0 {
		sentStart = doc.Sentences[m.Sent].FirstToken
	}
	k := m.FirstTok - 1
	for k >= sentStart {
		w := lw[k]
		if k > sentStart {
			if n := l.nouns[lw[k-1]+" "+w]; n != nil {
				l.addTitle(m, n)
				k -= 2
				m.PreTok = k + 1
				continue
			}
		}
		if n := l.nouns[w]; n != nil {
			l.addTitle(m, n)
			m.PreTok = k
			k--
			continue
		}
		// Modifiers of a title: "special" envoy, "Russian" President, "former".
		if k < m.PreTok && len(m.Titles) > 0 && isWord(doc.Tokens[k].Form()) && !l.stop[w] && !l.preps[w] && !l.clause[w] && !l.pronounLike(w) {
			if isCap(doc.Tokens[k].Form()) || w == "special" || w == "former" || w == "foreign" || w == "deputy" {
				m.PreTok = k
				k--
				continue
			}
		}
		break
	}
}

func (l *Lexicon) pronounLike(w string) bool { _, ok := l.pronouns[w]; return ok }

func (l *Lexicon) addTitle(m *Mention, n *personNoun) {
	m.Titles = append(m.Titles, n.Singular)
	if n.Sector != "" && m.Sector == "" {
		m.Sector = n.Sector
	}
	if n.Gender != 0 && m.Gender == 0 {
		m.Gender = n.Gender
	}
	if m.Person == 0 && m.Kind == KindName {
		m.Person = 1
	}
}

var determiners = map[string]bool{"the": true, "this": true, "that": true, "these": true, "those": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true, "our": true, "both": true}

var copulas = map[string]bool{"is": true, "was": true, "became": true, "becomes": true, "remains": true, "remained": true}

var numerals = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}

// nominals finds noun phrases headed by a person noun.
func (l *Lexicon) nominals(doc *document.Document, lw []string, covered []int, names []Mention) []Mention {
	var out []Mention
	var buf []byte
	for si, s := range doc.Sentences {
		for i := s.FirstToken; i < s.EndToken; i++ {
			if covered[i] != 0 {
				continue
			}
			// Longest person noun starting at i, none of its words in a name.
			var n *personNoun
			end := i
			for k := min(l.maxNounWords, s.EndToken-i); k >= 1; k-- {
				if slices.ContainsFunc(covered[i:i+k], func(c int) bool { return c != 0 }) {
					continue
				}
				var cand *personNoun
				if k == 1 {
					cand = l.nouns[lw[i]]
				} else if l.nounStarts[lw[i]] {
					buf = append(buf[:0], lw[i]...)
					for x := i + 1; x < i+k; x++ {
						buf = append(append(buf, ' '), lw[x]...)
					}
					cand = l.nouns[string(buf)]
				}
				if cand != nil {
					n, end = cand, i+k
					break
				}
			}
			if n == nil {
				continue
			}
			// A title directly before a name belongs to the name.
			if end < s.EndToken && covered[end] != 0 {
				i = end - 1
				continue
			}
			// The noun must head its phrase: "his official biography" is
			// not a person.
			if end < s.EndToken && !l.headsPhrase(doc.Tokens[end], lw[end]) {
				i = end - 1
				continue
			}
			form := strings.ToLower(doc.Text[doc.Tokens[i].Start:doc.Tokens[end-1].End])
			plural := n.Plural != "" && form == n.Plural && n.Plural != n.Singular
			// Find a determiner, possessor or numeral to the left over at
			// most three modifiers.
			start := i
			definite, count, possessor := false, 0, -1
			found := false
			for k := i - 1; k >= s.FirstToken && k >= i-4; k-- {
				w := lw[k]
				if c, ok := numerals[w]; ok {
					count = c
					start = k
					continue
				}
				if determiners[w] {
					start, found = k, true
					definite = w != "a" && w != "an"
					break
				}
				if isPossClitic(doc.Tokens[k]) && k > s.FirstToken && covered[k-1] != 0 {
					start, found, definite = k, true, true
					possessor = covered[k-1] - 1
					start = names[possessor].PreTok
					break
				}
				if covered[k] != 0 || !isWord(w) || l.preps[w] || l.clause[w] || l.stop[w] && !determiners[w] {
					break
				}
				start = k
			}
			if !found && !plural {
				i = end - 1
				continue
			}
			if !found {
				start = i
				if count > 0 {
					// keep the numeral
					for k := i - 1; k >= s.FirstToken; k-- {
						if _, ok := numerals[lw[k]]; ok {
							start = k
						} else {
							break
						}
					}
				}
			}
			m := l.newMention(doc, KindNominal, start, end)
			m.Sent = si
			m.Plural, m.Definite, m.Count = plural, definite, count
			m.Titles = []string{n.Singular}
			m.Sector, m.Gender, m.Person = n.Sector, n.Gender, 1
			if possessor >= 0 {
				// Index into the final slice is fixed after sorting; keep the
				// possessor's span for now.
				m.Possessor = -2 - names[possessor].Start
			}
			out = append(out, m)
			i = end - 1
		}
	}
	return out
}

// appositions links "NAME, a|an|the ... NOUN," and "X's TITLE, NAME" pairs,
// and resolves nominal possessors to mention indexes.
func (l *Lexicon) appositions(doc *document.Document, lw []string, ms []Mention) {
	byStart := map[int]int{}
	byFirst := map[int]int{}
	for i, m := range ms {
		if _, ok := byStart[m.Start]; !ok {
			byStart[m.Start] = i
		}
		// A description starting with a possessor ("Russia's deputy
		// foreign minister") keeps its first token against the possessor.
		for _, k := range []int{m.PreTok, m.FirstTok} {
			if old, ok := byFirst[k]; ok && ms[old].Kind == KindNominal && m.Kind != KindNominal {
				continue
			}
			byFirst[k] = i
		}
	}
	for i := range ms {
		if ms[i].Possessor <= -2 {
			ms[i].Possessor = byStart[-2-ms[i].Possessor]
		}
	}
	// Predicate nominals: "Carol Beier is a Kansas Supreme Court Justice".
	for i := range ms {
		a := &ms[i]
		if a.Kind != KindName || a.EndTok+1 >= len(doc.Tokens) || a.Appos >= 0 {
			continue
		}
		if !copulas[lw[a.EndTok]] {
			continue
		}
		j, ok := byFirst[a.EndTok+1]
		if !ok || ms[j].Kind != KindNominal || ms[j].Plural || ms[j].Possessor >= 0 || ms[j].Appos >= 0 {
			continue
		}
		b := &ms[j]
		if b.Gender != 0 && a.Gender != 0 && b.Gender != a.Gender {
			continue
		}
		b.Appos, a.Appos = i, j
		a.Titles = append(a.Titles, b.Titles...)
		if a.Sector == "" {
			a.Sector = b.Sector
		}
		if a.Gender == 0 {
			a.Gender = b.Gender
		}
		if a.Person == 0 {
			a.Person = 1
		}
	}
	for i := range ms {
		a := &ms[i]
		if a.Kind != KindName && a.Kind != KindNominal {
			continue
		}
		c := a.EndTok
		if c >= len(doc.Tokens) || doc.Tokens[c].Form() != "," || c+1 >= len(doc.Tokens) {
			continue
		}
		j, ok := byFirst[c+1]
		if !ok || j == i {
			continue
		}
		b := &ms[j]
		// Name followed by a nominal, or nominal followed by a name.
		if !(a.Kind == KindName && b.Kind == KindNominal && !b.Plural || a.Kind == KindNominal && b.Kind == KindName && !a.Plural) {
			continue
		}
		// The apposition must close with a comma, a period or the sentence end.
		if b.EndTok < len(doc.Tokens) && b.Sent == a.Sent {
			f := doc.Tokens[b.EndTok].Form()
			if b.Kind == KindNominal && f != "," && f != "." && f != ";" {
				// "an American history teacher" may run on: accept any noun
				// phrase end followed by a comma within three words.
				ok := false
				for k := b.EndTok; k < min(b.EndTok+3, len(doc.Tokens)); k++ {
					if doc.Tokens[k].Form() == "," {
						ok = true
						break
					}
				}
				if !ok {
					continue
				}
			}
		}
		name, nom := a, b
		if a.Kind == KindNominal {
			name, nom = b, a
		}
		nom.Appos = indexOf(ms, name)
		name.Appos = indexOf(ms, nom)
		name.Titles = append(name.Titles, nom.Titles...)
		if name.Sector == "" {
			name.Sector = nom.Sector
		}
		if name.Gender == 0 && nom.Gender != 0 {
			name.Gender = nom.Gender
		}
		if name.Person == 0 {
			name.Person = 1
		}
	}
}

func indexOf(ms []Mention, m *Mention) int {
	for i := range ms {
		if &ms[i] == m {
			return i
		}
	}
	return -1
}

// groups adds a group mention for two person mentions joined by "and".
func (l *Lexicon) groups(doc *document.Document, lw []string, ms []Mention) []Mention {
	byPre := map[int]int{}
	byEnd := map[int]int{}
	for i, m := range ms {
		if m.Kind == KindName || m.Kind == KindPronoun && m.Case != "poss" || m.Kind == KindNominal && !m.Plural {
			if _, ok := byPre[m.PreTok]; !ok {
				byPre[m.PreTok] = i
			}
			byEnd[m.EndTok] = i
		}
	}
	var add []Mention
	for i := range doc.Tokens {
		if lw[i] != "and" {
			continue
		}
		a, okA := byEnd[i]
		b, okB := byPre[i+1]
		if !okA || !okB || ms[a].Sent != ms[b].Sent {
			continue
		}
		// "... helps Ajay and he visits": a subject pronoun after "and"
		// opens a clause.
		if ms[b].Kind == KindPronoun && ms[b].Case == "nom" {
			continue
		}
		// People with people, or states and organisations with their kind.
		pa, pb := ms[a].Person, ms[b].Person
		if pa < 0 != (pb < 0) || pa == 0 && pb == 0 {
			continue
		}
		g := l.newMention(doc, KindGroup, ms[a].PreTok, ms[b].EndTok)
		g.Plural, g.Person, g.Count = true, 1, 2
		if pa < 0 {
			g.Person, g.Gender = -1, 'n'
		}
		g.Members = []int{a, b}
		add = append(add, g)
	}
	if len(add) == 0 {
		return ms
	}
	out := append(ms, add...)
	// Re-sort and fix the indexes that point into the slice.
	type keyed struct {
		m   Mention
		old int
	}
	ks := make([]keyed, len(out))
	for i, m := range out {
		ks[i] = keyed{m, i}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if a.m.Start != b.m.Start {
			return a.m.Start - b.m.Start
		}
		return b.m.End - a.m.End
	})
	remap := make([]int, len(out))
	for i, k := range ks {
		remap[k.old] = i
	}
	fix := func(x int) int {
		if x < 0 {
			return x
		}
		return remap[x]
	}
	res := make([]Mention, len(out))
	for i, k := range ks {
		m := k.m
		m.Appos, m.Possessor, m.InGroup = fix(m.Appos), fix(m.Possessor), fix(m.InGroup)
		if m.Members != nil {
			mem := make([]int, len(m.Members))
			for j, x := range m.Members {
				mem[j] = remap[x]
			}
			m.Members = mem
		}
		res[i] = m
	}
	for i, m := range res {
		for _, x := range m.Members {
			res[x].InGroup = i
		}
	}
	return res
}

// roles fills Role and Clause for every mention.
func (l *Lexicon) roles(doc *document.Document, lw []string, ms []Mention) {
	parsed := false
	for _, t := range doc.Tokens {
		if t.Deprel != "" {
			parsed = true
			break
		}
	}
	// Clause ids: a new clause starts after a clause marker, a comma, a
	// semicolon, a colon or a quotation mark.
	// Commas around an apposition do not end the clause.
	transparent := map[int]bool{}
	for _, m := range ms {
		if m.Appos < 0 || m.Kind != KindName {
			continue
		}
		transparent[m.EndTok] = true
		a := ms[m.Appos]
		for k := a.EndTok; k < min(a.EndTok+4, len(doc.Tokens)); k++ {
			if doc.Tokens[k].Form() == "," {
				transparent[k] = true
				break
			}
		}
	}
	clause := make([]int, len(doc.Tokens))
	c := 0
	for _, s := range doc.Sentences {
		c++
		for i := s.FirstToken; i < s.EndToken; i++ {
			f := lw[i]
			if i > s.FirstToken && !transparent[i] && (l.clause[f] || f == "," || f == ";" || f == ":" || f == `"` || f == "--" || f == "-") {
				c++
			}
			clause[i] = c
		}
	}
	firstInClause := map[int]int{}
	for i := range ms {
		m := &ms[i]
		m.Clause = clause[m.FirstTok]
		if _, ok := firstInClause[m.Clause]; !ok && m.InGroup < 0 {
			firstInClause[m.Clause] = i
		}
	}
	// A relative pronoun right after a mention makes it the subject of the
	// relative clause.
	for i := range ms {
		k := ms[i].EndTok
		if k < len(doc.Tokens) && doc.Tokens[k].Form() == "," {
			k++
		}
		if k < len(doc.Tokens) && ms[i].Kind != KindPronoun {
			if lw[k] == "who" {
				ms[i].RelClause = clause[k]
			}
		}
	}
	for i := range ms {
		m := &ms[i]
		if parsed {
			m.Role = roleFromDeprel(doc, m)
			if m.Role == RoleOther {
				// Parser relations without a role (appositions, roots,
				// lists): read the role from word order.
				m.Role = l.roleFromOrder(doc, lw, ms, i, firstInClause)
			}
		} else {
			m.Role = l.roleFromOrder(doc, lw, ms, i, firstInClause)
		}
	}
	// Group members and appositions share the role of their anchor.
	for i := range ms {
		if g := ms[i].InGroup; g >= 0 {
			ms[i].Role = ms[g].Role
		}
	}
	for i := range ms {
		if a := ms[i].Appos; a >= 0 && ms[i].Kind == KindNominal && ms[a].Kind == KindName {
			ms[i].Role = ms[a].Role
		}
		if ms[i].Role == RolePoss {
			// A possessor whose noun phrase opens the clause sits in the subject.
			if fi, ok := firstInClause[ms[i].Clause]; ok && fi == i {
				ms[i].SubjPoss = true
			}
		}
	}
}

func roleFromDeprel(doc *document.Document, m *Mention) Role {
	// The head of the mention is the token whose own head lies outside it.
	h := m.EndTok - 1
	for k := m.FirstTok; k < m.EndTok; k++ {
		hd := doc.Tokens[k].Head
		if hd < m.FirstTok || hd >= m.EndTok {
			h = k
			break
		}
	}
	rel := doc.Tokens[h].Deprel
	if rel == "conj" && doc.Tokens[h].Head >= 0 {
		rel = doc.Tokens[doc.Tokens[h].Head].Deprel
	}
	base, _, _ := strings.Cut(rel, ":")
	switch {
	case rel == "nmod:poss":
		return RolePoss
	case base == "nsubj" || base == "csubj":
		return RoleSubj
	case base == "obj" || base == "iobj":
		return RoleObj
	case base == "obl" || base == "nmod":
		return RoleObl
	}
	return RoleOther
}

func (l *Lexicon) roleFromOrder(doc *document.Document, lw []string, ms []Mention, i int, firstInClause map[int]int) Role {
	m := &ms[i]
	if m.Kind == KindPronoun {
		switch m.Case {
		case "poss":
			return RolePoss
		case "nom":
			return RoleSubj
		}
	}
	if m.EndTok < len(doc.Tokens) && isPossClitic(doc.Tokens[m.EndTok]) {
		return RolePoss
	}
	if m.PreTok > 0 {
		if p := lw[m.PreTok-1]; l.preps[p] && !l.clause[p] {
			return RoleObl
		}
	}
	if doc.Tokens[m.FirstTok].UPOS != "" {
		// Tagged: a subject comes before the first verb of its clause.
		for k := m.PreTok - 1; k >= 0 && k >= m.FirstTok-12; k-- {
			if l.clauseStart(doc, lw, k) {
				break
			}
			if u := doc.Tokens[k].UPOS; u == "VERB" || u == "AUX" {
				return RoleObj
			}
		}
		// ... and a verb follows it before the clause ends.
		end := len(doc.Tokens)
		if m.Sent >= 0 {
			end = doc.Sentences[m.Sent].EndToken
		}
		for k := m.EndTok; k < end; k++ {
			if u := doc.Tokens[k].UPOS; u == "VERB" || u == "AUX" {
				return RoleSubj
			}
			if f := doc.Tokens[k].Form(); f == ";" || f == ":" || f == "." || doc.Tokens[k].UPOS == "SCONJ" {
				break
			}
		}
		return RoleObj
	}
	if fi, ok := firstInClause[m.Clause]; ok && (fi == i || ms[fi].Kind == KindGroup && slices.Contains(ms[fi].Members, i)) {
		return RoleSubj
	}
	if m.Kind == KindPronoun && m.Case == "acc" {
		return RoleObj
	}
	return RoleObj
}

// headsPhrase reports whether the token after a noun leaves the noun as
// the head of its phrase.
func (l *Lexicon) headsPhrase(next document.Token, w string) bool {
	switch next.UPOS {
	case "NOUN", "PROPN":
		return false
	case "":
	default:
		return true
	}
	if !isWord(w) || l.preps[w] || l.clause[w] || l.stop[w] || l.aux[w] || l.pronounLike(w) {
		return true
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ly")
}

// clauseStart reports whether token k ends the previous clause.
func (l *Lexicon) clauseStart(doc *document.Document, lw []string, k int) bool {
	f := lw[k]
	if f == ";" || f == ":" || f == `"` || f == "--" || f == "(" || f == "." {
		return true
	}
	if u := doc.Tokens[k].UPOS; u == "SCONJ" || u == "PRON" && (f == "who" || f == "which" || f == "that") {
		return true
	}
	return l.clause[f] && doc.Tokens[k].UPOS != "VERB"
}

// markParens flags mentions inside parentheses.
func markParens(doc *document.Document, ms []Mention) {
	depth := make([]int, len(doc.Tokens))
	d := 0
	for i, t := range doc.Tokens {
		switch t.Form() {
		case "(", "[":
			d++
		case ")", "]":
			if d > 0 {
				d--
			}
		}
		depth[i] = d
	}
	for i := range ms {
		if depth[ms[i].FirstTok] > 0 {
			ms[i].Paren = true
		}
	}
}
