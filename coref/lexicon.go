package coref

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/*.txt data/*.tsv
var dataFS embed.FS

// pronoun describes one third-person pronoun form.
type pronoun struct {
	Gender byte // 'm', 'f', 'n' (not a person), 'x' (any)
	Plural bool
	Case   string // nom, acc, poss, posspro, refl
}

// personNoun is a noun that describes a person ("president", "teacher").
type personNoun struct {
	Singular string
	Plural   string
	Gender   byte   // 'm', 'f' or 0
	Sector   string // CAMEO role code, "" when none
	Title    bool   // may stand before a name
}

// Lexicon holds the word lists the mention finder and resolver read. The
// lists are data files embedded in the binary (coref/data).
type Lexicon struct {
	pronouns map[string]pronoun
	preps    map[string]bool
	clause   map[string]bool
	stop     map[string]bool
	orgWords map[string]bool
	given    map[string]byte        // 'm', 'f', or 'x' when both
	nouns    map[string]*personNoun // by singular and plural form
	// nounStarts holds every part of a noun form before one of its spaces
	// ("vice" of "vice president"): a word no longer form starts with.
	nounStarts   map[string]bool
	itVerbs      map[string]bool
	aux          map[string]bool
	maxNounWords int
}

var loadDefaultLexicon = sync.OnceValues(func() (*Lexicon, error) { return loadLexicon() })

// DefaultLexicon returns the embedded word lists, parsed once.
func DefaultLexicon() (*Lexicon, error) { return loadDefaultLexicon() }

func readLines(name string, fn func(fields []string) error) error {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return fmt.Errorf("coref: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var fields []string
		if strings.Contains(line, "\t") {
			fields = strings.Split(line, "\t")
		} else {
			fields = strings.Fields(line)
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("coref: %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func wordSet(name string) (map[string]bool, error) {
	m := map[string]bool{}
	err := readLines(name, func(f []string) error {
		for _, w := range f {
			m[strings.ToLower(w)] = true
		}
		return nil
	})
	return m, err
}

func loadLexicon() (*Lexicon, error) {
	l := &Lexicon{pronouns: map[string]pronoun{}, given: map[string]byte{}, nouns: map[string]*personNoun{}, nounStarts: map[string]bool{}}
	var err error
	if err = readLines("pronouns.tsv", func(f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 fields, have %d", len(f))
		}
		l.pronouns[f[0]] = pronoun{Gender: f[1][0], Plural: f[2] == "pl", Case: f[3]}
		return nil
	}); err != nil {
		return nil, err
	}
	for _, s := range []struct {
		dst  *map[string]bool
		file string
	}{{&l.preps, "prepositions.txt"}, {&l.clause, "clause-markers.txt"}, {&l.stop, "capitalized-stopwords.txt"}, {&l.orgWords, "org-words.txt"}, {&l.itVerbs, "it-verbs.txt"}, {&l.aux, "auxiliaries.txt"}} {
		if *s.dst, err = wordSet(s.file); err != nil {
			return nil, err
		}
	}
	for _, g := range []struct {
		file string
		g    byte
	}{{"given-male.txt", 'm'}, {"given-female.txt", 'f'}} {
		if err := readLines(g.file, func(f []string) error {
			for _, w := range f {
				w = strings.ToLower(w)
				if old, ok := l.given[w]; ok && old != g.g {
					l.given[w] = 'x'
				} else {
					l.given[w] = g.g
				}
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := readLines("person-nouns.tsv", func(f []string) error {
		if len(f) != 5 {
			return fmt.Errorf("want 5 fields, have %d", len(f))
		}
		n := &personNoun{Singular: f[0], Title: f[4] == "title"}
		if f[1] != "-" {
			n.Plural = f[1]
		}
		if f[2] == "m" || f[2] == "f" {
			n.Gender = f[2][0]
		}
		if f[3] != "-" {
			n.Sector = f[3]
		}
		l.nouns[n.Singular] = n
		if n.Plural != "" {
			l.nouns[n.Plural] = n
		}
		for _, form := range []string{n.Singular, n.Plural} {
			if k := len(strings.Fields(form)); k > l.maxNounWords {
				l.maxNounWords = k
			}
			for i := range len(form) {
				if form[i] == ' ' {
					l.nounStarts[form[:i]] = true
				}
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return l, nil
}

// GivenGender returns 'm' or 'f' for a given name of known gender, 'x' for
// a name used for both, and 0 for an unknown word.
func (l *Lexicon) GivenGender(name string) byte { return l.given[strings.ToLower(name)] }

// PersonNoun reports the sector and gender of a noun that describes a
// person, and whether the form is plural.
func (l *Lexicon) PersonNoun(w string) (sector string, gender byte, plural, ok bool) {
	n := l.nouns[strings.ToLower(w)]
	if n == nil {
		return "", 0, false, false
	}
	return n.Sector, n.Gender, strings.EqualFold(w, n.Plural) && n.Plural != n.Singular, true
}

func (l *Lexicon) itVerb(w string) bool { return l.itVerbs[w] }

// EachPersonNoun calls fn with every form (singular and plural) of the
// person nouns that carry a sector ("court" is not one; "men" is CVL).
func (l *Lexicon) EachPersonNoun(fn func(form, sector string)) {
	for form, n := range l.nouns {
		if n.Sector != "" {
			fn(form, n.Sector)
		}
	}
}
