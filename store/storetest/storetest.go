// Package storetest is the contract every store.Store backend passes: one
// suite, run from each backend's tests with a function that opens a fresh,
// empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/store"
)

// Opener returns a new empty store; the suite closes it.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite against stores from open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"SaveIdempotent", testSaveIdempotent},
		{"SaveInvalidIsAtomic", testSaveInvalid},
		{"RoundTrip", testRoundTrip},
		{"Skipped", testSkipped},
		{"Duplicates", testDuplicates},
		{"NearDuplicates", testNearDuplicates},
		{"MergeEvents", testMergeEvents},
		{"PronounsDoNotMerge", testPronouns},
		{"ActorlessDoNotMerge", testActorless},
		{"MergedCountsAcrossBatches", testMergedCounts},
		{"FindEvents", testFindEvents},
		{"FindQuotes", testFindQuotes},
		{"FindActors", testFindActors},
		{"FindDocuments", testFindDocuments},
		{"Closed", testClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

// Builder makes hand-annotated documents: spans are found by searching
// the text, so tests read like the article.
type Builder struct {
	Doc *document.Document
	t   testing.TB
}

// NewDoc starts a document published on day (YYYY-MM-DD, or "" unknown).
func NewDoc(t testing.TB, source, day, text string) *Builder {
	d := document.New(source, text)
	d.ID = store.DocumentID(text)
	d.Language = "en"
	if day != "" {
		p, err := time.Parse("2006-01-02", day)
		if err != nil {
			t.Fatal(err)
		}
		d.Published = p
		d.PublishedFrom = "flag"
	}
	return &Builder{Doc: d, t: t}
}

// Span returns the span of the first occurrence of s.
func (b *Builder) Span(s string) document.Span {
	i := strings.Index(b.Doc.Text, s)
	if i < 0 {
		b.t.Fatalf("%q not in text", s)
	}
	return document.Span{Start: i, End: i + len(s)}
}

// Actor adds a known actor.
func (b *Builder) Actor(id, name, code string, known bool) *Builder {
	b.Doc.Actors = append(b.Doc.Actors, document.Actor{ID: id, Name: name, Kind: "person", Code: code, Known: known})
	return b
}

// Event adds an event whose trigger is trigger and evidence the sentence
// holding it.
func (b *Builder) Event(typ, src, tgt, trigger, date, status string) *Builder {
	tr := b.Span(trigger)
	ev := document.Event{
		ID: fmt.Sprintf("e%d", len(b.Doc.Events)+1), Type: typ, CAMEO: "040", QuadClass: 1, Intensity: 1,
		SourceActor: src, TargetActor: tgt, Date: date, Status: status,
		Trigger: tr, Evidence: document.Span{Start: 0, End: len(b.Doc.Text)}, Text: b.Doc.Text,
	}
	for _, a := range b.Doc.Actors {
		if a.ID == src {
			ev.SourceText, ev.Source = a.Name, a.Code
		}
		if a.ID == tgt {
			ev.TargetText, ev.Target = a.Name, a.Code
		}
	}
	b.Doc.Events = append(b.Doc.Events, ev)
	return b
}

// Quote adds a quote with its speaker.
func (b *Builder) Quote(content, speaker, actor, signal string) *Builder {
	c := b.Span(content)
	sp := b.Span(speaker)
	b.Doc.Quotes = append(b.Doc.Quotes, document.Quote{Span: c, Text: content, Direct: true,
		Speaker: &sp, SpeakerText: speaker, SpeakerActor: actor, Signal: signal, Tone: "neutral"})
	return b
}

// Entry returns the document as an entry to save.
func (b *Builder) Entry() store.Entry { return store.Entry{Doc: b.Doc} }

func save(t *testing.T, s store.Store, es ...store.Entry) []store.SaveResult {
	t.Helper()
	rs, err := s.SaveDocuments(context.Background(), es)
	if err != nil {
		t.Fatalf("SaveDocuments: %v", err)
	}
	return rs
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func testSaveIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := NewDoc(t, "https://a.example/1", "2025-03-17", "Trump met Putin in Riyadh.").
		Actor("trump", "Donald Trump", "USAGOV", true).Actor("putin", "Vladimir Putin", "RUSGOV", true).
		Event("CONSULT", "trump", "putin", "met", "2025-03-16", "occurred")
	b := NewDoc(t, "https://b.example/1", "2025-03-17", "Another text entirely.")
	rs := save(t, s, a.Entry(), b.Entry(), a.Entry())
	want := []store.SaveResult{{ID: a.Doc.ID, Created: true}, {ID: b.Doc.ID, Created: true}, {ID: a.Doc.ID, Created: false}}
	if diff := cmp.Diff(want, rs); diff != "" {
		t.Fatalf("first save (-want +got):\n%s", diff)
	}
	r, err := s.SaveDocument(ctx, a.Entry())
	if err != nil || r.Created {
		t.Fatalf("second save = %+v, %v; want Created=false", r, err)
	}
	for _, id := range []string{a.Doc.ID, b.Doc.ID} {
		if ok, err := s.HasDocument(ctx, id); err != nil || !ok {
			t.Errorf("HasDocument(%.8s) = %v, %v", id, ok, err)
		}
	}
	if ok, err := s.HasDocument(ctx, store.DocumentID("never saved")); err != nil || ok {
		t.Errorf("HasDocument(unknown) = %v, %v", ok, err)
	}
	st := stats(t, s)
	if st.Documents != 2 || st.Events != 1 || st.MergedEvents != 1 {
		t.Errorf("stats after repeated saves = %+v; want 2 documents, 1 event, 1 merged", st)
	}
	// An entry without ID gets the text's hash.
	c := NewDoc(t, "c", "", "No ID given.")
	c.Doc.ID = ""
	r, err = s.SaveDocument(ctx, c.Entry())
	if err != nil || !r.Created || r.ID != store.DocumentID("No ID given.") {
		t.Errorf("save without ID = %+v, %v", r, err)
	}
}

func testSaveInvalid(t *testing.T, s store.Store) {
	ctx := context.Background()
	good := NewDoc(t, "a", "2025-03-17", "A good document.")
	badID := NewDoc(t, "b", "2025-03-17", "Wrong identity.")
	badID.Doc.ID = store.DocumentID("something else")
	badSpan := NewDoc(t, "c", "2025-03-17", "Short.")
	badSpan.Doc.Entities = []document.Entity{{Span: document.Span{Start: 2, End: 99}, Type: "PER"}}
	for _, tc := range []struct {
		name string
		es   []store.Entry
	}{
		{"id", []store.Entry{good.Entry(), badID.Entry()}},
		{"span", []store.Entry{good.Entry(), badSpan.Entry()}},
		{"nil", []store.Entry{good.Entry(), {}}},
		{"nul", []store.Entry{good.Entry(), NewDoc(t, "d", "", "nul\x00byte").Entry()}},
		{"utf8", []store.Entry{good.Entry(), NewDoc(t, "e", "", "broken \xff text").Entry()}},
	} {
		if _, err := s.SaveDocuments(ctx, tc.es); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: err = %v; want ErrInvalid", tc.name, err)
		}
	}
	if ok, _ := s.HasDocument(ctx, good.Doc.ID); ok {
		t.Errorf("a failed batch stored its valid document")
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	b := NewDoc(t, "https://a.example/x", "2025-03-17", "Putin said “we agree” on Monday.").
		Actor("putin", "Vladimir Putin", "RUSGOV", true).
		Quote("we agree", "Putin", "putin", "assertion").
		Event("AGREE", "putin", "", "agree", "", "agreed")
	b.Doc.Title = "Headline"
	b.Doc.Sentences = []document.Sentence{{Span: document.Span{Start: 0, End: len(b.Doc.Text)}, Text: b.Doc.Text, EndToken: 1}}
	b.Doc.Tokens = []document.Token{{Span: b.Span("Putin"), Text: "Putin", Head: -1, UPOS: "PROPN", SpaceAfter: true}}
	b.Doc.Entities = []document.Entity{{Span: b.Span("Putin"), Text: "Putin", Type: "PER", Actor: "putin"}}
	b.Doc.Timexes = []document.Timex{{Span: b.Span("Monday"), Text: "Monday", Type: "DATE", Value: "2025-03-17", Anchored: true}}
	b.Doc.Warnings = []string{"a warning"}
	save(t, s, b.Entry())
	got, err := s.Document(ctx, b.Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b.Doc, got); diff != "" {
		t.Errorf("Document round trip (-want +got):\n%s", diff)
	}
	if _, err := s.Document(ctx, store.DocumentID("nope")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(unknown) err = %v; want ErrNotFound", err)
	}
}

func testSkipped(t *testing.T, s store.Store) {
	de := NewDoc(t, "de", "2025-03-17", "Das ist ein deutscher Text.")
	de.Doc.Language = "de"
	fr := NewDoc(t, "fr", "2025-03-17", "C'est un texte français.")
	fr.Doc.Language = "fr"
	en := NewDoc(t, "en", "2025-03-17", "An English text.")
	save(t, s, store.Entry{Doc: de.Doc, Skipped: "language:de"}, store.Entry{Doc: fr.Doc, Skipped: "language:fr"}, en.Entry())
	st := stats(t, s)
	want := store.Stats{Documents: 3, Analyzed: 1, Skipped: 2, SkippedBy: map[string]int{"language:de": 1, "language:fr": 1}}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	rows, total, err := s.FindDocuments(context.Background(), store.DocumentFilter{Skipped: "yes"})
	if err != nil || total != 2 || len(rows) != 2 {
		t.Errorf("FindDocuments(skipped) = %d rows, total %d, %v", len(rows), total, err)
	}
}

func testDuplicates(t *testing.T, s store.Store) {
	ctx := context.Background()
	orig := NewDoc(t, "https://a.example/1", "2025-03-17", "The original text.")
	save(t, s, orig.Entry())
	exact := store.Duplicate{ID: orig.Doc.ID, Original: orig.Doc.ID, Kind: store.Exact, Source: "https://b.example/copy"}
	for range 2 {
		if err := s.LinkDuplicate(ctx, exact); err != nil {
			t.Fatalf("LinkDuplicate: %v", err)
		}
	}
	if err := s.LinkDuplicate(ctx, store.Duplicate{Original: store.DocumentID("x"), Kind: store.Exact, Source: "s"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("link to unknown original: %v; want ErrNotFound", err)
	}
	if err := s.LinkDuplicate(ctx, store.Duplicate{ID: orig.Doc.ID, Original: orig.Doc.ID, Kind: "copy"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad kind: %v; want ErrInvalid", err)
	}
	near := NewDoc(t, "https://c.example/2", "2025-03-17", "The original text!")
	r, err := s.SaveDocument(ctx, store.Entry{Doc: near.Doc, Skipped: "near-duplicate", NearDuplicateOf: orig.Doc.ID, Distance: 2})
	if err != nil || !r.Created {
		t.Fatalf("save near duplicate: %+v %v", r, err)
	}
	st := stats(t, s)
	if st.ExactDuplicates != 1 || st.NearDuplicates != 1 || st.Documents != 2 || st.Skipped != 1 {
		t.Errorf("stats = %+v; want 1 exact, 1 near, 2 documents, 1 skipped", st)
	}
}

func testNearDuplicates(t *testing.T, s store.Store) {
	ctx := context.Background()
	const h = uint64(0x0123_4567_89ab_cdef)
	hashes := map[string]uint64{
		"same":    h,
		"one bit": h ^ 1<<63,
		"three":   h ^ (1 | 1<<20 | 1<<40), // three bands differ: found through the fourth
		"four":    h ^ (1 | 1<<20 | 1<<40 | 1<<60),
		"far":     ^h,
	}
	var es []store.Entry
	ids := map[string]string{}
	for name, x := range hashes {
		b := NewDoc(t, name, "2025-03-17", "text "+name)
		ids[b.Doc.ID] = name
		es = append(es, store.Entry{Doc: b.Doc, SimHash: x})
	}
	es = append(es, NewDoc(t, "nohash", "", "no fingerprint").Entry())
	save(t, s, es...)
	got, err := s.NearDuplicates(ctx, h, 3)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range got {
		names = append(names, fmt.Sprintf("%s:%d", ids[f.ID], f.Distance))
		if f.SimHash != hashes[ids[f.ID]] {
			t.Errorf("%s: SimHash %x; want %x", ids[f.ID], f.SimHash, hashes[ids[f.ID]])
		}
	}
	want := []string{"same:0", "one bit:1", "three:3"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("NearDuplicates (-want +got):\n%s", diff)
	}
}

// mergeCorpus saves reports of one meeting from three outlets (two of them
// dating it a day apart), a later meeting of the same pair, and a
// different event type; it returns the first report's ID.
func mergeCorpus(t *testing.T, s store.Store) string {
	pair := func(b *Builder) *Builder {
		return b.Actor("trump", "Donald Trump", "USAGOV", true).Actor("putin", "Vladimir Putin", "RUSGOV", true)
	}
	a := pair(NewDoc(t, "https://www.a.example/1", "2025-03-16", "Trump spoke with Putin by phone on Sunday. Putin said “the talks were useful”.")).
		Event("CONSULT", "trump", "putin", "spoke", "2025-03-16", "occurred").
		Quote("the talks were useful", "Putin", "putin", "assertion")
	b := pair(NewDoc(t, "https://b.example/story", "2025-03-17", "Donald Trump held a call with Vladimir Putin on Monday, officials said.")).
		Event("CONSULT", "trump", "putin", "call", "2025-03-17", "occurred")
	c := pair(NewDoc(t, "https://a.example/2", "2025-03-18", "Trump and Putin talked last week, and Trump threatened new sanctions.")).
		Event("CONSULT", "trump", "putin", "talked", "2025-W11", "occurred").
		Event("THREATEN", "trump", "putin", "threatened", "", "occurred")
	d := pair(NewDoc(t, "https://d.example/later", "2025-05-02", "Trump will meet Putin in May, the Kremlin said.")).
		Event("CONSULT", "trump", "putin", "meet", "2025-05", "planned")
	save(t, s, a.Entry())
	save(t, s, b.Entry(), c.Entry())
	save(t, s, d.Entry())
	return a.Doc.ID
}

func testMergeEvents(t *testing.T, s store.Store) {
	first := mergeCorpus(t, s)
	got, total, err := s.FindMergedEvents(context.Background(), store.EventFilter{WithMentions: true})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Type, From, To                    string
		Mentions, Articles, Sources       int
		FirstReport, LastReport, FirstDoc string
		MentionDocs                       int
	}
	var rows []row
	for _, m := range got {
		rows = append(rows, row{m.Type, m.DateFrom, m.DateTo, m.NumMentions, m.NumArticles, m.NumSources,
			m.FirstReport.Format("2006-01-02"), m.LastReport.Format("2006-01-02"), m.FirstDoc[:8], len(m.Mentions)})
	}
	want := []row{
		// The phone call: a.example twice (www. folded) and b.example; the
		// week-dated mention joins, the day stays the most precise date.
		{"CONSULT", "2025-03-16", "2025-03-16", 3, 3, 2, "2025-03-16", "2025-03-18", first[:8], 3},
		// No stated date: the report's day.
		{"THREATEN", "2025-03-18", "2025-03-18", 1, 1, 1, "2025-03-18", "2025-03-18", "", 1},
		{"CONSULT", "2025-05-01", "2025-05-31", 1, 1, 1, "2025-05-02", "2025-05-02", "", 1},
	}
	for i := range rows {
		if i < len(want) && want[i].FirstDoc == "" {
			want[i].FirstDoc = rows[i].FirstDoc
		}
	}
	if total != 3 {
		t.Errorf("total = %d; want 3", total)
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("merged events (-want +got):\n%s", diff)
	}
	if len(got) > 0 {
		m := got[0]
		if m.SourceKey != "trump" || m.TargetKey != "putin" || m.SourceName != "Donald Trump" || m.SourceCode != "USAGOV" {
			t.Errorf("merged actors = %q/%q %q %q", m.SourceKey, m.TargetKey, m.SourceName, m.SourceCode)
		}
		for _, e := range m.Mentions {
			if e.MergedID != m.ID {
				t.Errorf("mention %s has merged id %q; want %q", e.ID, e.MergedID, m.ID)
			}
			if e.Trigger.Len() == 0 || e.Text == "" {
				t.Errorf("mention lost its evidence: %+v", e)
			}
		}
	}
	// Filters select merged events through their mentions.
	_, n, err := s.FindMergedEvents(context.Background(), store.EventFilter{Status: "planned"})
	if err != nil || n != 1 {
		t.Errorf("planned merged events = %d, %v; want 1", n, err)
	}
}

func testPronouns(t *testing.T, s store.Store) {
	var es []store.Entry
	for _, src := range []string{"https://a.example/1", "https://b.example/1"} {
		b := NewDoc(t, src, "2025-03-16", "He spoke with Putin on Sunday ("+src+").").
			Actor("putin", "Vladimir Putin", "RUSGOV", true).
			Event("CONSULT", "", "putin", "spoke", "2025-03-16", "occurred")
		b.Doc.Events[0].SourceText = "He"
		es = append(es, b.Entry())
	}
	save(t, s, es...)
	_, n, err := s.FindMergedEvents(context.Background(), store.EventFilter{})
	if err != nil || n != 2 {
		t.Errorf("%d merged events, %v; want 2: an unresolved \"He\" is nobody in particular", n, err)
	}
	if rows, _, err := s.FindActors(context.Background(), store.ActorFilter{Actor: "he"}); err != nil || len(rows) != 0 {
		t.Errorf("actors matching \"he\" = %+v, %v; want none", rows, err)
	}
}

func testActorless(t *testing.T, s store.Store) {
	var es []store.Entry
	for _, src := range []string{"https://a.example/1", "https://b.example/1"} {
		b := NewDoc(t, src, "2025-03-16", "Clashes broke out on Sunday ("+src+"), and clashes went on.").
			Event("FIGHT", "", "", "Clashes", "2025-03-16", "occurred").
			Event("FIGHT", "", "", "clashes", "2025-03-16", "occurred")
		es = append(es, b.Entry())
	}
	save(t, s, es...)
	got, n, err := s.FindMergedEvents(context.Background(), store.EventFilter{})
	if err != nil || n != 2 {
		t.Fatalf("%d merged events, %v; want 2: events with no actor merge only within their article", n, err)
	}
	for _, m := range got {
		if m.NumMentions != 2 || m.NumArticles != 1 {
			t.Errorf("merged event %s: %d mentions in %d articles; want 2 in 1", m.ID, m.NumMentions, m.NumArticles)
		}
	}
}

// testMergedCounts saves many reports of one event, in batches of several
// sizes, some outlets reporting it twice, and checks that the merged
// event's running counts are those of its mentions.
func testMergedCounts(t *testing.T, s store.Store) {
	ctx := context.Background()
	var batch []store.Entry
	for i := range 40 {
		day := fmt.Sprintf("2025-03-%02d", 10+(i*7)%5)
		src := fmt.Sprintf("https://outlet%d.example/%d", i%6, i)
		b := NewDoc(t, src, day, fmt.Sprintf("Report %d: Trump met Putin, and Trump met Putin again.", i)).
			Actor("trump", "Donald Trump", "USAGOV", true).Actor("putin", "Vladimir Putin", "RUSGOV", true).
			Event("CONSULT", "trump", "putin", "met", "2025-03", "occurred")
		b.Doc.Events[0].Intensity = float64(i%4) + 0.5
		if i%3 == 0 {
			b.Event("CONSULT", "trump", "putin", "again", "2025-03", "occurred")
		}
		batch = append(batch, b.Entry())
		if len(batch) == 1+i%5 {
			save(t, s, batch...)
			batch = nil
		}
	}
	save(t, s, batch...)
	got, n, err := s.FindMergedEvents(ctx, store.EventFilter{WithMentions: true})
	if err != nil || n != 1 {
		t.Fatalf("%d merged events, %v; want 1", n, err)
	}
	m := got[0]
	docs, outlets := map[string]bool{}, map[string]bool{}
	var sum float64
	first, last := m.Mentions[0].Published, m.Mentions[0].Published
	for _, e := range m.Mentions {
		docs[e.DocID] = true
		outlets[strings.Split(e.DocSource, "/")[2]] = true
		sum += e.Intensity
		if e.Published.Before(first) {
			first = e.Published
		}
		if e.Published.After(last) {
			last = e.Published
		}
	}
	type counts struct {
		Mentions, Articles, Sources int
		First, Last                 string
		Intensity                   string
	}
	want := counts{len(m.Mentions), len(docs), len(outlets), first.Format(time.DateOnly), last.Format(time.DateOnly),
		fmt.Sprintf("%.6f", sum/float64(len(m.Mentions)))}
	gotc := counts{m.NumMentions, m.NumArticles, m.NumSources, m.FirstReport.Format(time.DateOnly), m.LastReport.Format(time.DateOnly),
		fmt.Sprintf("%.6f", m.Intensity)}
	if diff := cmp.Diff(want, gotc); diff != "" {
		t.Errorf("merged counts (-mentions +stored):\n%s", diff)
	}
	if want.Mentions != 54 || want.Articles != 40 || want.Sources != 6 {
		t.Errorf("corpus: %+v; want 54 mentions in 40 articles from 6 outlets", want)
	}
	// The first report is the first saved of the earliest day.
	var firstDoc string
	for _, e := range m.Mentions {
		if e.Published.Equal(first) {
			firstDoc = e.DocID
			break
		}
	}
	if m.FirstDoc != firstDoc {
		t.Errorf("first doc %.8s; want %.8s", m.FirstDoc, firstDoc)
	}
}

func testFindEvents(t *testing.T, s store.Store) {
	mergeCorpus(t, s)
	ctx := context.Background()
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	for _, tc := range []struct {
		name string
		f    store.EventFilter
		want []string // triggers
	}{
		{"all", store.EventFilter{}, []string{"talked", "spoke", "call", "threatened", "meet"}},
		{"actor id", store.EventFilter{Actor: "putin", Type: "THREATEN"}, []string{"threatened"}},
		{"actor name", store.EventFilter{Actor: "Vladimir Putin", Status: "planned"}, []string{"meet"}},
		{"actor code", store.EventFilter{Actor: "usagov", Type: "THREATEN"}, []string{"threatened"}},
		{"unknown actor", store.EventFilter{Actor: "Zelensky"}, nil},
		{"dates", store.EventFilter{From: day("2025-03-16"), To: day("2025-03-17")}, []string{"spoke", "call"}},
		{"search", store.EventFilter{Query: "sanctions"}, []string{"talked", "threatened"}},
		{"search phrase", store.EventFilter{Query: `"held a call"`}, []string{"call"}},
		{"limit", store.EventFilter{Limit: 2, Offset: 1}, []string{"spoke", "call"}},
	} {
		rows, total, err := s.FindEvents(ctx, tc.f)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Text[r.Trigger.Start:r.Trigger.End])
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		if tc.f.Limit == 0 && total != len(tc.want) {
			t.Errorf("%s: total %d; want %d", tc.name, total, len(tc.want))
		}
		if tc.f.Limit > 0 && total != 5 {
			t.Errorf("%s: total %d; want 5", tc.name, total)
		}
	}
	if _, _, err := s.FindEvents(ctx, store.EventFilter{Query: `""`}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("empty search: %v; want ErrInvalid", err)
	}
}

func testFindQuotes(t *testing.T, s store.Store) {
	mergeCorpus(t, s)
	ctx := context.Background()
	for _, tc := range []struct {
		f    store.QuoteFilter
		want int
	}{
		{store.QuoteFilter{}, 1},
		{store.QuoteFilter{Actor: "Putin"}, 1},
		{store.QuoteFilter{Actor: "trump"}, 0},
		{store.QuoteFilter{Query: "useful"}, 1},
		{store.QuoteFilter{Query: "sanctions"}, 0},
		{store.QuoteFilter{Signal: "assertion", From: time.Date(2025, 3, 16, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 3, 16, 0, 0, 0, 0, time.UTC)}, 1},
		{store.QuoteFilter{From: time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)}, 0},
	} {
		rows, total, err := s.FindQuotes(ctx, tc.f)
		if err != nil || total != tc.want || len(rows) != tc.want {
			t.Errorf("FindQuotes(%+v) = %d rows, total %d, %v; want %d", tc.f, len(rows), total, err, tc.want)
			continue
		}
		if tc.want > 0 {
			q := rows[0]
			if q.Text != "the talks were useful" || q.SpeakerKey != "putin" || q.Speaker == nil || q.Speaker.Len() != 5 {
				t.Errorf("quote = %+v", q)
			}
		}
	}
}

func testFindActors(t *testing.T, s store.Store) {
	mergeCorpus(t, s)
	rows, total, err := s.FindActors(context.Background(), store.ActorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 2 || len(rows) != 2 {
		t.Fatalf("actors = %+v (total %d); want trump and putin", rows, total)
	}
	want := []store.ActorRow{
		{Key: "putin", Name: "Vladimir Putin", Kind: "person", Code: "RUSGOV", Known: true, Documents: 4, Events: 5, Quotes: 1},
		{Key: "trump", Name: "Donald Trump", Kind: "person", Code: "USAGOV", Known: true, Documents: 4, Events: 5},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("actors (-want +got):\n%s", diff)
	}
	rows, _, err = s.FindActors(context.Background(), store.ActorFilter{Actor: "vladimir"})
	if err != nil || len(rows) != 1 || rows[0].Key != "putin" {
		t.Errorf("actor search = %+v, %v", rows, err)
	}
}

func testFindDocuments(t *testing.T, s store.Store) {
	mergeCorpus(t, s)
	ctx := context.Background()
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	for _, tc := range []struct {
		name string
		f    store.DocumentFilter
		want []string
	}{
		{"all newest first", store.DocumentFilter{}, []string{"https://d.example/later", "https://a.example/2", "https://b.example/story", "https://www.a.example/1"}},
		{"dates", store.DocumentFilter{From: day("2025-03-17"), To: day("2025-03-18")}, []string{"https://a.example/2", "https://b.example/story"}},
		{"search", store.DocumentFilter{Query: "Kremlin OR sanctions"}, []string{"https://d.example/later", "https://a.example/2"}},
		{"prefix", store.DocumentFilter{Query: "offic*"}, []string{"https://b.example/story"}},
		{"source", store.DocumentFilter{Source: "https://b.example/story"}, []string{"https://b.example/story"}},
	} {
		rows, total, err := s.FindDocuments(ctx, tc.f)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Source)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" || total != len(tc.want) {
			t.Errorf("%s: total %d (-want +got):\n%s", tc.name, total, diff)
		}
	}
}

func testClosed(t *testing.T, s store.Store) {
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.HasDocument(context.Background(), "x"); !errors.Is(err, store.ErrClosed) {
		t.Errorf("HasDocument after Close: %v; want ErrClosed", err)
	}
	if _, err := s.SaveDocument(context.Background(), NewDoc(t, "a", "", "text").Entry()); !errors.Is(err, store.ErrClosed) {
		t.Errorf("SaveDocument after Close: %v; want ErrClosed", err)
	}
}
