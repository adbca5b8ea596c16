package timex

import (
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A prefilter keeps a regular expression off text it cannot match: it
// lists strings one of which every match holds, in lower case, so that
// text whose ASCII-lower-cased form holds none of them is skipped with a
// few substring searches. This is the necessary-substring analysis of
// Russ Cox's "Regular Expression Matching with a Trigram Index" (2012),
// on whole literals rather than trigrams.
type prefilter []string

// mayMatch reports whether low, a text with its ASCII capitals lowered,
// holds one of p's strings. A nil prefilter lets every text through.
func (p prefilter) mayMatch(low string) bool {
	if p == nil {
		return true
	}
	for _, s := range p {
		if strings.Contains(low, s) {
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
// over concatenations, and a prefilter longer than maxRequired costs more
// searches than it saves.
const (
	maxExact    = 16
	maxRequired = 64
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
// no string is found that every match must hold.
func newPrefilter(pat string) prefilter {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	set := minimalSet(litsOf(re).best())
	if selectivity(set) <= 0 {
		return nil
	}
	return prefilter(set)
}

// selectivity ranks a set of required strings: -1 for none known, 0 when
// it holds the empty string, else the length of its shortest string.
// Beyond four bytes, length matters little.
func selectivity(set []string) int {
	if set == nil {
		return -1
	}
	n := 4
	for _, s := range set {
		n = min(n, len(s))
	}
	return n
}

// better reports whether required set a filters better than b: longer
// strings, then fewer.
func better(a, b []string) bool {
	sa, sb := selectivity(a), selectivity(b)
	if sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

// litsOf analyses re.
func litsOf(re *syntax.Regexp) litInfo {
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
			b.WriteRune(lowerRune(r))
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
				set = append(set, string(lowerRune(r)))
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
		return litsOf(re.Sub[0])
	case syntax.OpQuest:
		sub := litsOf(re.Sub[0])
		if sub.isExact && len(sub.exact) < maxExact {
			return litInfo{exact: dedupe(append([]string{""}, sub.exact...)), isExact: true}
		}
		return litInfo{}
	case syntax.OpPlus:
		return litInfo{required: litsOf(re.Sub[0]).best()}
	case syntax.OpRepeat:
		if re.Min == 0 {
			return litInfo{}
		}
		return litInfo{required: litsOf(re.Sub[0]).best()}
	case syntax.OpConcat:
		var cands [][]string
		run := []string{""}
		whole := true
		for _, s := range re.Sub {
			in := litsOf(s)
			if in.isExact && len(run)*len(in.exact) <= maxExact {
				run = product(run, in.exact)
				continue
			}
			whole = false
			cands = append(cands, run)
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
			if c != nil && (best == nil || better(minimalSet(c), best)) {
				best = minimalSet(c)
			}
		}
		return litInfo{required: best}
	case syntax.OpAlternate:
		var all, req []string
		isExact := true
		for _, s := range re.Sub {
			in := litsOf(s)
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

// lowerRune lowers an ASCII capital, as lowerASCII does.
func lowerRune(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
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

// startInfo is what the analysis knows of how the matches of a
// subexpression begin: each is empty (only when nullable), begins with one
// of lits (lower-cased), or, when any, with anything.
type startInfo struct {
	lits     []string
	any      bool
	nullable bool
}

// startsOf analyses how the matches of re begin.
func startsOf(re *syntax.Regexp) startInfo {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return startInfo{nullable: true}
	case syntax.OpLiteral, syntax.OpCharClass:
		in := litsOf(re)
		if in.isExact {
			return startInfo{lits: in.exact}
		}
		if re.Op == syntax.OpLiteral {
			// The part before the first rune that splits it.
			var b strings.Builder
			for _, r := range re.Rune {
				if re.Flags&syntax.FoldCase != 0 && r >= utf8.RuneSelf && unicode.SimpleFold(r) != r {
					break
				}
				b.WriteRune(lowerRune(r))
			}
			if b.Len() > 0 {
				return startInfo{lits: []string{b.String()}}
			}
		}
		return startInfo{any: true}
	case syntax.OpCapture, syntax.OpPlus:
		return startsOf(re.Sub[0])
	case syntax.OpRepeat:
		s := startsOf(re.Sub[0])
		s.nullable = s.nullable || re.Min == 0
		return s
	case syntax.OpQuest, syntax.OpStar:
		s := startsOf(re.Sub[0])
		s.nullable = true
		return s
	case syntax.OpAlternate:
		var out startInfo
		for _, sub := range re.Sub {
			s := startsOf(sub)
			out.lits = append(out.lits, s.lits...)
			out.any = out.any || s.any
			out.nullable = out.nullable || s.nullable
		}
		out.lits = dedupe(out.lits)
		return out
	case syntax.OpConcat:
		var out startInfo
		// cur holds the strings the children so far may have matched,
		// while they are known exactly.
		cur := []string{""}
		emit := func(set []string) {
			for _, s := range set {
				if s == "" {
					out.any = true
				} else {
					out.lits = append(out.lits, s)
				}
			}
		}
		for _, sub := range re.Sub {
			if in := litsOf(sub); in.isExact {
				if len(cur) > 1 && len(cur)*len(in.exact) > maxExact {
					emit(cur)
					out.lits = dedupe(out.lits)
					return out
				}
				cur = product(cur, in.exact)
				continue
			}
			s := startsOf(sub)
			if s.any || len(cur) > 1 && len(cur)*len(s.lits) > maxExact {
				emit(cur)
			} else {
				emit(product(cur, s.lits))
			}
			if !s.nullable {
				out.lits = dedupe(out.lits)
				return out
			}
		}
		// Every child may match exactly the strings of cur.
		for _, s := range cur {
			if s == "" {
				out.nullable = true
			} else {
				out.lits = append(out.lits, s)
			}
		}
		out.lits = dedupe(out.lits)
		return out
	}
	return startInfo{any: true}
}

// newStarts returns the strings one of which every match of pat begins
// with, lower-cased and filed by first byte; nil when not known.
func newStarts(pat string) *[256][]string {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	s := startsOf(re)
	if s.any || s.nullable || len(s.lits) == 0 {
		return nil
	}
	var out [256][]string
	for _, l := range minimalPrefixes(s.lits) {
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
