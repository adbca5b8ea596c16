// Package ingest reads sources, analyses their documents with a pipeline
// and saves them to a store, so that an analyst can point parley at
// folders, feeds and archives and query the result later.
//
// A document's identity is the SHA-256 of its text. Documents already in
// the store are skipped before analysis, exact duplicates are linked to the
// stored original, near duplicates (SimHash within simhash.NearDistance
// bits) are stored and linked but not analysed, and documents not in the
// analysed language are stored but not analysed. Saving is transactional
// in batches, so a run killed at any point and started again stores every
// document exactly once.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/simhash"
	"github.com/parley-news/parley/source"
	"github.com/parley-news/parley/store"
)

// Options configure a run. The zero value is usable.
type Options struct {
	// Source configures reading and fetching.
	Source source.Options
	// Workers is the number of parsing and of analysing goroutines; 0
	// means GOMAXPROCS.
	Workers int
	// Language is the language the pipeline analyses (ISO 639-1); others
	// are stored unanalysed. Empty means "en". Documents whose language
	// could not be told are analysed.
	Language string
	// BatchSize is the number of documents saved per transaction; 0
	// means 64.
	BatchSize int
	// AnalyseBatch is the most documents an analysing goroutine runs
	// through each pipeline stage together (pipeline.ProcessBatch: a
	// stage's model stays in cache across them); 0 means 16, 1 turns it
	// off. An analyser never waits to fill a batch: it takes what is
	// queued.
	AnalyseBatch int
	// Log receives one line per failed input, and progress lines when
	// Progress is off. Nil discards them.
	Log io.Writer
	// Progress draws a progress bar on Log (for terminals).
	Progress bool
	// LogEvery is the interval between plain progress lines; 0 means 5 s.
	LogEvery time.Duration
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (o Options) analyseBatch() int {
	if o.AnalyseBatch > 0 {
		return o.AnalyseBatch
	}
	return 16
}

func (o Options) language() string {
	if o.Language == "" {
		return "en"
	}
	return o.Language
}

func (o Options) batchSize() int {
	if o.BatchSize > 0 {
		return o.BatchSize
	}
	return 64
}

// Summary counts what a run did.
type Summary struct {
	// Seen is every input read, good or bad.
	Seen int `json:"seen"`
	// Stored is the documents newly saved: Analysed + NonEnglish
	// (NotAnalysedLanguage) + NearDuplicates.
	Stored   int `json:"stored"`
	Analysed int `json:"analysed"`
	// AlreadyStored were found in the store from the same source: an
	// earlier run's work, nothing added.
	AlreadyStored int `json:"already_stored"`
	// Duplicates repeat a stored text from another source (or twice in
	// this run) and were linked to it.
	Duplicates int `json:"duplicates"`
	// NearDuplicates were stored unanalysed and linked to the document
	// they nearly repeat.
	NearDuplicates int `json:"near_duplicates"`
	// NonEnglish were stored unanalysed for their language (the field
	// counts any language other than Options.Language).
	NonEnglish int `json:"non_english"`
	// Languages counts NonEnglish by language code.
	Languages map[string]int `json:"languages,omitempty"`
	Errors    int            `json:"errors"`
	// FirstErrors keeps the first few error messages.
	FirstErrors []string      `json:"first_errors,omitempty"`
	Elapsed     time.Duration `json:"elapsed_ns"`
	Interrupted bool          `json:"interrupted,omitempty"`
}

// DocsPerSecond is the rate of inputs handled.
func (s Summary) DocsPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Seen) / s.Elapsed.Seconds()
}

// String is the summary as a short report.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "docs seen %d, stored %d (analysed %d), already stored %d, duplicates %d, near-duplicates %d, non-English %d, errors %d",
		s.Seen, s.Stored, s.Analysed, s.AlreadyStored, s.Duplicates, s.NearDuplicates, s.NonEnglish, s.Errors)
	fmt.Fprintf(&b, "; %.1f docs/s over %s", s.DocsPerSecond(), s.Elapsed.Round(time.Millisecond))
	if len(s.Languages) > 0 {
		fmt.Fprintf(&b, "; languages not analysed: %s", formatCounts(s.Languages))
	}
	if s.Interrupted {
		b.WriteString(" (interrupted)")
	}
	return b.String()
}

// maxBatchAge is how long a partial batch waits for more documents
// before it is saved anyway.
const maxBatchAge = 2 * time.Second

// maxFirstErrors bounds Summary.FirstErrors.
const maxFirstErrors = 20

// Ingester runs documents from sources through a pipeline into a store.
type Ingester struct {
	store  store.Store
	pipe   *pipeline.Pipeline
	reader *source.Reader
	opts   Options
}

// New returns an ingester saving to st and analysing with p.
func New(st store.Store, p *pipeline.Pipeline, opts Options) *Ingester {
	return &Ingester{store: st, pipe: p, reader: source.NewReader(opts.Source), opts: opts}
}

// outcome is what happened to one input; the writer applies it.
type outcome int

const (
	outSave    outcome = iota // save entry (analysed or not)
	outLink                   // link an exact duplicate
	outAlready                // already stored from the same source
	outError                  // the input failed
)

// item travels from reading to saving.
type item struct {
	seq   int
	input *source.Input
	doc   *document.Document
	hash  uint64
	err   error

	out   outcome
	entry store.Entry
	dup   store.Duplicate
	// waitFor is the ID of a document of this run that must be saved
	// before this item can be (the original of a duplicate).
	waitFor string

	// What the store held when the item was parsed (see lookup).
	stored       bool
	storedSource string
	storedNear   *store.Fingerprint
	lookupErr    error
}

// lookup asks the store about a parsed document: is its text stored, and
// from which source; else, is a stored text within NearDistance bits.
// Parsing workers run it in parallel; decide then needs no store round
// trip. Documents of this run saved after the lookup are found by decide's
// own index instead, which it checks first.
func (in *Ingester) lookup(ctx context.Context, it *item) error {
	has, err := in.store.HasDocument(ctx, it.doc.ID)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if has {
		it.stored = true
		rows, _, err := in.store.FindDocuments(ctx, store.DocumentFilter{ID: it.doc.ID, Limit: 1})
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		if len(rows) > 0 {
			it.storedSource = rows[0].Source
		}
		return nil
	}
	if it.hash == 0 {
		return nil
	}
	fps, err := in.store.NearDuplicates(ctx, it.hash, simhash.NearDistance)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if len(fps) > 0 {
		it.storedNear = &fps[0]
	}
	return nil
}

// Run ingests sources and returns what it did. It returns an error only
// when the store fails or ctx ends; a bad input is counted, logged and
// passed over. On cancellation, documents already analysed are saved
// before Run returns.
func (in *Ingester) Run(ctx context.Context, sources []string) (Summary, error) {
	start := time.Now()
	n := in.opts.workers()
	sources = absolute(sources)
	prog := newProgress(in.opts, source.Estimate(sources))

	inputs := make(chan *item, 2*n)
	parsed := make(chan *item, 2*n)
	toAnalyse := make(chan *item, n*in.opts.analyseBatch())
	// The writer takes a batch's time to save it; meanwhile analysers
	// keep going as long as a batch's worth of results can wait.
	toWrite := make(chan *item, in.opts.batchSize()+4*n)

	// Reading: sequential, numbered so that later stages can restore order.
	go func() {
		defer close(inputs)
		seq := 0
		for inp := range in.reader.Inputs(ctx, sources) {
			select {
			case inputs <- &item{seq: seq, input: inp}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()

	// Parsing: parallel.
	var parseWG sync.WaitGroup
	for range n {
		parseWG.Add(1)
		go func() {
			defer parseWG.Done()
			for it := range inputs {
				it.doc, it.err = it.input.Document(in.opts.Source)
				if it.err == nil {
					it.hash = simhash.Hash(it.doc.Text)
					if ctx.Err() == nil {
						it.lookupErr = in.lookup(ctx, it)
					}
				}
				it.input.Data = nil
				parsed <- it
			}
		}()
	}
	go func() { parseWG.Wait(); close(parsed) }()

	// Deciding: one goroutine, in input order, so that which of two
	// duplicates becomes the original does not depend on timing.
	var decideErr error
	go func() {
		defer close(toAnalyse)
		decideErr = in.decide(ctx, parsed, toAnalyse, toWrite)
	}()

	// Analysing: parallel.
	var analyseWG sync.WaitGroup
	for range n {
		analyseWG.Add(1)
		go func() {
			defer analyseWG.Done()
			size := in.opts.analyseBatch()
			batch := make([]*item, 0, size)
			docs := make([]*document.Document, 0, size)
			for it := range toAnalyse {
				// Take what is queued, up to a batch, without waiting.
				batch = append(batch[:0], it)
			fill:
				for len(batch) < size {
					select {
					case more, ok := <-toAnalyse:
						if !ok {
							break fill
						}
						batch = append(batch, more)
					default:
						break fill
					}
				}
				docs = docs[:0]
				for _, it := range batch {
					docs = append(docs, it.doc)
				}
				errs := in.pipe.ProcessBatch(ctx, docs)
				for i, it := range batch {
					if err := errs[i]; err != nil {
						if ctx.Err() != nil {
							continue // interrupted, not failed: a new run redoes it
						}
						it.out, it.err = outError, fmt.Errorf("%s: analysis: %w", it.doc.Source, err)
					}
					toWrite <- it
				}
			}
		}()
	}
	go func() { analyseWG.Wait(); close(toWrite) }()

	// Writing: one goroutine, batched transactions. It keeps going after
	// cancellation so that finished work is not thrown away.
	sum, writeErr := in.write(context.WithoutCancel(ctx), toWrite, prog)
	sum.Elapsed = time.Since(start)
	sum.Interrupted = ctx.Err() != nil
	prog.finish(sum)
	if writeErr != nil {
		return sum, writeErr
	}
	if decideErr != nil && ctx.Err() == nil {
		return sum, decideErr
	}
	if ctx.Err() != nil {
		return sum, ctx.Err()
	}
	return sum, nil
}

// absolute makes local paths absolute, so that a document's source is
// the same whatever directory parley is run from, and a second run over
// the same files finds them already stored rather than duplicated.
func absolute(sources []string) []string {
	out := make([]string, len(sources))
	for i, s := range sources {
		out[i] = s
		if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			continue
		}
		if a, err := filepath.Abs(s); err == nil {
			out[i] = a
		}
	}
	return out
}

// decide routes each parsed input: errors and duplicates straight to the
// writer, other languages and near duplicates to be stored unanalysed,
// the rest to analysis. It fails only when the store does.
func (in *Ingester) decide(ctx context.Context, parsed <-chan *item, toAnalyse, toWrite chan<- *item) error {
	pending := map[int]*item{}
	next := 0
	ids := map[string]bool{} // IDs sent on in this run
	bands := newBandIndex()
	var failed error
	handle := func(it *item) {
		if failed != nil || ctx.Err() != nil {
			// Drain without work so that the readers can finish.
			return
		}
		if it.err != nil {
			it.out = outError
			toWrite <- it
			return
		}
		if err := in.route(it, ids, bands); err != nil {
			failed = err
			return
		}
		if it.out == outSave && it.entry.Skipped == "" {
			toAnalyse <- it
			return
		}
		toWrite <- it
	}
	for it := range parsed {
		pending[it.seq] = it
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			handle(p)
		}
	}
	return failed
}

// route sets it.out (and entry or dup) for a parsed document.
func (in *Ingester) route(it *item, ids map[string]bool, bands *bandIndex) error {
	doc := it.doc
	// Exact duplicates: the same text earlier in this run or in the store.
	if ids[doc.ID] {
		it.out = outLink
		it.dup = store.Duplicate{ID: doc.ID, Original: doc.ID, Kind: store.Exact, Source: doc.Source}
		it.waitFor = doc.ID
		return nil
	}
	if it.lookupErr != nil {
		return it.lookupErr
	}
	if it.stored {
		ids[doc.ID] = true
		if it.storedSource == doc.Source {
			it.out = outAlready
			return nil
		}
		it.out = outLink
		it.dup = store.Duplicate{ID: doc.ID, Original: doc.ID, Kind: store.Exact, Source: doc.Source}
		return nil
	}
	ids[doc.ID] = true
	it.out = outSave
	it.entry = store.Entry{Doc: doc, SimHash: it.hash}

	// Near duplicates: in this run first (not stored yet), then the store.
	if it.hash != 0 {
		if orig, d, ok := bands.nearest(it.hash, simhash.NearDistance); ok {
			it.entry.Skipped, it.entry.NearDuplicateOf, it.entry.Distance = "near-duplicate", orig, d
			it.waitFor = orig
		} else if f := it.storedNear; f != nil {
			it.entry.Skipped, it.entry.NearDuplicateOf, it.entry.Distance = "near-duplicate", f.ID, f.Distance
		}
		if it.entry.NearDuplicateOf == "" {
			// Only originals are indexed: a chain of small edits links
			// every copy to the first, not to each other.
			bands.add(it.hash, doc.ID)
		}
	}
	if it.entry.Skipped == "" && doc.Language != "" && doc.Language != in.opts.language() {
		it.entry.Skipped = "language:" + doc.Language
	}
	return nil
}

// write saves items in batches, holding back those whose original has not
// been saved yet, and keeps the tally.
func (in *Ingester) write(ctx context.Context, items <-chan *item, prog *progress) (Summary, error) {
	sum := Summary{Languages: map[string]int{}}
	saved := map[string]bool{}      // IDs saved (or known stored) in this run
	waiting := map[string][]*item{} // original ID → items waiting for it
	var batch []*item
	var batchStart time.Time // when the first item of batch came
	var failed error

	logErr := func(err error) {
		sum.Errors++
		msg := err.Error()
		if len(sum.FirstErrors) < maxFirstErrors {
			sum.FirstErrors = append(sum.FirstErrors, msg)
		}
		prog.logError(msg)
	}
	var apply func(it *item)
	release := func(id string) {
		saved[id] = true
		ws := waiting[id]
		delete(waiting, id)
		for _, w := range ws {
			w.waitFor = ""
			apply(w)
		}
	}
	link := func(it *item) {
		if err := in.store.LinkDuplicate(ctx, it.dup); err != nil {
			if failed == nil && !errors.Is(err, store.ErrNotFound) {
				failed = fmt.Errorf("ingest: %w", err)
			}
			logErr(fmt.Errorf("%s: link duplicate: %w", it.dup.Source, err))
			prog.done(&sum)
			return
		}
		sum.Duplicates++
		prog.done(&sum)
	}
	flush := func() {
		if len(batch) == 0 || failed != nil {
			return
		}
		entries := make([]store.Entry, len(batch))
		for i, it := range batch {
			entries[i] = it.entry
		}
		res, err := in.store.SaveDocuments(ctx, entries)
		if err != nil {
			failed = fmt.Errorf("ingest: save: %w", err)
			return
		}
		done := batch
		batch = nil
		for i, it := range done {
			e := it.entry
			switch {
			case !res[i].Created:
				// Stored meanwhile by another process: nothing added.
				sum.AlreadyStored++
			case e.NearDuplicateOf != "":
				sum.Stored++
				sum.NearDuplicates++
			case strings.HasPrefix(e.Skipped, "language:"):
				sum.Stored++
				sum.NonEnglish++
				sum.Languages[strings.TrimPrefix(e.Skipped, "language:")]++
			default:
				sum.Stored++
				sum.Analysed++
			}
			prog.done(&sum)
		}
		for _, it := range done {
			release(it.entry.Doc.ID)
		}
	}
	apply = func(it *item) {
		if it.waitFor != "" && !saved[it.waitFor] {
			waiting[it.waitFor] = append(waiting[it.waitFor], it)
			return
		}
		switch it.out {
		case outError:
			logErr(it.err)
			prog.done(&sum)
		case outAlready:
			sum.AlreadyStored++
			prog.done(&sum)
			release(it.doc.ID)
		case outLink:
			link(it)
			release(it.dup.Original)
		case outSave:
			// One document the store would refuse must not fail its batch.
			if err := store.Validate(&it.entry); err != nil {
				logErr(fmt.Errorf("%s: %w", it.entry.Doc.Source, err))
				prog.done(&sum)
				return
			}
			if len(batch) == 0 {
				batchStart = time.Now()
			}
			batch = append(batch, it)
			if len(batch) >= in.opts.batchSize() {
				flush()
			}
		}
	}

	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for items != nil {
		select {
		case it, ok := <-items:
			if !ok {
				items = nil
				continue
			}
			sum.Seen++
			if failed == nil {
				apply(it)
			}
		case <-tick.C:
			// Save a partial batch when input is slow, so that a crash
			// loses little and progress shows on the store. Not sooner:
			// every transaction rewrites the index pages it touches, so
			// small ones cost more per document.
			if len(batch) > 0 && time.Since(batchStart) >= maxBatchAge {
				flush()
			}
			prog.tick(&sum)
		}
	}
	flush()
	// Originals that never got saved (their analysis failed): their
	// duplicates fail with them.
	for id, ws := range waiting {
		for _, w := range ws {
			logErr(fmt.Errorf("%s: its original %.12s was not saved", w.input.Name, id))
			prog.done(&sum)
		}
	}
	if failed != nil {
		return sum, failed
	}
	return sum, nil
}
