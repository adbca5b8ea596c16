package petrarch

import (
	"io"
	"strings"
)

// Agent is one record of an agents dictionary: a common-noun phrase
// ("FOREIGN MINISTER") and the code it adds to the actor it goes with.
type Agent struct {
	// Phrase is upper case with single spaces between words.
	Phrase string
	// Plurals are the plural forms; nil when none were given, in which
	// case Forms makes the regular ones; empty and non-nil for "{}".
	Plurals []string
	// Code is the agent code without its '~'. Before is true for "NGO~":
	// the code goes before the actor's ("NGOARN"), else after ("ARNGOV").
	Code   string
	Before bool
	Line   int
}

// Forms returns the phrase and its plurals: the given ones, or the
// regular plural of the last word ("-S", "-IES" after a consonant and Y,
// "-ES" after S, X, Z, CH, SH).
func (a *Agent) Forms() []string {
	out := []string{a.Phrase}
	if a.Plurals != nil {
		return append(out, a.Plurals...)
	}
	return append(out, Plural(a.Phrase))
}

// Plural returns the regular plural of a phrase's last word.
func Plural(p string) string {
	switch {
	case strings.HasSuffix(p, "Y") && len(p) > 1 && !strings.ContainsRune("AEIOU", rune(p[len(p)-2])):
		return p[:len(p)-1] + "IES"
	case strings.HasSuffix(p, "S"), strings.HasSuffix(p, "X"), strings.HasSuffix(p, "Z"), strings.HasSuffix(p, "CH"), strings.HasSuffix(p, "SH"):
		return p + "ES"
	}
	return p + "S"
}

// ReadAgents reads an agents dictionary, expanding substitution markers
// ("!PERSON! = MAN, MEN, …" then "CONGRESS!PERSON!" gives CONGRESSMAN,
// CONGRESSMEN …; the substituted forms get no further plurals).
func ReadAgents(r io.Reader, file string) ([]*Agent, error) {
	lines, errs := readLines(r, file)
	subst := map[string][]string{}
	var out []*Agent
	for _, l := range lines {
		if strings.HasPrefix(l.text, "!") {
			if name, list, ok := strings.Cut(l.text, "="); ok && strings.Count(strings.TrimSpace(name), "!") == 2 {
				var items []string
				for _, it := range strings.Split(list, ",") {
					if it = strings.TrimSpace(it); it != "" {
						items = append(items, strings.ToUpper(it))
					}
				}
				if len(items) == 0 {
					errs.add(file, l.n, "substitution marker %s has no items", strings.TrimSpace(name))
					continue
				}
				subst[strings.ToUpper(strings.TrimSpace(name))] = items
				continue
			}
		}
		text := l.text
		if i := strings.LastIndexByte(text, '['); i >= 0 && !strings.Contains(text[i:], "]") && strings.HasSuffix(strings.TrimSpace(text), "}") {
			// "[~ENV}": a typo in the Phoenix agents file that PETRARCH
			// reads as "[~ENV]".
			text = strings.TrimSpace(text)
			text = text[:len(text)-1] + "]"
		}
		before, code, _, ok := bracket(text)
		if !ok {
			errs.add(file, l.n, "agent without a [~CODE] bracket: %q", l.text)
			continue
		}
		code = strings.Join(strings.Fields(code), "")
		ag := &Agent{Line: l.n}
		switch {
		case strings.HasPrefix(code, "~"):
			ag.Code = code[1:]
		case strings.HasSuffix(code, "~"):
			ag.Code, ag.Before = code[:len(code)-1], true
		default:
			errs.add(file, l.n, "agent code %q has no '~' (want [~CODE] or [CODE~])", code)
			continue
		}
		if ag.Code == "" {
			errs.add(file, l.n, "empty agent code")
			continue
		}
		text = before
		if i := strings.IndexByte(text, '{'); i >= 0 {
			j := strings.IndexByte(text[i:], '}')
			if j < 0 {
				errs.add(file, l.n, "unclosed '{' in %q", l.text)
				continue
			}
			ag.Plurals = []string{}
			for _, p := range strings.Fields(text[i+1 : i+j]) {
				ag.Plurals = append(ag.Plurals, phrase(p))
			}
			text = text[:i] + text[i+j+1:]
		}
		ag.Phrase = phrase(text)
		if ag.Phrase == "" {
			errs.add(file, l.n, "agent without a phrase: %q", l.text)
			continue
		}
		// Substitution markers: one agent per item, no regular plurals.
		if i := strings.IndexByte(ag.Phrase, '!'); i >= 0 {
			j := strings.IndexByte(ag.Phrase[i+1:], '!')
			if j < 0 {
				errs.add(file, l.n, "unclosed substitution marker in %q", l.text)
				continue
			}
			marker := ag.Phrase[i : i+j+2]
			items, ok := subst[marker]
			if !ok {
				errs.add(file, l.n, "substitution marker %s is not defined above", marker)
				continue
			}
			for _, it := range items {
				c := *ag
				c.Phrase = strings.Replace(ag.Phrase, marker, it, 1)
				c.Plurals = []string{}
				out = append(out, &c)
			}
			continue
		}
		out = append(out, ag)
	}
	return out, errs.Err()
}

// Discard is a phrase whose presence stops coding: of the sentence, or,
// for a story discard ('+' in the file), of the whole story.
type Discard struct {
	Phrase string
	Story  bool
	Line   int
}

// ReadDiscards reads a discard list.
func ReadDiscards(r io.Reader, file string) ([]*Discard, error) {
	lines, errs := readLines(r, file)
	var out []*Discard
	for _, l := range lines {
		d := &Discard{Line: l.n}
		t := l.text
		if strings.HasPrefix(t, "+") {
			d.Story, t = true, t[1:]
		}
		if strings.ContainsAny(t, "[]{}") {
			errs.add(file, l.n, "discard phrase with brackets: %q", l.text)
			continue
		}
		d.Phrase = phrase(t)
		if d.Phrase == "" {
			errs.add(file, l.n, "empty discard phrase")
			continue
		}
		out = append(out, d)
	}
	return out, errs.Err()
}
