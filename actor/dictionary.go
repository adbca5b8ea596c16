// Package actor resolves the people, states, organisations and groups a
// news article talks about: an embedded, user-extendable dictionary with
// dated roles (PETRARCH style), and the pipeline stage that links entity
// mentions to coded actors and follows them through coreference chains.
package actor

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.txt
var dataFS embed.FS

// Kind is what an entry is.
type Kind string

// Entry kinds.
const (
	KindState  Kind = "state"
	KindIGO    Kind = "igo"
	KindNGO    Kind = "ngo"
	KindMedia  Kind = "media"
	KindGroup  Kind = "group"
	KindPerson Kind = "person"
	KindSector Kind = "sector"
)

var kinds = map[Kind]bool{KindState: true, KindIGO: true, KindNGO: true, KindMedia: true, KindGroup: true, KindPerson: true, KindSector: true}

// Role is a code held for a period: [From, To), either end open when zero.
type Role struct {
	Code  string
	From  time.Time
	To    time.Time
	Title string
	Line  int
}

// Active reports whether the role is held on day t.
func (r Role) Active(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || t.Before(r.To))
}

// Seat is a building or institution that stands for a sector of a state's
// government ("the Kremlin", "the Pentagon").
type Seat struct {
	Name   string
	Sector string // GOV unless stated
}

// Entry is one actor of the dictionary.
type Entry struct {
	Kind Kind
	// ID is stable across documents: the country code for states and
	// sectors, a slug for the others.
	ID         string
	Name       string
	Names      []string // aliases, besides Name
	Adjectives []string // demonyms and adjectives
	Capitals   []string
	Seats      []Seat
	ISO2, ISO3 string
	Code       string // fixed code, when the entry has no dated roles
	Country    string // country code of a person, group or media outlet
	Gender     string // m or f
	StateOwned bool
	Roles      []Role
	Source     string
	Line       int
}

// ActorID is the id the entry's actor carries in documents.
func (e *Entry) ActorID() string { return string(e.Kind) + ":" + e.ID }

// On returns the entry's code and role title on day t. A person with no
// role on that day but a past one is coded as an elite of the country
// (CAMEO ELI) with a "former" title.
func (e *Entry) On(t time.Time) (code, title string, former bool) {
	var active *Role
	for i := range e.Roles {
		if e.Roles[i].Active(t) {
			active = &e.Roles[i]
		}
	}
	if active != nil {
		return active.Code, active.Title, false
	}
	switch e.Kind {
	case KindState, KindIGO, KindNGO, KindSector:
		return e.Code, "", false
	case KindMedia:
		if e.Code != "" {
			return e.Code, "", false
		}
		return e.Country + "MED", "", false
	}
	var past *Role
	for i := range e.Roles {
		r := &e.Roles[i]
		if !r.To.IsZero() && !t.Before(r.To) && (past == nil || r.To.After(past.To)) {
			past = r
		}
	}
	if past != nil && e.Kind == KindPerson {
		return e.Country + "ELI", "former " + past.Title, true
	}
	if e.Code != "" {
		return e.Code, "", false
	}
	return e.Country, "", false
}

// Error is a problem at a line of a dictionary file.
type Error struct {
	Source string
	Line   int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Msg) }

// ErrorList is a list of dictionary problems; Err is nil when it is empty.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l *ErrorList) add(src string, line int, format string, args ...any) {
	*l = append(*l, &Error{Source: src, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Parse reads dictionary entries in the format of FORMAT.md. It returns
// the entries it could read and every syntax error with its line.
func Parse(r io.Reader, source string) ([]*Entry, ErrorList) {
	var errs ErrorList
	var out []*Entry
	var cur *Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(raw, " ") && !strings.HasPrefix(raw, "\t") {
			head, name, ok := strings.Cut(line, ":")
			fields := strings.Fields(head)
			if !ok || len(fields) != 2 || strings.TrimSpace(name) == "" {
				errs.add(source, n, "want an entry header KIND ID: Name, have %q", line)
				cur = nil
				continue
			}
			k := Kind(fields[0])
			if !kinds[k] {
				errs.add(source, n, "unknown kind %q (want state, igo, ngo, media, group, person or sector)", fields[0])
				cur = nil
				continue
			}
			cur = &Entry{Kind: k, ID: fields[1], Name: strings.TrimSpace(name), Source: source, Line: n}
			if k == KindState || k == KindSector {
				cur.Code = cur.ID
			}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			errs.add(source, n, "attribute outside an entry: %q", line)
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			errs.add(source, n, "want key: value, have %q", line)
			continue
		}
		val = strings.TrimSpace(val)
		list := splitList(val)
		switch strings.TrimSpace(key) {
		case "names":
			cur.Names = append(cur.Names, list...)
		case "adjectives":
			cur.Adjectives = append(cur.Adjectives, list...)
		case "capitals":
			cur.Capitals = append(cur.Capitals, list...)
		case "seats":
			for _, s := range list {
				name, sector, _ := strings.Cut(s, "=")
				if sector == "" {
					sector = "GOV"
				}
				cur.Seats = append(cur.Seats, Seat{Name: strings.TrimSpace(name), Sector: strings.TrimSpace(sector)})
			}
		case "iso":
			f := strings.Fields(val)
			if len(f) != 2 || len(f[0]) != 2 || len(f[1]) != 3 {
				errs.add(source, n, "iso: want an alpha-2 and an alpha-3 code, have %q", val)
				continue
			}
			cur.ISO2, cur.ISO3 = f[0], f[1]
		case "code":
			cur.Code = val
		case "country":
			cur.Country = val
		case "gender":
			if val != "m" && val != "f" {
				errs.add(source, n, "gender: want m or f, have %q", val)
				continue
			}
			cur.Gender = val
		case "state":
			cur.StateOwned = val == "yes"
		case "role":
			r, err := parseRole(val)
			if err != nil {
				errs.add(source, n, "role: %v", err)
				continue
			}
			r.Line = n
			cur.Roles = append(cur.Roles, r)
		default:
			errs.add(source, n, "unknown attribute %q", strings.TrimSpace(key))
		}
	}
	if err := sc.Err(); err != nil {
		errs.add(source, n, "read: %v", err)
	}
	return out, errs
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseRole reads "CODE [FROM]..[TO] title": dates are YYYY-MM-DD.
func parseRole(s string) (Role, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return Role{}, errors.New("empty role")
	}
	r := Role{Code: f[0]}
	rest := f[1:]
	if len(rest) > 0 && strings.Contains(rest[0], "..") {
		from, to, _ := strings.Cut(rest[0], "..")
		var err error
		if from != "" {
			if r.From, err = time.Parse(time.DateOnly, from); err != nil {
				return r, fmt.Errorf("bad start date %q: want YYYY-MM-DD", from)
			}
		}
		if to != "" {
			if r.To, err = time.Parse(time.DateOnly, to); err != nil {
				return r, fmt.Errorf("bad end date %q: want YYYY-MM-DD", to)
			}
		}
		if !r.From.IsZero() && !r.To.IsZero() && !r.From.Before(r.To) {
			return r, fmt.Errorf("start %s is not before end %s", from, to)
		}
		rest = rest[1:]
	}
	r.Title = strings.Join(rest, " ")
	return r, nil
}

var keyReplacer = strings.NewReplacer("’", "'", "‘", "'", ".", "", "\u00a0", " ")

// Key normalises a name for lookup: lower case, typographic apostrophes
// folded, periods dropped, a leading "the" removed, spaces collapsed.
func Key(s string) string {
	s = keyReplacer.Replace(s)
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimPrefix(s, "the ")
	return s
}

// appendKey appends Key(s) to dst, one rune at a time and without
// allocating. ok is false, and dst unchanged, when s is not valid UTF-8:
// Key replaces and folds such text byte by byte.
func appendKey(dst []byte, s string) (key []byte, ok bool) {
	if !utf8.ValidString(s) {
		return dst, false
	}
	w := keyWriter{buf: dst, start: len(dst)}
	w = w.write(s)
	k := w.buf[w.start:]
	return append(dst[:w.start], trimThe(k)...), true
}

// keyWriter builds a key from valid UTF-8 text written piece by piece, the
// pieces split between runes. Before trimThe, the key of a prefix of the
// text is a prefix of the key of the text.
type keyWriter struct {
	buf   []byte
	start int  // where the key starts in buf
	space bool // white space since the last rune written
}

func (w keyWriter) write(s string) keyWriter {
	for _, r := range s {
		switch {
		case r == '.':
			continue
		case r == '’' || r == '‘':
			r = '\''
		case unicode.IsSpace(r): // the no-break space too
			w.space = len(w.buf) > w.start
			continue
		}
		if w.space {
			w.buf = append(w.buf, ' ')
			w.space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			w.buf = append(w.buf, byte(r))
		} else {
			w.buf = utf8.AppendRune(w.buf, unicode.ToLower(r))
		}
	}
	return w
}

// trimThe drops the leading "the " a key does not keep.
func trimThe(k []byte) []byte {
	if len(k) >= 4 && string(k[:4]) == "the " {
		return k[4:]
	}
	return k
}

// refs returns the references under the key of name; buf is scratch.
func (d *Dictionary) refs(buf []byte, name string) ([]ref, []byte) {
	k, ok := appendKey(buf[:0], name)
	if !ok {
		return d.byKey[Key(name)], k
	}
	return d.byKey[string(k)], k
}

// Via says how a name matched an entry.
type Via string

// Ways a name matches.
const (
	ViaName      Via = "name"
	ViaSurname   Via = "surname"
	ViaAdjective Via = "adjective"
	ViaCapital   Via = "capital"
	ViaSeat      Via = "seat"
	ViaSector    Via = "sector"
)

type ref struct {
	e      *Entry
	via    Via
	sector string
}

// Dictionary is a set of entries indexed by name.
type Dictionary struct {
	entries  []*Entry
	byID     map[string]*Entry
	byKey    map[string][]ref
	country  map[string]*Entry
	segments map[string]string
	maxWords int
	// first holds the first word of every key, so that a text position
	// no name starts with is passed over without building its spans.
	first map[string]bool
}

// Match is one reading of a name on a day.
type Match struct {
	Entry *Entry
	Via   Via
	// Code is the actor code on the day; for an adjective, a capital or a
	// seat it is the country's code with the sector added.
	Code    string
	Country string
	Title   string
	Sector  string
	Former  bool
}

// New indexes entries. Later entries with the same id replace earlier ones,
// so that user files can correct the embedded data.
func New(entries []*Entry) *Dictionary {
	d := &Dictionary{byID: map[string]*Entry{}, byKey: map[string][]ref{}, country: map[string]*Entry{}, segments: map[string]string{}, first: map[string]bool{}}
	for _, e := range entries {
		id := e.ActorID()
		if old, ok := d.byID[id]; ok {
			i := slices.Index(d.entries, old)
			d.entries[i] = e
		} else {
			d.entries = append(d.entries, e)
		}
		d.byID[id] = e
	}
	for _, e := range d.entries {
		if e.Kind == KindState {
			d.country[e.Code] = e
		}
		d.index(e)
	}
	return d
}

func (d *Dictionary) put(name string, r ref) {
	k := Key(name)
	if k == "" {
		return
	}
	for _, old := range d.byKey[k] {
		if old.e == r.e && old.via == r.via {
			return
		}
	}
	d.byKey[k] = append(d.byKey[k], r)
	words := strings.Fields(k)
	if n := len(words); n > d.maxWords {
		d.maxWords = n
	}
	d.first[leadRun(words[0])] = true
}

// leadRun returns the letters and digits a word starts with: the part of
// a key's first word that one token always holds, since the tokenizer may
// split a word at a hyphen or apostrophe ("Barad-dur", "O'Brien").
func leadRun(w string) string {
	for i, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return w[:i]
		}
	}
	return w
}

// MayStart reports whether a name in the dictionary can start with word
// (a token): false means no Lookup of a span starting there can match.
// It compares the leading letters and digits only, so that a name the
// tokenizer splits ("Barad-dur" as Barad, -, dur) is still found.
// A leading "the", which keys drop, may start any name.
func (d *Dictionary) MayStart(word string) bool {
	var b [64]byte
	kb, ok := appendKey(b[:0], word)
	if !ok {
		return d.mayStartKey(Key(word))
	}
	return d.mayStartKey(string(kb))
}

func (d *Dictionary) mayStartKey(k string) bool {
	if k == "" || k == "the" {
		return true
	}
	k = leadRun(k)
	return k == "" || d.first[k]
}

func (d *Dictionary) index(e *Entry) {
	via := ViaName
	if e.Kind == KindSector {
		via = ViaSector
	}
	d.put(e.Name, ref{e: e, via: via, sector: sectorOf(e)})
	for _, n := range e.Names {
		d.put(n, ref{e: e, via: via, sector: sectorOf(e)})
	}
	for _, a := range e.Adjectives {
		d.put(a, ref{e: e, via: ViaAdjective})
	}
	for _, c := range e.Capitals {
		d.put(c, ref{e: e, via: ViaCapital, sector: "GOV"})
	}
	for _, s := range e.Seats {
		d.put(s.Name, ref{e: e, via: ViaSeat, sector: s.Sector})
	}
	if e.Kind == KindPerson {
		// The surname alone ("Putin"), a weaker reading than a listed name.
		for _, n := range append([]string{e.Name}, e.Names...) {
			f := strings.Fields(n)
			if len(f) > 1 && unicode.IsUpper([]rune(f[len(f)-1])[0]) && !strings.HasSuffix(f[len(f)-1], ".") {
				d.put(f[len(f)-1], ref{e: e, via: ViaSurname})
			}
		}
	}
}

func sectorOf(e *Entry) string {
	if e.Kind == KindSector {
		return e.ID
	}
	return ""
}

// Entries returns the entries in file order.
func (d *Dictionary) Entries() []*Entry { return d.entries }

// ByID returns the entry with the given actor id ("person:donald-trump").
func (d *Dictionary) ByID(id string) *Entry { return d.byID[id] }

// Country returns the state with the given code.
func (d *Dictionary) Country(code string) *Entry { return d.country[code] }

// MaxWords is the length in words of the longest name.
func (d *Dictionary) MaxWords() int { return d.maxWords }

// Lookup returns the readings of name on day t (today when zero): listed
// names first, surnames last.
func (d *Dictionary) Lookup(name string, t time.Time) []Match {
	if t.IsZero() {
		t = time.Now().UTC()
	}
	refs := d.byKey[Key(name)]
	out := make([]Match, 0, len(refs))
	for _, r := range refs {
		m := Match{Entry: r.e, Via: r.via, Sector: r.sector}
		switch r.via {
		case ViaAdjective:
			m.Code, m.Country = r.e.Code, r.e.Code
		case ViaCapital, ViaSeat:
			m.Country = r.e.Code
			m.Code = r.e.Code + r.sector
			if r.e.Kind != KindState {
				code, _, _ := r.e.On(t)
				m.Code, m.Country = code+r.sector, r.e.Country
			}
		default:
			m.Code, m.Title, m.Former = r.e.On(t)
			m.Country = r.e.Country
			if r.e.Kind == KindState {
				m.Country = r.e.Code
			}
		}
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

func rank(m Match) int {
	switch m.Via {
	case ViaSurname:
		return 2
	case ViaSector:
		return 1
	}
	return 0
}

// Counts tallies the entries by kind, and the dated roles.
type Counts struct {
	ByKind map[Kind]int
	Roles  int
	Names  int
}

// Counts returns the dictionary's size.
func (d *Dictionary) Counts() Counts {
	c := Counts{ByKind: map[Kind]int{}}
	for _, e := range d.entries {
		c.ByKind[e.Kind]++
		c.Roles += len(e.Roles)
	}
	c.Names = len(d.byKey)
	return c
}

// embedded parses the dictionary files compiled into the binary.
func embedded() ([]*Entry, ErrorList, error) {
	files, err := fs.Glob(dataFS, "data/*.txt")
	if err != nil {
		return nil, nil, err
	}
	var all []*Entry
	var errs ErrorList
	for _, f := range files {
		if f == "data/codes.txt" {
			continue
		}
		b, err := dataFS.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		es, e := Parse(strings.NewReader(string(b)), "actor/"+f)
		all = append(all, es...)
		errs = append(errs, e...)
	}
	return all, errs, nil
}

func codeSegments() map[string]string {
	m := map[string]string{}
	b, err := dataFS.ReadFile("data/codes.txt")
	if err != nil {
		return m
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		seg, desc, _ := strings.Cut(line, " ")
		m[seg] = desc
	}
	return m
}

var loadDefault = sync.OnceValues(func() (*Dictionary, error) {
	es, errs, err := embedded()
	if err != nil {
		return nil, fmt.Errorf("actor: %w", err)
	}
	if err := errs.Err(); err != nil {
		return nil, fmt.Errorf("actor: embedded dictionary: %w", err)
	}
	d := New(es)
	d.segments = codeSegments()
	return d, nil
})

// Default returns the embedded dictionary, parsed once.
func Default() (*Dictionary, error) { return loadDefault() }

// Load returns the embedded dictionary extended with the given files (the
// --actors flag). An entry in a file replaces an embedded entry with the
// same kind and id.
func Load(paths ...string) (*Dictionary, error) {
	base, err := Default()
	if err != nil || len(paths) == 0 {
		return base, err
	}
	all := slices.Clone(base.entries)
	var errs ErrorList
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("actor: %w", err)
		}
		es, e := Parse(f, p)
		f.Close()
		all = append(all, es...)
		errs = append(errs, e...)
	}
	if err := errs.Err(); err != nil {
		return nil, fmt.Errorf("actor: %w", err)
	}
	d := New(all)
	d.segments = base.segments
	return d, nil
}
