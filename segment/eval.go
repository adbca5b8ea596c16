package segment

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parley-news/parley/conllu"
)

// RuleResult is the outcome of one Golden Rule.
type RuleResult struct {
	ID    int
	Title string
	Pass  bool
	Got   []string
	Want  []string
}

// GoldenScore is the score on the Golden Rules.
type GoldenScore struct {
	Passed, Total int
	Rules         []RuleResult
}

// Ratio is the fraction of rules passed.
func (g GoldenScore) Ratio() float64 {
	if g.Total == 0 {
		return 0
	}
	return float64(g.Passed) / float64(g.Total)
}

// EvalGoldenRules segments every input of a Golden Rules file (JSON
// lines: id, title, input, expected) and compares the sentence lists
// exactly, after trimming, as pragmatic_segmenter's published scores do.
// One normalisation is applied to both sides: a whitespace run containing
// a line break becomes one space, because the expected output of the
// rules on wrapped lines (#40, #41) is given with the break cleaned up
// while our sentence spans keep the original text.
func EvalGoldenRules(path string) (GoldenScore, error) {
	f, err := os.Open(path)
	if err != nil {
		return GoldenScore{}, fmt.Errorf("golden rules: %w", err)
	}
	defer f.Close()
	var g GoldenScore
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rule struct {
			ID       int      `json:"id"`
			Title    string   `json:"title"`
			Input    string   `json:"input"`
			Expected []string `json:"expected"`
		}
		if err := json.Unmarshal([]byte(line), &rule); err != nil {
			return g, fmt.Errorf("golden rules: %s: %w", path, err)
		}
		got := Sentences(rule.Input)
		for i := range got {
			got[i] = cleanBreaks(got[i])
		}
		want := make([]string, len(rule.Expected))
		for i, w := range rule.Expected {
			want[i] = cleanBreaks(w)
		}
		pass := equalStrings(got, want)
		g.Total++
		if pass {
			g.Passed++
		}
		g.Rules = append(g.Rules, RuleResult{ID: rule.ID, Title: rule.Title, Pass: pass, Got: got, Want: want})
	}
	if err := sc.Err(); err != nil {
		return g, fmt.Errorf("golden rules: %w", err)
	}
	if g.Total == 0 {
		return g, errors.New("golden rules: no rules in " + path)
	}
	return g, nil
}

// cleanBreaks trims s and turns each whitespace run holding a line break
// into one space.
func cleanBreaks(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\n\r") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if c := s[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			j := i
			br := false
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
				br = br || s[j] == '\n' || s[j] == '\r'
				j++
			}
			if br {
				b.WriteByte(' ')
			} else {
				b.WriteString(s[i:j])
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TokenScore is token-boundary precision, recall and F1.
type TokenScore struct {
	Sentences         int
	Gold, Pred, Match int
	// Errors holds up to MaxErrors sentences where prediction and gold
	// differ, for inspection.
	Errors []TokenError
}

// TokenError shows one sentence's disagreement.
type TokenError struct {
	Text       string
	Gold, Pred []string
}

// MaxErrors bounds TokenScore.Errors.
const MaxErrors = 5000

func (t TokenScore) Precision() float64 { return ratio(t.Match, t.Pred) }
func (t TokenScore) Recall() float64    { return ratio(t.Match, t.Gold) }

// F1 is the harmonic mean of precision and recall.
func (t TokenScore) F1() float64 {
	p, r := t.Precision(), t.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// EvalTokens tokenizes the text of every sentence of a CoNLL-U file
// ("# text =") and scores token boundaries against the gold syntactic
// words: a predicted token is right when its [start, end) equals a gold
// word's span. A multiword token ("don't" = do + n't) is split into its
// words by position when the words spell it, and otherwise counts as one
// span covering all of its words.
func EvalTokens(path string) (TokenScore, error) {
	f, err := os.Open(path)
	if err != nil {
		return TokenScore{}, fmt.Errorf("tokens: %w", err)
	}
	defer f.Close()
	return evalTokens(f, path)
}

func evalTokens(r io.Reader, name string) (TokenScore, error) {
	var sc TokenScore
	rd := conllu.NewReader(r, name)
	for {
		sent, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return sc, fmt.Errorf("tokens: %w", err)
		}
		text := sent.Text
		if text == "" {
			continue
		}
		gold, ok := goldSpans(sent, text)
		if !ok {
			continue // the words do not spell the text: not scorable
		}
		sc.Sentences++
		pred := Tokenize(text)
		set := make(map[[2]int]bool, len(gold))
		for _, g := range gold {
			set[g] = true
		}
		match := 0
		for _, p := range pred {
			if set[[2]int{p.Start, p.End}] {
				match++
			}
		}
		sc.Gold += len(gold)
		sc.Pred += len(pred)
		sc.Match += match
		if (match != len(gold) || match != len(pred)) && len(sc.Errors) < MaxErrors {
			e := TokenError{Text: text}
			for _, g := range gold {
				e.Gold = append(e.Gold, text[g[0]:g[1]])
			}
			for _, p := range pred {
				e.Pred = append(e.Pred, p.Text)
			}
			sc.Errors = append(sc.Errors, e)
		}
	}
	return sc, nil
}

// goldSpans aligns the gold surface tokens of sent to text.
func goldSpans(sent *conllu.Sentence, text string) ([][2]int, bool) {
	mw := map[int]conllu.MultiWord{}
	for _, m := range sent.MultiWords {
		mw[m.First] = m
	}
	var spans [][2]int
	pos := 0
	skipSpace := func() {
		for pos < len(text) {
			c, w := classAt(text, pos)
			if c != cSpace {
				break
			}
			pos += w
		}
	}
	for i := 0; i < len(sent.Words); i++ {
		w := sent.Words[i]
		skipSpace()
		if m, ok := mw[w.ID]; ok {
			if !strings.HasPrefix(text[pos:], m.Form) {
				return nil, false
			}
			n := m.Last - m.First + 1
			words := sent.Words[i:min(i+n, len(sent.Words))]
			joined := ""
			for _, x := range words {
				joined += x.Form
			}
			if strings.EqualFold(joined, m.Form) {
				p := pos
				for _, x := range words {
					spans = append(spans, [2]int{p, p + len(x.Form)})
					p += len(x.Form)
				}
			} else {
				spans = append(spans, [2]int{pos, pos + len(m.Form)})
			}
			pos += len(m.Form)
			i += n - 1
			continue
		}
		if !strings.HasPrefix(text[pos:], w.Form) {
			return nil, false
		}
		spans = append(spans, [2]int{pos, pos + len(w.Form)})
		pos += len(w.Form)
	}
	return spans, true
}
