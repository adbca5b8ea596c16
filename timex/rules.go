package timex

import (
	"bufio"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// A rule recognises one shape of time expression. Rules are written in
// data/rules.txt, one a line:
//
//	TYPE :: PATTERN [:: key=value]...
//
// PATTERN is a case-insensitive Go regular expression in which %name%
// stands for a lexicon section or an @define macro. Named groups carry the
// parts the normaliser reads (year, month, day, dow, n, unit, rel, dir,
// mod, fuzzy, pod, season, quarter, deictic, holiday, hour, minute, ampm,
// decade, freq …); a group named t, when present, is the extent and the
// rest of the match is context. Options: value= sets a literal value,
// mod= a TIMEX3 mod, gran= the granularity, shift= the offset in units
// when the rule has no rel group ("the quarter" = -1), notbefore= and notafter= reject a match whose preceding or following
// text matches the given pattern.
type rule struct {
	line      int
	typ       string
	re        *regexp.Regexp
	names     []string
	opts      map[string]string
	notBefore *regexp.Regexp
	notAfter  *regexp.Regexp
	// literal is a word every match contains (lower case), used to skip
	// the rule on texts that lack it; empty when unknown.
	literal string
}

var macroRef = regexp.MustCompile(`%([A-Za-z_]+)%`)

// parseRules reads data/rules.txt against the lexicon's macros.
func parseRules(name, data string, lex *lexicon) ([]*rule, error) {
	macros := map[string]string{}
	for k, v := range lex.macros {
		macros[k] = v
	}
	expand := func(n int, s string) (string, error) {
		var err error
		for i := 0; i < 5 && strings.Contains(s, "%"); i++ {
			s = macroRef.ReplaceAllStringFunc(s, func(m string) string {
				k := m[1 : len(m)-1]
				v, ok := macros[k]
				if !ok {
					err = fmt.Errorf("%s:%d: unknown macro %s", name, n, m)
					return m
				}
				return v
			})
		}
		return s, err
	}
	var rules []*rule
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "@define "); ok {
			k, v, ok := strings.Cut(rest, "=")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want @define NAME = PATTERN", name, n)
			}
			v, err := expand(n, strings.TrimSpace(v))
			if err != nil {
				return nil, err
			}
			macros[strings.TrimSpace(k)] = "(?:" + v + ")"
			continue
		}
		fields := strings.Split(line, " :: ")
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: want TYPE :: PATTERN", name, n)
		}
		r := &rule{line: n, typ: strings.TrimSpace(fields[0]), opts: map[string]string{}}
		switch r.typ {
		case "DATE", "TIME", "DURATION", "SET":
		default:
			return nil, fmt.Errorf("%s:%d: unknown type %q", name, n, r.typ)
		}
		pat, err := expand(n, strings.TrimSpace(fields[1]))
		if err != nil {
			return nil, err
		}
		// The end of a match is checked in findAll, since a pattern may
		// end in a period, where \b would not hold.
		if r.re, err = regexp.Compile(`(?i)\b` + pat); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		r.names = r.re.SubexpNames()
		for _, o := range fields[2:] {
			k, v, ok := strings.Cut(strings.TrimSpace(o), "=")
			if !ok {
				return nil, fmt.Errorf("%s:%d: option %q is not key=value", name, n, o)
			}
			if v, err = expand(n, v); err != nil {
				return nil, err
			}
			switch k {
			case "notbefore":
				if r.notBefore, err = regexp.Compile(`(?i)(?:` + v + `)$`); err != nil {
					return nil, fmt.Errorf("%s:%d: %w", name, n, err)
				}
			case "notafter":
				if r.notAfter, err = regexp.Compile(`(?i)^(?:` + v + `)`); err != nil {
					return nil, fmt.Errorf("%s:%d: %w", name, n, err)
				}
			case "value", "mod", "gran", "shift":
				r.opts[k] = v
			default:
				return nil, fmt.Errorf("%s:%d: unknown option %q", name, n, k)
			}
		}
		rules = append(rules, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rules, nil
}

// match is one rule's hit on a text.
type match struct {
	Start, End int
	rule       *rule
	// groups maps a group name (trailing digits removed) to its text.
	groups map[string]string
}

// context bytes examined by notbefore/notafter.
const contextBytes = 40

// findAll returns every rule's matches in text, overlapping ones resolved
// in favour of the longest, then the earliest rule.
func findAll(rules []*rule, text string) []match {
	var all []match
	for _, r := range rules {
		for _, loc := range r.re.FindAllStringSubmatchIndex(text, -1) {
			m := match{Start: loc[0], End: loc[1], rule: r, groups: map[string]string{}}
			for i, nm := range r.names {
				if nm == "" || loc[2*i] < 0 {
					continue
				}
				if nm == "t" {
					m.Start, m.End = loc[2*i], loc[2*i+1]
					continue
				}
				m.groups[strings.TrimRight(nm, "0123456789")] = text[loc[2*i]:loc[2*i+1]]
			}
			if m.Start == m.End || !wordEnd(text, loc[1]) {
				continue
			}
			if r.notBefore != nil && r.notBefore.MatchString(text[max(0, loc[0]-contextBytes):loc[0]]) {
				continue
			}
			if r.notAfter != nil && r.notAfter.MatchString(text[loc[1]:min(len(text), loc[1]+contextBytes)]) {
				continue
			}
			all = append(all, m)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		li, lj := all[i].End-all[i].Start, all[j].End-all[j].Start
		if li != lj {
			return li > lj
		}
		return all[i].rule.line < all[j].rule.line
	})
	var kept []match
	used := make([]bool, len(text))
	for _, m := range all {
		clash := false
		for i := m.Start; i < m.End; i++ {
			if used[i] {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		for i := m.Start; i < m.End; i++ {
			used[i] = true
		}
		kept = append(kept, m)
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
	return kept
}

// wordEnd reports whether a match ending at end does not cut a word: the
// bytes on both sides are not both letters or digits.
func wordEnd(text string, end int) bool {
	if end == 0 || end >= len(text) {
		return true
	}
	return !(isWordByte(text[end-1]) && isWordByte(text[end]))
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
