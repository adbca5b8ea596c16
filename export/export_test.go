package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/export"
	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlite"
	"github.com/parley-news/parley/store/storetest"
)

// corpus stores two reports of one call and a third of a later meeting.
func corpus(t *testing.T) store.Store {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	pair := func(b *storetest.Builder) *storetest.Builder {
		return b.Actor("trump", "Donald Trump", "USAGOV", true).Actor("putin", "Vladimir Putin", "RUSGOV", true)
	}
	a := pair(storetest.NewDoc(t, "https://a.example/1", "2025-03-16", "Trump spoke with Putin by phone on Sunday, \"officials\" said.")).
		Event("CONSULT", "trump", "putin", "spoke", "2025-03-16", "occurred")
	b := pair(storetest.NewDoc(t, "https://b.example/2", "2025-03-17", "Donald Trump held a call with Vladimir Putin.\tTabs, too.")).
		Event("CONSULT", "trump", "putin", "call", "2025-03-16", "occurred")
	c := pair(storetest.NewDoc(t, "https://c.example/3", "2025-05-02", "Trump will meet Putin in May.")).
		Event("CONSULT", "trump", "putin", "meet", "2025-05", "planned")
	c.Doc.Events[0].Place = "Istanbul"
	if _, err := s.SaveDocuments(context.Background(), []store.Entry{a.Entry(), b.Entry(), c.Entry()}); err != nil {
		t.Fatal(err)
	}
	return s
}

func write(t *testing.T, s store.Store, format string) []byte {
	var buf bytes.Buffer
	if _, err := export.Write(context.Background(), s, format, store.EventFilter{}, &buf); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

func TestCSVAndParquetAgree(t *testing.T) {
	s := corpus(t)
	recs, err := csv.NewReader(bytes.NewReader(write(t, s, "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(export.EventColumns(), recs[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if len(recs) != 4 {
		t.Fatalf("csv has %d lines; want header + 3", len(recs))
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	var triggers []string
	for _, r := range recs[1:] {
		triggers = append(triggers, r[col["trigger"]])
	}
	if diff := cmp.Diff([]string{"spoke", "call", "meet"}, triggers); diff != "" {
		t.Errorf("csv triggers (-want +got):\n%s", diff)
	}
	if recs[1][col["merged_id"]] != recs[2][col["merged_id"]] || recs[1][col["merged_id"]] == recs[3][col["merged_id"]] {
		t.Errorf("merged ids %q %q %q: want the first two equal", recs[1][col["merged_id"]], recs[2][col["merged_id"]], recs[3][col["merged_id"]])
	}

	pq := write(t, s, "parquet")
	rows, err := parquet.Read[export.EventRecord](bytes.NewReader(pq), int64(len(pq)))
	if err != nil {
		t.Fatalf("read parquet back: %v", err)
	}
	var fromParquet [][]string
	for _, r := range rows {
		fromParquet = append(fromParquet, r.Values())
	}
	if diff := cmp.Diff(recs[1:], fromParquet); diff != "" {
		t.Errorf("parquet rows differ from csv rows (-csv +parquet):\n%s", diff)
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	s := corpus(t)
	lines := strings.Split(strings.TrimSpace(string(write(t, s, "jsonl"))), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines; want 3", len(lines))
	}
	for _, l := range lines {
		var doc document.Document
		if err := json.Unmarshal([]byte(l), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.ID != store.DocumentID(doc.Text) || len(doc.Events) != 1 || len(doc.Actors) != 2 {
			t.Errorf("document %.8s: id ok=%v, %d events, %d actors", doc.ID, doc.ID == store.DocumentID(doc.Text), len(doc.Events), len(doc.Actors))
		}
	}
}

func TestGDELT(t *testing.T) {
	s := corpus(t)
	lines := strings.Split(strings.TrimSuffix(string(write(t, s, "gdelt")), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d rows; want 2 merged events", len(lines))
	}
	col := map[string]int{}
	for i, c := range export.GDELTColumns {
		col[c] = i
	}
	if len(export.GDELTColumns) != 61 {
		t.Fatalf("%d GDELT columns; want 61", len(export.GDELTColumns))
	}
	type row struct{ Day, A1, A1Country, A1Type, A2Name, Code, Mentions, Sources, Articles, Place, URL string }
	var got []row
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 61 {
			t.Fatalf("row has %d fields; want 61: %q", len(f), l)
		}
		got = append(got, row{f[col["Day"]], f[col["Actor1Code"]], f[col["Actor1CountryCode"]], f[col["Actor1Type1Code"]],
			f[col["Actor2Name"]], f[col["EventCode"]], f[col["NumMentions"]], f[col["NumSources"]], f[col["NumArticles"]],
			f[col["ActionGeo_FullName"]], f[col["SOURCEURL"]]})
	}
	want := []row{
		{"20250316", "USAGOV", "USA", "GOV", "VLADIMIR PUTIN", "040", "2", "2", "2", "", "https://a.example/1"},
		{"20250501", "USAGOV", "USA", "GOV", "VLADIMIR PUTIN", "040", "1", "1", "1", "Istanbul", "https://c.example/3"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GDELT rows (-want +got):\n%s", diff)
	}
}

func TestPLOVER(t *testing.T) {
	s := corpus(t)
	var got []export.PLOVERRecord
	for _, l := range strings.Split(strings.TrimSpace(string(write(t, s, "plover"))), "\n") {
		var r export.PLOVERRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if len(got) != 3 {
		t.Fatalf("%d records; want 3", len(got))
	}
	r := got[0]
	want := []export.PLOVERActor{{ActorText: "Donald Trump", Code: "USA", Sector: "GOV", Key: "trump"}}
	if diff := cmp.Diff(want, r.Source); diff != "" {
		t.Errorf("source (-want +got):\n%s", diff)
	}
	if r.Event != "CONSULT" || r.EventText != "spoke" || r.Date != "2025-03-16" || r.Publication != "https://a.example/1" {
		t.Errorf("record = %+v", r)
	}
	if got[2].Date != "2025-05" || got[2].EventLoc == nil || got[2].EventLoc.Name != "Istanbul" {
		t.Errorf("vague-date record = %+v", got[2])
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := export.Write(context.Background(), corpus(t), "xml", store.EventFilter{}, &bytes.Buffer{}); err == nil {
		t.Error("no error for an unknown format")
	}
}

// TestGDELTToneAndGeo checks AvgTone (share of positive minus share of
// negative mentions, in percent) and ActionGeo for a country, a capital
// and a place the dictionary does not know.
func TestGDELTToneAndGeo(t *testing.T) {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pair := func(b *storetest.Builder) *storetest.Builder {
		return b.Actor("trump", "Donald Trump", "USAGOV", true).Actor("putin", "Vladimir Putin", "RUSGOV", true)
	}
	var es []store.Entry
	for i, tc := range []struct{ text, place, typ string }{
		{"Trump welcomed a successful and friendly call with Putin.", "Ukraine", "CONSULT"},
		{"Trump held a terrible, hostile call with Putin.", "Ukraine", "CONSULT"},
		{"Trump held a good and useful call with Putin.", "Ukraine", "CONSULT"},
		{"Trump will meet Putin.", "Kyiv", "AGREE"},
		{"Trump criticised Putin.", "Lakeville", "ACCUSE"},
	} {
		b := pair(storetest.NewDoc(t, fmt.Sprintf("https://o%d.example/", i), "2025-03-16", tc.text)).
			Event(tc.typ, "trump", "putin", "Putin", "2025-03-16", "occurred")
		b.Doc.Events[0].Place = tc.place
		es = append(es, b.Entry())
	}
	if _, err := s.SaveDocuments(context.Background(), es); err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range export.GDELTColumns {
		col[c] = i
	}
	type row struct{ Type, Mentions, Tone, GeoType, GeoName, GeoCountry string }
	var got []row
	for _, l := range strings.Split(strings.TrimSuffix(string(write(t, s, "gdelt")), "\n"), "\n") {
		f := strings.Split(l, "\t")
		got = append(got, row{f[col["EventCode"]], f[col["NumMentions"]], f[col["AvgTone"]],
			f[col["ActionGeo_Type"]], f[col["ActionGeo_FullName"]], f[col["ActionGeo_CountryCode"]]})
	}
	sort.Slice(got, func(i, j int) bool { return got[i].GeoName < got[j].GeoName })
	want := []row{
		{"040", "1", "0.00", "4", "Kyiv, Ukraine", ""},
		{"040", "1", "-100.00", "0", "Lakeville", ""},
		{"040", "3", "33.33", "1", "Ukraine", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GDELT tone and geo (-want +got):\n%s", diff)
	}
}
