package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"time"

	"github.com/parley-news/parley/document"
)

// runBench runs the whole pipeline over every file of a folder and prints
// tokens/s, docs/s and peak memory.
func runBench(ctx context.Context, e *env, args []string) error {
	fset := newFlags(e, "bench", "bench [flags] DIR")
	var opts inputOptions
	opts.register(fset)
	limit := fset.Int("limit", 0, "stop after this many documents (0: all)")
	repeat := fset.Int("repeat", 1, "run over the folder this many times")
	batch := fset.Int("batch", 16, "documents run through each stage together, as ingest does (pipeline.ProcessBatch); 1 runs them one by one")
	cpuprofile := fset.String("cpuprofile", "", "write a CPU profile of the analysis (not of loading the inputs) to this file")
	memprofile := fset.String("memprofile", "", "write an allocation profile to this file at the end")
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() != 1 {
		fset.Usage()
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
	defer batchGC()()
	var files []string
	root := fset.Arg(0)
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && d.Name()[0] != '.' {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	sort.Strings(files)
	if *limit > 0 && len(files) > *limit {
		files = files[:*limit]
	}
	if len(files) == 0 {
		return fmt.Errorf("bench: %s: no files", root)
	}
	// Read inputs first so that disk time is not counted.
	inputs := make([][]byte, 0, len(files))
	for _, f := range files {
		data, err := readInput(e, f, opts.maxBytes)
		if err != nil {
			fmt.Fprintf(e.stderr, "bench: skipping %v\n", err)
			inputs = append(inputs, nil)
			continue
		}
		inputs = append(inputs, data)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	perStage := map[string]time.Duration{}
	p.Observe = func(stage string, d time.Duration) { perStage[stage] += d }
	var docs, tokens, sentences, failed int
	var bytes int64
	var load, analyse time.Duration
	var pending []*document.Document
	var pendingNames []string
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		t0 := time.Now()
		errs := p.ProcessBatch(ctx, pending)
		analyse += time.Since(t0)
		for i, doc := range pending {
			if errs[i] != nil {
				return fmt.Errorf("bench: %s: %w", pendingNames[i], errs[i])
			}
			docs++
			tokens += len(doc.Tokens)
			sentences += len(doc.Sentences)
			bytes += int64(len(doc.Text))
		}
		pending, pendingNames = pending[:0], pendingNames[:0]
		return nil
	}
	for r := 0; r < *repeat; r++ {
		for i, data := range inputs {
			if data == nil {
				continue
			}
			t0 := time.Now()
			doc, err := loadDocument(files[i], data, pub, opts.maxBytes)
			load += time.Since(t0)
			if err != nil {
				failed++
				continue
			}
			pending = append(pending, doc)
			pendingNames = append(pendingNames, files[i])
			if len(pending) >= max(*batch, 1) {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	total := load + analyse
	if *memprofile != "" {
		f, err := os.Create(*memprofile)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer f.Close()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
	}
	fmt.Fprintf(e.stdout, "documents:   %d (%d failed to load)\n", docs, failed)
	fmt.Fprintf(e.stdout, "sentences:   %d\n", sentences)
	fmt.Fprintf(e.stdout, "tokens:      %d\n", tokens)
	fmt.Fprintf(e.stdout, "text:        %.1f MB\n", float64(bytes)/1e6)
	fmt.Fprintf(e.stdout, "stages:      %v\n", enabledStages(&opts))
	fmt.Fprintf(e.stdout, "load time:   %v\n", load.Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "pipeline:    %v\n", analyse.Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "tokens/s:    %.0f (pipeline only: %.0f)\n", float64(tokens)/total.Seconds(), float64(tokens)/analyse.Seconds())
	fmt.Fprintf(e.stdout, "docs/s:      %.1f\n", float64(docs)/total.Seconds())
	if rss := peakRSSMB(); rss > 0 {
		fmt.Fprintf(e.stdout, "peak memory: %.1f MB RSS (GOMAXPROCS=%d, one goroutine)\n", rss, runtime.GOMAXPROCS(0))
	} else {
		fmt.Fprintf(e.stdout, "peak memory: unknown on %s (GOMAXPROCS=%d, one goroutine)\n", runtime.GOOS, runtime.GOMAXPROCS(0))
	}
	fmt.Fprintf(e.stdout, "per stage (includes lazy model loading):\n")
	for _, name := range p.Stages() {
		if d, ok := perStage[name]; ok {
			fmt.Fprintf(e.stdout, "  %-8s %8v  %5.1f%%  %10.0f tokens/s\n", name, d.Round(time.Millisecond),
				100*d.Seconds()/analyse.Seconds(), float64(tokens)/d.Seconds())
		}
	}
	return nil
}

func enabledStages(o *inputOptions) []string {
	p, err := o.pipelineFor()
	if err != nil {
		return nil
	}
	var out []string
	for _, n := range p.Stages() {
		if p.Enabled(n) {
			out = append(out, n)
		}
	}
	return out
}
