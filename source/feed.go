package source

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	nethtml "golang.org/x/net/html"
)

// feedFullTextWords is how many words an entry's own content needs to be
// taken as the article; shorter content is a summary, and the linked page
// is fetched instead.
const feedFullTextWords = 150

// feed yields one input per entry of an RSS, Atom or JSON feed: the
// entry's content when it holds a whole article, else the linked page.
// The entry's date wins over the page's (PublishedFrom "feed").
func (r *Reader) feed(ctx context.Context, name string, data []byte, yield func(*Input) bool) bool {
	var feed *gofeed.Feed
	err := safely(func() (err error) {
		feed, err = gofeed.NewParser().Parse(bytes.NewReader(data))
		return err
	})
	if err != nil {
		return yield(&Input{Name: name, Err: fmt.Errorf("feed: %w", err)})
	}
	for i, item := range feed.Items {
		if ctx.Err() != nil {
			return false
		}
		if !yield(r.feedItem(ctx, name, i, item)) {
			return false
		}
	}
	return true
}

func (r *Reader) feedItem(ctx context.Context, feedName string, i int, item *gofeed.Item) *Input {
	in := &Input{Name: entryName(feedName, i, item), Title: strings.TrimSpace(item.Title)}
	switch {
	case item.PublishedParsed != nil:
		in.Published, in.PublishedFrom = item.PublishedParsed.UTC(), "feed"
	case item.UpdatedParsed != nil:
		in.Published, in.PublishedFrom = item.UpdatedParsed.UTC(), "feed"
	}
	content := item.Content
	if content == "" {
		content = item.Description
	}
	words := len(strings.Fields(fragmentText(content)))
	if words < feedFullTextWords && isURL(item.Link) {
		page, err := r.fetcher.Fetch(ctx, item.Link)
		if err == nil {
			in.Data, in.ContentType = page.Data, page.ContentType
			return in
		}
		if words == 0 {
			in.Err = err
			return in
		}
		// The summary is all we can have; the document says why.
		in.Warnings = append(in.Warnings, fmt.Sprintf("source: feed entry summary used: %v", err))
	}
	if words == 0 {
		in.Err = fmt.Errorf("%w: feed entry has neither content nor a link", ErrNoText)
		return in
	}
	// Wrap the fragment as a page so that it goes through the same
	// extraction, with the entry's title as its headline.
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(in.Title))
	b.WriteString("</title></head><body><article>")
	b.WriteString(content)
	b.WriteString("</article></body></html>")
	in.Data = []byte(b.String())
	in.ContentType = "text/html; charset=utf-8"
	return in
}

// entryName is the entry's link when it has one, else the feed's name
// with the entry's GUID or position.
func entryName(feedName string, i int, item *gofeed.Item) string {
	if item.Link != "" {
		return item.Link
	}
	if item.GUID != "" {
		return feedName + "#" + item.GUID
	}
	return feedName + "#" + strconv.Itoa(i+1)
}

// fragmentText is the text of an HTML fragment (or of plain text).
func fragmentText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	nodes, err := nethtml.ParseFragment(strings.NewReader(s), nil)
	if err != nil {
		return s
	}
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(textOf(n))
		b.WriteByte(' ')
	}
	return b.String()
}
