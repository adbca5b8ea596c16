package quote

import (
	"fmt"
	"strings"

	"github.com/parley-news/parley/document"
)

// Tones a quote can have.
const (
	Positive = "positive"
	Negative = "negative"
	Neutral  = "neutral"
)

// toneLexicon scores words as positive or negative, with negators that
// flip and intensifiers that double the next polar word.
type toneLexicon struct {
	exact    map[string]string
	prefixes [][2]string // prefix, class
}

func parseTone(s string) (*toneLexicon, error) {
	t := &toneLexicon{exact: map[string]string{}}
	err := eachLine(s, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			return fmt.Errorf("tone line %d: want CLASS<TAB>WORD", n)
		}
		switch f[0] {
		case "pos", "neg", "negator", "intensifier":
		default:
			return fmt.Errorf("tone line %d: unknown class %q", n, f[0])
		}
		w := strings.ToLower(f[1])
		if strings.HasSuffix(w, "*") {
			t.prefixes = append(t.prefixes, [2]string{strings.TrimSuffix(w, "*"), f[0]})
		} else {
			t.exact[w] = f[0]
		}
		return nil
	})
	return t, err
}

// class returns the tone class of a lower-case word, or "".
func (t *toneLexicon) class(w string) string {
	if c, ok := t.exact[w]; ok {
		return c
	}
	best, cls := 0, ""
	for _, p := range t.prefixes {
		if len(p[0]) > best && strings.HasPrefix(w, p[0]) {
			best, cls = len(p[0]), p[1]
		}
	}
	return cls
}

// Tone scores words: +1 per positive word, -1 per negative one, doubled
// after an intensifier and flipped within three words of a negator. A
// doubt or denial cue flips the whole: doubting that Russia wants peace
// is a negative statement.
func (t *toneLexicon) Tone(words []string, signal string) string {
	score := 0
	negUntil, intense := -1, false
	for i, w := range words {
		switch t.class(w) {
		case "negator":
			negUntil = i + 3
		case "intensifier":
			intense = true
			continue
		case "pos", "neg":
			p := 1
			if t.class(w) == "neg" {
				p = -1
			}
			if intense {
				p *= 2
			}
			if i <= negUntil {
				p = -p
				negUntil = -1
			}
			score += p
		}
		intense = false
	}
	if signal == "doubt" || signal == "denial" {
		score = -score
	}
	switch {
	case score > 0:
		return Positive
	case score < 0:
		return Negative
	}
	return Neutral
}

func (t *toneLexicon) score(v *view, sp document.Span, signal string) string {
	var words []string
	for i := v.tokenAt(sp.Start); i < len(v.toks) && v.toks[i].end <= sp.End; i++ {
		if !v.toks[i].isPunct() {
			words = append(words, v.toks[i].low)
		}
	}
	return t.Tone(words, signal)
}

// Tone returns the tone of a text under the default lexicon: positive,
// negative or neutral.
func Tone(text, signal string) string {
	var words []string
	for _, tk := range fallbackTokens(text) {
		if !tk.isPunct() {
			words = append(words, tk.low)
		}
	}
	return DefaultLexicon().tone.Tone(words, signal)
}
