package event

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/parley-news/parley/actor"
	"github.com/parley-news/parley/coref"
)

// describer holds what the default coder needs to code an actor that a
// clause names by description rather than by name: the agent nouns with
// their sector ("court" JUD, "lawmakers" LEG, "men" CVL), from the actor
// dictionary's sectors and coreference's person nouns, and the
// nationality words of the dictionary's states ("Brazilian" BRA). The
// phrase is read the way PETRARCH dictionaries are read (petrCoder.npCodes):
// "two Brazilian men" is BRACVL, "a court in Guyana" GUYJUD, "Iraq's
// security adviser" IRQGOV, "the US leader" USAGOV.
type describer struct {
	agents      []pagent
	byFirst     map[string][]pagent
	nationality map[string]string // actor.Key of the word -> country code
	// agentWord holds the lower-case forms of one-word agents ("men",
	// "court"): a phrase they head can name an actor.
	agentWord map[string]bool
}

// defaultDescriber builds the describer from the embedded actor
// dictionary, once.
var defaultDescriber = sync.OnceValues(func() (*describer, error) {
	d, err := actor.Default()
	if err != nil {
		return nil, err
	}
	return buildDescriber(d)
})

// buildDescriber builds the describer of dictionary d with coreference's
// person nouns.
func buildDescriber(d *actor.Dictionary) (*describer, error) {
	lex, err := coref.DefaultLexicon()
	if err != nil {
		return nil, err
	}
	return newDescriber(d, lex), nil
}

func newDescriber(d *actor.Dictionary, lex *coref.Lexicon) *describer {
	ds := &describer{nationality: map[string]string{}, agentWord: map[string]bool{}}
	seen := map[string]bool{}
	add := func(words, sector string) {
		w := strings.Fields(strings.ToUpper(words))
		k := strings.Join(w, " ")
		if len(w) == 0 || seen[k] {
			return
		}
		seen[k] = true
		ds.agents = append(ds.agents, pagent{words: w, code: sector})
		if len(w) == 1 {
			ds.agentWord[strings.ToLower(w[0])] = true
		}
	}
	for _, e := range d.Entries() {
		switch e.Kind {
		case actor.KindSector:
			add(e.Name, e.ID)
			for _, n := range e.Names {
				add(n, e.ID)
			}
		case actor.KindState:
			for _, a := range e.Adjectives {
				ds.nationality[actor.Key(a)] = e.Code
			}
		}
	}
	var nouns [][2]string
	lex.EachPersonNoun(func(form, sector string) { nouns = append(nouns, [2]string{form, sector}) })
	// Map order must not decide which sector a shared form gets.
	sort.Slice(nouns, func(i, j int) bool { return nouns[i][0] < nouns[j][0] })
	for _, n := range nouns {
		add(n[0], n[1])
	}
	sort.SliceStable(ds.agents, func(i, j int) bool { return len(ds.agents[i].words) > len(ds.agents[j].words) })
	ds.byFirst = indexAgents(ds.agents)
	return ds
}

// describe returns a PETRARCH-style phrase reader over the coder's
// document: name mentions with coded actors, resolved subject pronouns
// and nationality words are its actors, the describer's nouns its agents.
func (c *coder) describe(ds *describer) *petrCoder {
	pc := &petrCoder{coder: c, p: &PETR{agents: ds.agents, agentsByFirst: ds.byFirst}, codesAt: map[int][]string{}, nameAt: map[int]int{}}
	doc := c.doc
	pc.words = make([]string, len(doc.Tokens))
	for i, t := range doc.Tokens {
		pc.words[i] = strings.ToUpper(t.Form())
	}
	pc.indexMentions(false)
	for i, t := range doc.Tokens {
		if _, ok := pc.codesAt[i]; ok {
			continue
		}
		switch t.UPOS {
		case "ADJ", "PROPN", "":
		default:
			continue
		}
		f := t.Form()
		if f == "" || f[0] < 'A' || f[0] > 'Z' && t.UPOS != "ADJ" {
			continue
		}
		if cc := c.nationality(i); cc != "" {
			pc.codesAt[i] = []string{cc}
			pc.nameAt[i] = i
		}
	}
	return pc
}

// indexMentions fills codesAt and nameAt from the document's name
// mentions (only dictionary actors when known is set) and the subject
// pronouns coreference resolved to them ("Ethiopia indicated it would
// act").
func (pc *petrCoder) indexMentions(known bool) {
	doc := pc.doc
	for _, m := range doc.Mentions {
		if m.Kind != "name" && m.Kind != "pronoun" {
			continue
		}
		a, ok := pc.actorOf[m.Actor]
		if !ok || known && !a.Known || a.Code == "" {
			continue
		}
		first := doc.TokenAt(m.Start)
		last := doc.TokenAt(m.End - 1)
		if first < 0 || last < 0 {
			continue
		}
		if m.Kind == "pronoun" && !strings.HasPrefix(doc.Tokens[first].Deprel, "nsubj") {
			// Only a subject pronoun stands for its actor; "their
			// resumption" is not about them.
			continue
		}
		codes := strings.Split(a.Code, "/")
		for k := first; k <= last; k++ {
			pc.codesAt[k] = codes
			pc.nameAt[k] = first
		}
	}
}

// conjuncts returns the heads of the coordinated phrases of an argument
// headed by i that each name an actor ("Brazil and the United States",
// "US and British activists"), or nil when it names fewer than two.
func (pc *petrCoder) conjuncts(i int) []int {
	out := []int{i}
	var walk func(int)
	walk = func(j int) {
		for _, k := range pc.children[j] {
			if pc.rel(k) == "conj" && pc.doc.Tokens[k].UPOS != "VERB" && pc.doc.Tokens[k].UPOS != "AUX" {
				out = append(out, k)
				walk(k)
			}
		}
	}
	walk(i)
	if len(out) < 2 {
		return nil
	}
	var codes []string
	for _, k := range out {
		cs := pc.npCodesOne(k)
		if len(cs) == 0 || slices.Contains(codes, cs[0]) {
			return nil
		}
		codes = append(codes, cs[0])
	}
	return out
}

// npCodesOne returns the codes of the single phrase headed by h, without
// its conjuncts.
func (pc *petrCoder) npCodesOne(h int) []string {
	actors, agents, former := pc.unitCodes(h)
	if len(actors) == 0 && len(agents) > 0 {
		actors = pc.ppCodes(h, 0)
	}
	if len(actors) == 0 {
		return nil
	}
	out := make([]string, 0, len(actors))
	for _, a := range actors {
		out = append(out, combine(a, agents, former))
	}
	return dedupe(out)
}

// describer returns the coder's phrase reader, built on first use; nil
// in PETRARCH mode.
func (c *coder) describer() *petrCoder {
	if c.desc == nil && c.descData != nil {
		c.desc = c.describe(c.descData)
	}
	return c.desc
}

// descCode returns the code of the actor described by the phrase headed
// by token i, or "" when the phrase names no country or organisation.
func (c *coder) descCode(i int) string {
	if i < 0 || c.describer() == nil {
		return ""
	}
	codes := c.desc.npCodesOne(i)
	if len(codes) == 0 || !hasActor(codes[0]) {
		return ""
	}
	return codes[0]
}

// modifierCodes returns one code for each member of a coordinated
// modifier of the phrase headed by h ("US and British activists": USA
// and GBR, each with the activists' sector), or nil.
func (pc *petrCoder) modifierCodes(h int) []string {
	if h < 0 {
		return nil
	}
	for _, m := range pc.children[h] {
		if r := pc.rel(m); r != "compound" && r != "amod" || len(pc.codesAt[m]) == 0 {
			continue
		}
		members := []int{m}
		for _, k := range pc.children[m] {
			if pc.rel(k) == "conj" && len(pc.codesAt[k]) > 0 {
				members = append(members, k)
			}
		}
		if len(members) < 2 {
			continue
		}
		_, agents, former := pc.unitCodes(h)
		var out []string
		for _, k := range members {
			code := combine(pc.codesAt[k][0], agents, former)
			if !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
		if len(out) > 1 {
			return out
		}
	}
	return nil
}
