package ingest

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress reports a run as it goes: a bar with docs/s, ETA and errors on
// a terminal, a plain line every few seconds otherwise. Only the writer
// goroutine calls it.
type progress struct {
	w        io.Writer
	bar      *progressbar.ProgressBar
	total    int
	finished int
	errors   int
	every    time.Duration
	start    time.Time
	last     time.Time
}

func newProgress(opts Options, estimate int) *progress {
	p := &progress{w: opts.Log, total: estimate, every: opts.LogEvery, start: time.Now()}
	if p.w == nil {
		p.w = io.Discard
	}
	if p.every <= 0 {
		p.every = 5 * time.Second
	}
	p.last = p.start
	if opts.Progress && opts.Log != nil {
		p.bar = progressbar.NewOptions64(int64(max(estimate, 1)),
			progressbar.OptionSetWriter(opts.Log),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetWidth(30),
			progressbar.OptionShowDescriptionAtLineEnd(),
		)
	}
	return p
}

// done records one input finished.
func (p *progress) done(sum *Summary) {
	p.finished++
	if p.bar != nil {
		if p.finished > p.total {
			// A feed or WARC file held more than the estimate counted.
			p.total = p.finished
			p.bar.ChangeMax64(int64(p.total))
		}
		p.bar.Add(1)
		return
	}
	p.tick(sum)
}

// tick prints a plain progress line when one is due.
func (p *progress) tick(sum *Summary) {
	if p.bar != nil || time.Since(p.last) < p.every {
		return
	}
	p.last = time.Now()
	el := time.Since(p.start)
	rate := float64(p.finished) / el.Seconds()
	line := fmt.Sprintf("ingest: %d/%d inputs, %.1f docs/s, %d stored, %d errors", p.finished, max(p.total, p.finished), rate, sum.Stored, p.errors)
	if rate > 0 && p.total > p.finished {
		eta := time.Duration(float64(p.total-p.finished) / rate * float64(time.Second))
		line += fmt.Sprintf(", ETA %s", eta.Round(time.Second))
	}
	fmt.Fprintln(p.w, line)
}

// logError prints one failed input above the bar.
func (p *progress) logError(msg string) {
	p.errors++
	if p.bar != nil {
		// Describe redraws the bar; clear it after so the line stands alone.
		p.bar.Describe(fmt.Sprintf("ingest, %d errors", p.errors))
		p.bar.Clear()
	}
	fmt.Fprintln(p.w, "ingest: error:", msg)
}

func (p *progress) finish(sum Summary) {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.w)
	}
}

// formatCounts writes counts as "de 3, fr 1", largest first.
func formatCounts(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	slices.SortStableFunc(keys, func(a, b string) int { return m[b] - m[a] })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
