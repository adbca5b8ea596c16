// Package merge decides when event mentions from different documents
// describe one real-world event: the same event type, the same source and
// target actors and compatible dates. It follows GDELT's event table, where
// one event row carries NumMentions, NumSources and NumArticles, and keeps
// the mentions as evidence. Stores apply it one document at a time and
// keep running counts; a mention with no actor at all merges only within
// its document.
package merge

import (
	_ "embed"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/parley-news/parley/document"
)

// Tolerance is how far apart (in days) two mentions' date intervals may be
// and still describe the same event: reports of one event often date it a
// day apart ("on Sunday" vs. "overnight into Monday").
const Tolerance = 1

// DayLayout is the ISO layout of the dates this package returns.
const DayLayout = "2006-01-02"

// Interval returns the days [from, to] a TIMEX3 value covers: a day, a
// week (2025-W12), a month, a quarter (2025-Q1), a season-less year, or a
// datetime's day. PRESENT_REF and values it cannot read fall back to the
// publication day; ok is false when there is neither.
func Interval(value string, published time.Time) (from, to time.Time, ok bool) {
	if f, t, ok := parseValue(value); ok {
		return f, t, true
	}
	if published.IsZero() {
		return time.Time{}, time.Time{}, false
	}
	d := day(published)
	return d, d, true
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func parseValue(v string) (from, to time.Time, ok bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, 'T'); i == 10 {
		v = v[:10]
	}
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		t, err := time.Parse(DayLayout, v)
		if err != nil {
			return time.Time{}, time.Time{}, false
		}
		return t, t, true
	case len(v) == 7 && v[4] == '-' && isDigits(v[5:]):
		t, err := time.Parse("2006-01", v)
		if err != nil {
			return time.Time{}, time.Time{}, false
		}
		return t, t.AddDate(0, 1, -1), true
	case len(v) == 8 && v[4] == '-' && v[5] == 'W' && isDigits(v[6:]):
		y, err1 := strconv.Atoi(v[:4])
		w, err2 := strconv.Atoi(v[6:])
		if err1 != nil || err2 != nil || w < 1 || w > 53 {
			return time.Time{}, time.Time{}, false
		}
		// ISO 8601: week 1 holds the year's first Thursday.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		f := monday.AddDate(0, 0, 7*(w-1))
		return f, f.AddDate(0, 0, 6), true
	case len(v) == 7 && v[4] == '-' && v[5] == 'Q' && v[6] >= '1' && v[6] <= '4':
		y, err := strconv.Atoi(v[:4])
		if err != nil {
			return time.Time{}, time.Time{}, false
		}
		q := int(v[6] - '1')
		f := time.Date(y, time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
		return f, f.AddDate(0, 3, -1), true
	case len(v) == 4 && isDigits(v):
		y, _ := strconv.Atoi(v)
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, time.Time{}, false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Compatible reports whether intervals [af, at] and [bf, bt] overlap once
// each is widened by Tolerance days.
func Compatible(af, at, bf, bt time.Time) bool {
	tol := time.Duration(Tolerance) * 24 * time.Hour
	return !af.After(bt.Add(tol)) && !bf.After(at.Add(tol))
}

//go:embed data/pronouns.txt
var pronounList string

var pronouns = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(pronounList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

// Pronoun reports whether text is only a pronoun ("He", "they").
func Pronoun(text string) bool { return pronouns[NormName(text)] }

// ActorKey names the actor an event argument refers to, so that the same
// actor gets the same key in every document: a known (dictionary) actor's
// ID; a document-local actor's lower-cased name prefixed with "~" (its ID
// is only unique inside its document); else the argument's text the same
// way, unless it is a bare pronoun; else its code. Empty when the argument
// is absent or an unresolved pronoun.
func ActorKey(doc *document.Document, actorID, code, text string) string {
	if actorID != "" {
		for _, a := range doc.Actors {
			if a.ID != actorID {
				continue
			}
			if a.Known {
				return a.ID
			}
			if n := NormName(a.Name); n != "" {
				return "~" + n
			}
			break
		}
		if !localID(doc, actorID) {
			return actorID
		}
	}
	if n := NormName(text); n != "" && !pronouns[n] {
		return "~" + n
	}
	return code
}

// localID reports whether id names a document-local actor of doc.
func localID(doc *document.Document, id string) bool {
	for _, a := range doc.Actors {
		if a.ID == id {
			return !a.Known
		}
	}
	return false
}

// NormName lower-cases a name and folds runs of spaces and punctuation to
// one space, dropping a leading article ("the").
func NormName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if r == '\'' || r == '’' {
			continue
		}
		space = true
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// Mention is what merging needs to know about one event mention.
type Mention struct {
	Type, SourceKey, TargetKey string
	From, To                   time.Time
}

// Group is a set of mentions of one event. Its dates are those of its most
// precise mention (the narrowest interval; the earliest among equals), so
// that one vague mention ("in March") cannot chain distant days together.
type Group struct {
	Type, SourceKey, TargetKey string
	From, To                   time.Time
	// Members are indexes into the mentions given to Events.
	Members []int
}

// Same reports whether mention m belongs with group g.
func (g *Group) Same(m Mention) bool {
	return g.Type == m.Type && g.SourceKey == m.SourceKey && g.TargetKey == m.TargetKey &&
		Compatible(g.From, g.To, m.From, m.To)
}

// Add puts mention i into the group, narrowing its dates when m is more
// precise.
func (g *Group) Add(i int, m Mention) {
	g.Members = append(g.Members, i)
	if width(m.From, m.To) < width(g.From, g.To) ||
		(width(m.From, m.To) == width(g.From, g.To) && m.From.Before(g.From)) {
		g.From, g.To = m.From, m.To
	}
}

func width(f, t time.Time) time.Duration { return t.Sub(f) }

// Best returns the index of the group in gs that m joins — among those it
// is Same with, the one whose dates are nearest — or -1.
func Best(gs []Group, m Mention) int {
	best, bestGap := -1, time.Duration(0)
	for i := range gs {
		if !gs[i].Same(m) {
			continue
		}
		gap := gapBetween(gs[i].From, gs[i].To, m.From, m.To)
		if best < 0 || gap < bestGap {
			best, bestGap = i, gap
		}
	}
	return best
}

func gapBetween(af, at, bf, bt time.Time) time.Duration {
	switch {
	case at.Before(bf):
		return bf.Sub(at)
	case bt.Before(af):
		return af.Sub(bt)
	}
	return 0
}

// Events groups mentions in the order given: each joins the Best existing
// group or starts a new one. Stores apply the same rule one document at a
// time, so the result depends only on the order documents were saved.
func Events(ms []Mention) []Group {
	var gs []Group
	for i, m := range ms {
		if j := Best(gs, m); j >= 0 {
			gs[j].Add(i, m)
			continue
		}
		gs = append(gs, Group{Type: m.Type, SourceKey: m.SourceKey, TargetKey: m.TargetKey, From: m.From, To: m.To, Members: []int{i}})
	}
	return gs
}
