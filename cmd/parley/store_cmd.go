package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/parley-news/parley/export"
	"github.com/parley-news/parley/merge"
	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/backend"
)

// storeFlags are the selection flags shared by query and export.
type storeFlags struct {
	db, actor, typ, status, from, to, q, doc string
	limit, offset                            int
}

func (o *storeFlags) register(fs *flag.FlagSet, defaultLimit int) {
	fs.StringVar(&o.db, "db", backend.DefaultDSN, "store: a SQLite file, or a postgres:// URL")
	fs.StringVar(&o.actor, "actor", "", "source or target (speaker for quotes): actor ID, code or name")
	fs.StringVar(&o.typ, "type", "", "event type (PLOVER), e.g. CONSULT")
	fs.StringVar(&o.status, "status", "", "event status, e.g. occurred, planned")
	fs.StringVar(&o.from, "from", "", "first date, YYYY[-MM[-DD]] (events: event date; others: publication date)")
	fs.StringVar(&o.to, "to", "", "last date, YYYY[-MM[-DD]], inclusive")
	fs.StringVar(&o.q, "q", "", `full-text search: words, "phrases", OR, prefix*`)
	fs.StringVar(&o.doc, "doc", "", "document ID")
	fs.IntVar(&o.limit, "limit", defaultLimit, "at most this many rows (0: all)")
	fs.IntVar(&o.offset, "offset", 0, "skip this many rows")
}

// dates parses --from and --to: a year, a month or a day, taking the
// start of --from and the end of --to.
func (o *storeFlags) dates() (from, to time.Time, err error) {
	if o.from != "" {
		if from, _, err = parseDay(o.from); err != nil {
			return from, to, fmt.Errorf("--from: %w", err)
		}
	}
	if o.to != "" {
		if _, to, err = parseDay(o.to); err != nil {
			return from, to, fmt.Errorf("--to: %w", err)
		}
	}
	return from, to, nil
}

func parseDay(s string) (time.Time, time.Time, error) {
	f, t, ok := merge.Interval(s, time.Time{})
	if !ok {
		return f, t, fmt.Errorf("%q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return f, t, nil
}

func (o *storeFlags) eventFilter() (store.EventFilter, error) {
	from, to, err := o.dates()
	return store.EventFilter{DocID: o.doc, Actor: o.actor, Type: strings.ToUpper(o.typ), Status: o.status,
		From: from, To: to, Query: o.q, Offset: o.offset, Limit: o.limit}, err
}

const queryUsage = "query events|mentions|quotes|actors|docs [--db FILE|URL] [--actor A] [--type T] [--status S] [--from DATE] [--to DATE] [--q SEARCH] [--limit N] [--csv|--json]"

func runQuery(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(e.stderr, "usage: parley %s\n\n  events    merged events (one row per real event, with mention and source counts)\n  mentions  events as each document reports them\n  quotes    quotes with speakers\n  actors    actors across documents\n  docs      stored documents\n", queryUsage)
		return errUsage
	}
	what := args[0]
	fs := newFlags(e, "query "+what, queryUsage)
	var o storeFlags
	o.register(fs, 50)
	asCSV := fs.Bool("csv", false, "write CSV with a header")
	asJSON := fs.Bool("json", false, `write JSON: {"total": N, "items": [...]}`)
	signal := fs.String("signal", "", "quotes: cue signal (assertion, belief, doubt, denial, hope)")
	kind := fs.String("kind", "", "actors: person, state, organisation or group")
	lang := fs.String("language", "", "docs: language code")
	withMentions := fs.Bool("with-mentions", false, "events: include each merged event's mentions (the evidence) in --json output")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if *asCSV && *asJSON {
		return errors.New("query: --csv and --json exclude each other")
	}
	from, to, err := o.dates()
	if err != nil {
		return err
	}
	s, err := openStore(ctx, o.db)
	if err != nil {
		return err
	}
	defer s.Close()

	var t table
	switch what {
	case "events":
		f, _ := o.eventFilter()
		f.WithMentions = *withMentions
		rows, total, err := s.FindMergedEvents(ctx, f)
		if err != nil {
			return err
		}
		t = mergedTable(rows, total)
	case "mentions":
		f, _ := o.eventFilter()
		rows, total, err := s.FindEvents(ctx, f)
		if err != nil {
			return err
		}
		t = mentionTable(rows, total)
	case "quotes":
		rows, total, err := s.FindQuotes(ctx, store.QuoteFilter{DocID: o.doc, Actor: o.actor, Signal: *signal,
			From: from, To: to, Query: o.q, Offset: o.offset, Limit: o.limit})
		if err != nil {
			return err
		}
		t = quoteTable(rows, total)
	case "actors":
		rows, total, err := s.FindActors(ctx, store.ActorFilter{Actor: o.actor, Kind: *kind, Offset: o.offset, Limit: o.limit})
		if err != nil {
			return err
		}
		t = actorTable(rows, total)
	case "docs":
		rows, total, err := s.FindDocuments(ctx, store.DocumentFilter{ID: o.doc, Language: *lang, From: from, To: to,
			Query: o.q, Offset: o.offset, Limit: o.limit})
		if err != nil {
			return err
		}
		t = docTable(rows, total)
	default:
		return fmt.Errorf("query: unknown kind %q (want events, mentions, quotes, actors or docs)", what)
	}
	switch {
	case *asJSON:
		return t.writeJSON(e.stdout)
	case *asCSV:
		return t.writeCSV(e.stdout)
	}
	return t.writeText(e.stdout, e.stderr)
}

// openStore opens the store at dsn; a SQLite file must already exist, so
// that a typo does not create an empty store.
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	if !strings.Contains(dsn, "://") {
		if _, err := os.Stat(strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")); err != nil {
			return nil, fmt.Errorf("store %s: %w (ingest something first, or give --db)", dsn, err)
		}
	}
	return backend.Open(ctx, dsn)
}

// table is a query result in the three output forms.
type table struct {
	header []string
	rows   [][]string
	// width caps each column in the text table (0: no cap).
	width []int
	items any
	total int
}

func (t table) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	n := len(t.rows)
	return enc.Encode(struct {
		Total int `json:"total"`
		Count int `json:"count"`
		Items any `json:"items"`
	}{t.total, n, t.items})
}

func (t table) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(t.header)
	cw.WriteAll(t.rows)
	return cw.Error()
}

func (t table) writeText(w, status io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(t.header, "\t"))
	for _, r := range t.rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = clip(c, t.width[i])
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(status, "%d of %d\n", len(t.rows), t.total)
	return nil
}

// clip shortens s to n runes on one line, marking the cut with "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func dateRange(from, to string) string {
	if from == to {
		return from
	}
	return from + ".." + to
}

func actorName(name, key string) string {
	if name != "" {
		return name
	}
	return strings.TrimPrefix(key, "~")
}

func mergedTable(rows []store.MergedEvent, total int) table {
	t := table{header: []string{"date", "type", "source", "target", "status", "mentions", "sources", "first_report", "last_report", "id"},
		width: []int{0, 0, 24, 24, 0, 0, 0, 0, 0, 0}, items: rows, total: total}
	if rows == nil {
		t.items = []store.MergedEvent{}
	}
	for _, m := range rows {
		t.rows = append(t.rows, []string{dateRange(m.DateFrom, m.DateTo), m.Type, actorName(m.SourceName, m.SourceKey), actorName(m.TargetName, m.TargetKey),
			m.Status, fmt.Sprint(m.NumMentions), fmt.Sprint(m.NumSources), day(m.FirstReport), day(m.LastReport), m.ID})
	}
	return t
}

func mentionTable(rows []store.EventRow, total int) table {
	t := table{header: []string{"date", "type", "source", "target", "status", "trigger", "text", "doc", "published"},
		width: []int{0, 0, 24, 24, 0, 16, 60, 12, 0}, items: rows, total: total}
	if rows == nil {
		t.items = []store.EventRow{}
	}
	for _, r := range rows {
		t.rows = append(t.rows, []string{dateRange(r.DateFrom, r.DateTo), r.Type, actorName(r.SourceText, r.SourceKey), actorName(r.TargetText, r.TargetKey),
			r.Status, export.TriggerText(r), r.Text, r.DocID, day(r.Published)})
	}
	return t
}

func quoteTable(rows []store.QuoteRow, total int) table {
	t := table{header: []string{"published", "speaker", "signal", "quote", "doc", "source"},
		width: []int{0, 24, 0, 70, 12, 40}, items: rows, total: total}
	if rows == nil {
		t.items = []store.QuoteRow{}
	}
	for _, q := range rows {
		t.rows = append(t.rows, []string{day(q.Published), actorName(q.SpeakerText, q.SpeakerKey), q.Signal, q.Text, q.DocID, q.DocSource})
	}
	return t
}

func actorTable(rows []store.ActorRow, total int) table {
	t := table{header: []string{"key", "name", "kind", "code", "known", "documents", "events", "quotes"},
		width: []int{24, 30, 0, 0, 0, 0, 0, 0}, items: rows, total: total}
	if rows == nil {
		t.items = []store.ActorRow{}
	}
	for _, a := range rows {
		t.rows = append(t.rows, []string{a.Key, a.Name, a.Kind, a.Code, fmt.Sprint(a.Known), fmt.Sprint(a.Documents), fmt.Sprint(a.Events), fmt.Sprint(a.Quotes)})
	}
	return t
}

func docTable(rows []store.DocumentRow, total int) table {
	t := table{header: []string{"published", "language", "skipped", "events", "quotes", "title", "source", "id"},
		width: []int{0, 0, 0, 0, 0, 40, 50, 12}, items: rows, total: total}
	if rows == nil {
		t.items = []store.DocumentRow{}
	}
	for _, d := range rows {
		t.rows = append(t.rows, []string{day(d.Published), d.Language, d.Skipped, fmt.Sprint(d.Events), fmt.Sprint(d.Quotes), d.Title, d.Source, d.ID})
	}
	return t
}

const exportUsage = "export --format csv|jsonl|gdelt|plover|parquet [--out FILE] [--db FILE|URL] [--actor A] [--type T] [--status S] [--from DATE] [--to DATE] [--q SEARCH] [--limit N]"

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", exportUsage)
	var o storeFlags
	o.register(fs, 0)
	format := fs.String("format", "", "one of: "+strings.Join(export.FormatNames(), ", "))
	out := fs.String("out", "", "write to FILE (atomically) instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format == "" || fs.NArg() > 0 {
		fs.Usage()
		for _, n := range export.FormatNames() {
			fmt.Fprintf(e.stderr, "  %-8s %s\n", n, export.Formats[n])
		}
		return errUsage
	}
	if _, ok := export.Formats[*format]; !ok {
		return fmt.Errorf("export: unknown format %q (want %s)", *format, strings.Join(export.FormatNames(), ", "))
	}
	f, err := o.eventFilter()
	if err != nil {
		return err
	}
	s, err := openStore(ctx, o.db)
	if err != nil {
		return err
	}
	defer s.Close()
	if *out == "" {
		if *format == "parquet" {
			if fi, ok := e.stdout.(*os.File); ok && isTerminal(fi) {
				return errors.New("export: parquet is binary; give --out FILE or redirect standard output")
			}
		}
		n, err := export.Write(ctx, s, *format, f, e.stdout)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "exported %d records as %s\n", n, *format)
		return nil
	}
	// Write beside the target and rename, so a failed export never leaves
	// a half-written file under the requested name.
	tmp, err := os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp makes the file private; give it the mode of the file it
	// replaces, or that of a new file (0644).
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(*out); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("export: %w", err)
	}
	n, err := export.Write(ctx, s, *format, f, tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(e.stderr, "exported %d records as %s to %s\n", n, *format, *out)
	return nil
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
