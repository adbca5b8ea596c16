package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// Kind is what an input holds, as found by Sniff.
type Kind int

// Kinds of input.
const (
	KindUnknown Kind = iota
	KindText
	KindHTML
	KindFeed
	KindWARC
)

func (k Kind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindHTML:
		return "html"
	case KindFeed:
		return "feed"
	case KindWARC:
		return "warc"
	}
	return "unknown"
}

// ReadFile reads one file (gzip allowed) and parses it as one document.
// Use Documents for folders, feeds and WARC files.
func ReadFile(filename string, opts Options) (*document.Document, error) {
	f, err := os.Open(filename)
	if err != nil {
		return nil, inputErr(filename, err)
	}
	defer f.Close()
	return Read(filename, f, opts)
}

// Read reads one input from r, at most Options.MaxBytes of it after
// decompression, and parses it as one document named name ("-" for
// standard input).
func Read(name string, r io.Reader, opts Options) (*document.Document, error) {
	data, err := readLimited(r, opts)
	if err != nil {
		return nil, inputErr(name, err)
	}
	return Parse(name, data, opts)
}

// Parse turns one input's bytes into a document: gzip is undone, HTML is
// reduced to its main text with its title and publication date, the text
// is checked for UTF-8, the language identified, and the ID set to the
// hex SHA-256 of the final text. name becomes doc.Source.
func Parse(name string, data []byte, opts Options) (*document.Document, error) {
	data, err := gunzip(data, opts)
	if err != nil {
		return nil, inputErr(name, err)
	}
	if int64(len(data)) > opts.maxBytes() {
		return nil, inputErr(name, opts.tooLarge())
	}
	var doc *document.Document
	switch k := Sniff(name, data); k {
	case KindHTML:
		doc, err = parseHTML(name, data, "", opts)
	case KindText:
		doc, err = parseText(name, data, opts)
	default:
		return nil, inputErr(name, fmt.Errorf("%w: %s (%s); use Documents for feeds and WARC files", ErrUnsupported, k, http.DetectContentType(data)))
	}
	if err != nil {
		return nil, inputErr(name, err)
	}
	return doc, nil
}

// finish sets the fields every document gets, whatever its origin.
func finish(doc *document.Document, htmlLang string, opts Options) error {
	if strings.TrimSpace(doc.Text) == "" {
		return ErrNoText
	}
	doc.Title = cleanLine(doc.Title)
	doc.Schema = document.Schema
	sum := sha256.Sum256([]byte(doc.Text))
	doc.ID = hex.EncodeToString(sum[:])
	if doc.Published.IsZero() && !opts.Published.IsZero() {
		doc.Published = opts.Published.UTC()
		doc.PublishedFrom = "flag"
	}
	if doc.Published.IsZero() {
		if t, ok := dateFromName(doc.Source); ok {
			doc.Published = t
			doc.PublishedFrom = "filename"
		}
	}
	doc.Language = Language(doc.Text, htmlLang)
	return nil
}

// dateFromName reads a publication date from a file name that starts with
// it, as archives often name articles ("2022-07-22-grain-deal.txt").
func dateFromName(name string) (time.Time, bool) {
	base := filepath.Base(name)
	if len(base) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", base[:10])
	if err != nil || len(base) > 10 && base[10] >= '0' && base[10] <= '9' {
		return time.Time{}, false
	}
	return t, true
}

func parseText(name string, data []byte, opts Options) (*document.Document, error) {
	text, err := decodeText(data, opts)
	if err != nil {
		return nil, err
	}
	doc := document.New(name, text.s)
	if text.repaired > 0 {
		doc.Warnf("source: replaced %d invalid UTF-8 sequences or NUL bytes with U+FFFD", text.repaired)
	}
	if err := finish(doc, "", opts); err != nil {
		return nil, err
	}
	return doc, nil
}

type decoded struct {
	s        string
	repaired int
}

// decodeText returns data as UTF-8 text with a byte-order mark removed and
// line endings folded to \n. Bytes that are not UTF-8 are replaced or,
// with StrictUTF8, rejected with the offset of the first one.
func decodeText(data []byte, opts Options) (decoded, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out decoded
	if !utf8.Valid(data) {
		if opts.StrictUTF8 {
			return out, fmt.Errorf("%w at byte %d", ErrInvalidUTF8, firstInvalid(data))
		}
		out.repaired = countInvalid(data)
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	s := string(data)
	if n := strings.Count(s, "\x00"); n > 0 {
		// NUL is no character of any text, and databases refuse it.
		if opts.StrictUTF8 {
			return out, fmt.Errorf("%w: NUL byte at byte %d", ErrInvalidUTF8, strings.IndexByte(s, 0))
		}
		s = strings.ReplaceAll(s, "\x00", "\uFFFD")
		out.repaired += n
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	out.s = s
	return out, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// countInvalid counts the runs of invalid bytes, as ToValidUTF8 replaces them.
func countInvalid(b []byte) int {
	n, inRun := 0, false
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		bad := r == utf8.RuneError && size == 1
		if bad && !inRun {
			n++
		}
		inRun = bad
		i += size
	}
	return n
}

// readLimited reads all of r, undoing gzip, and fails with ErrTooLarge
// past the limit.
func readLimited(r io.Reader, opts Options) ([]byte, error) {
	max := opts.maxBytes()
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); isGzip(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		return readCapped(zr, max, opts)
	}
	return readCapped(br, max, opts)
}

func readCapped(r io.Reader, max int64, opts Options) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, opts.tooLarge()
	}
	return data, nil
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// gunzip undoes gzip (several layers at most once each) under the size cap.
func gunzip(data []byte, opts Options) ([]byte, error) {
	if !isGzip(data) {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	defer zr.Close()
	out, err := readCapped(zr, opts.maxBytes(), opts)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return out, nil
}

// Sniff says what data holds, from its first bytes and, when they are not
// decisive, from name's extension (".gz" ignored).
func Sniff(name string, data []byte) Kind {
	ext := strings.ToLower(path.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n\f")
	if bytes.HasPrefix(trimmed, []byte("WARC/")) {
		return KindWARC
	}
	if isFeed(trimmed) {
		return KindFeed
	}
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return KindHTML
	case ".txt", ".text", ".md":
		return KindText
	case ".warc":
		return KindWARC
	case ".json", ".xml", ".rss", ".atom":
		// Structured data that is not a feed is not an article.
		return KindUnknown
	}
	ct := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(ct, "text/html"):
		return KindHTML
	case looksLikeHTML(trimmed):
		return KindHTML
	case strings.HasPrefix(ct, "text/plain"):
		return KindText
	case ct == "application/octet-stream" && mostlyText(head):
		// Invalid UTF-8 or stray control bytes: text to be repaired.
		return KindText
	}
	return KindUnknown
}

// looksLikeHTML catches pages that start with an XML declaration or a tag
// http.DetectContentType does not list.
func looksLikeHTML(b []byte) bool {
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	l := bytes.ToLower(b)
	return bytes.Contains(l, []byte("<html")) || bytes.Contains(l, []byte("<body")) ||
		bytes.Contains(l, []byte("<article")) || bytes.Contains(l, []byte("<meta"))
}

// isFeed reports whether b starts an RSS, RDF or Atom document or a JSON Feed.
func isFeed(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	l := bytes.ToLower(b)
	if l[0] == '{' {
		return bytes.Contains(l, []byte("jsonfeed.org/version"))
	}
	if l[0] != '<' {
		return false
	}
	// Skip the XML declaration, comments and processing instructions.
	for bytes.HasPrefix(l, []byte("<?")) || bytes.HasPrefix(l, []byte("<!--")) {
		end := []byte("?>")
		if bytes.HasPrefix(l, []byte("<!--")) {
			end = []byte("-->")
		}
		i := bytes.Index(l, end)
		if i < 0 {
			return false
		}
		l = bytes.TrimLeft(l[i+len(end):], " \t\r\n\f")
	}
	return bytes.HasPrefix(l, []byte("<rss")) || bytes.HasPrefix(l, []byte("<feed")) ||
		bytes.HasPrefix(l, []byte("<rdf:rdf"))
}

// mostlyText reports whether at most 1 in 20 bytes is a control byte other
// than whitespace: a text with some damage rather than binary data.
func mostlyText(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 <= len(b)
}

// cleanLine makes a one-line field (a title) valid UTF-8 without NUL
// bytes or runs of white space.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "")
	return strings.Join(strings.Fields(s), " ")
}
