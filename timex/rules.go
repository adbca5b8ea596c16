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
// TYPE is DATE, TIME, DURATION or SET, or NONE for a phrase that looks like
// a time expression but is not one ("$5 million a year", "the March for
// Life"): its match takes part in the overlap resolution and is dropped.
//
// PATTERN is a case-insensitive Go regular expression in which %name%
// stands for a lexicon section or an @define macro. Named groups carry the
// parts the normaliser reads (year, month, day, dow, n, unit, rel, dir,
// mod, fuzzy, pod, season, quarter, deictic, holiday, hour, minute, ampm,
// decade, freq …); a group named t, when present, is the extent and the
// rest of the match is context. Options:
//
//	value=     a literal TIMEX3 value
//	mod=       a TIMEX3 mod
//	gran=      the granularity
//	shift=     the offset in units when the rule has no rel group ("the quarter" = -1)
//	unit=      the unit when the rule has no unit group
//	ref=       an offset from the last date the text stated ("that year"), not from the publication date
//	notbefore= reject a match whose preceding text matches this pattern
//	notafter=  reject a match whose following text matches this pattern
type rule struct {
	line      int
	typ       string
	re        *regexp.Regexp
	names     []string
	opts      map[string]string
	notBefore *regexp.Regexp
	notAfter  *regexp.Regexp
	// notBeforePre and notAfterPre are their prefilters.
	notBeforePre, notAfterPre prefilter
	// keys are the words (lower case; "" for any digit) a match of the
	// rule may contain: a window lacking all of them is skipped.
	keys map[string]bool
	// gates are word sets a window must each meet for the rule to run.
	gates []map[string]bool
	// keySet and gateSets are keys and gates over the trigger words, the
	// only words windows record.
	keySet   wordSet
	gateSets []wordSet
	// low, when not nil, matches the ASCII-lower-cased text where re
	// matches the text (see lowerRegexp).
	low *regexp.Regexp
	// first holds the bytes a match can begin with, when hasFirst, and
	// anchored is re (or low) anchored at the start of the text: find
	// tries it only where a match can begin. anchoredBare is anchored
	// without the leading \b, nil when the pattern reads the text before
	// a match in another way.
	first        byteSet
	hasFirst     bool
	anchored     *regexp.Regexp
	anchoredBare *regexp.Regexp
	// pre holds strings one of which every match holds (see prefilter).
	pre prefilter
	// starts holds, by first byte, the strings one of which every match
	// begins with (folded, see foldByte); nil when not known.
	starts *[256][]string
}

var (
	regexEscape = regexp.MustCompile(`\\[a-zA-Z]|\(\?P<[a-z0-9_]+>|\(\?[a-zA-Z-]+[:)]|\[[^\]]*\]`)
	wordRun     = regexp.MustCompile(`[a-zA-Z]+`)
)

// literalWords returns the words written literally in a pattern, without
// escapes, group names, flags and character classes.
func literalWords(pat string) []string {
	var out []string
	clean := regexEscape.ReplaceAllString(pat, " ")
	for _, loc := range wordRun.FindAllStringIndex(clean, -1) {
		w := strings.ToLower(clean[loc[0]:loc[1]])
		out = append(out, w)
		if loc[1] < len(clean) && (clean[loc[1]] == '?' || clean[loc[1]] == '*') && len(w) > 1 {
			// "days?" matches "day" too.
			out = append(out, w[:len(w)-1])
		}
	}
	return out
}

// splitWords splits a lexicon form into lower-case words as windows sees
// them.
func splitWords(f string) []string {
	return strings.FieldsFunc(strings.ToLower(f), func(r rune) bool { return r > 0x7f || !isWordByte(byte(r)) })
}

var macroRef = regexp.MustCompile(`%([A-Za-z_]+)%`)

// parseRules reads data/rules.txt against the lexicon's macros.
func parseRules(name, data string, lex *lexicon) ([]*rule, error) {
	macros := map[string]string{}
	for k, v := range lex.macros {
		macros[k] = v
	}
	// macroKeys holds, for each macro, the words a match through it may
	// contain ("" stands for a digit).
	macroKeys := map[string]map[string]bool{}
	for sec, forms := range lex.values {
		keys := map[string]bool{}
		for f := range forms {
			for _, w := range splitWords(f) {
				// windows see any word with a digit as "".
				if strings.ContainsAny(w, "0123456789") {
					w = ""
				}
				keys[w] = true
			}
		}
		for k := range lex.macros {
			if strings.EqualFold(k, sec) {
				macroKeys[k] = keys
			}
		}
	}
	triggers := triggerWords(lex)
	common := map[string]bool{}
	for w := range lex.values["stop"] {
		common[w] = true
	}
	// defines holds the @define macros unexpanded, to find the parts of
	// a rule that are optional.
	defines := map[string]string{}
	expandDefines := func(pat string) string {
		for i := 0; i < 5; i++ {
			pat = macroRef.ReplaceAllStringFunc(pat, func(m string) string {
				if d, ok := defines[m[1:len(m)-1]]; ok {
					return d
				}
				return m
			})
		}
		return pat
	}
	keysOf := func(pat string) map[string]bool {
		keys := map[string]bool{}
		for _, m := range macroRef.FindAllStringSubmatch(pat, -1) {
			for k := range macroKeys[m[1]] {
				keys[k] = true
			}
		}
		for _, w := range literalWords(macroRef.ReplaceAllString(pat, " ")) {
			keys[w] = true
		}
		if strings.Contains(pat, `\d`) || strings.Contains(pat, "0-9") || strings.Contains(pat, "1-9") {
			keys[""] = true
		}
		return keys
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
			macroKeys[strings.TrimSpace(k)] = keysOf(strings.TrimSpace(rest[len(k)+1:]))
			macros[strings.TrimSpace(k)] = "(?:" + v + ")"
			defines[strings.TrimSpace(k)] = "(?:" + strings.TrimSpace(rest[len(k)+1:]) + ")"
			continue
		}
		fields := strings.Split(line, " :: ")
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: want TYPE :: PATTERN", name, n)
		}
		r := &rule{line: n, typ: strings.TrimSpace(fields[0]), opts: map[string]string{}}
		switch r.typ {
		case "DATE", "TIME", "DURATION", "SET", "NONE":
		default:
			return nil, fmt.Errorf("%s:%d: unknown type %q", name, n, r.typ)
		}
		// Gate on the words the rule cannot match without; when those
		// are all too common to be triggers, on every word it may hold.
		req := requiredPart(expandDefines(strings.TrimSpace(fields[1])))
		r.keys = keysOf(req)
		if !anyTrigger(r.keys, triggers) {
			r.keys = keysOf(strings.TrimSpace(fields[1]))
		}
		// Each required part made only of trigger words or digits ("a
		// month name" and "a number") must be in the window too.
		for _, el := range topElements(req) {
			if strings.Contains(el, `\w`) || strings.Contains(el, "[a-") || strings.Contains(el, "[A-") || strings.Contains(el, "(?-i:[") {
				continue
			}
			keys := keysOf(el)
			if len(keys) > 0 && allTriggers(keys, triggers) {
				r.gates = append(r.gates, keys)
			}
		}
		pat, err := expand(n, strings.TrimSpace(fields[1]))
		if err != nil {
			return nil, err
		}
		// The end of a match is checked in findAll, since a pattern may
		// end in a period, where \b would not hold; alternatives must
		// therefore list a longer word before its prefix ("weekend|week").
		if r.re, err = regexp.Compile(`(?i)\b` + pat); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if err := r.compileFast(pat, common); err != nil {
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
				r.notBeforePre = newPrefilter(r.notBefore.String(), nil)
			case "notafter":
				if r.notAfter, err = regexp.Compile(`(?i)^(?:` + v + `)`); err != nil {
					return nil, fmt.Errorf("%s:%d: %w", name, n, err)
				}
				r.notAfterPre = newPrefilter(r.notAfter.String(), nil)
			case "value", "mod", "gran", "shift", "unit", "ref":
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
	ids := triggerIDs(triggers)
	for _, r := range rules {
		r.keySet = setOf(r.keys, ids)
		for _, g := range r.gates {
			r.gateSets = append(r.gateSets, setOf(g, ids))
		}
	}
	return rules, nil
}

// match is one rule's hit on a text.
type match struct {
	Start, End int
	rule       *rule
	// groups maps a group name (trailing digits removed) to its text.
	groups map[string]string
	// possessive marks an expression followed by 's ("Wednesday's
	// ruling"), which names a day already known, usually past.
	possessive bool
}

// context bytes examined by notbefore/notafter.
const contextBytes = 40

// findAll returns every rule's matches in text, overlapping ones resolved
// in favour of the longest, then the earliest rule. The rules run only on
// windows around trigger words (see windows), which keeps the regular
// expressions off the bulk of the text.
func findAll(rules []*rule, triggers map[string]int32, text string) []match {
	var all []match
	pre := prefilterable(text)
	for _, w := range windows(text, triggers) {
		all = w.match(rules, text, pre, all)
	}
	return resolveOverlaps(all, len(text))
}

type window struct {
	start, end int
	words      wordSet // trigger words inside; id 0 for a digit
}

// mayMatch reports whether the window holds a word the rule can match.
func (w window) mayMatch(r *rule) bool {
	for _, g := range r.gateSets {
		if !w.words.meets(g) {
			return false
		}
	}
	return w.words.meets(r.keySet)
}

// wordSet is a set of trigger words by their triggerIDs.
type wordSet []uint64

func newWordSet(n int) wordSet { return make(wordSet, (n+63)/64) }

func (s wordSet) add(id int32) { s[id/64] |= 1 << (id % 64) }

// meets reports whether s and o share a word.
func (s wordSet) meets(o wordSet) bool {
	for i := range min(len(s), len(o)) {
		if s[i]&o[i] != 0 {
			return true
		}
	}
	return false
}

// triggerIDs numbers the trigger words from 1 in sorted order; 0 stands
// for any word with a digit, as in windows.
func triggerIDs(triggers map[string]bool) map[string]int32 {
	ws := make([]string, 0, len(triggers))
	for w := range triggers {
		if w != "" {
			ws = append(ws, w)
		}
	}
	sort.Strings(ws)
	ids := map[string]int32{"": 0}
	for i, w := range ws {
		ids[w] = int32(i + 1)
	}
	return ids
}

// setOf returns the trigger words among words; the others never occur
// in a window's set.
func setOf(words map[string]bool, ids map[string]int32) wordSet {
	s := newWordSet(len(ids))
	for w := range words {
		if id, ok := ids[w]; ok {
			s.add(id)
		}
	}
	return s
}

// match appends the matches of rules inside w; pre says whether the
// rules' prefilters hold on text.
func (w window) match(rules []*rule, text string, pre bool, all []match) []match {
	sub := text[w.start:w.end]
	low, folded := "", ""
	for _, r := range rules {
		if !w.mayMatch(r) {
			continue
		}
		if pre && (r.pre != nil || r.starts != nil) && folded == "" {
			folded = foldASCII(sub)
		}
		if pre && !r.pre.mayMatch(folded) {
			continue
		}
		if r.low != nil && low == "" {
			low = lowerASCII(sub)
		}
		// Windows are short, so the groups come in the same pass.
		for _, loc := range r.find(sub, low, folded) {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += w.start
				}
			}
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
			rest := text[m.End:min(len(text), m.End+4)]
			m.possessive = strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s")
			if r.notBefore != nil && rejects(r.notBefore, r.notBeforePre, pre, text[max(0, loc[0]-contextBytes):loc[0]]) {
				continue
			}
			if r.notAfter != nil && rejects(r.notAfter, r.notAfterPre, pre, text[loc[1]:min(len(text), loc[1]+contextBytes)]) {
				continue
			}
			all = append(all, m)
		}
	}
	return all
}

// rejects reports whether a notbefore or notafter pattern matches its
// context, trying the prefilter first when pre says it holds.
func rejects(re *regexp.Regexp, p prefilter, pre bool, context string) bool {
	if pre && !p.mayMatch(foldASCII(context)) {
		return false
	}
	return re.MatchString(context)
}

// resolveOverlaps keeps the longest of overlapping matches, then the one of
// the earliest rule, and returns them in text order.
func resolveOverlaps(all []match, n int) []match {
	sort.SliceStable(all, func(i, j int) bool {
		li, lj := all[i].End-all[i].Start, all[j].End-all[j].Start
		if li != lj {
			return li > lj
		}
		return all[i].rule.line < all[j].rule.line
	})
	var kept []match
	used := make([]bool, n)
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

// Window context, in words: rules may read a preposition or determiner
// before a trigger word ("in the past", "for years") and a word or two
// after it.
const (
	wordsBefore = 3
	wordsAfter  = 3
	mergeGap    = 4 // words between triggers that still share a window
)

// windows returns the stretches of text around trigger words (any word of
// the lexicon outside [stop], or any word holding a digit), each starting
// at a word and ending after the punctuation glued to its last word.
func windows(text string, triggers map[string]int32) []window {
	type word struct {
		start, end int
		trigger    bool
		id         int32
	}
	var words []word
	var buf []byte
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) || text[i] == '_' {
			i++
			continue
		}
		j, digit := i, false
		buf = buf[:0]
		for j < len(text) && isWordByte(text[j]) {
			c := text[j]
			if '0' <= c && c <= '9' {
				digit = true
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			j++
		}
		id, ok := int32(0), digit
		if !digit {
			// Indexing by string(buf) does not allocate.
			id, ok = triggers[string(buf)]
		}
		words = append(words, word{i, j, ok, id})
		i = j
	}
	var out []window
	last := -1 // index of the last trigger word in the open window
	first := -1
	flush := func() {
		if first < 0 {
			return
		}
		s := words[max(0, first-wordsBefore)].start
		e := words[min(len(words)-1, last+wordsAfter)].end
		for k := 0; k < 6 && e < len(text) && text[e] != ' ' && text[e] != '\n' && text[e] != '\t'; k++ {
			e++
		}
		for e < len(text) && e > 0 && text[e-1]&0xC0 == 0x80 || e < len(text) && text[e]&0xC0 == 0x80 {
			e++ // do not cut a UTF-8 sequence
		}
		if n := len(out); n > 0 && s <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, e)
		} else {
			out = append(out, window{start: s, end: e, words: newWordSet(len(triggers))})
		}
		for k := first; k <= last; k++ {
			if words[k].trigger {
				out[len(out)-1].words.add(words[k].id)
			}
		}
		first = -1
	}
	for i, w := range words {
		if !w.trigger {
			continue
		}
		if first >= 0 && i-last > mergeGap {
			flush()
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	flush()
	return out
}

// triggerWords lists the words of every lexicon section but [stop].
func triggerWords(l *lexicon) map[string]bool {
	t := map[string]bool{}
	for sec, forms := range l.values {
		// Titles hold a time word each; their other words need not
		// open windows.
		if sec == "stop" || sec == "titles" {
			continue
		}
		for f := range forms {
			for _, w := range splitWords(f) {
				t[w] = true
			}
		}
	}
	for w := range l.values["stop"] {
		delete(t, w)
	}
	return t
}

// requiredPart removes from a pattern the groups that may match nothing
// (followed by ?, * or {0,…}), leaving what every match must contain.
func requiredPart(pat string) string {
	var out []byte
	var starts []int // positions in out of open parentheses
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == '\\' && i+1 < len(pat):
			out = append(out, c, pat[i+1])
			i++
		case c == '[':
			j := i + 1
			if j < len(pat) && pat[j] == ']' {
				j++
			}
			for j < len(pat) && pat[j] != ']' {
				if pat[j] == '\\' {
					j++
				}
				j++
			}
			end := min(j+1, len(pat))
			out = append(out, pat[i:end]...)
			i = end - 1
		case c == '(':
			starts = append(starts, len(out))
			out = append(out, c)
		case c == ')' && len(starts) > 0:
			open := starts[len(starts)-1]
			starts = starts[:len(starts)-1]
			out = append(out, c)
			if i+1 < len(pat) && (pat[i+1] == '?' || pat[i+1] == '*' || strings.HasPrefix(pat[i+1:], "{0")) {
				out = out[:open]
				i++
				if pat[i] == '{' {
					for i < len(pat) && pat[i] != '}' {
						i++
					}
				}
			}
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

// anyTrigger reports whether keys hold a digit or a trigger word.
func anyTrigger(keys, t map[string]bool) bool {
	for k := range keys {
		if k == "" || t[k] {
			return true
		}
	}
	return false
}

// topElements splits a pattern into its top-level parts (macro
// references, groups, classes, escapes, literal words), all of which a
// match needs; nil when the pattern is an alternation at the top.
func topElements(pat string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == '\\' && i+1 < len(pat):
			if depth == 0 {
				out = append(out, pat[i:i+2])
			}
			i++
		case c == '[':
			j := i + 1
			for j < len(pat) && pat[j] != ']' {
				if pat[j] == '\\' {
					j++
				}
				j++
			}
			if depth == 0 {
				out = append(out, pat[i:min(j+1, len(pat))])
			}
			i = j
		case c == '(':
			if depth == 0 {
				start = i
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 && start >= 0 {
				out = append(out, pat[start:i+1])
				start = -1
			}
		case c == '|' && depth == 0:
			return nil
		case c == '%' && depth == 0:
			j := strings.IndexByte(pat[i+1:], '%')
			if j < 0 {
				return nil
			}
			out = append(out, pat[i:i+j+2])
			i += j + 1
		case depth == 0 && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'):
			j := i
			for j < len(pat) && ('a' <= pat[j] && pat[j] <= 'z' || 'A' <= pat[j] && pat[j] <= 'Z') {
				j++
			}
			out = append(out, pat[i:j])
			i = j - 1
		}
	}
	return out
}

// allTriggers reports whether every word of keys is a trigger word (or the
// digit key).
func allTriggers(keys, t map[string]bool) bool {
	for k := range keys {
		if k != "" && !t[k] {
			return false
		}
	}
	return true
}
