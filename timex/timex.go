// Package timex finds time expressions in news text and normalises them to
// TIMEX3 values (TimeML 1.2.1) against the publication date and the tense
// of their sentence. Its rules and word lists live in data/.
package timex

import (
	"bufio"
	"context"
	"embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/pipeline"
)

//go:embed data/*.txt
var dataFS embed.FS

// Normalizer recognises and normalises time expressions.
type Normalizer struct {
	lex      *lexicon
	rules    []*rule
	triggers map[string]int32 // see triggerIDs
	tense    *tenseCues
	events   []datedEvent
}

// datedEvent is a line of data/events.txt.
type datedEvent struct {
	date  string // YYYY-MM[-DD]
	year  int
	month string
	terms []*regexp.Regexp
	// pres are the prefilters of terms.
	pres []prefilter
}

// Load builds a Normalizer from the embedded data files.
func Load() (*Normalizer, error) {
	read := func(name string) (string, error) {
		b, err := dataFS.ReadFile("data/" + name)
		return string(b), err
	}
	lexText, err := read("lexicon.txt")
	if err != nil {
		return nil, err
	}
	holText, err := read("holidays.txt")
	if err != nil {
		return nil, err
	}
	lex, err := parseLexicon("lexicon.txt+holidays.txt", lexText+"\n[holiday]\n"+holText)
	if err != nil {
		return nil, err
	}
	n := &Normalizer{lex: lex, triggers: triggerIDs(triggerWords(lex))}
	rulesText, err := read("rules.txt")
	if err != nil {
		return nil, err
	}
	if n.rules, err = parseRules("rules.txt", rulesText, lex); err != nil {
		return nil, err
	}
	tenseText, err := read("tense.txt")
	if err != nil {
		return nil, err
	}
	if n.tense, err = parseTenseCues("tense.txt", tenseText); err != nil {
		return nil, err
	}
	evText, err := read("events.txt")
	if err != nil {
		return nil, err
	}
	if n.events, err = parseEvents("events.txt", evText); err != nil {
		return nil, err
	}
	return n, nil
}

var loadDefault = sync.OnceValues(func() (*Normalizer, error) { return Load() })

// Default returns the Normalizer built from the embedded data, loaded once.
func Default() (*Normalizer, error) { return loadDefault() }

func parseEvents(name, data string) ([]datedEvent, error) {
	var out []datedEvent
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		date, list, ok := strings.Cut(line, ":")
		date = strings.TrimSpace(date)
		t, err := time.Parse("2006-01-02", date)
		if err != nil {
			t, err = time.Parse("2006-01", date)
		}
		if !ok || err != nil {
			return nil, fmt.Errorf("%s:%d: want \"YYYY-MM[-DD]: term; term\"", name, n)
		}
		ev := datedEvent{date: date, year: t.Year(), month: t.Format("01")}
		for _, term := range strings.Split(list, ";") {
			re, err := regexp.Compile(`(?i)` + strings.TrimSpace(term))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
			ev.terms = append(ev.terms, re)
			ev.pres = append(ev.pres, newPrefilter(`(?i)`+strings.TrimSpace(term), nil))
		}
		out = append(out, ev)
	}
	return out, sc.Err()
}

// Stage is the pipeline stage that fills doc.Timexes.
type Stage struct {
	n *Normalizer
}

var _ pipeline.Stage = (*Stage)(nil)

// NewStage returns the timex stage using the embedded rules.
func NewStage() (*Stage, error) {
	n, err := Default()
	if err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	return &Stage{n: n}, nil
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "timex" }

// Process implements pipeline.Stage: it replaces doc.Timexes.
func (s *Stage) Process(ctx context.Context, doc *document.Document) error {
	doc.Timexes = s.n.Annotate(doc)
	return nil
}

// sentenceSpans returns the document's sentences, or a rough split on
// sentence-final punctuation and line breaks when the segment stage has
// not run.
func sentenceSpans(doc *document.Document) []document.Span {
	if len(doc.Sentences) > 0 {
		out := make([]document.Span, len(doc.Sentences))
		for i, s := range doc.Sentences {
			out[i] = s.Span
		}
		return out
	}
	var out []document.Span
	text := doc.Text
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := -1
		switch {
		case c == '\n':
			end = i
		case (c == '.' || c == '!' || c == '?') && i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\n'):
			// Not after a one- or two-letter abbreviation ("U.S.", "Dr.").
			j := i
			for j > start && isWordByte(text[j-1]) {
				j--
			}
			if c == '.' && (i-j <= 2 && j > 0 && text[j-1] == '.' || i-j == 1) {
				continue
			}
			end = i + 1
		}
		if end >= 0 {
			if strings.TrimSpace(text[start:end]) != "" {
				out = append(out, document.Span{Start: start, End: end})
			}
			start = end
		}
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, document.Span{Start: start, End: len(text)})
	}
	return out
}

// Annotate finds and normalises the time expressions of doc against
// doc.Published; without one it infers a document year from the text where
// it can and records a warning.
func (n *Normalizer) Annotate(doc *document.Document) []document.Timex {
	sents := sentenceSpans(doc)
	matches := findAll(n.rules, n.triggers, doc.Text)
	a := Anchor{}
	if !doc.Published.IsZero() {
		p := doc.Published.UTC()
		a.Date = time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, time.UTC)
	}
	matchSpans := make([]document.Span, len(matches))
	for i, m := range matches {
		matchSpans[i] = document.Span{Start: m.Start, End: m.End}
	}
	tc := n.newTenseContext(doc, sents, matchSpans)
	tenseOf := func(si int, m match) Tense {
		return tc.at(si, document.Span{Start: m.Start, End: m.End})
	}
	sentOf := func(off int) int {
		i := sort.Search(len(sents), func(i int) bool { return sents[i].End > off })
		if i < len(sents) && sents[i].Start <= off {
			return i
		}
		return -1
	}
	pinned := map[int]datedEvent{} // match index -> event pinning its year
	if a.Date.IsZero() {
		var why string
		a.Year, why = n.inferYear(doc.Text, sents, matches, sentOf, tenseOf, pinned)
		if a.Year != 0 {
			doc.Warnf("timex: no publication date; inferred document year %d from %s", a.Year, why)
		} else if len(matches) > 0 {
			doc.Warnf("timex: no publication date; relative time expressions left underspecified")
		}
	}
	var out []document.Timex
	var ref time.Time
	var refUnit string
	refSent := 0
	// The quarter a financial report is about, and its sentence.
	quarter, quarterSent := "", 0
	for i, m := range matches {
		si := sentOf(m.Start)
		ma := a
		if ev, ok := pinned[i]; ok {
			ma.Year = ev.year
		}
		if si-refSent <= refReach {
			ma.Ref, ma.RefUnit = ref, refUnit
		}
		if m.rule.typ == "NONE" || isCount(doc, m) {
			continue
		}
		r, ok := n.resolve(m, ma, tenseOf(si, m))
		if !ok || r.value == "" {
			continue
		}
		if t, u, ok := statedDate(r); ok {
			ref, refUnit, refSent = t, u, si
		}
		switch {
		case r.typ == "DATE" && r.gran == "quarter" && m.groups["quarter"] == "" && m.rule.opts["shift"] == "-1" && quarter != "" && si-quarterSent <= refReach:
			// "the quarter", "the latest period": the one under
			// discussion.
			r.value = quarter
		case r.typ == "DATE" && r.gran == "year" && len(r.value) == 4 && quarter != "" && si-quarterSent <= refReach && quarterWord.MatchString(doc.Text[m.Start:m.End]):
			// "the 1988 period" of a quarterly report: that quarter of
			// 1988.
			r.value, r.gran = r.value+quarter[4:], "quarter"
		case r.typ == "DATE" && r.gran == "quarter" && len(r.value) == 7 && m.rule.opts["shift"] != "-5" && m.groups["yrel"] == "":
			quarter, quarterSent = r.value, si
		}
		if quarter != "" && si-quarterSent <= refReach && n.sameQuarterBefore(doc.Text, m, r, ma) {
			y, _ := strconv.Atoi(quarter[:4])
			r.value, r.gran = fmt.Sprintf("%04d%s", y-1, quarter[4:]), "quarter"
		}
		out = append(out, document.Timex{
			Span:        document.Span{Start: m.Start, End: m.End},
			Text:        doc.Text[m.Start:m.End],
			Type:        r.typ,
			Value:       r.value,
			Mod:         r.mod,
			Granularity: r.gran,
			Anchored:    r.anchored,
			Inferred:    r.inferred,
		})
	}
	return out
}

// inferYear estimates the year a document was written from what its text
// pins: dated events of data/events.txt mentioned in a sentence, and years
// stated in past-tense sentences. It returns the latest such year, since a
// text is written after what it reports, and records in pinned the month
// expressions that share a sentence with a dated event of that month.
func (n *Normalizer) inferYear(text string, sents []document.Span, matches []match, sentOf func(int) int, tenseOf func(int, match) Tense, pinned map[int]datedEvent) (int, string) {
	year, why := 0, ""
	// An event whose terms' prefilters fail on the text is mentioned in
	// none of its sentences.
	folded, pre := foldASCII(text), prefilterable(text)
	var events []datedEvent
	for _, ev := range n.events {
		if !pre || ev.mayMatch(folded) {
			events = append(events, ev)
		}
	}
	for si, sp := range sents {
		s, fs := text[sp.Start:sp.End], folded[sp.Start:sp.End]
		for _, ev := range events {
			all := true
			for i, t := range ev.terms {
				if pre && !ev.pres[i].mayMatch(fs) || !t.MatchString(s) {
					all = false
					break
				}
			}
			if !all {
				continue
			}
			if ev.year > year {
				year, why = ev.year, fmt.Sprintf("a dated event (%s) in %q", ev.date, strings.TrimSpace(s))
			}
			for i, m := range matches {
				if sentOf(m.Start) != si || m.groups["year"] != "" {
					continue
				}
				if mo, ok := n.lex.lookup("month", m.groups["month"]); ok && mo == ev.month {
					pinned[i] = ev
				}
			}
		}
	}
	for _, m := range matches {
		y := m.groups["year"]
		if y == "" || m.rule.typ != "DATE" {
			continue
		}
		if si := sentOf(m.Start); tenseOf(si, m) != TensePast {
			continue
		}
		if v := parseYear(y); v > year {
			year, why = v, fmt.Sprintf("the stated date %q", text[m.Start:m.End])
		}
	}
	return year, why
}

// mayMatch reports whether each of ev's terms passes its prefilter on
// folded text.
func (ev datedEvent) mayMatch(folded string) bool {
	for _, p := range ev.pres {
		if !p.mayMatch(folded) {
			return false
		}
	}
	return true
}

var quarterWord = regexp.MustCompile(`(?i)\b(?:quarter|period)\b`)

// refReach is how many sentences back a stated date or a quarter under
// discussion stays the reference of "a decade later" or "the quarter".
const refReach = 5

// statedDate returns the date of a DATE expression that stated its year
// outright ("June 12, 2019", "1994"), not one computed from the anchor.
func statedDate(r result) (time.Time, string, bool) {
	if r.typ != "DATE" || r.anchored || r.inferred {
		return time.Time{}, "", false
	}
	for i, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(r.value) == len(layout) {
			if t, err := time.Parse(layout, r.value); err == nil {
				return t, []string{"D", "M", "Y"}[i], true
			}
		}
	}
	return time.Time{}, "", false
}

// sameQuarterBefore reports whether a year-before expression ("a year
// earlier", "last year" after "compared with") refers to the quarter under
// discussion a year before rather than to the whole previous year.
func (n *Normalizer) sameQuarterBefore(text string, m match, r result, a Anchor) bool {
	if r.gran != "year" || a.Date.IsZero() || r.value != fmt.Sprintf("%04d", a.Date.Year()-1) {
		return false
	}
	phrase := text[m.Start:m.End]
	if _, ok := n.lex.lookup("yearbefore", phrase); ok {
		return true
	}
	if foldForm(phrase) != "last year" {
		return false
	}
	before := foldForm(text[max(0, m.Start-16):m.Start])
	for w := range n.lex.values["compare"] {
		if strings.HasSuffix(before, " "+w) || before == w {
			return true
		}
	}
	return false
}

// quantifiers are words before a number that make it a count.
var quantifiers = map[string]bool{
	"about": true, "some": true, "nearly": true, "almost": true, "around": true,
	"roughly": true, "approximately": true, "over": true, "than": true,
	"least": true, "estimated": true, "only": true, "just": true, "another": true,
}

// countNouns are nouns counted in news often enough that a bare four-digit
// number before them is a count even in the singular form the tagger
// gives them ("1500 police").
var countNouns = map[string]bool{"people": true, "police": true, "personnel": true, "staff": true}

// isCount reports whether a match is a bare four-digit number that the
// parse shows counting a noun rather than naming a year: "About 1600
// people", "Some 2000 troops", "1500 police were deployed". A year
// modifying a noun comes with a determiner or possessor ("the 2015
// elections", "Russia's 2024 budget") or after a preposition ("after 2015
// elections"), and those stay dates. Without a parse nothing is dropped.
func isCount(doc *document.Document, m match) bool {
	if m.End-m.Start != 4 {
		return false
	}
	for i := m.Start; i < m.End; i++ {
		if c := doc.Text[i]; c < '0' || c > '9' {
			return false
		}
	}
	k := doc.TokenAt(m.Start)
	if k < 0 || doc.Tokens[k].Start != m.Start || doc.Tokens[k].End != m.End || doc.Tokens[k].Deprel != "nummod" {
		return false
	}
	h := doc.Tokens[k].Head
	if h < 0 || h >= len(doc.Tokens) || h < k {
		return false
	}
	if prev := k - 1; prev >= 0 {
		p := doc.Tokens[prev]
		w := strings.ToLower(p.Text)
		if quantifiers[w] {
			return true
		}
		switch p.UPOS {
		case "DET", "ADP", "PART", "PRON", "PROPN", "NOUN", "ADJ":
			// the 2015 elections, after 2015 elections, Russia's 2024
			// budget, its 2030 target, the annual 2019 report
			return false
		}
		if p.XPOS == "POS" || p.XPOS == "PRP$" {
			return false
		}
	}
	head := doc.Tokens[h]
	return head.XPOS == "NNS" || countNouns[strings.ToLower(head.Lemma)] || countNouns[strings.ToLower(head.Text)]
}
