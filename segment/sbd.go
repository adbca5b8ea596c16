package segment

import "unicode/utf8"

// Sentence boundaries are decided over the scanner's tokens, one line
// group at a time. A line group is a line, or several lines joined when a
// sentence was wrapped (the next line continues in lowercase, or the line
// ends in a comma or a function word, and the sentence is completed
// further on). Inside a group a sentence ends at
// terminal punctuation unless the context says otherwise (lowercase next
// word, abbreviation before a name, list marker, ellipsis mid-sentence);
// list markers and bullets open new units. The rules follow the cases of
// the English Golden Rules of pragmatic_segmenter (Dias 2015).

// markSentences sets fStart on the first token of every sentence and
// fLine on the first token of every line group.
func markSentences(s string, toks []tok) {
	if len(toks) == 0 {
		return
	}
	groups := lineGroups(s, toks)
	for gi, gs := range groups {
		ge := len(toks)
		if gi+1 < len(groups) {
			ge = groups[gi+1]
		}
		toks[gs].flags |= fStart | fLine
		markLists(s, toks, gs, ge)
		splitGroup(s, toks, gs, ge)
	}
}

// lineGroups returns the index of the first token of each line group.
func lineGroups(s string, toks []tok) []int {
	// Lines: first token of each line.
	var lines []int
	for i := range toks {
		if i == 0 || toks[i].nl > 0 {
			lines = append(lines, i)
		}
	}
	lineEnd := func(l int) int { // last token of line l
		if l+1 < len(lines) {
			return lines[l+1] - 1
		}
		return len(toks) - 1
	}
	// joinable(l): line l may continue the sentence of line l-1.
	joinable := func(l int) bool {
		first := lines[l]
		prevEnd := lineEnd(l - 1)
		if toks[first].nl != 1 || endsSentence(s, toks, lines[l-1], prevEnd) ||
			lineIsItem(s, toks, first) || lineIsItem(s, toks, lines[l-1]) {
			return false
		}
		return firstClass(s[toks[first].start:toks[first].end]) == cLower || endsOpen(s, toks[prevEnd])
	}
	// complete[l]: the text from line l on finishes a sentence before the
	// wrap chain breaks.
	complete := make([]bool, len(lines))
	for l := len(lines) - 1; l >= 0; l-- {
		if endsSentence(s, toks, lines[l], lineEnd(l)) {
			complete[l] = true
			continue
		}
		if l+1 < len(lines) && joinable(l+1) {
			complete[l] = complete[l+1]
		}
	}
	groups := make([]int, 0, len(lines))
	for l, first := range lines {
		if l > 0 && joinable(l) && complete[l] {
			continue // a wrapped sentence: keep it in the previous group
		}
		groups = append(groups, first)
	}
	return groups
}

// endsOpen reports whether a line ending in t cannot have ended there: a
// comma or a function word ("the", "with").
func endsOpen(s string, t tok) bool {
	w := s[t.start:t.end]
	return w == "," || lex.openWords[w]
}

// lineIsItem reports whether a line starts with a bullet or a dash.
func lineIsItem(s string, toks []tok, i int) bool {
	k := toks[i].kind
	return k == kBullet || k == kPunct && (s[toks[i].start] == '-' || s[toks[i].start] == '*')
}

// endsSentence reports whether tokens [a, b] end with terminal punctuation
// (closing quotes and brackets aside).
func endsSentence(s string, toks []tok, a, b int) bool {
	for b >= a && isCloser(toks[b].kind) {
		b--
	}
	if b < a {
		return false
	}
	switch toks[b].kind {
	case kPeriod, kTerm, kEllipsis, kAbbrev:
		return true
	}
	return false
}

func isCloser(k uint8) bool {
	return k == kClose || k == kCloseQuote || k == kQuote
}

// markLists finds list markers ("1.", "2)", "a.", "3.)") in a group. A
// marker at the start of a line, or one whose neighbour number or letter
// is also a marker in the group, opens a unit; its period is not the end
// of a sentence.
func markLists(s string, toks []tok, gs, ge int) {
	type marker struct {
		at, punct, val int
		letter         bool
	}
	var ms []marker
	for i := gs; i < ge; i++ {
		t := toks[i]
		if !(i == gs || t.space || i > gs && toks[i-1].kind == kBullet) {
			continue
		}
		w := s[t.start:t.end]
		val, letter, punct := 0, false, -1
		switch {
		case t.kind == kNum && len(w) <= 3 && allDigits(w):
			for _, c := range []byte(w) {
				val = val*10 + int(c-'0')
			}
			j := i + 1
			if j < ge && !toks[j].space && toks[j].kind == kPeriod {
				punct = j
				j++
			}
			if j < ge && !toks[j].space && toks[j].kind == kClose && s[toks[j].start] == ')' {
				punct = j
				j++
			}
			if punct < 0 || j < ge && !toks[j].space {
				continue
			}
		case t.kind == kAbbrev && len(w) == 2 && w[0] >= 'a' && w[0] <= 'z':
			val, letter, punct = int(w[0]-'a')+1, true, i
			if j := i + 1; j < ge && !toks[j].space {
				continue
			}
		case t.kind == kWord && len(w) == 1 && w[0] >= 'a' && w[0] <= 'z':
			j := i + 1
			if !(j < ge && !toks[j].space && toks[j].kind == kClose && s[toks[j].start] == ')') {
				continue
			}
			if j+1 < ge && !toks[j+1].space {
				continue
			}
			val, letter, punct = int(w[0]-'a')+1, true, j
		default:
			continue
		}
		ms = append(ms, marker{i, punct, val, letter})
	}
	if len(ms) == 0 {
		return
	}
	has := make(map[[2]int]bool, len(ms))
	key := func(m marker, v int) [2]int {
		if m.letter {
			return [2]int{1, v}
		}
		return [2]int{0, v}
	}
	for _, m := range ms {
		has[key(m, m.val)] = true
	}
	for _, m := range ms {
		lineStart := m.at == gs || toks[m.at].nl > 0 || m.at > gs && toks[m.at-1].kind == kBullet && (m.at-1 == gs || toks[m.at-1].nl > 0)
		if !lineStart && !has[key(m, m.val-1)] && !has[key(m, m.val+1)] {
			continue
		}
		toks[m.punct].flags |= fNonTerm
		toks[m.at].flags |= fItem
		if toks[m.punct].kind == kClose {
			if p := m.punct - 1; p > m.at && toks[p].kind == kPeriod {
				toks[p].flags |= fNonTerm
			}
		}
		first := m.at
		if first > gs && toks[first-1].kind == kBullet {
			first--
		}
		if first > gs {
			toks[first].flags |= fStart
		}
	}
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// splitGroup marks sentence starts inside the group [gs, ge).
func splitGroup(s string, toks []tok, gs, ge int) {
	cur := gs // start of the current sentence
	// A line without final punctuation is a headline or a fragment: its
	// capitalised words say nothing about sentence starts after an
	// abbreviation ("U.S. Is Ready to Talk").
	open := !endsSentence(s, toks, gs, ge-1)
	for i := gs; i < ge; i++ {
		t := &toks[i]
		if i > gs && t.flags&fStart != 0 {
			cur = i
		}
		switch t.kind {
		case kBullet:
			if i > gs && t.space {
				t.flags |= fStart
				cur = i
			}
			continue
		case kPeriod, kTerm, kEllipsis, kAbbrev:
		default:
			continue
		}
		if t.flags&fNonTerm != 0 {
			continue
		}
		if t.kind == kPeriod {
			if last, ok := spacedDots(s, toks, i, ge); ok {
				i = spacedEllipsis(s, toks, i, last, gs, ge)
				continue
			}
		}
		j := i
		for j+1 < ge && !toks[j+1].space && isCloser(toks[j+1].kind) {
			j++
		}
		n := j + 1
		if n >= ge {
			i = j
			continue
		}
		if endsAt(s, toks, i, n, cur, ge, open) {
			toks[n].flags |= fStart
			cur = n
		}
		i = j
	}
}

// spacedDots reports whether toks[i] opens a run of three or more "."
// separated by single spaces (". . ."), and returns its last token.
func spacedDots(s string, toks []tok, i, ge int) (int, bool) {
	j := i
	for j+1 < ge && toks[j+1].kind == kPeriod && toks[j+1].start == toks[j].end+1 && s[toks[j].end] == ' ' {
		j++
	}
	return j, j-i >= 2
}

// spacedEllipsis decides the boundaries around a spaced ellipsis
// toks[i..last] and returns the index to continue after. Four dots after
// a space end the sentence ("with a period . . . . Next"); a period glued
// to a word followed by a three-dot ellipsis ends the sentence at the
// period, the ellipsis opening the next ("compounds. . . . The"); three
// dots mark an omission inside a sentence.
func spacedEllipsis(s string, toks []tok, i, last, gs, ge int) int {
	j := last
	for j+1 < ge && !toks[j+1].space && isCloser(toks[j+1].kind) {
		j++
	}
	n := j + 1
	if n >= ge || last-i+1 < 4 || !startsUpper(s, toks, n, ge) {
		return j
	}
	glued := i > gs && !toks[i].space
	if glued {
		toks[i+1].flags |= fStart
	} else {
		toks[n].flags |= fStart
	}
	return j
}

// startsUpper reports whether toks[n] (or the word after an opening quote
// or bracket) begins with an uppercase letter or a digit.
func startsUpper(s string, toks []tok, n, ge int) bool {
	for n < ge && (toks[n].kind == kOpen || toks[n].kind == kOpenQuote || toks[n].kind == kQuote) {
		n++
	}
	if n >= ge {
		return false
	}
	c := firstClass(s[toks[n].start:toks[n].end])
	return c == cUpper || c == cDigit
}

// endsAt decides whether the terminal token toks[i] ends the sentence
// begun at cur, given that toks[n] comes next.
func endsAt(s string, toks []tok, i, n, cur, ge int, open bool) bool {
	t := toks[i]
	next := s[toks[n].start:toks[n].end]
	nc := firstClass(next)
	switch t.kind {
	case kPeriod, kTerm:
		switch toks[n].kind {
		case kOpen, kOpenQuote, kQuote, kBullet:
			return startsUpper(s, toks, n, ge) || toks[n].kind == kBullet
		case kWord, kNum, kAbbrev, kURL:
			return nc == cUpper || nc == cDigit || nc == cWord
		}
		return false
	case kEllipsis:
		if i > 0 && toks[i-1].kind == kOpen && !t.space {
			return false // "[...]"
		}
		return toks[n].space && nc == cUpper
	case kAbbrev:
		if nc != cUpper || open {
			return false
		}
		if toks[n].kind == kAbbrev {
			if utf8.RuneCountInString(next) == 2 {
				return false // another initial: "J. A. Smith"
			}
			next = next[:len(next)-1] // "ET." after "p.m."
		}
		w := s[t.start : t.end-1]
		switch {
		case lex.titleAbbrev[w]:
			return false
		case lex.timeAbbrev[w]:
			return !lex.timeFollowers[next] && !timePhrase(s, toks, cur, i)
		case lex.numericAbbrev[w] && !lex.generalAbbrev[w] && len(w) > 1:
			// "No." is an abbreviation only before a number.
			return true
		}
		return lex.starters[next]
	}
	return false
}

// timePhrase reports whether toks[cur..i] is only a time adverbial such
// as "At 5 a.m.": too little to be a sentence on its own.
func timePhrase(s string, toks []tok, cur, i int) bool {
	if i-cur > 3 || i == cur || !lex.timePreps[s[toks[cur].start:toks[cur].end]] {
		return false
	}
	for k := cur + 1; k < i; k++ {
		if toks[k].kind != kNum {
			return false
		}
	}
	return true
}
