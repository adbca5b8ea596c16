package timex

import (
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A prefilter keeps a regular expression off text it cannot match: it
// lists strings one of which every match holds, folded (see foldByte), so
// that text whose folded form holds none of them is skipped with a few
// substring searches. This is the necessary-substring analysis of Russ
// Cox's "Regular Expression Matching with a Trigram Index" (2012), on
// whole literals rather than trigrams.
type prefilter []string

// mayMatch reports whether folded, a text passed through foldASCII, holds
// one of p's strings. A nil prefilter lets every text through.
func (p prefilter) mayMatch(folded string) bool {
	if p == nil {
		return true
	}
	for _, s := range p {
		if strings.Contains(folded, s) {
			return true
		}
	}
	return false
}

// foldEscapes are the runes outside ASCII that case-insensitive matching
// equates with an ASCII letter (K, the Kelvin sign, with k; ſ with s).
// Lowering ASCII does not fold them, so text holding one must not be
// prefiltered.
var foldEscapes = func() []string {
	var out []string
	for r := rune('A'); r <= 'z'; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f >= utf8.RuneSelf {
				out = append(out, string(f))
			}
		}
	}
	sort.Strings(out)
	return out
}()

// prefilterable reports whether prefilters hold on text: it has none of
// the foldEscapes.
func prefilterable(text string) bool {
	for _, e := range foldEscapes {
		if strings.Contains(text, e) {
			return false
		}
	}
	return true
}

// Limits on the sets the analysis builds: exact sets are multiplied out
// over concatenations, a prefilter longer than maxRequired costs more
// searches than it saves, and one of more than maxExtended strings is
// not worth making longer by the starts of what follows.
const (
	maxExact    = 16
	maxRequired = 64
	maxExtended = 32
)

// litInfo is what the analysis knows of a subexpression.
type litInfo struct {
	// exact, when isExact, is every string the subexpression matches.
	exact   []string
	isExact bool
	// required is a set one of which every match holds; nil if unknown.
	required []string
}

// best returns the most selective set one of which every match holds.
func (in litInfo) best() []string {
	if in.isExact {
		return in.exact
	}
	return in.required
}

// newPrefilter returns the prefilter of pattern pat (Perl syntax), nil when
// no string is found that every match must hold. Of the sets it may
// choose, it prefers those without the common words (lower case).
func newPrefilter(pat string, common map[string]bool) prefilter {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	a := litAnalysis{common: common}
	set := minimalSet(a.litsOf(re).best())
	if len(set) == 0 || a.selectivity(set) <= 0 {
		return nil
	}
	return prefilter(set)
}

// litAnalysis finds the strings every match of a pattern holds.
type litAnalysis struct {
	common map[string]bool
}

// selectivity ranks a set of required strings: -1 for none known, 0 when
// it holds the empty string, else how rare its commonest string is: the
// bytes it has besides spaces, up to 6, or 1 for a common word.
func (a litAnalysis) selectivity(set []string) int {
	if set == nil {
		return -1
	}
	n := 6
	for _, s := range set {
		if s == "" {
			return 0
		}
		k := len(s) - strings.Count(s, " ")
		if a.common[strings.Trim(s, " -")] {
			k = 1
		}
		n = min(n, k)
	}
	return n
}

// better reports whether required set x filters better than y: rarer
// strings, then fewer.
func (a litAnalysis) better(x, y []string) bool {
	sx, sy := a.selectivity(x), a.selectivity(y)
	if sx != sy {
		return sx > sy
	}
	return len(x) < len(y)
}

// litsOf analyses re.
func (a litAnalysis) litsOf(re *syntax.Regexp) litInfo {
	exact := func(set ...string) litInfo {
		set = dedupe(set)
		return litInfo{exact: set, isExact: true, required: set}
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exact("")
	case syntax.OpLiteral:
		// A case-folded rune outside ASCII with other cases can match
		// several byte sequences: it splits the literal.
		var pieces []string
		var b strings.Builder
		whole := true
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
				pieces = append(pieces, b.String())
				b.Reset()
				whole = false
				continue
			}
			b.WriteRune(foldRune(r))
		}
		pieces = append(pieces, b.String())
		if whole {
			return exact(pieces[0])
		}
		longest := ""
		for _, p := range pieces {
			if len(p) > len(longest) {
				longest = p
			}
		}
		if longest == "" {
			return litInfo{}
		}
		return litInfo{required: []string{longest}}
	case syntax.OpCharClass:
		var set []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] >= maxExact {
				return litInfo{}
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				set = append(set, string(foldRune(r)))
			}
			if len(set) > 2*maxExact {
				return litInfo{}
			}
		}
		if set = dedupe(set); len(set) == 0 || len(set) > maxExact {
			return litInfo{}
		}
		return exact(set...)
	case syntax.OpCapture:
		return a.litsOf(re.Sub[0])
	case syntax.OpQuest:
		sub := a.litsOf(re.Sub[0])
		if sub.isExact && len(sub.exact) < maxExact {
			return litInfo{exact: dedupe(append([]string{""}, sub.exact...)), isExact: true}
		}
		return litInfo{}
	case syntax.OpPlus:
		return litInfo{required: a.litsOf(re.Sub[0]).best()}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return litInfo{}
		}
		return litInfo{required: a.litsOf(re.Sub[0]).best()}
	case syntax.OpConcat:
		var cands [][]string
		run := []string{""}
		whole := true
		for _, s := range re.Sub {
			in := a.litsOf(s)
			if in.isExact && len(run)*len(in.exact) <= maxExact {
				run = product(run, in.exact)
				continue
			}
			whole = false
			cands = append(cands, run)
			// The run followed by how the child begins.
			if st := startsOf(s); len(run)*len(st) <= maxExtended {
				var ext []string
				for _, x := range run {
					for _, y := range st {
						ext = append(ext, x+y.s)
					}
				}
				cands = append(cands, ext)
			}
			if in.isExact && len(in.exact) <= maxExact {
				run = in.exact
				continue
			}
			cands = append(cands, in.best())
			run = []string{""}
		}
		if whole {
			return exact(run...)
		}
		cands = append(cands, run)
		var best []string
		for _, c := range cands {
			if c != nil && (best == nil || a.better(minimalSet(c), best)) {
				best = minimalSet(c)
			}
		}
		return litInfo{required: best}
	case syntax.OpAlternate:
		var all, req []string
		isExact := true
		for _, s := range re.Sub {
			in := a.litsOf(s)
			if in.isExact {
				all = append(all, in.exact...)
			} else {
				isExact = false
			}
			b := in.best()
			if b == nil {
				return litInfo{}
			}
			req = append(req, b...)
		}
		if isExact && len(dedupe(all)) <= maxExact {
			return exact(all...)
		}
		if req = minimalSet(req); len(req) > maxRequired {
			return litInfo{}
		}
		return litInfo{required: req}
	}
	return litInfo{}
}

// foldRune maps a rune of a pattern as foldASCII maps the text.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return rune(foldByte(byte(r)))
	}
	return r
}

// foldByte lowers an ASCII capital and turns the white space of \s into
// a space. A byte map applied to both the text and a pattern's strings
// keeps every string a match holds in the mapped text.
func foldByte(c byte) byte {
	switch {
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A'
	case c == '\t' || c == '\n' || c == '\f' || c == '\r':
		return ' '
	}
	return c
}

// foldASCII returns s through foldByte; the byte length, and so every
// offset, stays.
func foldASCII(s string) string {
	i := 0
	for i < len(s) && foldByte(s[i]) == s[i] {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		b[i] = foldByte(b[i])
	}
	return string(b)
}

// product returns every string of a followed by one of b.
func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

// dedupe sorts set and drops repeats.
func dedupe(set []string) []string {
	out := append([]string(nil), set...)
	sort.Strings(out)
	k := 0
	for i, s := range out {
		if i == 0 || s != out[k-1] {
			out[k] = s
			k++
		}
	}
	return out[:k]
}

// minimalSet drops from a required set each string holding another: a
// text holding it holds the other too.
func minimalSet(set []string) []string {
	if set == nil {
		return nil
	}
	set = dedupe(set)
	sort.SliceStable(set, func(i, j int) bool { return len(set[i]) < len(set[j]) })
	out := []string{}
	for _, s := range set {
		keep := true
		for _, t := range out {
			if strings.Contains(s, t) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// A start is a string the matches of a subexpression begin with, folded
// as foldRune folds; done when it is a whole match. The start {"", false}
// says a match may begin with anything, {"", true} that it may be empty.
type start struct {
	s    string
	done bool
}

// maxStarts bounds the starts startsOf keeps for a subexpression.
const maxStarts = 128

// startsOf returns the starts of the matches of re.
func startsOf(re *syntax.Regexp) []start {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []start{{"", true}}
	case syntax.OpLiteral:
		// Up to the first rune that splits it (see litsOf).
		var b strings.Builder
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
				return []start{{b.String(), false}}
			}
			b.WriteRune(foldRune(r))
		}
		return []start{{b.String(), true}}
	case syntax.OpCharClass:
		in := litAnalysis{}.litsOf(re)
		if !in.isExact {
			return []start{{"", false}}
		}
		out := make([]start, len(in.exact))
		for i, e := range in.exact {
			out[i] = start{e, true}
		}
		return out
	case syntax.OpCapture:
		return startsOf(re.Sub[0])
	case syntax.OpPlus:
		return opened(startsOf(re.Sub[0]))
	case syntax.OpQuest:
		return append(startsOf(re.Sub[0]), start{"", true})
	case syntax.OpStar:
		return append(opened(startsOf(re.Sub[0])), start{"", true})
	case syntax.OpRepeat:
		out := startsOf(re.Sub[0])
		if re.Max != 1 {
			out = opened(out)
		}
		if re.Min == 0 {
			out = append(out, start{"", true})
		}
		return out
	case syntax.OpAlternate:
		var out []start
		for _, sub := range re.Sub {
			out = append(out, startsOf(sub)...)
		}
		return shorten(uniqueStarts(out))
	case syntax.OpConcat:
		out := []start{{"", true}}
		for _, sub := range re.Sub {
			next := startsOf(sub)
			var grown []start
			for _, a := range out {
				if !a.done {
					grown = append(grown, a)
					continue
				}
				for _, b := range next {
					grown = append(grown, start{a.s + b.s, b.done})
				}
			}
			out = shorten(uniqueStarts(grown))
		}
		return out
	}
	return []start{{"", false}}
}

// shorten cuts the longest of too many starts by a byte until at most
// maxStarts are left: a match beginning with a string begins with its
// prefixes too.
func shorten(starts []start) []start {
	for len(starts) > maxStarts {
		longest := 0
		for _, s := range starts {
			longest = max(longest, len(s.s))
		}
		if longest == 0 {
			break
		}
		for i, s := range starts {
			if len(s.s) == longest {
				starts[i] = start{s.s[:longest-1], false}
			}
		}
		starts = uniqueStarts(starts)
	}
	return starts
}

// opened returns starts with each marked as not a whole match.
func opened(starts []start) []start {
	out := make([]start, len(starts))
	for i, s := range starts {
		out[i] = start{s.s, false}
	}
	return uniqueStarts(out)
}

// uniqueStarts drops repeated starts; an open start covers a done one of
// the same string.
func uniqueStarts(starts []start) []start {
	open := map[string]bool{}
	for _, s := range starts {
		if !s.done {
			open[s.s] = true
		}
	}
	seen := map[start]bool{}
	var out []start
	for _, s := range starts {
		if s.done && open[s.s] || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// newStarts returns the strings one of which every match of pat begins
// with, folded as foldRune folds and filed by first byte; nil when not
// known.
func newStarts(pat string) *[256][]string {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	var lits []string
	for _, s := range startsOf(re) {
		if s.s == "" {
			return nil
		}
		lits = append(lits, s.s)
	}
	var out [256][]string
	for _, l := range minimalPrefixes(lits) {
		out[l[0]] = append(out[l[0]], l)
	}
	return &out
}

// minimalPrefixes drops from set each string that begins with another.
func minimalPrefixes(set []string) []string {
	set = dedupe(set)
	var out []string
	for _, s := range set {
		// Sorted, a string follows any of its prefixes.
		if len(out) > 0 && strings.HasPrefix(s, out[len(out)-1]) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// hasAnyPrefix reports whether s begins with one of set.
func hasAnyPrefix(s string, set []string) bool {
	for _, p := range set {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
