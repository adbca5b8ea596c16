package actor

import (
	"fmt"
	"strings"
)

// Check validates entries (usually one user file) against themselves and
// against base (the embedded dictionary, or nil): duplicate ids and names,
// overlapping dated roles, codes built from unknown segments, unknown
// countries. Problems carry the file and line.
func Check(entries []*Entry, base *Dictionary) ErrorList {
	var errs ErrorList
	segs := map[string]bool{}
	countries := map[string]bool{}
	if base != nil {
		for s := range base.segments {
			segs[s] = true
		}
		for _, e := range base.entries {
			switch e.Kind {
			case KindState:
				segs[e.Code], countries[e.Code] = true, true
			case KindSector:
				segs[e.ID] = true
			}
		}
	}
	for _, e := range entries {
		switch e.Kind {
		case KindState:
			segs[e.Code], countries[e.Code] = true, true
		case KindSector:
			segs[e.ID] = true
		}
	}
	validCode := func(code string) bool {
		if code == "" || len(code)%3 != 0 {
			return false
		}
		for i := 0; i < len(code); i += 3 {
			if !segs[code[i:i+3]] {
				return false
			}
		}
		return true
	}
	seenID := map[string]*Entry{}
	type owner struct {
		e   *Entry
		via Via
	}
	seenName := map[string]owner{}
	if base != nil {
		for k, refs := range base.byKey {
			for _, r := range refs {
				if old, ok := seenName[k]; !ok || old.via == ViaSurname {
					seenName[k] = owner{r.e, r.via}
				}
			}
		}
	}
	for _, e := range entries {
		id := e.ActorID()
		if old, ok := seenID[id]; ok {
			errs.add(e.Source, e.Line, "duplicate id %s (first at %s:%d)", id, old.Source, old.Line)
		}
		seenID[id] = e
		names := map[string]Via{Key(e.Name): ViaName}
		for _, n := range e.Names {
			names[Key(n)] = ViaName
		}
		for _, n := range e.Adjectives {
			names[Key(n)] = ViaAdjective
		}
		for _, n := range e.Capitals {
			names[Key(n)] = ViaCapital
		}
		for _, s := range e.Seats {
			names[Key(s.Name)] = ViaSeat
		}
		for k, via := range names {
			if old, ok := seenName[k]; ok && old.e.ActorID() != id {
				errs.add(e.Source, e.Line, "%s %q of %s is already used by %s (%s:%d)", via, k, id, old.e.ActorID(), old.e.Source, old.e.Line)
				continue
			}
			seenName[k] = owner{e, via}
		}
		if e.Code != "" && !validCode(e.Code) {
			errs.add(e.Source, e.Line, "unknown code %q in %s", e.Code, id)
		}
		if e.Country != "" && !countries[e.Country] {
			errs.add(e.Source, e.Line, "unknown country %q in %s", e.Country, id)
		}
		for _, s := range e.Seats {
			if !segs[s.Sector] {
				errs.add(e.Source, e.Line, "unknown sector %q for seat %q", s.Sector, s.Name)
			}
		}
		switch e.Kind {
		case KindIGO, KindNGO:
			if e.Code == "" {
				errs.add(e.Source, e.Line, "%s has no code", id)
			}
		case KindMedia, KindPerson:
			if e.Country == "" && e.Code == "" && len(e.Roles) == 0 {
				errs.add(e.Source, e.Line, "%s has no country, code or role", id)
			}
		case KindState:
			if e.ISO3 != "" && e.ISO3 != e.Code && len(e.Code) != 3 {
				errs.add(e.Source, e.Line, "state %s: code %q is not a country code", id, e.Code)
			}
		}
		for i, r := range e.Roles {
			if !validCode(r.Code) {
				errs.add(e.Source, r.Line, "unknown code %q in a role of %s", r.Code, id)
			}
			for _, o := range e.Roles[:i] {
				if overlaps(o, r) {
					errs.add(e.Source, r.Line, "role %s %s overlaps role %s %s (line %d)", r.Code, span(r), o.Code, span(o), o.Line)
				}
			}
		}
	}
	return errs
}

func overlaps(a, b Role) bool {
	aEndsBefore := !a.To.IsZero() && !b.From.IsZero() && !a.To.After(b.From)
	bEndsBefore := !b.To.IsZero() && !a.From.IsZero() && !b.To.After(a.From)
	return !aEndsBefore && !bEndsBefore
}

func span(r Role) string {
	var b strings.Builder
	if !r.From.IsZero() {
		b.WriteString(r.From.Format("2006-01-02"))
	}
	b.WriteString("..")
	if !r.To.IsZero() {
		b.WriteString(r.To.Format("2006-01-02"))
	}
	return b.String()
}

// CheckEmbedded validates the embedded dictionary itself.
func CheckEmbedded() (ErrorList, error) {
	es, errs, err := embedded()
	if err != nil {
		return nil, err
	}
	base := &Dictionary{segments: codeSegments()}
	return append(errs, Check(es, base)...), nil
}

// String describes a match for people: "USAGOV president (person:donald-trump)".
func (m Match) String() string {
	s := fmt.Sprintf("%s %s", m.Code, m.Entry.ActorID())
	if m.Title != "" {
		s += " " + m.Title
	}
	return s
}
