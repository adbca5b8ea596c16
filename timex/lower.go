package timex

import (
	"regexp"
	"regexp/syntax"
	"sort"
	"unicode"
)

// lowerRegexp returns a case-sensitive version of a case-insensitive
// pattern that matches the ASCII-lower-cased text exactly where the
// pattern matches the text (same offsets, same groups), or nil when the
// pattern has a case-sensitive part, which must see the text as it is.
// Matching case-folded runes is a good part of the cost of the large
// lexicon alternations; plain runes are cheaper.
func lowerRegexp(pat string, orig *regexp.Regexp) *regexp.Regexp {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return nil
	}
	if !lowerSyntax(re) {
		return nil
	}
	low, err := regexp.Compile(re.String())
	if err != nil || low.NumSubexp() != orig.NumSubexp() {
		return nil
	}
	a, b := low.SubexpNames(), orig.SubexpNames()
	for i := range a {
		if a[i] != b[i] {
			return nil
		}
	}
	return low
}

// lowerSyntax rewrites re in place for ASCII-lower-cased input, reporting
// false when it cannot. Each rune position matches a set of runes S; on
// text whose ASCII capitals are lowered, the same set works whenever S
// holds an ASCII letter exactly when it holds the other case of it.
func lowerSyntax(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		subs := make([]*syntax.Regexp, 0, len(re.Rune))
		plain := true
		for _, r := range re.Rune {
			set := []rune{r}
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					set = append(set, f)
				}
			}
			if !asciiCaseClosed(set) {
				return false
			}
			var kept []rune
			for _, c := range set {
				if c < 'A' || c > 'Z' {
					kept = append(kept, c)
				}
			}
			sort.Slice(kept, func(i, j int) bool { return kept[i] < kept[j] })
			if len(kept) == 1 {
				subs = append(subs, &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{kept[0]}})
				continue
			}
			plain = false
			var ranges []rune
			for _, c := range kept {
				ranges = append(ranges, c, c)
			}
			subs = append(subs, &syntax.Regexp{Op: syntax.OpCharClass, Rune: ranges})
		}
		if plain {
			runes := make([]rune, len(subs))
			for i, s := range subs {
				runes[i] = s.Rune[0]
			}
			re.Rune = runes
			re.Flags &^= syntax.FoldCase
			return true
		}
		*re = syntax.Regexp{Op: syntax.OpConcat, Sub: subs}
		return true
	case syntax.OpCharClass:
		var set []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for c := max(re.Rune[i], 'A'); c <= min(re.Rune[i+1], 'z'); c++ {
				set = append(set, c)
			}
		}
		return asciiCaseClosed(set)
	}
	for _, s := range re.Sub {
		if !lowerSyntax(s) {
			return false
		}
	}
	return true
}

// asciiCaseClosed reports whether set holds each ASCII letter it holds in
// the other case too.
func asciiCaseClosed(set []rune) bool {
	var has [128]bool
	for _, c := range set {
		if c < 128 {
			has[c] = true
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		if has[c] != has[c+'a'-'A'] {
			return false
		}
	}
	return true
}

// lowerASCII returns s with its ASCII capitals lowered; the byte length,
// and so every offset, stays.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(c byte)      { s[c/64] |= 1 << (c % 64) }
func (s *byteSet) has(c byte) bool { return s[c/64]&(1<<(c%64)) != 0 }
func (s *byteSet) union(o *byteSet) {
	s[0], s[1], s[2], s[3] = s[0]|o[0], s[1]|o[1], s[2]|o[2], s[3]|o[3]
}
func (s *byteSet) addRune(r rune) {
	if r < 0x80 {
		s.add(byte(r))
		return
	}
	for c := 0xC0; c < 0x100; c++ {
		s.add(byte(c))
	}
}

// firstBytes returns the bytes a match of pat can begin with, and false
// when it cannot tell: the pattern may match the empty string or reads
// the start of the text (^, \A), so that a search may not skip to a
// later position.
func firstBytes(pat string) (byteSet, bool) {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return byteSet{}, false
	}
	safe := true
	var first func(re *syntax.Regexp) (byteSet, bool) // set, may be empty
	first = func(re *syntax.Regexp) (byteSet, bool) {
		var s byteSet
		switch re.Op {
		case syntax.OpNoMatch:
			return s, false
		case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEndLine, syntax.OpEndText:
			return s, true
		case syntax.OpBeginLine, syntax.OpBeginText:
			safe = false
			return s, true
		case syntax.OpLiteral:
			if len(re.Rune) == 0 {
				return s, true
			}
			r := re.Rune[0]
			s.addRune(r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					s.addRune(f)
				}
			}
			return s, false
		case syntax.OpCharClass:
			for i := 0; i+1 < len(re.Rune); i += 2 {
				for c := re.Rune[i]; c <= re.Rune[i+1] && c < 0x80; c++ {
					s.add(byte(c))
				}
				if re.Rune[i+1] >= 0x80 {
					s.addRune(0x80)
				}
			}
			return s, false
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			for c := 0; c < 0x100; c++ {
				s.add(byte(c))
			}
			return s, false
		case syntax.OpCapture, syntax.OpPlus:
			return first(re.Sub[0])
		case syntax.OpStar, syntax.OpQuest:
			s, _ = first(re.Sub[0])
			return s, true
		case syntax.OpRepeat:
			s, e := first(re.Sub[0])
			return s, e || re.Min == 0
		case syntax.OpConcat:
			for _, sub := range re.Sub {
				t, e := first(sub)
				s.union(&t)
				if !e {
					return s, false
				}
			}
			return s, true
		case syntax.OpAlternate:
			empty := false
			for _, sub := range re.Sub {
				t, e := first(sub)
				s.union(&t)
				empty = empty || e
			}
			return s, empty
		}
		safe = false
		return s, true
	}
	s, empty := first(re)
	return s, safe && !empty
}

// compileFast prepares the faster ways to run r.re (see find), pat being
// the rule's expanded pattern and common the words too common to
// prefilter on.
func (r *rule) compileFast(pat string, common map[string]bool) error {
	full := `(?i)\b` + pat
	r.pre = newPrefilter(full, common)
	r.starts = newStarts(full)
	r.low = lowerRegexp(full, r.re)
	r.first, r.hasFirst = firstBytes(full)
	if !r.hasFirst {
		return nil
	}
	var err error
	if r.low != nil {
		r.anchored, err = regexp.Compile(`\A(?:` + r.low.String() + `)`)
	} else {
		r.anchored, err = regexp.Compile(`\A(?:` + full + `)`)
	}
	if err != nil {
		return err
	}
	// Without the leading \b, for tries at a byte that is not a word
	// byte, where the \b is checked by hand. Any other assertion the
	// pattern may meet before its first rune would read the text before
	// the try.
	bare := `(?i)` + pat
	if re, err := syntax.Parse(bare, syntax.Perl); err != nil || assertsAtStart(re) {
		return nil
	}
	if r.low != nil {
		low := lowerRegexp(bare, r.re)
		if low == nil {
			return nil
		}
		bare = low.String()
	}
	r.anchoredBare, err = regexp.Compile(`\A(?:` + bare + `)`)
	return err
}

// assertsAtStart reports whether a match of re may meet an empty-width
// assertion before its first rune.
func assertsAtStart(re *syntax.Regexp) bool {
	asserts, _ := startAssertions(re)
	return asserts
}

// startAssertions reports whether re may meet an assertion before its
// first rune, and whether it may match the empty string.
func startAssertions(re *syntax.Regexp) (asserts, nullable bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpEndLine, syntax.OpEndText:
		// $ and \z read what follows, which a try sees as it is.
		return false, true
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true, true
	case syntax.OpLiteral:
		return false, len(re.Rune) == 0
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return false, false
	case syntax.OpCapture, syntax.OpPlus:
		return startAssertions(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		a, _ := startAssertions(re.Sub[0])
		return a, true
	case syntax.OpRepeat:
		a, n := startAssertions(re.Sub[0])
		return a, n || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			a, n := startAssertions(sub)
			asserts = asserts || a
			if !n {
				return asserts, false
			}
		}
		return asserts, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			a, n := startAssertions(sub)
			asserts, nullable = asserts || a, nullable || n
		}
		return asserts, nullable
	}
	return true, true
}

// find returns r.re.FindAllStringSubmatchIndex(sub, -1); low is sub
// lower-cased when r.low is set, and folded is sub folded (see foldByte)
// when prefilters hold on sub, else "".
//
// Every rule begins with \b, so a match can begin only where \b holds, at
// a byte in r.first. The leftmost-first matches are then found by trying
// the anchored pattern at those positions in turn, which spares the
// search the positions where no match can begin. A try at a word byte
// starts after a non-word byte (or at 0), so \b reads there as in sub; a
// try at a non-word byte (a match may begin with ’ or a rune outside
// ASCII) follows a word byte, and runs the pattern without its \b.
func (r *rule) find(sub, low, folded string) [][]int {
	re, text := r.re, sub
	if r.low != nil {
		re, text = r.low, low
	}
	if !r.hasFirst {
		return re.FindAllStringSubmatchIndex(text, -1)
	}
	some := false
	for i := 0; i < len(text); i++ {
		if r.first.has(text[i]) {
			if !isWordByte(text[i]) && r.anchoredBare == nil {
				return re.FindAllStringSubmatchIndex(text, -1)
			}
			some = true
		}
	}
	if !some {
		return nil
	}
	// No match is empty (hasFirst), so each search starts where the last
	// match ended.
	var out [][]int
	for p := 0; p < len(text); p++ {
		word := isWordByte(text[p])
		if !r.first.has(text[p]) || word == (p > 0 && isWordByte(text[p-1])) {
			continue
		}
		if folded != "" && r.starts != nil && !hasAnyPrefix(folded[p:], r.starts[folded[p]]) {
			continue
		}
		try := r.anchored
		if !word {
			try = r.anchoredBare
		}
		loc := try.FindStringSubmatchIndex(text[p:])
		if loc == nil {
			continue
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += p
			}
		}
		out = append(out, loc)
		p = loc[1] - 1
	}
	return out
}
