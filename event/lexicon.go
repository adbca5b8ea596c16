package event

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// Code is one CAMEO code with its PLOVER reading.
type Code struct {
	CAMEO       string
	Type        string // PLOVER type; empty for CAMEO 01 statements
	Mode        string
	Context     string
	Goldstein   float64
	Description string
}

// QuadClass is the CAMEO quad class: 1 verbal cooperation, 2 material
// cooperation, 3 verbal conflict, 4 material conflict.
func (c Code) QuadClass() int {
	root, _ := strconv.Atoi(c.CAMEO[:2])
	switch {
	case root <= 5:
		return 1
	case root <= 8:
		return 2
	case root <= 13:
		return 3
	default:
		return 4
	}
}

// Trigger is one line of a trigger file.
type Trigger struct {
	Verb         bool // else a noun
	Lemma        string
	Particle     string // "on" in call+on
	Obj          []string
	Dep          []string
	Mod          []string
	PossIsTarget bool
	Recip        bool
	// FromSource: the source is the verb's "from" phrase and the subject
	// the target ("received weapons from the government").
	FromSource bool
	CAMEO      string
	line       string // file:line, for messages
}

// statusWord is one line of the status file.
type statusWord struct {
	kind   string // gov, mod, aux, phrase, mark
	word   string
	status string
	source bool
	// beneficiary (light verbs): the subject obtains the event from
	// someone else ("secured the release of Fogel"); it is not its source.
	beneficiary bool
	cameo       string
}

// Lexicon holds the codes, triggers and status words the stage codes with.
type Lexicon struct {
	codes    map[string]Code
	triggers map[string][]Trigger // by lemma
	status   map[string][]statusWord
	// preps maps a PLOVER type ("*" for all) to the prepositions that
	// introduce its target.
	preps map[string][]string
	// coded maps "intent:04" or "refused:0841" to the standard code of
	// an intended or refused action.
	coded map[string]string
	// forms maps regular inflections of the lexicon's words back to them,
	// so a lemmatizer's mistake ("blamed" -> "blam") does not hide a
	// trigger.
	forms map[string]string
	// agents are the common nouns that can name an actor.
	agents map[string]bool
}

// DefaultLexicon loads the embedded data files.
func DefaultLexicon() (*Lexicon, error) {
	lx := &Lexicon{codes: map[string]Code{}, triggers: map[string][]Trigger{}, status: map[string][]statusWord{}, preps: map[string][]string{}, coded: map[string]string{}, forms: map[string]string{}, agents: map[string]bool{}}
	for _, f := range []struct {
		name string
		load func(io.Reader, string) error
	}{
		{"data/cameo.txt", lx.loadCodes},
		{"data/triggers.txt", lx.LoadTriggers},
		{"data/status.txt", lx.loadStatus},
		{"data/targets.txt", lx.loadPreps},
		{"data/coded.txt", lx.loadCoded},
		{"data/agents.txt", lx.loadAgents},
	} {
		r, err := dataFS.Open(f.name)
		if err != nil {
			return nil, err
		}
		err = f.load(r, f.name)
		r.Close()
		if err != nil {
			return nil, err
		}
	}
	lx.inflect()
	return lx, nil
}

// inflect fills forms with the regular inflections of every trigger and
// status word.
func (lx *Lexicon) inflect() {
	add := func(lemma string) {
		for _, f := range inflections(lemma) {
			if _, ok := lx.forms[f]; !ok {
				lx.forms[f] = lemma
			}
		}
	}
	for lemma := range lx.triggers {
		add(lemma)
	}
	for key := range lx.status {
		_, w, _ := strings.Cut(key, ":")
		if !strings.Contains(w, " ") {
			add(w)
		}
	}
}

// inflections returns the regular -s, -ed and -ing forms of an English
// word, with the usual spelling changes (e-drop, y to i, doubled final
// consonant after a short vowel).
func inflections(w string) []string {
	if len(w) < 3 {
		return nil
	}
	out := []string{w + "s", w + "ed", w + "ing"}
	last := w[len(w)-1]
	prev := w[len(w)-2]
	vowel := func(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }
	switch {
	case last == 'e':
		out = append(out, w+"d", w[:len(w)-1]+"ing")
	case last == 'y' && !vowel(prev):
		out = append(out, w[:len(w)-1]+"ies", w[:len(w)-1]+"ied")
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || last == 'x' || last == 'z':
		out = append(out, w+"es")
	case !vowel(last) && vowel(prev) && len(w) >= 3 && !vowel(w[len(w)-3]) && last != 'w' && last != 'y':
		out = append(out, w+string(last)+"ed", w+string(last)+"ing")
	}
	return out
}

// Code returns the CAMEO code's reading.
func (lx *Lexicon) Code(cameo string) (Code, bool) {
	c, ok := lx.codes[cameo]
	return c, ok
}

// lines calls fn for each non-blank, non-comment line with its number.
func lines(r io.Reader, name string, fn func(n int, fields []string) error) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := fn(n, strings.Fields(line)); err != nil {
			return fmt.Errorf("event: %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func (lx *Lexicon) loadCodes(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return fmt.Errorf("event: %s:%d: %d tab-separated fields, want 6", name, n, len(f))
		}
		g, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			return fmt.Errorf("event: %s:%d: Goldstein weight %q: %v", name, n, f[4], err)
		}
		if len(f[0]) < 3 {
			return fmt.Errorf("event: %s:%d: code %q is too short", name, n, f[0])
		}
		c := Code{CAMEO: f[0], Type: dash(f[1]), Mode: dash(f[2]), Context: dash(f[3]), Goldstein: g, Description: f[5]}
		lx.codes[c.CAMEO] = c
	}
	return sc.Err()
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// LoadTriggers adds the triggers of a file in the documented format; they
// are tried before the ones already loaded.
func (lx *Lexicon) LoadTriggers(r io.Reader, name string) error {
	added := map[string][]Trigger{}
	err := lines(r, name, func(n int, f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("want KIND LEMMA [CONSTRAINT...] CODE, got %q", strings.Join(f, " "))
		}
		t := Trigger{line: fmt.Sprintf("%s:%d", name, n)}
		switch f[0] {
		case "v":
			t.Verb = true
		case "n":
		default:
			return fmt.Errorf("kind %q: want v or n", f[0])
		}
		t.Lemma, t.Particle, _ = strings.Cut(strings.ToLower(f[1]), "+")
		t.CAMEO = f[len(f)-1]
		if _, ok := lx.codes[t.CAMEO]; !ok {
			return fmt.Errorf("unknown CAMEO code %q", t.CAMEO)
		}
		for _, c := range f[2 : len(f)-1] {
			key, val, _ := strings.Cut(c, "=")
			switch key {
			case "obj":
				t.Obj = strings.Split(val, "|")
			case "dep":
				t.Dep = strings.Split(val, "|")
			case "mod":
				t.Mod = strings.Split(val, "|")
			case "poss":
				if val != "target" {
					return fmt.Errorf("poss=%q: only poss=target is known", val)
				}
				t.PossIsTarget = true
			case "recip":
				t.Recip = true
			case "from":
				if val != "source" {
					return fmt.Errorf("from=%q: only from=source is known", val)
				}
				t.FromSource = true
			default:
				return fmt.Errorf("unknown constraint %q", c)
			}
		}
		added[t.Lemma] = append(added[t.Lemma], t)
		return nil
	})
	if err != nil {
		return err
	}
	for lemma, ts := range added {
		lx.triggers[lemma] = append(ts, lx.triggers[lemma]...)
	}
	return nil
}

var statuses = map[string]bool{
	"occurred": true, "ongoing": true, "planned": true, "proposed": true, "agreed": true,
	"agreed_in_principle": true, "refused": true, "denied": true, "hypothetical": true, "claimed": true,
}

func (lx *Lexicon) loadStatus(r io.Reader, name string) error {
	return lines(r, name, func(n int, f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("want KIND WORD STATUS [source|beneficiary] [CODE]")
		}
		w := statusWord{kind: f[0], word: strings.ReplaceAll(strings.ToLower(f[1]), "_", " "), status: f[2]}
		switch w.kind {
		case "gov", "mod", "aux", "phrase", "mark", "speech", "light":
		default:
			return fmt.Errorf("kind %q: want gov, mod, aux, phrase, mark, speech or light", w.kind)
		}
		if !statuses[w.status] {
			return fmt.Errorf("unknown status %q", w.status)
		}
		for _, x := range f[3:] {
			if x == "source" {
				w.source = true
				continue
			}
			if x == "beneficiary" && w.kind == "light" {
				w.beneficiary = true
				continue
			}
			if _, ok := lx.codes[x]; !ok {
				return fmt.Errorf("unknown CAMEO code %q", x)
			}
			w.cameo = x
		}
		if w.kind == "gov" {
			w.word = strings.ReplaceAll(w.word, "+", " ")
		}
		lx.status[w.kind+":"+w.word] = append(lx.status[w.kind+":"+w.word], w)
		return nil
	})
}

func (lx *Lexicon) statusOf(kind, word string) (statusWord, bool) {
	ws := lx.status[kind+":"+word]
	if len(ws) == 0 {
		return statusWord{}, false
	}
	return ws[0], true
}

func (lx *Lexicon) loadPreps(r io.Reader, name string) error {
	return lines(r, name, func(n int, f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want TYPE PREPOSITION ...")
		}
		lx.preps[f[0]] = append(lx.preps[f[0]], f[1:]...)
		return nil
	})
}

// targetPreps returns the prepositions that introduce a target of an event
// of type t, in order of preference; nouns also take "of".
func (lx *Lexicon) targetPreps(t string, noun bool) []string {
	// The type's own prepositions first: "withdrew from Syria to the
	// Golan", "an attack on Gaza with rockets".
	out := append(append([]string(nil), lx.preps[t]...), lx.preps["*"]...)
	if noun {
		out = append(out, "of")
	}
	return out
}

func (lx *Lexicon) loadCoded(r io.Reader, name string) error {
	return lines(r, name, func(n int, f []string) error {
		if len(f) != 3 || f[0] != "intent" && f[0] != "refused" && f[0] != "agreed" {
			return fmt.Errorf("want intent|agreed|refused PREFIX CODE")
		}
		if _, ok := lx.codes[f[2]]; !ok {
			return fmt.Errorf("unknown CAMEO code %q", f[2])
		}
		lx.coded[f[0]+":"+f[1]] = f[2]
		return nil
	})
}

// codedAs returns the standard code of an action with the given CAMEO code
// and status: the intent, threat or refusal of it; ok is false when the
// action is coded as itself.
func (lx *Lexicon) codedAs(cameo, status string) (Code, bool) {
	class := ""
	switch status {
	case "planned", "proposed", "agreed", "agreed_in_principle":
		class = "intent"
	case "refused":
		class = "refused"
	default:
		return Code{}, false
	}
	if status == "agreed" || status == "agreed_in_principle" {
		// "agreed a trade deal": agreeing on an agreement concludes it.
		for n := len(cameo); n >= 2; n-- {
			if code, ok := lx.coded["agreed:"+cameo[:n]]; ok {
				if code == cameo {
					return Code{}, false
				}
				return lx.codes[code], true
			}
		}
	}
	for n := len(cameo); n >= 2; n-- {
		if code, ok := lx.coded[class+":"+cameo[:n]]; ok {
			if code == cameo {
				return Code{}, false
			}
			return lx.codes[code], true
		}
	}
	if code, ok := lx.coded[class+":*"]; ok && code != cameo {
		return lx.codes[code], true
	}
	return Code{}, false
}

func (lx *Lexicon) loadAgents(r io.Reader, name string) error {
	return lines(r, name, func(n int, f []string) error {
		if len(f) != 1 {
			return fmt.Errorf("want one lemma a line")
		}
		lx.agents[strings.ToLower(f[0])] = true
		return nil
	})
}
