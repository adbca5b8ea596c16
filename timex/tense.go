package timex

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"

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
	locs := wordRE.FindAllStringIndex(text, -1)
	for i := 0; i < len(locs); i++ {
		w := foldForm(text[locs[i][0]:locs[i][1]])
		if i+1 < len(locs) {
			two := w + " " + foldForm(text[locs[i+1][0]:locs[i+1][1]])
			if t, ok := c.words[two]; ok {
				out = append(out, cue{off: base + locs[i][0], tense: t, in: -1})
				i++
				continue
			}
		}
		if j := strings.IndexByte(w, '\''); j > 0 {
			if w[j:] == "'ll" {
				out = append(out, cue{off: base + locs[i][0], tense: TenseFuture, in: -1})
				continue
			}
			w = w[:j]
		}
		// A participle after a form of "be" or "have" ("will be
		// held", "is expected") takes its tense from the auxiliary.
		afterAux := i > 0 && c.passiveAux[foldForm(text[locs[i-1][0]:locs[i-1][1]])] && !c.passiveAux[w]
		if t, ok := c.words[w]; ok {
			if afterAux && t == TensePast {
				continue
			}
			out = append(out, cue{off: base + locs[i][0], tense: t, in: -1})
			continue
		}
		if !afterAux && len(w) >= 5 && strings.HasSuffix(w, "ed") && !c.notPast[w] {
			out = append(out, cue{off: base + locs[i][0], tense: TensePast, in: -1})
		}
	}
	return out
}

// tokenCues reads tense from part-of-speech tags: MD will/shall/would →
// future, VBD → past, VBZ/VBP → present, and the future words of
// data/tense.txt ("expected", "due"). A participle after "be" takes the
// auxiliary's tense. It returns nil when the tokens carry no tags.
func (c *tenseCues) tokenCues(toks []document.Token) []cue {
	var out []cue
	tagged := false
	for i, t := range toks {
		if t.XPOS == "" {
			continue
		}
		tagged = true
		f := foldForm(t.Form())
		if c.words[f] == TenseFuture {
			out = append(out, cue{off: t.Start, tense: TenseFuture, in: -1})
			continue
		}
		switch t.XPOS {
		case "MD":
			if f == "will" || f == "'ll" || f == "shall" || f == "wo" || f == "would" {
				out = append(out, cue{off: t.Start, tense: TenseFuture, in: -1})
			}
		case "VBD":
			if i > 0 && c.passiveAux[foldForm(toks[i-1].Form())] && !c.passiveAux[f] {
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
