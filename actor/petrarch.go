package actor

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parley-news/parley/petrarch"
)

// FromPETRARCH converts the records of a PETRARCH actors dictionary into
// entries: one group entry per record, named by its primary phrase and
// synonyms, with its default code and its date restrictions as roles
// (PETRARCH limits are inclusive, parley's end date exclusive; the first
// restriction that applies wins, as in PETRARCH). A code may name several
// actors separated by '/' ("FRO/BIL/SAM"); the event stage splits it.
func FromPETRARCH(actors []*petrarch.Actor, source string) []*Entry {
	var out []*Entry
	for _, a := range actors {
		e := &Entry{Kind: KindGroup, ID: "petrarch-" + slug(a.Names[0]) + "-" + strconv.Itoa(a.Line),
			Name: titleCase(a.Names[0]), Code: a.Code, Source: source, Line: a.Line}
		for _, n := range a.Names[1:] {
			e.Names = append(e.Names, titleCase(n))
		}
		// Entry.On takes the last active role: list them in reverse so
		// that the first restriction in the file wins.
		for k := len(a.Roles) - 1; k >= 0; k-- {
			r := a.Roles[k]
			if r.From.IsZero() && r.To.IsZero() {
				if e.Code == "" {
					e.Code = r.Code
				}
				continue
			}
			role := Role{Code: r.Code, From: r.From, Line: r.Line, Title: "PETRARCH date restriction"}
			if !r.To.IsZero() {
				role.To = r.To.Add(24 * time.Hour)
			}
			e.Roles = append(e.Roles, role)
		}
		out = append(out, e)
	}
	return out
}

func titleCase(s string) string {
	f := strings.Fields(strings.ToLower(s))
	for i, w := range f {
		f[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(f, " ")
}

// LoadMixed returns the embedded dictionary extended with user files in
// parley's format (FORMAT.md) and PETRARCH actors dictionaries. PETRARCH
// entries come first, so that their reading of a name shared with the
// embedded dictionary ("Egypt" = UAR in the PETRARCH test dictionary)
// wins; parley files still replace embedded entries by id.
func LoadMixed(parley, petrFiles []string) (*Dictionary, error) {
	if len(petrFiles) == 0 {
		return Load(parley...)
	}
	d, err := Load(parley...)
	if err != nil {
		return nil, err
	}
	var all []*Entry
	for _, p := range petrFiles {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("actor: %w", err)
		}
		as, err := petrarch.ReadActors(f, p)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("actor: %w", err)
		}
		all = append(all, FromPETRARCH(as, p)...)
	}
	all = append(all, slices.Clone(d.entries)...)
	nd := New(all)
	nd.segments = d.segments
	return nd, nil
}
