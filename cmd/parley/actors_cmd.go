package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/parley-news/parley/actor"
	"github.com/parley-news/parley/coref"
	"github.com/parley-news/parley/depparse"
	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
	"github.com/parley-news/parley/ner"
	"github.com/parley-news/parley/petrarch"
	"github.com/parley-news/parley/postag"
	"github.com/parley-news/parley/segment"
)

// stringList is a repeatable string flag (--actors FILE --actors FILE2).
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// actorsFlag adds --actors to fs: extra dictionary files.
func actorsFlag(fs *flag.FlagSet) *stringList {
	var l stringList
	fs.Var(&l, "actors", "extra actor dictionary `FILE` (repeatable; see actor/FORMAT.md)")
	return &l
}

// evalGAP scores pronoun resolution on GAP (Webster et al. 2018): F1 of
// the coreferent decisions for masculine, feminine and all examples.
func evalGAP(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval gap", "eval gap [-pos=false] [-ner=false] [-dep=false] [PATH]: pronoun resolution F1 on GAP test (snippet context)")
	usePOS := fs.Bool("pos", true, "tag parts of speech before finding mentions")
	useNER := fs.Bool("ner", true, "type names with the entity recogniser")
	useDep := fs.Bool("dep", true, "parse dependencies (grammatical roles from the parse)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := fs.Arg(0)
	if path == "" {
		path = evaldata.Path("coref_gap", "gap-test.tsv")
	}
	if path == "" {
		return errors.New("eval gap: no PATH given and no gold data found (set PARLEY_EVAL)")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := coref.ReadGAP(f)
	if err != nil {
		return err
	}
	r, err := coref.NewResolver()
	if err != nil {
		return err
	}
	tagger, recogniser, parser := postag.NewStage(), ner.NewStage(), depparse.NewStage()
	prepare := func(ctx context.Context, doc *document.Document) error {
		doc.Sentences, doc.Tokens = segment.Segment(doc.Text)
		if *usePOS {
			if err := tagger.Process(ctx, doc); err != nil {
				return err
			}
		}
		if *useDep {
			if err := parser.Process(ctx, doc); err != nil {
				return err
			}
		}
		if *useNER {
			return recogniser.Process(ctx, doc)
		}
		return nil
	}
	start := time.Now()
	s, err := r.EvalGAP(ctx, rows, prepare)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "GAP %s (snippet context, %d rows, %s)\n", path, s.Rows, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "  masculine F1 %5.1f  (tp %d fp %d fn %d)\n", s.Masculine.F1(), s.Masculine.TP, s.Masculine.FP, s.Masculine.FN)
	fmt.Fprintf(e.stdout, "  feminine  F1 %5.1f  (tp %d fp %d fn %d)\n", s.Feminine.F1(), s.Feminine.TP, s.Feminine.FP, s.Feminine.FN)
	fmt.Fprintf(e.stdout, "  overall   F1 %5.1f  (tp %d fp %d fn %d)\n", s.Overall.F1(), s.Overall.TP, s.Overall.FP, s.Overall.FN)
	fmt.Fprintf(e.stdout, "  bias (F/M)    %.2f\n", s.Bias())
	return nil
}

func actorsCommands() []command {
	return []command{
		{"check", "check FILE...: validate dictionary files (line-numbered errors)", actorsCheck},
		{"find", "find NAME [--on DATE] [--actors FILE]: who a name is on a day", actorsFind},
		{"stats", "stats [--actors FILE]: count the dictionary's states, organisations, people and roles", actorsStats},
		{"link", "link FILE|- [--date YYYY-MM-DD] [--actors FILE]: the actors of an article with their coreference chains", actorsLink},
	}
}

func runActors(ctx context.Context, e *env, args []string) error {
	return group("actors", actorsCommands())(ctx, e, args)
}

func actorsCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "actors check", "actors check FILE...: validate actor dictionary files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	base, err := actor.Default()
	if err != nil {
		return err
	}
	var all actor.ErrorList
	n := 0
	var petrErrs []error
	for _, p := range fs.Args() {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if kind := petrarch.Detect(data); kind != "" {
			// A PETRARCH dictionary: its reader stops at the first bad
			// line, naming file and line, as loading would.
			m, err := checkPETRARCH(kind, data, p)
			if err != nil {
				petrErrs = append(petrErrs, err)
				fmt.Fprintln(e.stdout, err)
			} else {
				fmt.Fprintf(e.stdout, "%s: PETRARCH %s dictionary, %d entries\n", p, kind, m)
			}
			n += m
			continue
		}
		es, perrs := actor.Parse(bytes.NewReader(data), p)
		n += len(es)
		all = append(all, perrs...)
		all = append(all, actor.Check(es, base)...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Source != all[j].Source {
			return all[i].Source < all[j].Source
		}
		return all[i].Line < all[j].Line
	})
	for _, err := range all {
		fmt.Fprintln(e.stdout, err)
	}
	if len(all)+len(petrErrs) > 0 {
		return fmt.Errorf("actors check: %d problems in %d entries", len(all)+len(petrErrs), n)
	}
	fmt.Fprintf(e.stdout, "ok: %d entries\n", n)
	return nil
}

// checkPETRARCH reads a PETRARCH dictionary of the given kind and returns
// how many entries it holds.
func checkPETRARCH(kind petrarch.Kind, data []byte, name string) (int, error) {
	r := bytes.NewReader(data)
	switch kind {
	case petrarch.KindActors:
		as, err := petrarch.ReadActors(r, name)
		return len(as), err
	case petrarch.KindAgents:
		as, err := petrarch.ReadAgents(r, name)
		return len(as), err
	case petrarch.KindDiscards:
		ds, err := petrarch.ReadDiscards(r, name)
		return len(ds), err
	case petrarch.KindVerbs:
		v, err := petrarch.ReadVerbs(r, name)
		if err != nil {
			return 0, err
		}
		n := 0
		for _, f := range v.Families {
			n += len(f.Verbs)
		}
		return n, nil
	}
	return 0, fmt.Errorf("%s: unknown PETRARCH dictionary kind %q", name, kind)
}

func actorsFind(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "actors find", "actors find NAME [--on YYYY-MM-DD] [--actors FILE]")
	on := fs.String("on", "", "the day (YYYY-MM-DD); today when empty")
	extra := actorsFlag(fs)
	// Accept flags after the name too: actors find "Donald Trump" --on 2019-01-01.
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		fs.Usage()
		return errUsage
	}
	day := time.Now().UTC().Truncate(24 * time.Hour)
	if *on != "" {
		var err error
		if day, err = time.Parse(time.DateOnly, *on); err != nil {
			return fmt.Errorf("actors find: --on: want YYYY-MM-DD: %w", err)
		}
	}
	d, err := actor.Load(*extra...)
	if err != nil {
		return err
	}
	name := strings.Join(names, " ")
	ms := d.Lookup(name, day)
	if len(ms) == 0 {
		fmt.Fprintf(e.stdout, "%q: not in the dictionary\n", name)
		return nil
	}
	for _, m := range ms {
		en := m.Entry
		fmt.Fprintf(e.stdout, "%s on %s: %s %s (%s, matched by %s)\n", name, day.Format(time.DateOnly), m.Code, en.Name, en.ActorID(), m.Via)
		if m.Title != "" {
			fmt.Fprintf(e.stdout, "  role: %s\n", m.Title)
		}
		for _, r := range en.Roles {
			mark := " "
			if r.Active(day) {
				mark = "*"
			}
			fmt.Fprintf(e.stdout, "  %s %-9s %s..%s %s\n", mark, r.Code, dateOrOpen(r.From), dateOrOpen(r.To), r.Title)
		}
		fmt.Fprintf(e.stdout, "  source: %s:%d\n", en.Source, en.Line)
	}
	return nil
}

func dateOrOpen(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func actorsStats(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "actors stats", "actors stats [--actors FILE]")
	extra := actorsFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := actor.Load(*extra...)
	if err != nil {
		return err
	}
	c := d.Counts()
	fmt.Fprintf(e.stdout, "states %d, intergovernmental organisations %d, NGOs %d, media %d, armed groups %d, people %d, sectors %d; dated roles %d; names %d\n",
		c.ByKind[actor.KindState], c.ByKind[actor.KindIGO], c.ByKind[actor.KindNGO], c.ByKind[actor.KindMedia],
		c.ByKind[actor.KindGroup], c.ByKind[actor.KindPerson], c.ByKind[actor.KindSector], c.Roles, c.Names)
	return nil
}

// actorsLink runs the stages the actor stage reads (segmentation, tagging,
// parsing, entities) and the actor stage on one article, and prints its
// actors with their chains.
func actorsLink(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "actors link", "actors link FILE|- [--date YYYY-MM-DD] [--actors FILE]")
	date := fs.String("date", "", "publication date (YYYY-MM-DD); today when empty")
	extra := actorsFlag(fs)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return errUsage
	}
	b, err := readInput(e, files[0], 10<<20)
	if err != nil {
		return err
	}
	doc := document.New(files[0], string(b))
	if *date != "" {
		if doc.Published, err = time.Parse(time.DateOnly, *date); err != nil {
			return fmt.Errorf("actors link: --date: want YYYY-MM-DD: %w", err)
		}
	}
	// The stages the actor stage reads, and the actor stage.
	p, err := buildPipeline(*extra, nil)
	if err != nil {
		return err
	}
	if err := p.Disable("timex", "quote", "event"); err != nil {
		return err
	}
	if err := p.Process(ctx, doc); err != nil {
		return err
	}
	for _, w := range doc.Warnings {
		fmt.Fprintln(e.stderr, "warning:", w)
	}
	return actor.WriteReport(e.stdout, doc)
}

// parseInterspersed parses flags that may also follow the positional
// arguments ("actors find NAME --on DATE") and returns the positionals.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return pos, nil
}
