package segment

import (
	"embed"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// lexicon holds the word lists the tokenizer and the sentence splitter
// consult; they live in data/*.txt so that they can be read and extended
// without touching code.
type lexicon struct {
	titleAbbrev   map[string]bool // Mr, Gen, Mt: a name follows
	numericAbbrev map[string]bool // No, p, Vol: a number follows
	generalAbbrev map[string]bool // Inc, etc, Jan: ambiguous
	timeAbbrev    map[string]bool // a.m, p.m
	starters      map[string]bool
	timeFollowers map[string]bool
	timePreps     map[string]bool
	hyphenPrefix  map[string]bool // lowercase
	hyphenSuffix  map[string]bool // lowercase
	units         map[string]bool
	contractions  map[string][]int // lowercase surface -> piece lengths
	// contractionEdge[first][last] is set when some contraction starts and
	// ends with these lowercase letters: a cheap filter before the map.
	contractionEdge [26][26]bool
	emoticons       []string
	tlds            map[string]bool // lowercase
	itsFollowers    map[string]bool // lowercase
	openWords       map[string]bool
}

var lex = loadLexicon()

func loadLexicon() *lexicon {
	x := &lexicon{
		titleAbbrev:   caseSet("abbrev_title.txt"),
		numericAbbrev: caseSet("abbrev_numeric.txt"),
		generalAbbrev: caseSet("abbrev_general.txt"),
		timeAbbrev:    exactSet("time_abbrev.txt"),
		starters:      exactSet("starters.txt"),
		timeFollowers: exactSet("time_followers.txt"),
		timePreps:     caseSet("time_prepositions.txt"),
		hyphenPrefix:  lowerSet("hyphen_prefixes.txt"),
		hyphenSuffix:  lowerSet("hyphen_suffixes.txt"),
		units:         exactSet("units.txt"),
		contractions:  contractionTable("contractions.txt"),
		emoticons:     lines("emoticons.txt"),
		tlds:          lowerSet("tlds.txt"),
		itsFollowers:  lowerSet("its_followers.txt"),
		openWords:     exactSet("open_words.txt"),
	}
	for w := range x.contractions {
		a, b := w[0]-'a', w[len(w)-1]-'a'
		if a < 26 && b < 26 {
			x.contractionEdge[a][b] = true
		}
	}
	return x
}

// lines returns the non-empty, non-comment lines of an embedded data file.
// A missing file is a build error in practice (the embed pattern would
// not match), so a read failure panics at init.
func lines(name string) []string {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic("segment: " + err.Error())
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "# ") || l == "#" {
			continue
		}
		out = append(out, l)
	}
	return out
}

func exactSet(name string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines(name) {
		m[l] = true
	}
	return m
}

// caseSet matches entries as written; a lowercase entry also matches its
// capitalised form, since it may open a sentence.
func caseSet(name string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines(name) {
		m[l] = true
		if l == strings.ToLower(l) {
			m[strings.ToUpper(l[:1])+l[1:]] = true
		}
	}
	return m
}

func lowerSet(name string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines(name) {
		m[strings.ToLower(l)] = true
	}
	return m
}

func contractionTable(name string) map[string][]int {
	m := map[string][]int{}
	for _, l := range lines(name) {
		surface, split, ok := strings.Cut(l, " ")
		if !ok {
			continue
		}
		parts := strings.Split(strings.TrimSpace(split), "|")
		if strings.Join(parts, "") != surface {
			panic("segment: contractions.txt: " + l + ": pieces do not spell the word")
		}
		lens := make([]int, len(parts))
		for i, p := range parts {
			lens[i] = len(p)
		}
		m[surface] = lens
	}
	return m
}

// isAbbrev reports whether word (without its final period) is a known
// abbreviation of any kind.
func (x *lexicon) isAbbrev(word string) bool {
	return x.titleAbbrev[word] || x.numericAbbrev[word] || x.generalAbbrev[word] || x.timeAbbrev[word]
}
