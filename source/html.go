package source

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/araddon/dateparse"
	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"github.com/parley-news/parley/document"
)

// parseHTML reduces a page to its main text, title and publication date.
// contentType is the HTTP Content-Type when known (it may name a charset).
func parseHTML(name string, data []byte, contentType string, opts Options) (doc *document.Document, err error) {
	// The extractor walks trees built from untrusted bytes; a panic in it
	// must fail this input, not the run.
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("html extraction failed: %v", r)
		}
	}()
	utf, err := htmlToUTF8(data, contentType, opts)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(utf))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	published, precise := metaPublished(root)

	topts := trafilatura.Options{
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if !published.IsZero() {
		// Skip htmldate's scan of the whole page: we already have a date.
		topts.HtmlDateOverride = &htmldate.Result{DateTime: published, HasTime: precise, HasTimezone: precise}
	}
	var text, title string
	var tdate time.Time
	if res, err := trafilatura.ExtractDocument(root, topts); err == nil && res != nil {
		// ContentText runs paragraphs together; the content tree keeps
		// them apart.
		if res.ContentNode != nil {
			text = visibleText(res.ContentNode)
		}
		title = res.Metadata.Title
		tdate = res.Metadata.Date
	}
	if strings.TrimSpace(text) == "" {
		// Trafilatura gives up on short or oddly built pages; the visible
		// text of the body is better than nothing.
		text = visibleText(root)
	}
	if title == "" {
		title = pageTitle(root)
	}
	text = tidyText(text)
	if t := strings.TrimSpace(collapseSpace(title)); t != "" && !strings.HasPrefix(text, t) {
		// The headline is part of the article: events and quotes in it
		// need offsets like the rest, so it leads the text as its own line.
		text = t + "\n" + text
	}

	doc = document.New(name, text)
	doc.Title = strings.TrimSpace(collapseSpace(title))
	switch {
	case !published.IsZero():
		doc.Published, doc.PublishedFrom = published.UTC(), "html"
	case plausible(tdate):
		doc.Published, doc.PublishedFrom = tdate.UTC(), "html"
	}
	// The page's lang attribute is the hint; trafilatura's own guess is
	// made without a reliability check.
	if err := finish(doc, htmlLang(root), opts); err != nil {
		return nil, err
	}
	return doc, nil
}

// htmlToUTF8 decodes a page by its byte-order mark, Content-Type or meta
// charset (UTF-8 when valid, else windows-1252, as browsers do) and folds
// it to NFC.
func htmlToUTF8(data []byte, contentType string, opts Options) (string, error) {
	enc, encName, _ := charset.DetermineEncoding(data, contentType)
	if encName == "utf-8" {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		t, err := decodeText(data, opts)
		if err != nil {
			return "", err
		}
		return norm.NFC.String(t.s), nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("html: decoding %s: %w", encName, err)
	}
	return norm.NFC.String(strings.ToValidUTF8(string(out), "\uFFFD")), nil
}

// tidyText writes one paragraph a line, as parley's plain-text articles
// are written: lines trimmed, blank lines dropped.
func tidyText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 0, 64*1024), len(s)+1)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

//go:embed data/date_meta.txt
var dateMetaFile string

type metaKey struct{ attr, value string }

var dateMetaRank = sync.OnceValue(func() map[metaKey]int {
	m := map[metaKey]int{}
	for _, line := range strings.Split(dateMetaFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		k := metaKey{strings.ToLower(f[0]), strings.ToLower(f[1])}
		if _, ok := m[k]; !ok {
			m[k] = len(m) + 1
		}
	}
	return m
})

// metaPublished finds the publication date in the page's metadata: JSON-LD
// datePublished first, then the meta tags of data/date_meta.txt in their
// order. precise reports that the value carried a time of day.
func metaPublished(root *html.Node) (t time.Time, precise bool) {
	ranks := dateMetaRank()
	bestRank := 1 << 30
	consider := func(rank int, v string) {
		if rank >= bestRank {
			return
		}
		if d, p, ok := parseDate(v); ok {
			t, precise, bestRank = d, p, rank
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					if v := jsonLDPublished(n.FirstChild.Data); v != "" {
						consider(0, v)
					}
				}
			default:
				for _, a := range n.Attr {
					r, ok := ranks[metaKey{strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))}]
					if !ok {
						continue
					}
					// Only <meta> carries dates in name/property; itemprop
					// may sit on <time datetime> or any element with content.
					if n.DataAtom != atom.Meta && a.Key != "itemprop" {
						continue
					}
					v := attr(n, "content")
					if v == "" {
						v = attr(n, "datetime")
					}
					if v != "" {
						consider(r, v)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return t, precise
}

// jsonLDPublished returns the first datePublished in a JSON-LD block,
// looking through arrays and @graph.
func jsonLDPublished(src string) string {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		if depth > 8 {
			return ""
		}
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && s != "" {
				return s
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if s := find(x[k], depth+1); s != "" {
					return s
				}
			}
		case []any:
			for _, e := range x {
				if s := find(e, depth+1); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v, 0)
}

// dateLayouts are tried in order; the first with a time of day are precise.
var dateLayouts = []struct {
	layout  string
	precise bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04:05.999999999Z0700", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04:05", true},
	{"2006-01-02T15:04", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05", true},
	{"2006-01-02 15:04", true},
	{time.RFC1123Z, true},
	{time.RFC1123, true},
	{"2006-01-02", false},
	{"2006/01/02", false},
	{"20060102", false},
}

// parseDate reads a date as sites write them; values without a zone are UTC.
func parseDate(s string) (time.Time, bool, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil && plausible(t) {
			return t.UTC(), l.precise, true
		}
	}
	t, err := dateparse.ParseIn(s, time.UTC)
	if err != nil || !plausible(t) {
		return time.Time{}, false, false
	}
	precise := t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0
	return t.UTC(), precise, true
}

// plausible rejects zero and absurd dates that broken pages carry.
func plausible(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1900 && t.Year() <= 2200
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func pageTitle(root *html.Node) string {
	var title string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Title {
			title = textOf(n)
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	return title
}

func htmlLang(root *html.Node) string {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			return attr(n, "lang")
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// visibleText is the fallback extractor: the body's text with one line per
// block element and nothing from scripts, styles or navigation.
func visibleText(root *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			writeSpaced(&b, n.Data)
			return
		case html.ElementNode:
			switch tagAtom(n) {
			case atom.Script, atom.Style, atom.Noscript, atom.Nav, atom.Head, atom.Template, atom.Svg, atom.Iframe, atom.Form, atom.Button:
				return
			}
		case html.CommentNode:
			return
		}
		block := n.Type == html.ElementNode && isBlock(tagAtom(n))
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(root)
	// Trafilatura's fallback extractor can emit a paragraph twice; a
	// repeated paragraph is boilerplate in any case.
	seen := map[string]bool{}
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		l = collapseSpace(l)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// tagAtom is n's tag; trees built by the extractor leave DataAtom unset.
func tagAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

// writeSpaced writes s with each run of white space as one space, keeping
// the space at either end that separates it from its inline neighbours.
func writeSpaced(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Article, atom.Section, atom.Blockquote, atom.Pre, atom.Table, atom.Tr, atom.Td, atom.Th, atom.Header,
		atom.Footer, atom.Main, atom.Aside, atom.Figure, atom.Figcaption, atom.Dd, atom.Dt, atom.Dl, atom.Hr, atom.Body, atom.Title:
		return true
	}
	return false
}
