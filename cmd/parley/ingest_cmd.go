package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"golang.org/x/term"

	"github.com/parley-news/parley/ingest"
	"github.com/parley-news/parley/source"
	"github.com/parley-news/parley/store/backend"
)

const ingestUsage = "ingest [--db DSN] [--allow-private] [--published DATE] [--workers N] SOURCE...\n\n" +
	"A SOURCE is a file, a folder (recursive), an RSS/Atom/JSON feed, a web page URL or a\n" +
	"WARC file (.warc, .warc.gz). Documents already stored are skipped; duplicates are linked.\n"

// runIngest analyses every document of the sources and saves it to the
// store, printing a summary.
func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", ingestUsage)
	var in inputOptions
	in.register(fs)
	db := fs.String("db", backend.DefaultDSN, "store: a SQLite file, or a postgres:// URL")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching from loopback, private and link-local addresses")
	workers := fs.Int("workers", 0, "parsing and analysing goroutines (0: one per CPU)")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit of one web fetch")
	language := fs.String("language", "en", "language to analyse (ISO 639-1); others are stored unanalysed")
	strictUTF8 := fs.Bool("strict-utf8", false, "reject inputs that are not valid UTF-8 instead of repairing them")
	batch := fs.Int("batch", 256, "documents saved per transaction")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	published, err := in.publishedDate()
	if err != nil {
		return err
	}
	p, err := in.pipelineFor()
	if err != nil {
		return err
	}
	defer batchGC()()
	st, err := backend.Open(ctx, *db)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer st.Close()

	opts := ingest.Options{
		Source: source.Options{
			MaxBytes:     in.maxBytes,
			StrictUTF8:   *strictUTF8,
			Published:    published,
			AllowPrivate: *allowPrivate,
			Timeout:      *timeout,
		},
		Workers:   *workers,
		Language:  *language,
		BatchSize: *batch,
		Log:       e.stderr,
	}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		opts.Progress = true
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	sum, runErr := ingest.New(st, p, opts).Run(ctx, fs.Args())
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(e.stdout, "ingest:", sum)
	}
	if errors.Is(runErr, context.Canceled) {
		return errors.New("ingest: interrupted; run the same command again to finish")
	}
	return runErr
}
