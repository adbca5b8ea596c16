package source

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseFiles(t *testing.T) {
	tests := []struct {
		file      string
		title     string
		published string // RFC 3339, UTC; "" for none
		from      string
		lang      string
		first     string // first line of Text
		has       []string
		hasNot    []string
	}{
		{
			file: "jsonld.html", title: "Riverton approves transport budget", // site name dropped
			// JSON-LD keeps the time that article:published_time cut off.
			published: "2024-05-02T13:30:00Z", from: "html", lang: "en",
			first: "Riverton approves transport budget",
			has:   []string{"forty buses and extend night service", "\nThe budget takes effect next month."},
			// Navigation and footer are not the article.
			hasNot: []string{"Subscribe to our newsletter", "Sport"},
		},
		{
			file: "og.html", title: "Harbour strike ends", published: "2023-11-20T18:05:00Z", from: "html", lang: "en",
			first: "Harbour strike ends", has: []string{"Dock workers at the port of Saltmere"},
		},
		{
			file: "itemprop.html", title: "Library reopens after flood", published: "2022-03-07T06:15:00Z", from: "html", lang: "en",
			first: "Library reopens after flood",
			// Inline elements keep their spaces.
			has: []string{"with new shelves and reading corners."},
		},
		{
			file: "parsely.html", title: "Ferry service resumes", published: "2021-08-30T14:00:00Z", from: "html", lang: "en",
			first: "Ferry service resumes", has: []string{"\nPassengers had used a smaller boat"},
		},
		{
			file: "sailthru.html", title: "Rail line to close for works", published: "2020-02-14T08:45:00Z", from: "html", lang: "en",
			first: "Rail line to close for works", has: []string{"Replacement buses"},
		},
		{
			file: "nodate.html", title: "Museum extends opening hours", lang: "en",
			first: "Museum extends opening hours", has: []string{"maritime museum"},
		},
		{
			file: "french.html", title: "Le conseil municipal adopte le budget", lang: "fr",
			first: "Le conseil municipal adopte le budget", has: []string{"quarante bus"},
		},
		{
			file: "latin1.html", title: "Café owners protest", lang: "en",
			first: "Café owners protest", has: []string{"Café owners in the old town"},
		},
		{
			// Too short for trafilatura: the visible text is kept.
			// Too short to tell the language, and no lang attribute.
			file: "short.html", first: "Talks resumed on Friday.", lang: "",
			hasNot: []string{"Friday.Talks"},
		},
		{
			file: "bom-crlf.txt", lang: "en", first: "Floods close mountain pass",
			has:    []string{"\nPolice said the road"},
			hasNot: []string{"\r", "\ufeff"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			doc, err := ReadFile(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Source != path {
				t.Errorf("Source = %q, want %q", doc.Source, path)
			}
			if doc.Schema == "" {
				t.Error("Schema not set")
			}
			if doc.Title != tt.title {
				t.Errorf("Title = %q, want %q", doc.Title, tt.title)
			}
			var got string
			if !doc.Published.IsZero() {
				got = doc.Published.Format(time.RFC3339)
				if doc.Published.Location() != time.UTC {
					t.Errorf("Published %v not in UTC", doc.Published)
				}
			}
			if got != tt.published || doc.PublishedFrom != tt.from {
				t.Errorf("Published = %q from %q, want %q from %q", got, doc.PublishedFrom, tt.published, tt.from)
			}
			if doc.Language != tt.lang {
				t.Errorf("Language = %q, want %q", doc.Language, tt.lang)
			}
			first, _, _ := strings.Cut(doc.Text, "\n")
			if first != tt.first {
				t.Errorf("first line = %q, want %q", first, tt.first)
			}
			for _, s := range tt.has {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, doc.Text)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(doc.Text, s) {
					t.Errorf("text has %q:\n%s", s, doc.Text)
				}
			}
			sum := sha256.Sum256([]byte(doc.Text))
			if doc.ID != hex.EncodeToString(sum[:]) {
				t.Errorf("ID = %s, not the SHA-256 of Text", doc.ID)
			}
		})
	}
}

func TestParseGzipSameDocument(t *testing.T) {
	raw, err := os.ReadFile("testdata/og.html")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	plain, err := Parse("og.html", raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The gzip magic wins over the extension, and the inner extension counts.
	for _, name := range []string{"og.html.gz", "og.gz", "og.html"} {
		zipped, err := Parse(name, buf.Bytes(), Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if zipped.ID != plain.ID || zipped.Title != plain.Title || !zipped.Published.Equal(plain.Published) {
			t.Errorf("%s: gzip gave %s %q %v, plain gave %s %q %v", name, zipped.ID, zipped.Title, zipped.Published, plain.ID, plain.Title, plain.Published)
		}
	}
}

func TestParseErrors(t *testing.T) {
	big := bytes.Repeat([]byte("word "), 300)
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte("a"), 5000))
	zw.Close()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	tests := []struct {
		name string
		data []byte
		opts Options
		want error
		msg  string // substring of the message
	}{
		{"big.txt", big, Options{MaxBytes: 1000}, ErrTooLarge, "big.txt: input too large: more than 1000 B"},
		{"bomb.txt.gz", bomb.Bytes(), Options{MaxBytes: 1000}, ErrTooLarge, "bomb.txt.gz: gzip: input too large"},
		{"bad.txt", []byte("caf\xe9 au lait"), Options{StrictUTF8: true}, ErrInvalidUTF8, "bad.txt: invalid UTF-8 at byte 3"},
		{"bad.html", []byte("<html><body><p>caf\xe9 \xff\xfe au lait</p><meta charset=utf-8></body></html>"), Options{StrictUTF8: true}, ErrInvalidUTF8, "bad.html: invalid UTF-8 at byte"},
		{"img.png", png, Options{}, ErrUnsupported, "img.png: unsupported content"},
		{"empty.txt", []byte(" \n\t\n"), Options{}, ErrNoText, "empty.txt: no text"},
		{"empty.html", []byte("<html><head><script>var x = 1;</script></head><body></body></html>"), Options{}, ErrNoText, "empty.html: no text"},
		{"broken.gz", []byte("\x1f\x8b\x08\x00garbage"), Options{}, nil, "broken.gz: gzip:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.name, tt.data, tt.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v is not %v", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Name != tt.name {
				t.Errorf("error %v does not name the input %q", err, tt.name)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q lacks %q", err, tt.msg)
			}
		})
	}
}

func TestReadLimit(t *testing.T) {
	r := strings.NewReader(strings.Repeat("x", 2001))
	_, err := Read("stdin", r, Options{MaxBytes: 2000})
	if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "stdin: ") {
		t.Fatalf("got %v, want a too-large error naming stdin", err)
	}
}

func TestRepairUTF8(t *testing.T) {
	doc, err := Parse("bad.txt", []byte("The caf\xe9 opened on Monday.\xff\xfe\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(doc.Text) {
		t.Errorf("text still invalid: %q", doc.Text)
	}
	if want := "The caf\uFFFD opened on Monday.\uFFFD\n"; doc.Text != want {
		t.Errorf("Text = %q, want %q", doc.Text, want)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "replaced 2 invalid UTF-8") {
		t.Errorf("Warnings = %q", doc.Warnings)
	}
	// NUL bytes: no database keeps them, so they are repaired too.
	doc, err = Parse("nul.txt", []byte("Talks\x00 resumed.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Talks\uFFFD resumed.\n" {
		t.Errorf("Text = %q", doc.Text)
	}
	if _, err := Parse("nul.txt", []byte("Talks\x00 resumed.\n"), Options{StrictUTF8: true}); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("strict: error %v, want ErrInvalidUTF8", err)
	}
}

func TestPublishedFlagFallback(t *testing.T) {
	flag := time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		file string
		want time.Time
		from string
	}{
		{"nodate.html", flag, "flag"},
		{"bom-crlf.txt", flag, "flag"},
		{"og.html", time.Date(2023, 11, 20, 18, 5, 0, 0, time.UTC), "html"},
	}
	for _, tt := range tests {
		doc, err := ReadFile(filepath.Join("testdata", tt.file), Options{Published: flag})
		if err != nil {
			t.Fatal(err)
		}
		if !doc.Published.Equal(tt.want) || doc.PublishedFrom != tt.from {
			t.Errorf("%s: Published %v from %q, want %v from %q", tt.file, doc.Published, doc.PublishedFrom, tt.want, tt.from)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data string
		want Kind
	}{
		{"a.txt", "<p>looks like html</p>", KindText},
		{"a", "<!DOCTYPE html><html><body>x</body></html>", KindHTML},
		{"a", "  <html><body>x</body></html>", KindHTML},
		{"a", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>`, KindHTML},
		{"a.html", "plain words", KindHTML},
		{"a", "Plain words.\n", KindText},
		{"feed.xml", `<?xml version="1.0"?><!-- c --><rss version="2.0"><channel></channel></rss>`, KindFeed},
		{"a", `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, KindFeed},
		{"a.json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, KindFeed},
		{"a.json", `{"version": 1}`, KindUnknown},
		{"x.warc", "WARC/1.1\r\n", KindWARC},
		{"a", "\x00\x01\x02\x03\x04\x05binary\x00\x00", KindUnknown},
	}
	for _, tt := range tests {
		if got := Sniff(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("Sniff(%q, %.30q) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		text, hint, want string
	}{
		{"The government announced on Tuesday that it would raise taxes on fuel to pay for new hospitals.", "", "en"},
		{"Le gouvernement a annoncé mardi qu'il augmenterait les taxes sur le carburant pour financer de nouveaux hôpitaux.", "", "fr"},
		{"Die Regierung kündigte am Dienstag an, die Steuern auf Kraftstoff zu erhöhen, um neue Krankenhäuser zu bezahlen.", "", "de"},
		// Long enough for the English fast path, and texts that must not take it.
		{strings.Repeat("The minister said on Monday that the talks with the union would resume next week in the capital. ", 5), "", "en"},
		{strings.Repeat("Le ministre a déclaré lundi que les négociations avec le syndicat reprendraient la semaine prochaine. ", 5), "", "fr"},
		{"Ok.", "en-GB", "en"},
		{"Ok.", "", ""},
	}
	for _, tt := range tests {
		if got := Language(tt.text, tt.hint); got != tt.want {
			t.Errorf("Language(%.30q, %q) = %q, want %q", tt.text, tt.hint, got, tt.want)
		}
	}
}

func FuzzParseHTML(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<html><body>\x00\xff<p>a</p><script type=application/ld+json>{\"datePublished\":[[[[]]]]}</script>"))
	f.Add([]byte("<meta property=article:published_time content=9999-99-99>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("fuzz.html", data, Options{MaxBytes: 1 << 20})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v does not name the input", err)
			}
			return
		}
		if !utf8.ValidString(doc.Text) || strings.TrimSpace(doc.Text) == "" || strings.IndexByte(doc.Text, 0) >= 0 {
			t.Fatalf("bad text %q", doc.Text)
		}
		if !utf8.ValidString(doc.Title) || strings.IndexByte(doc.Title, 0) >= 0 {
			t.Fatalf("bad title %q", doc.Title)
		}
		if doc.ID == "" || doc.Schema == "" {
			t.Fatal("ID or Schema missing")
		}
	})
}

func TestPlainEnglish(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{strings.Repeat("The minister said on Monday that the talks with the union would resume next week. ", 5), true},
		{"The minister said that the talks would resume.", false}, // too short to tell
		{strings.Repeat("De minister zei maandag dat de gesprekken met de vakbond volgende week worden hervat. ", 5), false},
		{strings.Repeat("Der Minister sagte am Montag, die Gespräche mit der Gewerkschaft würden nächste Woche fortgesetzt. ", 5), false},
		{strings.Repeat("Il ministro ha detto lunedì che i colloqui con il sindacato riprenderanno la prossima settimana. ", 5), false},
		{strings.Repeat("Министр заявил в понедельник, что переговоры с профсоюзом возобновятся на следующей неделе. ", 5), false},
	}
	for _, tt := range tests {
		if got := plainEnglish(tt.text); got != tt.want {
			t.Errorf("plainEnglish(%.40q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func BenchmarkLanguage(b *testing.B) {
	en := strings.Repeat("The minister said on Monday that the talks with the union would resume next week in the capital. ", 30)
	fr := strings.Repeat("Le ministre a déclaré lundi que les négociations avec le syndicat reprendraient la semaine prochaine. ", 30)
	for _, tc := range []struct{ name, text string }{{"en", en}, {"fr", fr}} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				Language(tc.text, "")
			}
		})
	}
}

func BenchmarkParseText(b *testing.B) {
	text := []byte(strings.Repeat("The minister said on Monday that the talks with the union would resume next week in the capital. ", 30))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Parse("a.txt", text, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseHTML(b *testing.B) {
	page, err := os.ReadFile("testdata/jsonld.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Parse("a.html", page, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDateFromName(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{"examples/2022-07-22-grain-deal.txt", "2022-07-22"},
		{"2015-07-14.txt", "2015-07-14"},
		{"/a/b/2015-07-145-x.txt", ""},
		{"grain-2022-07-22.txt", ""},
		{"2022-13-01-x.txt", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := dateFromName(tt.name)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("dateFromName(%q) = %q, want %q", tt.name, s, tt.want)
		}
	}
}
