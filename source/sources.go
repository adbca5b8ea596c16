package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parley-news/parley/document"
)

// Input is one article-sized item found in a source: a file, a feed entry,
// a fetched page or a WARC record, with what its container said about it.
// Reading an Input (Inputs) is cheap and sequential; turning it into a
// document (Document) is the costly part and may run in parallel.
type Input struct {
	// Name identifies the item in messages and becomes doc.Source: a path,
	// a URL, or a container name with a "#" suffix.
	Name string
	Data []byte
	// ContentType is the HTTP Content-Type, when there was one.
	ContentType string
	// Title is the feed entry's title, used when the page has none.
	Title string
	// Published is the date the container gave: a feed entry's date
	// (which wins over the page's) or a WARC-Date (used only when the page
	// has none). PublishedFrom says which: "feed" or "warc".
	Published     time.Time
	PublishedFrom string
	// Err is set when the item could not be read; Data is then empty.
	Err error
	// Warnings are problems to record on the document.
	Warnings []string
}

// Document parses the input into a document (see Parse).
func (in *Input) Document(opts Options) (*document.Document, error) {
	if in.Err != nil {
		return nil, inputErr(in.Name, in.Err)
	}
	data, err := gunzip(in.Data, opts)
	if err != nil {
		return nil, inputErr(in.Name, err)
	}
	if int64(len(data)) > opts.maxBytes() {
		return nil, inputErr(in.Name, opts.tooLarge())
	}
	kind := Sniff(in.Name, data)
	if kind == KindText || kind == KindUnknown {
		if k := kindFromContentType(in.ContentType); k == KindHTML || k == KindText {
			kind = k
		}
	}
	var doc *document.Document
	switch kind {
	case KindHTML:
		doc, err = parseHTML(in.Name, data, in.ContentType, opts)
	case KindText:
		doc, err = parseText(in.Name, data, opts)
	default:
		err = fmt.Errorf("%w: %s", ErrUnsupported, kind)
	}
	if err != nil {
		return nil, inputErr(in.Name, err)
	}
	if doc.Title == "" {
		doc.Title = cleanLine(in.Title)
	}
	for _, w := range in.Warnings {
		doc.Warnf("%s", w)
	}
	if !in.Published.IsZero() && (in.PublishedFrom == "feed" || doc.PublishedFrom == "" || doc.PublishedFrom == "flag") {
		doc.Published, doc.PublishedFrom = in.Published.UTC(), in.PublishedFrom
	}
	return doc, nil
}

// Reader enumerates the inputs of sources: files, folders (recursively,
// hidden names skipped, in lexical order), feeds, web pages and WARC
// files, local or by URL.
type Reader struct {
	opts    Options
	fetcher *Fetcher
}

// NewReader returns a reader configured by opts.
func NewReader(opts Options) *Reader {
	return &Reader{opts: opts, fetcher: NewFetcher(opts)}
}

// Fetcher returns the reader's fetcher.
func (r *Reader) Fetcher() *Fetcher { return r.fetcher }

// Options returns the options the reader was made with.
func (r *Reader) Options() Options { return r.opts }

// Inputs yields every input of the sources in order. An item or a whole
// source that cannot be read yields an Input with Err set, and iteration
// goes on with the next one; it stops early only when ctx ends.
func (r *Reader) Inputs(ctx context.Context, sources []string) iter.Seq[*Input] {
	return func(yield func(*Input) bool) {
		for _, src := range sources {
			if ctx.Err() != nil {
				return
			}
			if !r.source(ctx, src, yield) {
				return
			}
		}
	}
}

// Documents yields a document, or an error naming the input, for every
// input of the sources, parsing them one after the other.
func (r *Reader) Documents(ctx context.Context, sources []string) iter.Seq2[*document.Document, error] {
	return func(yield func(*document.Document, error) bool) {
		for in := range r.Inputs(ctx, sources) {
			if !yield(in.Document(r.opts)) {
				return
			}
		}
	}
}

// isURL reports whether src names a web resource rather than a path.
func isURL(src string) bool {
	u, err := url.Parse(src)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func (r *Reader) source(ctx context.Context, src string, yield func(*Input) bool) bool {
	if isURL(src) {
		return r.url(ctx, src, yield)
	}
	info, err := os.Stat(src)
	if err != nil {
		return yield(&Input{Name: src, Err: err})
	}
	if !info.IsDir() {
		return r.file(ctx, src, yield)
	}
	cont := true
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			cont = yield(&Input{Name: p, Err: err})
			if !cont {
				return fs.SkipAll
			}
			return nil
		}
		if p != src && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// Follow symbolic links to files; skip sockets, devices, loops.
			if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
				return nil
			}
		}
		if cont = r.file(ctx, p, yield); !cont {
			return fs.SkipAll
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		return yield(&Input{Name: src, Err: err})
	}
	return cont
}

// file yields the inputs of one file: itself, its feed entries or its
// WARC records.
func (r *Reader) file(ctx context.Context, path string, yield func(*Input) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return yield(&Input{Name: path, Err: err})
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	head, _ := br.Peek(4096)
	if isGzip(head) {
		// Sniff the start of the decompressed stream; a truncated
		// member is fine for that.
		if zr, err := gzip.NewReader(bytes.NewReader(head)); err == nil {
			inner := make([]byte, 4096)
			n, _ := io.ReadFull(zr, inner)
			head = inner[:n]
		}
	}
	if Sniff(path, head) == KindWARC {
		return r.warc(ctx, path, br, yield)
	}
	data, err := readLimited(br, r.opts)
	if err != nil {
		return yield(&Input{Name: path, Err: err})
	}
	if Sniff(path, data) == KindFeed {
		return r.feed(ctx, path, data, yield)
	}
	return yield(&Input{Name: path, Data: data})
}

// url yields a fetched page, or the entries of a fetched feed.
func (r *Reader) url(ctx context.Context, u string, yield func(*Input) bool) bool {
	page, err := r.fetcher.Fetch(ctx, u)
	if err != nil {
		return yield(&Input{Name: u, Err: err})
	}
	if Sniff(page.URL, page.Data) == KindFeed || kindFromContentType(page.ContentType) == KindFeed {
		return r.feed(ctx, u, page.Data, yield)
	}
	return yield(&Input{Name: u, Data: page.Data, ContentType: page.ContentType})
}

// Estimate counts the inputs sources are likely to hold — one per file in
// folders, one per feed, page and WARC file — for a progress bar.
func Estimate(sources []string) int {
	n := 0
	for _, src := range sources {
		if isURL(src) {
			n++
			continue
		}
		info, err := os.Stat(src)
		if err != nil || !info.IsDir() {
			n++
			continue
		}
		filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if p != src && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				n++
			}
			return nil
		})
	}
	return n
}
