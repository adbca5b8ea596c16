package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v2"
)

// warc yields one input per WARC response or resource record that holds
// an HTML or text page, named by its WARC-Target-URI; WARC-Date becomes
// the publication date when the page states none. Records of other types
// and pages of other media types are passed over silently; a broken record
// is reported and reading goes on with the next.
func (r *Reader) warc(ctx context.Context, name string, br *bufio.Reader, yield func(*Input) bool) bool {
	wr, err := gowarc.NewWarcFileReaderFromStream(br, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(r.opts.maxBytes()),
	)
	if err != nil {
		return yield(&Input{Name: name, Err: fmt.Errorf("warc: %w", err)})
	}
	defer wr.Close()
	for n := 0; ; n++ {
		if ctx.Err() != nil {
			return false
		}
		var rec gowarc.WarcRecord
		var offset int64
		err := safely(func() (err error) {
			rec, offset, _, err = wr.Next()
			return err
		})
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			// The reader cannot find the next record: the rest is lost.
			return yield(&Input{Name: fmt.Sprintf("%s@%d", name, offset), Err: fmt.Errorf("warc: %w", err)})
		}
		var in *Input
		if err := safely(func() error { in = r.warcRecord(name, offset, rec); return nil }); err != nil {
			in = &Input{Name: fmt.Sprintf("%s@%d", name, offset), Err: fmt.Errorf("warc: %w", err)}
		}
		rec.Close()
		if in != nil && !yield(in) {
			return false
		}
	}
}

// warcRecord returns the input of one record, or nil for a record that is
// not a page.
func (r *Reader) warcRecord(file string, offset int64, rec gowarc.WarcRecord) *Input {
	if rec.Type() != gowarc.Response && rec.Type() != gowarc.Resource {
		return nil
	}
	h := rec.WarcHeader()
	name := h.Get(gowarc.WarcTargetURI)
	if name == "" {
		name = file + "@" + strconv.FormatInt(offset, 10)
	}
	in := &Input{Name: name}
	if t, err := rec.Date(); err == nil && plausible(t) {
		in.Published, in.PublishedFrom = t.UTC(), "warc"
	}
	var body io.Reader
	switch b := rec.Block().(type) {
	case gowarc.HttpResponseBlock:
		if code := b.HttpStatusCode(); code < 200 || code > 299 {
			return nil
		}
		hdr := b.HttpHeader()
		if hdr != nil {
			in.ContentType = hdr.Get("Content-Type")
		}
		p, err := b.PayloadBytes()
		if err != nil {
			in.Err = fmt.Errorf("warc: %w", err)
			return in
		}
		body = p
		if hdr != nil && strings.EqualFold(hdr.Get("Transfer-Encoding"), "chunked") {
			body = httputil.NewChunkedReader(body)
		}
	case gowarc.PayloadBlock:
		in.ContentType = h.Get(gowarc.ContentType)
		p, err := b.PayloadBytes()
		if err != nil {
			in.Err = fmt.Errorf("warc: %w", err)
			return in
		}
		body = p
	default:
		return nil
	}
	if k := kindFromContentType(in.ContentType); in.ContentType != "" && k != KindHTML && k != KindText {
		return nil
	}
	data, err := readLimited(body, r.opts)
	if err != nil {
		in.Err = err
		return in
	}
	in.Data = data
	return in
}

// safely runs fn, turning a panic into an error: the container libraries
// parse untrusted bytes, and one broken file must not end the run.
func safely(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed input (reader panicked: %v)", r)
		}
	}()
	return fn()
}
