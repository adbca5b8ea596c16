// Package lemma gives each word its dictionary form, learned from UD
// English EWT: an exception table for the forms whose lemma no rule
// predicts, and suffix rewrite rules chosen by Penn Treebank tag for
// everything else ("talks"/VBZ → "talk", "went"/VBD → "go").
package lemma

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// maxSuffix is the longest form suffix a rule is keyed by, in bytes.
const maxSuffix = 6

// Rule rewrites the end of a lowercase form: cut bytes off, then add.
type Rule struct {
	Cut int
	Add string
}

func (r Rule) apply(form string) (string, bool) {
	if r.Cut > len(form) || (r.Cut == len(form) && r.Add == "") {
		return "", false
	}
	return form[:len(form)-r.Cut] + r.Add, true
}

// ruleFor returns the rule turning form into lemma.
func ruleFor(form, lemma string) Rule {
	k := 0
	for k < len(form) && k < len(lemma) && form[k] == lemma[k] {
		k++
	}
	return Rule{Cut: len(form) - k, Add: lemma[k:]}
}

// Lemmatizer maps (form, XPOS) to a lemma. It is safe for concurrent use.
type Lemmatizer struct {
	// rules[xpos][suffix] is the rule for lowercase forms ending in suffix.
	rules map[string]map[string]Rule
	// exceptions[xpos+"\t"+lowercase form] is the lemma, as written.
	exceptions map[string]string
	// known[group(xpos)+"\t"+lowercase form] is the lemma of a word seen
	// in training with a tag of the same group (VB*, NN*, JJ*, RB*), so a
	// "bombed" seen as VBD is known as VBN too.
	known map[string]string
	// keepCase lists the tags whose lemmas keep the form's case (proper
	// nouns); other lemmas are lowercase.
	keepCase map[string]bool
}

// Lemma returns the lemma of form under the Penn Treebank tag xpos.
func (l *Lemmatizer) Lemma(form, xpos string) string {
	lower := strings.ToLower(form)
	if lem, ok := l.exceptions[xpos+"\t"+lower]; ok {
		return lem
	}
	if lem, ok := l.known[group(xpos)+"\t"+lower]; ok && !l.keepCase[xpos] {
		return lem
	}
	base := lower
	if l.keepCase[xpos] {
		base = form
	}
	rs := l.rules[xpos]
	for k := min(maxSuffix, len(lower)); k >= 0; k-- {
		i := len(lower) - k
		if i < len(lower) && !utf8.RuneStart(lower[i]) {
			continue
		}
		r, ok := rs[lower[i:]]
		if !ok {
			continue
		}
		b := base
		if len(b) != len(lower) {
			b = lower
		}
		if out, ok := r.apply(b); ok {
			return out
		}
		return base
	}
	return base
}

func newLemmatizer() *Lemmatizer {
	return &Lemmatizer{rules: map[string]map[string]Rule{}, exceptions: map[string]string{}, known: map[string]string{}, keepCase: map[string]bool{}}
}

// Train learns a lemmatizer from (form, xpos, lemma) triples.
func Train(words [][3]string) *Lemmatizer {
	type key struct{ xpos, suffix string }
	ruleCounts := map[key]map[Rule]int{}
	lemmaCounts := map[string]map[string]int{}
	caseKept := map[string][2]int{}
	variants := map[string][]string{}
	seen := map[string]bool{}
	groupLemma := map[string]string{}
	for _, w := range words {
		form, xpos, lem := w[0], w[1], w[2]
		if form == "" || lem == "" || lem == "_" {
			continue
		}
		lower, lowerLem := strings.ToLower(form), strings.ToLower(lem)
		kc := caseKept[xpos]
		if lem == form && lem != lower {
			kc[0]++
		} else if hasUpper(form) {
			kc[1]++
		}
		caseKept[xpos] = kc
		ek := xpos + "\t" + lower
		// Rules are counted over distinct words, not occurrences, so
		// that one frequent irregular word ("best" → "good") does not
		// make a rule for its suffix.
		if !seen[ek+"\t"+lowerLem] {
			seen[ek+"\t"+lowerLem] = true
			r := ruleFor(lower, lowerLem)
			for k := 0; k <= min(maxSuffix, len(lower)); k++ {
				kk := key{xpos, lower[len(lower)-k:]}
				if ruleCounts[kk] == nil {
					ruleCounts[kk] = map[Rule]int{}
				}
				ruleCounts[kk][r]++
			}
		}
		gk := group(xpos) + "\t" + lower
		if lem != lowerLem {
			groupLemma[gk] = "" // names are left to their own tags
		} else if gl, ok := groupLemma[gk]; !ok {
			groupLemma[gk] = lem
		} else if gl != lem {
			groupLemma[gk] = ""
		}
		if !slices.Contains(variants[ek], form) {
			variants[ek] = append(variants[ek], form)
		}
		if lemmaCounts[ek] == nil {
			lemmaCounts[ek] = map[string]int{}
		}
		lemmaCounts[ek][lem]++
	}
	l := newLemmatizer()
	for x, kc := range caseKept {
		if kc[0] > kc[1] {
			l.keepCase[x] = true
		}
	}
	for kk, rc := range ruleCounts {
		total, best, br := 0, 0, Rule{}
		for r, n := range rc {
			total += n
			if n > best || (n == best && (r.Cut < br.Cut || (r.Cut == br.Cut && r.Add < br.Add))) {
				best, br = n, r
			}
		}
		// A suffix rule must be seen at least twice; the empty suffix
		// (the tag's default) always stands.
		if kk.suffix != "" && total < 2 {
			continue
		}
		if l.rules[kk.xpos] == nil {
			l.rules[kk.xpos] = map[string]Rule{}
		}
		l.rules[kk.xpos][kk.suffix] = br
	}
	for gk, lem := range groupLemma {
		if lem == "" {
			continue
		}
		// Words that are their own lemma are left to the rules.
		if _, lower, _ := strings.Cut(gk, "\t"); lem != lower {
			l.known[gk] = lem
		}
	}
	for ek, lc := range lemmaCounts {
		best, bl := 0, ""
		for lem, n := range lc {
			if n > best || (n == best && lem < bl) {
				best, bl = n, lem
			}
		}
		xpos, _, _ := strings.Cut(ek, "\t")
		for _, f := range variants[ek] {
			if l.Lemma(f, xpos) != bl {
				l.exceptions[ek] = bl
				break
			}
		}
	}
	return l
}

// group returns the first two letters of a Penn Treebank tag, which name
// its word class (VB, NN, JJ, RB, ...).
func group(xpos string) string {
	if len(xpos) > 2 {
		return xpos[:2]
	}
	return xpos
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// Save writes the lemmatizer as gzip-compressed tab-separated lines:
// "K xpos" for case-keeping tags, "R xpos suffix cut add" for rules and
// "G group form lemma" for known words and "E xpos form lemma" for
// exceptions.
func (l *Lemmatizer) Save(w io.Writer) error {
	var lines []string
	for x := range l.keepCase {
		lines = append(lines, "K\t"+x)
	}
	for x, rs := range l.rules {
		for suf, r := range rs {
			lines = append(lines, fmt.Sprintf("R\t%s\t%s\t%d\t%s", x, suf, r.Cut, r.Add))
		}
	}
	for gk, lem := range l.known {
		lines = append(lines, "G\t"+gk+"\t"+lem)
	}
	for ek, lem := range l.exceptions {
		lines = append(lines, "E\t"+ek+"\t"+lem)
	}
	slices.Sort(lines)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	for _, line := range lines {
		if _, err := io.WriteString(zw, line+"\n"); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Load reads a lemmatizer written by Save.
func Load(r io.Reader) (*Lemmatizer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("lemma: load: %w", err)
	}
	l := newLemmatizer()
	sc := bufio.NewScanner(zr)
	n := 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		switch {
		case f[0] == "K" && len(f) == 2:
			l.keepCase[f[1]] = true
		case f[0] == "R" && len(f) == 5:
			cut, err := strconv.Atoi(f[3])
			if err != nil || cut < 0 {
				return nil, fmt.Errorf("lemma: load: line %d: bad cut %q", n, f[3])
			}
			if l.rules[f[1]] == nil {
				l.rules[f[1]] = map[string]Rule{}
			}
			l.rules[f[1]][f[2]] = Rule{Cut: cut, Add: f[4]}
		case f[0] == "G" && len(f) == 4:
			l.known[f[1]+"\t"+f[2]] = f[3]
		case f[0] == "E" && len(f) == 4:
			l.exceptions[f[1]+"\t"+f[2]] = f[3]
		default:
			return nil, fmt.Errorf("lemma: load: line %d: bad record", n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lemma: load: %w", err)
	}
	return l, nil
}

// defaultModel is generated from UD English EWT train by
// `go run ./lemma/gen --data ud-english-ewt --out lemma/lemmas.gz`.
//
//go:embed lemmas.gz
var defaultModel []byte

var loadDefault = sync.OnceValues(func() (*Lemmatizer, error) { return Load(bytes.NewReader(defaultModel)) })

// Default returns the embedded lemmatizer, loading it on first use.
func Default() (*Lemmatizer, error) { return loadDefault() }

// Evaluate counts the triples (form, xpos, gold lemma) whose lemma l
// predicts.
func Evaluate(l *Lemmatizer, words [][3]string) (right, total int) {
	for _, w := range words {
		total++
		if l.Lemma(w[0], w[1]) == w[2] {
			right++
		}
	}
	return right, total
}
