package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/parley-news/parley/pipeline"
)

// inputOptions are the flags shared by commands that read articles.
type inputOptions struct {
	published string
	maxBytes  int64
	disable   string
	actors    string
	events    string
}

func (o *inputOptions) register(fs interface {
	StringVar(*string, string, string, string)
	Int64Var(*int64, string, int64, string)
}) {
	fs.StringVar(&o.published, "published", "", "publication date (YYYY-MM-DD) when the source has none")
	fs.Int64Var(&o.maxBytes, "max-bytes", 10<<20, "refuse inputs larger than this many bytes")
	fs.StringVar(&o.disable, "disable", "", "comma-separated stages to switch off")
	fs.StringVar(&o.actors, "actors", "", "comma-separated actor dictionary files to add (format: actor/FORMAT.md)")
	fs.StringVar(&o.events, "events", "", "comma-separated event trigger files to add (format: event/data/triggers.txt)")
}

// publishedDate parses --published; the zero time means none was given.
func (o *inputOptions) publishedDate() (time.Time, error) {
	if o.published == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", o.published)
	if err != nil {
		return time.Time{}, fmt.Errorf("--published %q: want a date as YYYY-MM-DD", o.published)
	}
	return t, nil
}

// pipelineFor builds the default pipeline with the stages named in
// --disable switched off.
func (o *inputOptions) pipelineFor() (*pipeline.Pipeline, error) {
	var actorFiles, eventFiles []string
	if o.actors != "" {
		actorFiles = strings.Split(o.actors, ",")
	}
	if o.events != "" {
		eventFiles = strings.Split(o.events, ",")
	}
	p, err := buildPipeline(actorFiles, eventFiles)
	if err != nil {
		return nil, err
	}
	if o.disable != "" {
		if err := p.Disable(strings.Split(o.disable, ",")...); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// readInput reads a named input ("-" for standard input) within the size
// limit.
func readInput(e *env, name string, limit int64) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: input is larger than the %d-byte limit (raise it with --max-bytes)", name, limit)
	}
	return data, nil
}

func runAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "analyze", "analyze [flags] FILE|-")
	var opts inputOptions
	opts.register(fs)
	asJSON := fs.Bool("json", false, "print the full document record as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	pub, err := opts.publishedDate()
	if err != nil {
		return err
	}
	p, err := opts.pipelineFor()
	if err != nil {
		return err
	}
	name := fs.Arg(0)
	data, err := readInput(e, name, opts.maxBytes)
	if err != nil {
		return err
	}
	doc, err := loadDocument(name, data, pub, opts.maxBytes)
	if err != nil {
		return err
	}
	if err := p.Process(ctx, doc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	return writeReport(e.stdout, doc)
}
