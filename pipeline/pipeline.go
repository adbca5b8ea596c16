// Package pipeline runs analysis stages over a document in order. A stage
// is anything that enriches a *document.Document; a Pipeline is a list of
// stages, any of which can be switched off by name.
package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/parley-news/parley/document"
)

// Stage enriches a document with one kind of annotation.
type Stage interface {
	// Name is the stage's short lowercase name, used to switch it off.
	Name() string
	// Process adds the stage's annotations to doc. A problem with one part
	// of the document is a warning on doc (doc.Warnf), not an error.
	Process(ctx context.Context, doc *document.Document) error
}

// Func adapts a function to a Stage.
type Func struct {
	StageName string
	Fn        func(ctx context.Context, doc *document.Document) error
}

// Name implements Stage.
func (f Func) Name() string { return f.StageName }

// Process implements Stage.
func (f Func) Process(ctx context.Context, doc *document.Document) error { return f.Fn(ctx, doc) }

// Pipeline runs stages in order.
type Pipeline struct {
	stages   []Stage
	disabled map[string]bool
	// Observe, when set, is told how long each stage took on each
	// document (benchmarks, progress reports).
	Observe func(stage string, d time.Duration)
}

// New returns a pipeline of the given stages.
func New(stages ...Stage) *Pipeline {
	return &Pipeline{stages: stages, disabled: map[string]bool{}}
}

// Stages returns the names of the stages, in order.
func (p *Pipeline) Stages() []string {
	names := make([]string, len(p.stages))
	for i, s := range p.stages {
		names[i] = s.Name()
	}
	return names
}

// Disable switches off the named stages; it fails on an unknown name.
func (p *Pipeline) Disable(names ...string) error {
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		found := false
		for _, s := range p.stages {
			if s.Name() == n {
				found = true
			}
		}
		if !found {
			return fmt.Errorf("pipeline: no stage %q (have %s)", n, strings.Join(p.Stages(), ", "))
		}
		p.disabled[n] = true
	}
	return nil
}

// Enabled reports whether the named stage will run.
func (p *Pipeline) Enabled(name string) bool { return !p.disabled[name] }

// Process runs every enabled stage on doc in order, stopping at the first
// error or when ctx is done.
func (p *Pipeline) Process(ctx context.Context, doc *document.Document) error {
	return p.ProcessBatch(ctx, []*document.Document{doc})[0]
}

// ProcessBatch runs every enabled stage on each of docs, one stage over
// the whole batch before the next. The result is the same as calling
// Process on each document, but a stage's model stays in the processor's
// cache while it works through the batch instead of being evicted by the
// other stages' models between documents, which makes the statistical
// stages markedly faster. errs[i] is the error of docs[i]; a document
// that fails skips the remaining stages, the others go on. A stage that
// panics on a document fails that document with a *PanicError.
func (p *Pipeline) ProcessBatch(ctx context.Context, docs []*document.Document) (errs []error) {
	errs = make([]error, len(docs))
	for _, doc := range docs {
		if doc.Schema == "" {
			doc.Schema = document.Schema
		}
	}
	for _, s := range p.stages {
		if p.disabled[s.Name()] {
			continue
		}
		start := time.Now()
		for i, doc := range docs {
			if errs[i] != nil {
				continue
			}
			if err := ctx.Err(); err != nil {
				errs[i] = err
				continue
			}
			if err := process(ctx, s, doc); err != nil {
				errs[i] = fmt.Errorf("%s: %w", s.Name(), err)
			}
		}
		if p.Observe != nil {
			p.Observe(s.Name(), time.Since(start))
		}
	}
	return errs
}

// PanicError is the error of a document on which a stage panicked: a bug
// in parley, reported against that document so that a run over many
// documents goes on with the others.
type PanicError struct {
	Value any    // what the stage panicked with
	Stack []byte // the stage's goroutine stack at the panic
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error (a bug in parley; please report it with this document): %v", e.Value)
}

// process runs s on doc, turning a panic into a *PanicError.
func process(ctx context.Context, s Stage, doc *document.Document) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return s.Process(ctx, doc)
}
