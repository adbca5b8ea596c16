package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// article is a plain-text article of about n words, distinct per seed.
func article(seed, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Council %d approves budget\n", seed)
	for i := 0; b.Len() < n*6; i++ {
		fmt.Fprintf(&b, "Officials in district %d said on day %d that the plan number %d would go ahead. ", seed, i, seed*1000+i)
	}
	b.WriteString("\n")
	return b.String()
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type result struct {
	name, title, from string
	published         time.Time
	err               error
}

func collect(t *testing.T, r *Reader, sources ...string) []result {
	t.Helper()
	var out []result
	for in := range r.Inputs(context.Background(), sources) {
		doc, err := in.Document(r.Options())
		if err != nil {
			out = append(out, result{name: in.Name, err: err})
			continue
		}
		if doc.Source != in.Name {
			t.Errorf("doc.Source %q != input name %q", doc.Source, in.Name)
		}
		out = append(out, result{name: doc.Source, title: doc.Title, from: doc.PublishedFrom, published: doc.Published})
	}
	return out
}

func TestFolder(t *testing.T) {
	dir := t.TempDir()
	page, _ := os.ReadFile("testdata/og.html")
	writeFiles(t, dir, map[string][]byte{
		"b.txt":            []byte(article(2, 100)),
		"a.txt":            []byte(article(1, 100)),
		"sub/c.html":       page,
		"sub/d.txt.gz":     gz(t, []byte(article(4, 100))),
		".hidden.txt":      []byte(article(5, 100)),
		".git/config.txt":  []byte(article(6, 100)),
		"sub/.cache/e.txt": []byte(article(7, 100)),
		"sub/img.png":      []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"),
	})
	got := collect(t, NewReader(Options{}), dir)
	want := []string{"a.txt", "b.txt", "sub/c.html", "sub/d.txt.gz", "sub/img.png"}
	if len(got) != len(want) {
		t.Fatalf("got %d inputs %v, want %v", len(got), got, want)
	}
	for i, w := range want {
		if got[i].name != filepath.Join(dir, w) {
			t.Errorf("input %d = %s, want %s", i, got[i].name, w)
		}
	}
	if got[2].title != "Harbour strike ends" || got[2].from != "html" {
		t.Errorf("html in folder: %+v", got[2])
	}
	for i := range 4 {
		if got[i].err != nil {
			t.Errorf("%s: %v", got[i].name, got[i].err)
		}
	}
	if !errors.Is(got[4].err, ErrUnsupported) || !strings.Contains(got[4].err.Error(), "img.png") {
		t.Errorf("png: error %v, want an unsupported-content error naming the file", got[4].err)
	}
	if n := Estimate([]string{dir}); n != 5 {
		t.Errorf("Estimate = %d, want 5", n)
	}
}

func TestMissingSourceGoesOn(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"a.txt": []byte(article(1, 50))})
	got := collect(t, NewReader(Options{}), filepath.Join(dir, "nope.txt"), dir)
	if len(got) != 2 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "nope.txt") || got[1].err != nil {
		t.Fatalf("got %+v", got)
	}
}

// server serves the given paths on 127.0.0.1.
func server(t *testing.T, pages map[string]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasSuffix(r.URL.Path, ".rss"):
			w.Header().Set("Content-Type", "application/rss+xml")
		case strings.HasSuffix(r.URL.Path, ".txt"):
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		fmt.Fprint(w, strings.ReplaceAll(body, "{{host}}", "http://"+r.Host))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFeeds(t *testing.T) {
	page, _ := os.ReadFile("testdata/nodate.html")
	long := strings.Repeat("The harbour authority said ships would be unloaded in order of arrival. ", 20)
	rss := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ledger</title>
<item><title>Full story in the feed</title><link>{{host}}/full</link><guid>g1</guid>
<pubDate>Mon, 20 Nov 2023 18:05:00 +0000</pubDate>
<description><![CDATA[<p>` + long + `</p>]]></description></item>
<item><title>Summary only</title><link>{{host}}/museum</link>
<pubDate>Tue, 21 Nov 2023 09:00:00 GMT</pubDate><description>The museum will open late.</description></item>
<item><title>Dead link with summary</title><link>{{host}}/gone</link>
<description>Talks on the harbour resumed.</description></item>
<item><title>Nothing</title><guid>g4</guid></item>
</channel></rss>`
	atom := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2024-01-02T03:04:05Z</updated>
<entry><title>Atom entry</title><id>urn:a:1</id><updated>2024-01-02T03:04:05Z</updated>
<content type="html">&lt;p&gt;` + long + `&lt;/p&gt;</content></entry></feed>`
	jsonFeed := `{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
 {"id": "1", "url": "{{host}}/museum", "title": "JSON entry", "date_published": "2024-02-03T04:05:06Z", "summary": "Short."}]}`
	srv := server(t, map[string]string{
		"/feed.rss":  rss,
		"/museum":    string(page),
		"/atom.xml":  atom,
		"/feed.json": jsonFeed,
	})
	r := NewReader(Options{AllowPrivate: true})
	got := collect(t, r, srv.URL+"/feed.rss", srv.URL+"/atom.xml", srv.URL+"/feed.json")
	want := []result{
		{name: srv.URL + "/full", title: "Full story in the feed", from: "feed", published: time.Date(2023, 11, 20, 18, 5, 0, 0, time.UTC)},
		// The summary is short: the linked page is fetched; its title wins,
		// the feed's date is kept.
		{name: srv.URL + "/museum", title: "Museum extends opening hours", from: "feed", published: time.Date(2023, 11, 21, 9, 0, 0, 0, time.UTC)},
		{name: srv.URL + "/gone", title: "Dead link with summary"},
		{name: srv.URL + "/feed.rss#g4"},
		{name: srv.URL + "/atom.xml#urn:a:1", title: "Atom entry", from: "feed", published: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
		{name: srv.URL + "/museum", title: "Museum extends opening hours", from: "feed", published: time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d inputs: %+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		if g.name != w.name || g.title != w.title || g.from != w.from || !g.published.Equal(w.published) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if got[3].err == nil || !errors.Is(got[3].err, ErrNoText) {
		t.Errorf("empty entry: error %v, want ErrNoText", got[3].err)
	}
}

func TestFeedFile(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("Rescue teams reached the village after the storm cut the only road. ", 20)
	writeFiles(t, dir, map[string][]byte{"news.xml": []byte(`<rss version="2.0"><channel><title>x</title>
<item><title>Storm</title><guid>s1</guid><pubDate>Wed, 01 May 2024 12:00:00 GMT</pubDate><description>` + long + `</description></item>
</channel></rss>`)})
	got := collect(t, NewReader(Options{}), filepath.Join(dir, "news.xml"))
	if len(got) != 1 || got[0].err != nil || got[0].name != filepath.Join(dir, "news.xml")+"#s1" || got[0].title != "Storm" || got[0].from != "feed" {
		t.Fatalf("got %+v", got)
	}
}

func TestWebPage(t *testing.T) {
	page, _ := os.ReadFile("testdata/jsonld.html")
	srv := server(t, map[string]string{"/story": string(page), "/plain.txt": article(3, 80)})
	got := collect(t, NewReader(Options{AllowPrivate: true}), srv.URL+"/story", srv.URL+"/plain.txt", srv.URL+"/missing")
	if len(got) != 3 {
		t.Fatalf("got %+v", got)
	}
	if got[0].err != nil || got[0].title != "Riverton approves transport budget" || got[0].from != "html" {
		t.Errorf("page: %+v", got[0])
	}
	if got[1].err != nil || got[1].title != "" {
		t.Errorf("text: %+v", got[1])
	}
	if got[2].err == nil || !strings.Contains(got[2].err.Error(), "404") || !strings.Contains(got[2].err.Error(), "/missing") {
		t.Errorf("404: %+v", got[2])
	}
}

// warcRecord writes one WARC record.
func warcRecord(typ, uri, date, contentType, block string) string {
	return "WARC/1.1\r\n" +
		"WARC-Type: " + typ + "\r\n" +
		"WARC-Date: " + date + "\r\n" +
		"WARC-Record-ID: <urn:uuid:" + fmt.Sprintf("%08x-0000-4000-8000-000000000000", len(uri)*7919+len(block)) + ">\r\n" +
		"WARC-Target-URI: " + uri + "\r\n" +
		"Content-Type: " + contentType + "\r\n" +
		"Content-Length: " + fmt.Sprint(len(block)) + "\r\n\r\n" +
		block + "\r\n\r\n"
}

func TestWARC(t *testing.T) {
	dated, _ := os.ReadFile("testdata/og.html")
	undated, _ := os.ReadFile("testdata/nodate.html")
	resp := func(status, ct, body string) string {
		return "HTTP/1.1 " + status + "\r\nContent-Type: " + ct + "\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body
	}
	records := []string{
		warcRecord("warcinfo", "", "2024-06-01T10:00:00Z", "application/warc-fields", "software: test\r\n"),
		warcRecord("request", "https://news.example/a", "2024-06-01T10:00:00Z", "application/http;msgtype=request", "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
		warcRecord("response", "https://news.example/a", "2024-06-01T10:00:01Z", "application/http;msgtype=response", resp("200 OK", "text/html; charset=utf-8", string(dated))),
		warcRecord("response", "https://news.example/logo.png", "2024-06-01T10:00:02Z", "application/http;msgtype=response", resp("200 OK", "image/png", "\x89PNG")),
		warcRecord("response", "https://news.example/gone", "2024-06-01T10:00:03Z", "application/http;msgtype=response", resp("404 Not Found", "text/html", "<p>no</p>")),
		warcRecord("response", "https://news.example/b", "2024-06-01T10:00:04Z", "application/http;msgtype=response", resp("200 OK", "text/html", string(undated))),
	}
	dir := t.TempDir()
	var plain, zipped []byte
	for _, r := range records {
		plain = append(plain, r...)
		zipped = append(zipped, gz(t, []byte(r))...) // one gzip member per record
	}
	writeFiles(t, dir, map[string][]byte{"crawl.warc": plain, "crawl.warc.gz": zipped, "noext": zipped})
	for _, name := range []string{"crawl.warc", "crawl.warc.gz", "noext"} {
		t.Run(name, func(t *testing.T) {
			got := collect(t, NewReader(Options{}), filepath.Join(dir, name))
			want := []result{
				{name: "https://news.example/a", title: "Harbour strike ends", from: "html", published: time.Date(2023, 11, 20, 18, 5, 0, 0, time.UTC)},
				{name: "https://news.example/b", title: "Museum extends opening hours", from: "warc", published: time.Date(2024, 6, 1, 10, 0, 4, 0, time.UTC)},
			}
			if len(got) != len(want) {
				t.Fatalf("got %+v", got)
			}
			for i, w := range want {
				if got[i] != w {
					t.Errorf("record %d:\n got %+v\nwant %+v", i, got[i], w)
				}
			}
		})
	}
}

func TestFetchSafety(t *testing.T) {
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		fmt.Fprint(w, "<html><body><p>fine</p></body></html>")
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("a"), 5000))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	tests := []struct {
		name string
		opts Options
		url  string
		want error  // errors.Is target, or nil
		msg  string // substring of the error, "" for success
	}{
		{"allowed", Options{AllowPrivate: true}, srv.URL + "/ok", nil, ""},
		{"loopback refused", Options{}, srv.URL + "/ok", ErrBlockedAddress, "127.0.0.1 is loopback"},
		{"localhost name refused", Options{}, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/ok", ErrBlockedAddress, "--allow-private"},
		{"redirect cap", Options{AllowPrivate: true, MaxRedirects: 3}, srv.URL + "/loop", nil, "more than 3 redirects"},
		{"size cap", Options{AllowPrivate: true, MaxBytes: 1000}, srv.URL + "/big", ErrTooLarge, "more than 1000 B"},
		{"timeout", Options{AllowPrivate: true, Timeout: 200 * time.Millisecond}, srv.URL + "/slow", nil, "Timeout"},
		{"scheme", Options{AllowPrivate: true}, "ftp://example.org/x", ErrUnsupported, "http and https only"},
		{"redirect to file", Options{AllowPrivate: true}, srv.URL + "/file", nil, "unsupported scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewFetcher(tt.opts).Fetch(ctx, tt.url)
			if tt.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q lacks %q", err, tt.msg)
			}
		})
	}
	if !strings.HasPrefix(gotUA, "parley/") {
		t.Errorf("User-Agent = %q, want one naming parley", gotUA)
	}
}

func TestBlocked(t *testing.T) {
	for _, tt := range []struct {
		addr    string
		blocked bool
	}{
		{"127.0.0.1", true}, {"::1", true}, {"10.1.2.3", true}, {"172.16.0.1", true}, {"192.168.1.1", true},
		{"169.254.169.254", true}, {"fe80::1", true}, {"fc00::1", true}, {"0.0.0.0", true}, {"::", true},
		{"100.64.0.1", true}, {"::ffff:127.0.0.1", true}, {"224.0.0.1", true}, {"255.255.255.255", true},
		{"93.184.216.34", false}, {"2606:2800:220:1:248:1893:25c8:1946", false}, {"8.8.8.8", false},
	} {
		err := refusePrivate("tcp", tt.addr+":80", nil)
		if tt.addr[0] == ':' || strings.Contains(tt.addr, "::") || strings.Count(tt.addr, ":") > 1 {
			err = refusePrivate("tcp", "["+tt.addr+"]:80", nil)
		}
		if (err != nil) != tt.blocked {
			t.Errorf("%s: blocked=%v, want %v", tt.addr, err != nil, tt.blocked)
		}
	}
}

// offline is an HTTP client that never reaches the network.
var offline = &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
	return nil, errors.New("offline")
})}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzInputs feeds any bytes to the container readers (feeds, WARC, gzip)
// through a file: no panic, every failure names its input.
func FuzzInputs(f *testing.F) {
	f.Add("x.rss", []byte(`<rss version="2.0"><channel><item><title>t</title><link>http://example.org/a</link><description>d</description></item></channel></rss>`))
	f.Add("x.json", []byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "content_text": "Talks resumed."}]}`))
	f.Add("x.warc", []byte(warcRecord("response", "https://a.example/", "2024-06-01T10:00:00Z", "application/http;msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\n0\r\n\r\n")))
	f.Add("x.txt.gz", gz(&testing.T{}, []byte("plain words")))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		name = filepath.Base(filepath.Clean("/" + name))
		if name == "/" || name == "." || strings.HasPrefix(name, ".") {
			name = "input"
		}
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Skip(err)
		}
		opts := Options{MaxBytes: 1 << 20, Client: offline}
		for doc, err := range NewReader(opts).Documents(context.Background(), []string{path}) {
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Name == "" {
					t.Fatalf("error %v does not name its input", err)
				}
				continue
			}
			if doc.ID == "" || strings.TrimSpace(doc.Text) == "" {
				t.Fatalf("document without ID or text: %+v", doc)
			}
		}
	})
}
