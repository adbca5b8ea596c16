package timex

import (
	"bufio"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexicon holds the word lists of data/lexicon.txt: for each section, the
// value of every form and the regular expression matching any form.
type lexicon struct {
	values map[string]map[string]string // section -> lower-case form -> value
	macros map[string]string            // section -> regexp alternation
}

// lookup returns the value of form in section, ignoring case and runs of
// spaces, hyphens and typographic apostrophes.
func (l *lexicon) lookup(section, form string) (string, bool) {
	f := foldForm(form)
	v, ok := l.values[section][f]
	if !ok {
		// Abbreviations lose their period at a word boundary.
		v, ok = l.values[section][f+"."]
	}
	return v, ok
}

// foldForm lower-cases s, folds typographic apostrophes and collapses
// whitespace to one space.
func foldForm(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || 'A' <= c && c <= 'Z' || c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') || c == '\t' || c == '\n' || c == '\r' {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	if plainASCII(s) {
		return lowerASCII(s)
	}
	s = strings.ToLower(s)
	s = quoteFolder.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// plainASCII reports whether s is ASCII with no white space but single
// spaces between words, which foldForm only lower-cases.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
			c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') {
			return false
		}
	}
	return true
}

// appendFoldForm appends foldForm(s) to buf, without allocating when s is
// plainASCII.
func appendFoldForm(buf []byte, s string) []byte {
	if !plainASCII(s) {
		return append(buf, foldForm(s)...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// parseLexicon reads the "[section]" / "value: form, form" format.
func parseLexicon(name, data string) (*lexicon, error) {
	l := &lexicon{values: map[string]map[string]string{}, macros: map[string]string{}}
	forms := map[string][]string{}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			if _, dup := l.values[strings.ToLower(section)]; dup {
				return nil, fmt.Errorf("%s:%d: section %q repeated", name, n, section)
			}
			l.values[strings.ToLower(section)] = map[string]string{}
			continue
		}
		if section == "" {
			return nil, fmt.Errorf("%s:%d: entry before any [section]", name, n)
		}
		value, list, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want \"value: form, form\"", name, n)
		}
		value = strings.TrimSpace(value)
		for _, f := range strings.Split(list, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			l.values[strings.ToLower(section)][foldForm(f)] = value
			forms[section] = append(forms[section], f)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for sec, fs := range forms {
		caseSensitive := unicode.IsUpper([]rune(sec)[0])
		l.macros[sec] = alternation(fs, caseSensitive)
	}
	return l, nil
}

// alternation builds a non-capturing group matching any of forms, longest
// first so that the leftmost match is also the longest. Case-sensitive
// lists match their forms as written and in upper case.
func alternation(forms []string, caseSensitive bool) string {
	seen := map[string]bool{}
	var alts []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			alts = append(alts, f)
		}
	}
	for _, f := range forms {
		add(f)
		if caseSensitive {
			add(strings.ToUpper(f))
		}
	}
	sort.SliceStable(alts, func(i, j int) bool { return len(alts[i]) > len(alts[j]) })
	quoted := make([]string, len(alts))
	for i, a := range alts {
		q := regexp.QuoteMeta(a)
		// Let a space in a form match any run of white space or a hyphen,
		// and a straight apostrophe match a typographic one.
		q = strings.ReplaceAll(q, " ", `[\s\-]+`)
		q = strings.ReplaceAll(q, "'", `['’]`)
		quoted[i] = q
	}
	g := "(?:" + strings.Join(quoted, "|") + ")"
	if caseSensitive {
		return "(?-i:" + g + ")"
	}
	return g
}

var quoteFolder = strings.NewReplacer("’", "'", "‘", "'", "\u00a0", " ")
