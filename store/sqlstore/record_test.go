package sqlstore

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/store/storetest"
)

// jsonRecord is the record as encoding/json writes it, which appendRecord
// must match byte for byte.
func jsonRecord(t testing.TB, doc *document.Document) []byte {
	t.Helper()
	c := *doc
	c.Text = ""
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(&c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func checkRecord(t *testing.T, doc *document.Document) {
	t.Helper()
	want := jsonRecord(t, doc)
	got, ok := appendRecord(nil, doc)
	if !ok {
		t.Fatalf("appendRecord refused a document encoding/json takes:\n%s", want)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		lo := max(0, i-80)
		t.Fatalf("record differs from encoding/json at byte %d:\n got %s\nwant %s", i, got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
	}
}

// TestRecordFields fills every field of a Document at random, by
// reflection, so that a field added to package document and not to
// appendRecord fails here.
func TestRecordFields(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var doc document.Document
		fill(t, r, reflect.ValueOf(&doc).Elem(), 0)
		checkRecord(t, &doc)
	}
}

func TestRecordArticles(t *testing.T) {
	g := storetest.NewArticles()
	for i := range 20 {
		checkRecord(t, g.Doc(i))
	}
	checkRecord(t, &document.Document{})
	checkRecord(t, document.New("", "text"))
}

func TestRecordRoundTrip(t *testing.T) {
	g := storetest.NewArticles()
	for i := range 5 {
		doc := g.Doc(i)
		rec, err := encodeRecord(doc)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(rec))
		if err != nil {
			t.Fatal(err)
		}
		js, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if want := jsonRecord(t, doc); !bytes.Equal(js, want) {
			t.Fatalf("doc %d: gunzipped record is not encoding/json's", i)
		}
		back, err := decodeRecord(rec, doc.Text)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(doc, back); diff != "" {
			t.Fatalf("doc %d: (-saved +read):\n%s", i, diff)
		}
	}
}

// TestRecordUnsupported: what encoding/json cannot encode is still an
// error.
func TestRecordUnsupported(t *testing.T) {
	for name, doc := range map[string]*document.Document{
		"NaN":       {Events: []document.Event{{Intensity: math.NaN()}}},
		"Inf":       {Events: []document.Event{{Intensity: math.Inf(-1)}}},
		"year 1e4":  {Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		"year -1":   {Published: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)},
		"zone 25 h": {Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("", 25*3600))},
	} {
		if _, err := encodeRecord(doc); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzRecordString(f *testing.F) {
	for _, s := range stringPool {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkRecord(t, &document.Document{Schema: s, Tokens: []document.Token{{Text: s, Norm: s}}, Warnings: []string{s}})
	})
}

var stringPool = []string{
	"", "a", "Trump", "O'Brien", `say "hi"`, `back\slash`, "<b>&amp;</b>", "tab\tnew\nline\r",
	"\x00\x01\x08\x0c\x1f\x7f", "héllo wörld", "日本語", "emoji 🙂", "sep\u2028par\u2029",
	"bad \xff utf8 \xc3", "\xe2\x80", "2025-03-16", "USAGOV", "-", "\u00a0nbsp",
}

var floatPool = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 2.8, -7.2, 10, 1e-6, 9.99e-7, 1e-7, 1.5e-300,
	5e-324, 1e20, 1e21, 1.7976931348623157e308, 123456789.123456789, -3.3333333333333335}

func fill(t *testing.T, r *rand.Rand, v reflect.Value, depth int) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		if r.IntN(3) > 0 {
			zone := time.UTC
			if r.IntN(2) == 0 {
				zone = time.FixedZone("", (r.IntN(48)-24)*1800)
			}
			v.Set(reflect.ValueOf(time.Date(r.IntN(9999)+1, time.Month(r.IntN(12)+1), r.IntN(28)+1,
				r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(3)*r.IntN(1e9), zone)))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		if r.IntN(4) == 0 {
			b := make([]byte, r.IntN(12))
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			v.SetString(string(b))
		} else {
			v.SetString(stringPool[r.IntN(len(stringPool))])
		}
	case reflect.Int:
		switch r.IntN(4) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(int64(r.IntN(5)) - 1)
		case 2:
			v.SetInt(r.Int64() - math.MaxInt64/2)
		default:
			v.SetInt(int64(r.IntN(100000)))
		}
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Float64:
		if r.IntN(3) == 0 {
			v.SetFloat((r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(60)-30)))
		} else {
			v.SetFloat(floatPool[r.IntN(len(floatPool))])
		}
	case reflect.Pointer:
		if r.IntN(2) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(t, r, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		n := r.IntN(4)
		if n == 0 {
			if r.IntN(2) == 0 {
				v.SetZero()
			} else {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(t, r, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(t, r, v.Field(i), depth+1)
			}
		}
	default:
		t.Fatalf("fill: field of kind %s: teach fill and appendRecord about it", v.Kind())
	}
}

// BenchmarkEncodeRecord compares encodeRecord with what it replaced:
// encoding/json into compress/gzip.
func BenchmarkEncodeRecord(b *testing.B) {
	g := storetest.NewArticles()
	docs := make([]*document.Document, 16)
	for i := range docs {
		docs[i] = g.Doc(i)
	}
	b.Run("record", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := encodeRecord(docs[i%len(docs)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("encoding-json-compress-gzip", func(b *testing.B) {
		zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
		i := 0
		for b.Loop() {
			c := *docs[i%len(docs)]
			c.Text = ""
			var buf bytes.Buffer
			zw.Reset(&buf)
			if err := json.NewEncoder(zw).Encode(&c); err != nil {
				b.Fatal(err)
			}
			zw.Close()
			i++
		}
	})
}
