package segment

import (
	"strings"
	"unicode/utf8"
)

// Token kinds seen by the sentence splitter.
const (
	kWord       uint8 = iota
	kNum              // starts with a digit
	kAbbrev           // a word with its abbreviation period: "Mr.", "U.S."
	kPeriod           // a single "."
	kTerm             // ! ? and mixed runs ("?!", "!!!", ".?"), four or more dots
	kEllipsis         // "..", "...", "…"
	kOpen             // ( [ {
	kClose            // ) ] }
	kQuote            // " or ' or a run of them: open or close, by context
	kOpenQuote        // “ ‘ « „
	kCloseQuote       // ” »
	kBullet           // • ⁃ ◦ ▪ ‣ ∙ ·
	kPunct            // any other punctuation or symbol run
	kURL              // URL or e-mail address
	kClitic           // 's n't 're …
)

// Token flags.
const (
	fNonTerm uint8 = 1 << iota // a period that belongs to a list marker
	fStart                     // a sentence starts at this token
	fLine                      // a line starts at this token (not joined)
	fItem                      // a list marker starts here
)

// tok is the scanner's compact token; the public document.Token is built
// from it once the sentences are known.
type tok struct {
	start, end int
	kind       uint8
	nl         uint8 // newlines in the whitespace before, capped at 2
	space      bool  // whitespace before
	flags      uint8
}

// tokenizer scans text into toks: whitespace separates chunks, and each
// chunk is split by byte-level rules that follow UD English EWT.
type tokenizer struct {
	text  string
	toks  []tok
	nl    uint8
	space bool
}

func (t *tokenizer) emit(start, end int, kind uint8) {
	t.toks = append(t.toks, tok{start: start, end: end, kind: kind, nl: t.nl, space: t.space})
	t.nl, t.space = 0, false
}

// scan tokenizes the whole text.
func (t *tokenizer) scan() {
	s := t.text
	if cap(t.toks) == 0 {
		t.toks = make([]tok, 0, len(s)/5+4)
	}
	i := 0
	for i < len(s) {
		c, w := classAt(s, i)
		if c == cSpace {
			if (s[i] == '\n' || (s[i] == '\r' && (i+1 == len(s) || s[i+1] != '\n')) || w > 1 && (s[i:i+w] == "\u2028" || s[i:i+w] == "\u2029")) && t.nl < 2 {
				t.nl++
			}
			t.space = true
			i += w
			continue
		}
		j := i + w
		for j < len(s) {
			c2, w2 := classAt(s, j)
			if c2 == cSpace {
				break
			}
			j += w2
		}
		t.chunk(i, j)
		i = j
	}
}

// chunk splits the whitespace-free run s[a:b].
func (t *tokenizer) chunk(a, b int) {
	s := t.text
	if cs, ce, ok := urlCore(s, a, b); ok {
		t.pieces(a, cs)
		t.emit(cs, ce, kURL)
		t.pieces(ce, b)
		return
	}
	if b-a > 1 && b-a <= 64 && punctOnly(s[a:b]) {
		t.emit(a, b, punctKind(s[a:b]))
		return
	}
	t.pieces(a, b)
}

// pieces splits s[a:b] (no whitespace, no URL) into tokens.
func (t *tokenizer) pieces(a, b int) {
	s := t.text
	p := a
	for p < b {
		c, w := classAt(s, p)
		switch {
		case isWordClass(c):
			p = t.word(p, b)
		case c == cApos:
			p = t.apostrophe(p, b, w)
		default:
			p = t.punct(p, b, w)
		}
	}
}

// apostrophe handles a quote-like character: a clitic glued to the word
// before ("Jr.'s"), or a quote mark (a run such as ” or “ counts once).
func (t *tokenizer) apostrophe(p, b, w int) int {
	s := t.text
	if n := len(t.toks); n > 0 && t.toks[n-1].end == p && t.toks[n-1].kind != kQuote && t.toks[n-1].kind != kOpen {
		if l := cliticLen(s, p+w, b); l > 0 {
			t.emit(p, p+w+l, kClitic)
			return p + w + l
		}
	}
	// ’72, '90s: an elided century stays with its year.
	if p+w+2 <= b && isDigitByte(s[p+w]) && isDigitByte(s[p+w+1]) && (p+w+2 == b || !isDigitByte(s[p+w+2])) {
		return t.word(p, b)
	}
	q := p + w
	for q < b {
		c, w2 := classAt(s, q)
		if c != cApos {
			break
		}
		q += w2
	}
	kind := kQuote
	if q-p == w {
		switch s[p:q] {
		case "\u2018":
			kind = kOpenQuote
		}
	}
	t.emit(p, q, kind)
	return q
}

// cliticLen returns the length of a clitic ('s 'm 'd 'll 're 've, any
// case) starting at s[i] just after an apostrophe, or 0.
func cliticLen(s string, i, b int) int {
	n := 0
	for i+n < b && n < 3 {
		c := s[i+n]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			break
		}
		n++
	}
	if n == 0 || n > 2 {
		return 0
	}
	if i+n < b {
		if c, _ := classAt(s, i+n); isWordClass(c) {
			return 0
		}
	}
	switch strings.ToLower(s[i : i+n]) {
	case "s", "m", "d", "ll", "re", "ve":
		return n
	}
	return 0
}

// punct emits one punctuation token starting at s[p].
func (t *tokenizer) punct(p, b, w int) int {
	s := t.text
	if w == 1 {
		ch := s[p]
		switch ch {
		case '.', '!', '?':
			q := p
			dots := true
			for q < b && (s[q] == '.' || s[q] == '!' || s[q] == '?') {
				if s[q] != '.' {
					if dots && q-p >= 2 {
						break // "...?" -> ... | ?
					}
					dots = false
				}
				q++
			}
			n := q - p
			switch {
			case dots && n == 1:
				t.emit(p, q, kPeriod)
			case dots && n <= 3:
				t.emit(p, q, kEllipsis)
			default:
				t.emit(p, q, kTerm)
			}
			return q
		case '(', '[', '{':
			if e := t.emoticon(p, b); e > p {
				return e
			}
			t.emit(p, p+1, kOpen)
			return p + 1
		case ')', ']', '}':
			t.emit(p, p+1, kClose)
			return p + 1
		case '"':
			t.emit(p, p+1, kQuote)
			return p + 1
		case ':', ';', '=', '<', '>', '^':
			if e := t.emoticon(p, b); e > p {
				return e
			}
		case '#', '@':
			if p+1 < b && (asciiClassOf(s[p+1]) == cLower || asciiClassOf(s[p+1]) == cUpper) && !wordBefore(s, p) {
				return t.word(p, b) // #audiobooks, @handle
			}
		case '+':
			if p+1 < b && s[p+1] >= '0' && s[p+1] <= '9' && !wordBefore(s, p) {
				return t.word(p, b) // +44: a phone prefix stays with its number
			}
		}
		switch ch {
		case '-', '=', '*', '<', '>', '~', '#', '_', '|', '^', '$', '+', '/', '\\':
			q := p + 1
			for q < b && s[q] == ch {
				q++
			}
			t.emit(p, q, kPunct)
			return q
		}
		t.emit(p, p+1, kPunct)
		return p + 1
	}
	r, _ := utf8.DecodeRuneInString(s[p:])
	switch r {
	case '…':
		t.emit(p, p+w, kEllipsis)
	case '“', '«', '„', '‹':
		t.emit(p, p+w, kOpenQuote)
	case '”', '»', '›':
		t.emit(p, p+w, kCloseQuote)
	case '•', '⁃', '◦', '▪', '‣', '∙', '●', '■', '►', '▶', '·':
		t.emit(p, p+w, kBullet)
	default:
		t.emit(p, p+w, kPunct)
	}
	return p + w
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// wordAt reports whether a word character starts at s[i].
func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c, _ := classAt(s, i)
	return isWordClass(c)
}

// wordBefore reports whether the character ending at s[i] is a word
// character.
func wordBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordClass(runeClassAny(r))
}

func runeClassAny(r rune) uint8 {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	return runeClass(r)
}

// emoticon emits an emoticon from the list when the rest of the chunk is
// exactly one, and returns the position after it (p when none).
func (t *tokenizer) emoticon(p, b int) int {
	rest := t.text[p:b]
	for len(rest) > 0 && strings.IndexByte(".,!?", rest[len(rest)-1]) >= 0 && len(rest) > 2 {
		rest = rest[:len(rest)-1]
	}
	if len(rest) > 4 {
		return p
	}
	for _, e := range lex.emoticons {
		if rest == e {
			t.emit(p, p+len(e), kPunct)
			return p + len(e)
		}
	}
	return p
}

// punctOnly reports whether a chunk is made only of symbols that EWT
// keeps together as one token ("--", "<<", ":)", "|-----+--->"): no word
// characters, and no brackets, quotes or sentence punctuation unless the
// chunk is one repeated character or an emoticon.
func punctOnly(s string) bool {
	same := true
	plain := true
	for i := 0; i < len(s); {
		c, w := classAt(s, i)
		if c != cOther {
			return false
		}
		if s[i] != s[0] {
			same = false
		}
		if w == 1 {
			switch s[i] {
			case '(', ')', '[', ']', '{', '}', '"', ',', '.', '!', '?', ';', ':', '$', '%', '&', '@', '/':
				plain = false
			}
		} else {
			plain = false
		}
		i += w
	}
	if same && s[0] < utf8.RuneSelf {
		switch s[0] {
		case '(', ')', '[', ']', '{', '}', '"', ',':
			return false
		}
		return true
	}
	if plain {
		return true
	}
	for _, e := range lex.emoticons {
		if s == e {
			return true
		}
	}
	return false
}

func punctKind(s string) uint8 {
	if s[0] == '.' || s[0] == '!' || s[0] == '?' {
		if s[0] == '.' && strings.Count(s, ".") == len(s) && len(s) <= 3 {
			return kEllipsis
		}
		return kTerm
	}
	return kPunct
}

// urlCore finds a URL, e-mail address or host name in the chunk s[a:b],
// without the punctuation around it.
func urlCore(s string, a, b int) (int, int, bool) {
	ch := s[a:b]
	// Most chunks are plain words: one pass rules them out.
	maybe := false
	for i := 1; i+1 < len(ch); i++ {
		if c := ch[i]; c == '@' || c == ':' || c == '.' {
			maybe = true
			break
		}
	}
	if !maybe {
		return 0, 0, false
	}
	cs := -1
	if i := strings.Index(ch, "://"); i > 0 {
		j := i
		for j > 0 && asciiClassOf(ch[j-1]) == cLower || j > 0 && asciiClassOf(ch[j-1]) == cUpper {
			j--
		}
		if j < i {
			cs = a + j
		}
	} else if i := strings.Index(ch, "www."); i >= 0 && !wordBefore(ch, i) && len(ch)-i > 6 {
		cs = a + i
	} else if i := strings.Index(ch, "mailto:"); i >= 0 {
		cs = a + i
	} else if i := strings.IndexByte(ch, '@'); i > 0 && i < len(ch)-1 {
		j := i
		for j > 0 {
			if c := ch[j-1]; c == '.' || c == '-' || c == '+' || c == '%' {
				j--
				continue
			}
			r, w := utf8.DecodeLastRuneInString(ch[:j])
			if !isWordClass(runeClassAny(r)) {
				break
			}
			j -= w
		}
		for j < i && (ch[j] == '.' || ch[j] == '-' || ch[j] == '+' || ch[j] == '%') {
			j++
		}
		k := i + 1
		for k < len(ch) {
			if c := ch[k]; c == '.' || c == '-' {
				k++
				continue
			}
			c, w := classAt(ch, k)
			if !isWordClass(c) {
				break
			}
			k += w
		}
		for k > i+1 && (ch[k-1] == '.' || ch[k-1] == '-') {
			k--
		}
		dom := ch[i+1 : k]
		if j < i && strings.IndexByte(dom, '.') > 0 {
			return a + j, a + k, true
		}
		return 0, 0, false
	} else if ce, ok := hostName(s, a, b); ok {
		return a, ce, true
	} else {
		return 0, 0, false
	}
	if cs < 0 {
		return 0, 0, false
	}
	ce := b
	for ce > cs {
		switch s[ce-1] {
		case ')', ']', '}', '>', '"', '\'', '.', ',', ';', ':', '!', '?':
			ce--
			continue
		}
		if strings.HasSuffix(s[cs:ce], "”") || strings.HasSuffix(s[cs:ce], "’") {
			ce -= 3
			continue
		}
		break
	}
	return cs, ce, ce-cs > 4
}

// hostName recognises a host name such as "Get-A-Free-House.com" at the
// start of s[a:b]: word characters, hyphens and dots ending in a listed
// top-level domain; it returns where the name ends.
func hostName(s string, a, b int) (int, bool) {
	if !wordAt(s, a) {
		return 0, false
	}
	k := a
	lastDot := -1
	for k < b {
		c, w := classAt(s, k)
		if isWordClass(c) || s[k] == '-' {
			k += w
			continue
		}
		if s[k] == '.' && k+1 < b && wordAt(s, k+1) {
			lastDot = k
			k++
			continue
		}
		break
	}
	if lastDot < a+2 || !inLower(lex.tlds, s[lastDot+1:k]) {
		return 0, false
	}
	if tld := s[lastDot+1 : k]; tld != strings.ToLower(tld) && tld[1:] != strings.ToLower(tld[1:]) {
		return 0, false
	}
	return k, true
}

func c0(s string, i int) uint8 { c, _ := classAt(s, i); return c }

func asciiClassOf(c byte) uint8 {
	if c >= utf8.RuneSelf {
		return cWord
	}
	return asciiClass[c]
}

// word scans a word starting at s[p] and emits it (possibly as several
// tokens: clitics, no-apostrophe contractions, number + unit); it returns
// the position after what it consumed.
func (t *tokenizer) word(p, b int) int {
	s := t.text
	start := p
	seg := p   // start of the current segment after a '.'
	piece := p // start of the current piece after a '-'
	q := p
	if s[q] == '+' || s[q] == '#' || s[q] == '@' {
		q++
	} else if c, w := classAt(s, q); c == cApos {
		q += w
	}
	digits := true // the word so far is a number (digits and , . : joiners)
	prevDigit := false
	for q < b {
		c, w := classAt(s, q)
		if isWordClass(c) {
			if c != cDigit {
				if prevDigit && digits && (c == cLower || c == cUpper) {
					if l := letterRun(s, q, b); lex.units[s[q:q+l]] && (q+l == b || !wordAt(s, q+l)) {
						break // "35mm" -> 35 | mm
					}
				}
				digits = false
			}
			prevDigit = c == cDigit
			q += w
			continue
		}
		if q+w >= b {
			break
		}
		nc, nw := classAt(s, q+w)
		ch := s[q]
		if w > 1 {
			ch = 0
		}
		joined := false
		switch {
		case ch == '.':
			if !isWordClass(nc) {
				break
			}
			// "world.Today", "1,000.That": a capitalised word glued after a
			// period starts a new sentence; "U.S.Army" stays one token.
			if nc == cUpper && q+w+nw < b && asciiClassOf(s[q+w+nw]) == cLower && (q-seg >= 2 || digits) {
				break
			}
			// "Nov.28": an abbreviation glued to a number.
			if nc == cDigit && q-seg >= 2 && lex.isAbbrev(s[seg:q]) {
				break
			}
			q += w
			seg = q
			joined = true
		case ch == ',' || ch == ':':
			if prevDigit && nc == cDigit {
				q += w
				joined = true
			}
		case ch == '-':
			if !isWordClass(nc) {
				break
			}
			if digits && prevDigit && nc == cDigit {
				if e := digitGroups(s, piece, b, '-'); e > q {
					q = e
					joined = true
				}
				break
			}
			if (piece > 0 && s[piece-1] != '-' || piece == 0) && inLower(lex.hyphenPrefix, s[piece:q]) || inLower(lex.hyphenSuffix, s[q+1:q+1+letterRun(s, q+1, b)]) {
				q += w
				piece = q
				joined = true
				digits = false
			}
		case ch == '/':
			if digits && prevDigit && nc == cDigit {
				if e := digitGroups(s, piece, b, '/'); e > q {
					q = e
					joined = true
				}
				break
			}
			// b/c, w/o: single letters around a slash.
			if q-start == 1 && isLetterClass(c0(s, start)) && isLetterClass(nc) && nw == 1 && (q+2 == b || !wordAt(s, q+2)) {
				q += 2
				joined = true
				digits = false
			}
		case ch == '$':
			// US$, HK$: a currency prefix keeps its sign.
			if q-start >= 1 && q-start <= 3 && allUpper(s[start:q]) {
				q += w
				t.emit(start, q, kWord)
				return q
			}
		case ch == '&' || ch == '@':
			if isWordClass(nc) && q > start && (ch == '@' || asciiClassOf(s[q-1]) == cUpper && nc == cUpper) {
				q += w
				joined = true
				digits = false
			}
		case c == cApos:
			if !isLetterClass(nc) {
				break
			}
			// n't: "don't" -> do | n't, "can't" -> ca | n't
			if q-start >= 2 && (s[q-1] == 'n' || s[q-1] == 'N') && (s[q+w] == 't' || s[q+w] == 'T') &&
				(q+w+1 == b || !wordAt(s, q+w+1)) {
				t.emitWord(start, q-1)
				t.emit(q-1, q+w+1, kClitic)
				return q + w + 1
			}
			if l := cliticLen(s, q+w, b); l > 0 && q > start && !prevDigit {
				t.emitWord(start, q)
				t.emit(q, q+w+l, kClitic)
				return q + w + l
			}
			q += w // O'clock, Sha'lan
			joined = true
			digits = false
		}
		if !joined {
			break
		}
		prevDigit = false
	}
	end := q
	// An abbreviation keeps its period: "Mr.", "U.S.", "E." (initial).
	if end < b && s[end] == '.' && (end+1 == b || s[end+1] != '.' || end+2 == b || s[end+2] != '.') && isAbbrevWord(s[start:end]) {
		t.emit(start, end+1, kAbbrev)
		return end + 1
	}
	t.emitWord(start, end)
	return end
}

// emitWord emits s[a:b] as a word, split when it is a contraction written
// without an apostrophe ("cannot" -> can | not).
func (t *tokenizer) emitWord(a, b int) {
	s := t.text
	if b-a >= 2 && b-a <= 7 {
		w := s[a:b]
		if (w == "its" || w == "Its" || w == "ITS") && inLower(lex.itsFollowers, nextWord(s, b)) {
			t.emit(a, a+2, kWord)
			t.emit(a+2, b, kWord)
			return
		}
		if lens, ok := contraction(w); ok {
			for _, l := range lens {
				t.emit(a, a+l, kWord)
				a += l
			}
			return
		}
	}
	kind := kWord
	if c := s[a]; c >= '0' && c <= '9' || c == '+' {
		kind = kNum
	}
	t.emit(a, b, kind)
}

// nextWord returns the letters of the word after s[i:], past spaces.
func nextWord(s string, i int) string {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	n := letterRun(s, i, len(s))
	return s[i : i+n]
}

// isAbbrevWord reports whether w (without its period) takes an
// abbreviation period: a listed abbreviation, a single letter (an
// initial), or single letters joined by periods ("U.S", "p.m", "e.g").
func isAbbrevWord(w string) bool {
	if w == "" {
		return false
	}
	if lex.isAbbrev(w) {
		return true
	}
	if _, n := utf8.DecodeRuneInString(w); n == len(w) {
		c, _ := classAt(w, 0)
		return c == cUpper || c == cLower
	}
	// letter(.letter)+
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i%2 == 0 {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return false
			}
		} else if c != '.' {
			return false
		}
	}
	return len(w)%2 == 1
}

func allUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return w != ""
}

// letterRun returns the number of ASCII letters at s[i:b].
func letterRun(s string, i, b int) int {
	n := 0
	for i+n < b {
		c := s[i+n]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			break
		}
		n++
	}
	return n
}

// digitGroups looks at digit groups joined by sep starting at s[a]
// ("713-853-1696", "11/28/2000") and returns where the whole group ends
// when EWT keeps it as one token, or -1: three or more groups, a
// 3+4-digit phone number, or a month/year date ("3/03").
func digitGroups(s string, a, b int, sep byte) int {
	groups := 0
	var first, last int
	i := a
	for {
		j := i
		for j < b && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return -1
		}
		groups++
		if groups == 1 {
			first = j - i
		}
		last = j - i
		if j < b && s[j] == sep && j+1 < b && s[j+1] >= '0' && s[j+1] <= '9' {
			i = j + 1
			continue
		}
		if j < b && wordAt(s, j) {
			return -1
		}
		switch {
		case groups >= 3:
			return j
		case groups == 2 && sep == '-' && last == 4 && first != 4:
			return j // 345-9945, 3-5213, 77415-0027
		case groups == 2 && sep == '/' && (s[i] == '0' || last == 2 && first <= 2 && atoi(s[a:a+first]) <= 12 && atoi(s[i:j]) <= 31):
			return j // 3/03, 9/11
		}
		return -1
	}
}

func atoi(w string) int {
	n := 0
	for i := 0; i < len(w) && i < 9; i++ {
		n = n*10 + int(w[i]-'0')
	}
	return n
}

// inLower reports whether the lowercase form of w is in m, without
// allocating.
func inLower(m map[string]bool, w string) bool {
	if len(w) > 16 {
		return false
	}
	var buf [16]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return m[string(buf[:len(w)])]
}

// contraction returns the piece lengths of w when it is a listed
// contraction, in any case, without allocating.
func contraction(w string) ([]int, bool) {
	if len(w) > 16 || len(w) < 2 {
		return nil, false
	}
	a, b := w[0]|0x20-'a', w[len(w)-1]|0x20-'a'
	if a >= 26 || b >= 26 || !lex.contractionEdge[a][b] {
		return nil, false
	}
	var buf [16]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	l, ok := lex.contractions[string(buf[:len(w)])]
	return l, ok
}
