package timex

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// tenseCues are the words of data/tense.txt.
type tenseCues struct {
	words   map[string]Tense // single words and two-word phrases
	notPast map[string]bool
	// passiveAux are forms of "be" and "have" before a participle.
	passiveAux map[string]bool
}

func parseTenseCues(name, data string) (*tenseCues, error) {
	c := &tenseCues{words: map[string]Tense{}, notPast: map[string]bool{}, passiveAux: map[string]bool{}}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		for _, w := range strings.Split(line, ",") {
			w = foldForm(w)
			if w == "" {
				continue
			}
			switch section {
			case "future":
				c.words[w] = TenseFuture
			case "past":
				c.words[w] = TensePast
			case "present":
				c.words[w] = TensePresent
			case "notpast":
				c.notPast[w] = true
			case "aux":
				c.passiveAux[w] = true
			default:
				return nil, fmt.Errorf("%s:%d: unknown section %q", name, n, section)
			}
		}
	}
	return c, sc.Err()
}

var wordRE = regexp.MustCompile(`[A-Za-z]+(?:['’][A-Za-z]+)*|['’](?:ll|d|s|re|ve)\b`)

// cue is a tense cue found at a byte offset.
type cue struct {
	off   int
	tense Tense
	// in is the index of the time expression holding the cue, or -1.
	in int
}

// textCues finds tense cues in text (starting at byte base of the
// document) from word lists and the -ed ending.
func (c *tenseCues) textCues(text string, base int) []cue {
	var out []cue
	// The words, folded (lower case, straight apostrophes) into one
	// buffer one space apart, so that two neighbours read as a phrase.
	type word struct{ start, from, to int } // offset in text; extent in buf
	words := make([]word, 0, len(text)/4)
	buf := make([]byte, 0, len(text))
	for i := 0; i < len(text); {
		end := wordAt(text, i)
		if end < 0 {
			i++
			continue
		}
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		from := len(buf)
		buf = appendFolded(buf, text[i:end])
		words = append(words, word{i, from, len(buf)})
		i = end
	}
	for i := 0; i < len(words); i++ {
		wd := words[i]
		w := buf[wd.from:wd.to]
		if i+1 < len(words) {
			// Indexing by string(bytes) does not allocate.
			if t, ok := c.words[string(buf[wd.from:words[i+1].to])]; ok {
				out = append(out, cue{off: base + wd.start, tense: t, in: -1})
				i++
				continue
			}
		}
		if j := bytes.IndexByte(w, '\''); j > 0 {
			if string(w[j:]) == "'ll" {
				out = append(out, cue{off: base + wd.start, tense: TenseFuture, in: -1})
				continue
			}
			w = w[:j]
		}
		// A participle after a form of "be" or "have" ("will be
		// held", "is expected") takes its tense from the auxiliary.
		afterAux := i > 0 && c.passiveAux[string(buf[words[i-1].from:words[i-1].to])] && !c.passiveAux[string(w)]
		if t, ok := c.words[string(w)]; ok {
			if afterAux && t == TensePast {
				continue
			}
			out = append(out, cue{off: base + wd.start, tense: t, in: -1})
			continue
		}
		if !afterAux && len(w) >= 5 && bytes.HasSuffix(w, []byte("ed")) && !c.notPast[string(w)] {
			out = append(out, cue{off: base + wd.start, tense: TensePast, in: -1})
		}
	}
	return out
}

// wordAt returns the end of the match of wordRE at i, or -1 when none
// begins there: a run of ASCII letters with apostrophe-joined runs
// after it ("don't", "O’Brien"), or an apostrophe and a clitic (ll, d, s,
// re, ve) ending a word.
func wordAt(text string, i int) int {
	if isLetter(text[i]) {
		j := i + 1
		for j < len(text) && isLetter(text[j]) {
			j++
		}
		for {
			k := j + apostropheAt(text, j)
			if k == j || k >= len(text) || !isLetter(text[k]) {
				return j
			}
			for j = k + 1; j < len(text) && isLetter(text[j]); j++ {
			}
		}
	}
	n := apostropheAt(text, i)
	if n == 0 {
		return -1
	}
	for _, cl := range [...]string{"ll", "d", "s", "re", "ve"} {
		if strings.HasPrefix(text[i+n:], cl) {
			if end := i + n + len(cl); end == len(text) || !isWordByte(text[end]) {
				return end
			}
		}
	}
	return -1
}

// apostropheAt returns the length of the apostrophe (' or ’) at i, or 0.
func apostropheAt(text string, i int) int {
	switch {
	case i < len(text) && text[i] == '\'':
		return 1
	case strings.HasPrefix(text[i:], "’"):
		return len("’")
	}
	return 0
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// appendFolded appends foldForm(w) for a word of wordAt: its letters
// lower-cased, a typographic apostrophe straightened.
func appendFolded(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c >= utf8.RuneSelf:
			// The only rune outside ASCII in a word is ’.
			i += len("’") - 1
			c = '\''
		}
		buf = append(buf, c)
	}
	return buf
}

// tokenCues reads tense from part-of-speech tags: MD will/shall/would →
// future, VBD → past, VBZ/VBP → present, and the future words of
// data/tense.txt ("expected", "due"). A participle after "be" takes the
// auxiliary's tense. It returns nil when the tokens carry no tags.
func (c *tenseCues) tokenCues(toks []document.Token) []cue {
	var out []cue
	tagged := false
	// The folded forms go through buffers: indexing a map or comparing
	// by string(bytes) does not allocate.
	var fb, pb [32]byte
	for i, t := range toks {
		if t.XPOS == "" {
			continue
		}
		tagged = true
		f := appendFoldForm(fb[:0], t.Form())
		if c.words[string(f)] == TenseFuture {
			out = append(out, cue{off: t.Start, tense: TenseFuture, in: -1})
			continue
		}
		switch t.XPOS {
		case "MD":
			if s := string(f); s == "will" || s == "'ll" || s == "shall" || s == "wo" || s == "would" {
				out = append(out, cue{off: t.Start, tense: TenseFuture, in: -1})
			}
		case "VBD":
			if i > 0 && c.passiveAux[string(appendFoldForm(pb[:0], toks[i-1].Form()))] && !c.passiveAux[string(f)] {
				continue
			}
			out = append(out, cue{off: t.Start, tense: TensePast, in: -1})
		case "VBZ", "VBP":
			tense := TensePresent
			// "is going to" is future.
			if i+2 < len(toks) && strings.ToLower(toks[i+1].Form()) == "going" && strings.ToLower(toks[i+2].Form()) == "to" {
				tense = TenseFuture
			}
			out = append(out, cue{off: t.Start, tense: tense, in: -1})
		}
	}
	if !tagged {
		return nil
	}
	return out
}
