package petrarch

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Actor is one record of an actors dictionary: a primary phrase, its
// synonyms (lines starting with '+'), an optional default code and
// date-restricted codes (indented lines "[CODE <date]", "[CODE >date]",
// "[CODE date-date]", "[CODE]").
type Actor struct {
	// Names are the primary phrase and its synonyms, upper case, words
	// separated by single spaces (underscores read as spaces).
	Names []string
	// Code is the default code, used when no restriction applies; it may
	// name several actors separated by '/' ("FRO/BIL/SAM").
	Code  string
	Roles []DateRole
	Line  int
}

// DateRole is a code restricted to a period. From and To are inclusive;
// a zero end is open. A role with both ends zero is a default.
type DateRole struct {
	Code     string
	From, To time.Time
	Line     int
}

// Active reports whether the role applies on day t.
func (r DateRole) Active(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || !t.After(r.To))
}

// CodeOn returns the actor's code on day t: the first date restriction
// that applies, else a default restriction, else the default code.
func (a *Actor) CodeOn(t time.Time) string {
	def := a.Code
	for _, r := range a.Roles {
		if r.From.IsZero() && r.To.IsZero() {
			if def == "" {
				def = r.Code
			}
			continue
		}
		if r.Active(t) {
			return r.Code
		}
	}
	return def
}

// ReadActors reads an actors dictionary.
func ReadActors(r io.Reader, file string) ([]*Actor, error) {
	lines, errs := readLines(r, file)
	var out []*Actor
	var cur *Actor
	for _, l := range lines {
		indented := l.raw != "" && (l.raw[0] == ' ' || l.raw[0] == '\t')
		text, bodies, msg := brackets(l.text)
		if msg != "" {
			errs.add(file, l.n, "%s in %q", msg, l.text)
			continue
		}
		// addCodes reads the line's brackets: a bare code is the default
		// (the first one wins), one with dates a restriction. Real
		// dictionaries put several on one line: "[IGOUNO 460201-521110]
		// [ELI]".
		addCodes := func(a *Actor) {
			for _, b := range bodies {
				role, err := parseRestriction(b)
				if err != nil {
					errs.add(file, l.n, "%v", err)
					continue
				}
				role.Line = l.n
				if role.From.IsZero() && role.To.IsZero() {
					if a.Code == "" {
						a.Code = role.Code
					}
					continue
				}
				a.Roles = append(a.Roles, role)
			}
		}
		switch {
		case strings.TrimSpace(text) == "" && len(bodies) > 0:
			if cur == nil {
				errs.add(file, l.n, "date restriction %q outside an actor", l.text)
				continue
			}
			addCodes(cur)
		case strings.HasPrefix(text, "+"):
			if cur == nil {
				errs.add(file, l.n, "synonym %q outside an actor", l.text)
				continue
			}
			name := phrase(text[1:])
			if name == "" {
				errs.add(file, l.n, "empty synonym")
				continue
			}
			cur.Names = append(cur.Names, name)
			addCodes(cur)
		default:
			if indented && cur != nil && len(bodies) == 0 {
				errs.add(file, l.n, "indented line %q is neither a date restriction nor a synonym", l.text)
				continue
			}
			name := phrase(text)
			if name == "" {
				errs.add(file, l.n, "actor line without a phrase: %q", l.text)
				cur = nil
				continue
			}
			if strings.ContainsAny(name, "{}") {
				errs.add(file, l.n, "braces in an actor phrase: %q", l.text)
			}
			cur = &Actor{Names: []string{name}, Line: l.n}
			addCodes(cur)
			out = append(out, cur)
		}
	}
	return out, errs.Err()
}

// parseRestriction reads "CODE", "CODE <date", "CODE >date" or
// "CODE date-date" (dates YYYYMMDD or YYMMDD, limits inclusive).
func parseRestriction(s string) (DateRole, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return DateRole{}, fmt.Errorf("empty code bracket")
	}
	r := DateRole{Code: f[0]}
	rest := strings.Join(f[1:], "")
	if rest == "" {
		return r, nil
	}
	var err error
	switch rest[0] {
	case '<':
		r.To, err = parseDate(rest[1:])
		if err == nil {
			// "before date": the limit itself is included (PETRARCH reads
			// limits as "or equal to").
		}
	case '>':
		r.From, err = parseDate(rest[1:])
	default:
		a, b, ok := strings.Cut(rest, "-")
		if !ok {
			return r, fmt.Errorf("date restriction %q: want <date, >date or date-date", s)
		}
		if r.From, err = parseDate(a); err == nil {
			r.To, err = parseDate(b)
		}
		if err == nil && r.To.Before(r.From) {
			err = fmt.Errorf("date range %q ends before it starts", rest)
		}
	}
	if err != nil {
		return r, fmt.Errorf("date restriction [%s]: %v", s, err)
	}
	return r, nil
}

// parseDate reads YYYYMMDD or YYMMDD (two-digit years: 00-29 are 20xx,
// the rest 19xx, as in TABARI).
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, c := range s {
		if c < '0' || c > '9' {
			return time.Time{}, fmt.Errorf("bad date %q: want YYYYMMDD or YYMMDD", s)
		}
	}
	switch len(s) {
	case 8:
	case 6:
		if s[0] < '3' {
			s = "20" + s
		} else {
			s = "19" + s
		}
	default:
		return time.Time{}, fmt.Errorf("bad date %q: want YYYYMMDD or YYMMDD", s)
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad date %q: %v", s, err)
	}
	return t, nil
}

// brackets splits a line into the text before its first '[' and the
// contents of its code brackets.
func brackets(s string) (string, []string, string) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return s, nil, ""
	}
	text, rest := s[:i], s[i:]
	var bodies []string
	for {
		rest = strings.TrimSpace(rest)
		if rest == "" {
			return text, bodies, ""
		}
		if rest[0] != '[' {
			return text, bodies, "text after a code bracket"
		}
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return text, bodies, "unclosed code bracket"
		}
		if b := strings.TrimSpace(rest[1:j]); b != "" {
			bodies = append(bodies, b)
		} else {
			return text, bodies, "empty code bracket"
		}
		rest = rest[j+1:]
	}
}
