package quote

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
)

//go:embed data/cues.txt
var cuesData string

//go:embed data/words.txt
var wordsData string

//go:embed data/tone.txt
var toneData string

// Signals are the stances a cue can signal, in the order of the cue file.
var Signals = []string{"assertion", "belief", "doubt", "denial", "hope"}

// Cue kinds: where source and content sit around the cue.
const (
	kindVerb   = "verb"
	kindClause = "clause"
	kindNaming = "naming"
	kindPrep   = "prep"
	kindDoc    = "docprep"
	kindAdj    = "adj"
)

// cuePattern is one line of the cue lexicon.
type cuePattern struct {
	Signal string
	Kind   string
	// Words holds, for each position, the accepted lower-case forms.
	Words []map[string]bool
}

// Lexicon holds the cue patterns and word classes the finder uses.
type Lexicon struct {
	cues []cuePattern
	// byFirst indexes cues by a form of their first word.
	byFirst map[string][]int
	classes map[string]map[string]bool
	tone    *toneLexicon
}

// DefaultLexicon returns the lexicon built from the embedded data files.
func DefaultLexicon() *Lexicon { return defaultLexicon }

var defaultLexicon = mustLexicon()

func mustLexicon() *Lexicon {
	lx, err := ParseLexicon(cuesData, wordsData, toneData)
	if err != nil {
		panic(err)
	}
	return lx
}

// ParseLexicon reads a cue file, a word-class file and a tone file in the
// formats described at the top of the embedded data files.
func ParseLexicon(cues, words, tone string) (*Lexicon, error) {
	lx := &Lexicon{byFirst: map[string][]int{}, classes: map[string]map[string]bool{}}
	valid := map[string]bool{}
	for _, s := range Signals {
		valid[s] = true
	}
	err := eachLine(cues, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return fmt.Errorf("cues line %d: want SIGNAL<TAB>KIND<TAB>PATTERN", n)
		}
		if !valid[f[0]] {
			return fmt.Errorf("cues line %d: unknown signal %q", n, f[0])
		}
		switch f[1] {
		case kindVerb, kindClause, kindNaming, kindPrep, kindDoc, kindAdj:
		default:
			return fmt.Errorf("cues line %d: unknown kind %q", n, f[1])
		}
		p := cuePattern{Signal: f[0], Kind: f[1]}
		for _, w := range strings.Fields(f[2]) {
			forms := map[string]bool{}
			for _, alt := range strings.Split(w, "|") {
				alt = strings.ToLower(alt)
				if strings.HasSuffix(alt, "~") {
					for _, v := range verbForms(strings.TrimSuffix(alt, "~")) {
						forms[v] = true
					}
				} else if alt != "" {
					forms[alt] = true
				}
			}
			if len(forms) == 0 {
				return fmt.Errorf("cues line %d: empty word", n)
			}
			p.Words = append(p.Words, forms)
		}
		if len(p.Words) == 0 {
			return fmt.Errorf("cues line %d: empty pattern", n)
		}
		idx := len(lx.cues)
		lx.cues = append(lx.cues, p)
		for form := range p.Words[0] {
			lx.byFirst[form] = append(lx.byFirst[form], idx)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	class := ""
	err = eachLine(words, func(n int, line string) error {
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			class = line[1 : len(line)-1]
			if lx.classes[class] == nil {
				lx.classes[class] = map[string]bool{}
			}
			return nil
		}
		if class == "" {
			return fmt.Errorf("words line %d: word before any [class]", n)
		}
		lx.classes[class][strings.ToLower(line)] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	lx.tone, err = parseTone(tone)
	if err != nil {
		return nil, err
	}
	return lx, nil
}

// eachLine calls fn on each non-blank, non-comment line, trimmed of
// surrounding spaces (tabs inside are kept).
func eachLine(s string, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(strings.NewReader(s))
	n := 0
	for sc.Scan() {
		n++
		line := strings.Trim(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return sc.Err()
}

// verbForms returns a regular verb's lemma, third person, past and
// gerund, by the usual English spelling rules.
func verbForms(lemma string) []string {
	forms := []string{lemma}
	n := len(lemma)
	if n == 0 {
		return nil
	}
	last := lemma[n-1]
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	switch {
	case strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "x") || strings.HasSuffix(lemma, "z") ||
		strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "sh"):
		forms = append(forms, lemma+"es")
	case last == 'y' && n > 1 && !vowel(lemma[n-2]):
		forms = append(forms, lemma[:n-1]+"ies")
	default:
		forms = append(forms, lemma+"s")
	}
	switch {
	case last == 'e':
		forms = append(forms, lemma+"d")
	case last == 'y' && n > 1 && !vowel(lemma[n-2]):
		forms = append(forms, lemma[:n-1]+"ied")
	default:
		forms = append(forms, lemma+"ed")
	}
	switch {
	case last == 'e' && !strings.HasSuffix(lemma, "ee"):
		forms = append(forms, lemma[:n-1]+"ing")
	default:
		forms = append(forms, lemma+"ing")
	}
	return forms
}

// in reports whether the lower-case word w belongs to the named class.
func (lx *Lexicon) in(class, w string) bool { return lx.classes[class][w] }
