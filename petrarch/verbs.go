package petrarch

import (
	"io"
	"strings"
)

// Verbs is a verbs dictionary: synonym sets and verb families.
type Verbs struct {
	Synsets  map[string]*Synset
	Families []*Family
}

// Synset is a named set of words or phrases ("&CURRENCY"), used in
// patterns. An element may itself name a synset ("&TIETYPES").
type Synset struct {
	Name    string // with its '&', without a trailing '_'
	Phrases []SynPhrase
	Line    int
}

// SynPhrase is one element of a synset: consecutive words, or another
// synset's name. Plural says whether the regular plural of the last word
// also matches (not when the phrase or the set's label ends in '_').
type SynPhrase struct {
	Words  []string
	Plural bool
}

// Family is a verb block: "--- NAME [CODE] ---", its verbs and patterns.
type Family struct {
	Name     string
	Code     string // "---" when the bare verb codes no event
	Verbs    []*Verb
	Patterns []*Pattern
	Line     int
}

// Verb is one verb of a family. Words holds a multi-word verb ("CORDON
// OFF", "WIRE TAP"), Head the index of the inflected word in it (marked
// '+' in the file, else the first). Forms are irregular forms given in
// {…}, each as words of the same length. Code is the verb's own code,
// else empty (the family's applies).
type Verb struct {
	Words []string
	Head  int
	Forms [][]string
	Code  string
	Line  int
}

// ElemKind is what a pattern element matches.
type ElemKind int

// Pattern element kinds.
const (
	ElemWord     ElemKind = iota // a literal word
	ElemSynset                   // any phrase of a synset
	ElemVerb                     // '*': the verb itself
	ElemSource                   // '$': the source actor
	ElemTarget                   // '+': the target actor
	ElemSkip                     // '^': skip a noun phrase
	ElemCompound                 // '%': a compound actor
)

// Elem is one element of a pattern. Tight says the next element must
// follow it immediately (they were joined by '_'); otherwise other words
// may come between.
type Elem struct {
	Kind  ElemKind
	Text  string // the word, or the synset name with its '&'
	Tight bool
}

// Pattern is "- words * words [CODE]": Elems in order, with exactly one
// ElemVerb. Code may be paired "A:B" (A for source→target, B for the
// reverse) or "---" (no event).
type Pattern struct {
	Elems []Elem
	Code  string
	Text  string
	Line  int
}

// ReadVerbs reads a verbs dictionary (the test dictionary of PETRARCH's
// validation suite, or the CAMEO/Phoenix verb dictionaries).
func ReadVerbs(r io.Reader, file string) (*Verbs, error) {
	lines, errs := readLines(r, file)
	v := &Verbs{Synsets: map[string]*Synset{}}
	var fam *Family
	var syn *Synset
	synNoPlural := false
	for _, l := range lines {
		t := l.text
		switch {
		case strings.HasPrefix(t, "---"):
			syn = nil
			body := strings.TrimSpace(strings.TrimPrefix(t, "---"))
			body = strings.TrimSpace(strings.TrimSuffix(body, "---"))
			before, code, _, ok := bracket(body)
			fam = &Family{Name: strings.TrimSpace(before), Code: "---", Line: l.n}
			if ok {
				fam.Code = code
			}
			if fam.Name == "" {
				errs.add(file, l.n, "verb family without a name: %q", t)
			}
			v.Families = append(v.Families, fam)
		case strings.HasPrefix(t, "&"):
			fam = nil
			name := strings.Fields(t)[0]
			synNoPlural = strings.HasSuffix(name, "_")
			name = strings.ToUpper(strings.TrimSuffix(name, "_"))
			if len(name) < 2 {
				errs.add(file, l.n, "synset without a name")
				syn = nil
				continue
			}
			syn = &Synset{Name: name, Line: l.n}
			if _, dup := v.Synsets[name]; dup {
				errs.add(file, l.n, "synset %s defined twice", name)
			}
			v.Synsets[name] = syn
		case strings.HasPrefix(t, "+") && syn != nil:
			p := strings.TrimSpace(t[1:])
			plural := !synNoPlural && !strings.HasSuffix(p, "_")
			words := strings.Fields(strings.ReplaceAll(strings.ToUpper(p), "_", " "))
			if len(words) == 0 {
				errs.add(file, l.n, "empty synset phrase")
				continue
			}
			if strings.HasPrefix(words[0], "&") {
				plural = false
			}
			syn.Phrases = append(syn.Phrases, SynPhrase{Words: words, Plural: plural})
		case strings.HasPrefix(t, "-"):
			if fam == nil {
				errs.add(file, l.n, "pattern outside a verb family: %q", t)
				continue
			}
			p, msg := parsePattern(strings.TrimSpace(t[1:]))
			if msg != "" {
				errs.add(file, l.n, "%s: %q", msg, t)
				continue
			}
			p.Line = l.n
			fam.Patterns = append(fam.Patterns, p)
		default:
			vb, msg := parseVerb(t)
			if msg != "" {
				errs.add(file, l.n, "%s: %q", msg, t)
				continue
			}
			vb.Line = l.n
			if fam == nil {
				// A verb after a synset or at the top starts a family of
				// its own (older files mark families with comments only).
				syn = nil
				fam = &Family{Name: strings.Join(vb.Words, " "), Code: "---", Line: l.n}
				if vb.Code != "" {
					fam.Code = vb.Code
				}
				v.Families = append(v.Families, fam)
			}
			fam.Verbs = append(fam.Verbs, vb)
		}
	}
	for _, s := range v.Synsets {
		for _, p := range s.Phrases {
			if strings.HasPrefix(p.Words[0], "&") {
				if _, ok := v.Synsets[p.Words[0]]; !ok {
					errs.add(file, s.Line, "synset %s uses undefined synset %s", s.Name, p.Words[0])
				}
			}
		}
	}
	return v, errs.Err()
}

// parseVerb reads "WORD", "WORD {FORM FORM} [CODE]", "LASH OUT",
// "+BREAK_DOWN {+BROKE_DOWN}" or "WIRE_+TAP".
func parseVerb(s string) (*Verb, string) {
	vb := &Verb{}
	before, code, _, ok := bracket(s)
	if ok {
		vb.Code = code
	}
	text := before
	var forms string
	if i := strings.IndexByte(text, '{'); i >= 0 {
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return nil, "unclosed '{'"
		}
		forms = text[i+1 : i+j]
		text = text[:i] + text[i+j+1:]
	}
	words, head := verbWords(text)
	if len(words) == 0 {
		return nil, "verb line without a verb"
	}
	vb.Words, vb.Head = words, head
	for _, f := range strings.Fields(forms) {
		fw, _ := verbWords(f)
		if len(fw) != len(words) {
			// "{BANS BANNED}" for one word; a form of another length
			// would not line up with the verb's words.
			return nil, "irregular form " + f + " has not as many words as the verb"
		}
		vb.Forms = append(vb.Forms, fw)
	}
	return vb, ""
}

// verbWords splits a verb phrase into words and finds the inflected one
// (after '+', else the first).
func verbWords(s string) ([]string, int) {
	head := 0
	var words []string
	for _, w := range strings.Fields(strings.ReplaceAll(s, "_", " ")) {
		if strings.HasPrefix(w, "+") {
			w = strings.TrimLeft(w, "+")
			head = len(words)
		}
		if w != "" {
			words = append(words, strings.ToUpper(w))
		}
	}
	if head >= len(words) {
		head = 0
	}
	return words, head
}

// parsePattern reads the text after "- ": elements and "[CODE]".
func parsePattern(s string) (*Pattern, string) {
	before, code, _, ok := bracket(s)
	if !ok {
		return nil, "pattern without a [CODE]"
	}
	p := &Pattern{Code: code, Text: strings.TrimSpace(before)}
	if code == "" {
		return nil, "empty pattern code"
	}
	verbs := 0
	// The CAMEO dictionaries group words into noun phrases {…} and
	// prepositional phrases (…); they are read as words in order.
	before = strings.NewReplacer("{", " ", "}", " ", "(", " ", ")", " ").Replace(before)
	for _, group := range strings.Fields(before) {
		parts := strings.Split(group, "_")
		for i, part := range parts {
			if part == "" {
				// A leading or trailing '_' ties the group to its
				// neighbour: "KNOWN_ *".
				if i == 0 && len(p.Elems) > 0 {
					p.Elems[len(p.Elems)-1].Tight = true
				}
				continue
			}
			e := Elem{Text: strings.ToUpper(part)}
			switch {
			case part == "*" || part == "**":
				e.Kind = ElemVerb
				verbs++
			case part == "$":
				e.Kind = ElemSource
			case part == "+":
				e.Kind = ElemTarget
			case part == "^":
				e.Kind = ElemSkip
			case part == "%":
				e.Kind = ElemCompound
			case strings.HasPrefix(part, "&"):
				e.Kind = ElemSynset
			default:
				e.Kind = ElemWord
			}
			e.Tight = i < len(parts)-1
			p.Elems = append(p.Elems, e)
		}
	}
	if verbs != 1 {
		return nil, "a pattern needs exactly one '*'"
	}
	return p, ""
}
