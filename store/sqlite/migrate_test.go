package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlite"
	"github.com/parley-news/parley/store/storetest"
)

// TestMigrationBackfill takes a store back to schema version 1 (dropping
// what 0002 adds) and checks that reopening migrates it and backfills the
// actor counts to what saving computes.
func TestMigrationBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	pair := func(b *storetest.Builder) *storetest.Builder {
		return b.Actor("trump", "Donald Trump", "USAGOV", true).Actor("putin", "Vladimir Putin", "RUSGOV", true)
	}
	a := pair(storetest.NewDoc(t, "a", "2025-03-16", "Trump spoke with Putin. Putin said “fine”.")).
		Event("CONSULT", "trump", "putin", "spoke", "", "occurred").Quote("fine", "Putin", "putin", "assertion")
	b := pair(storetest.NewDoc(t, "b", "2025-03-17", "Trump and Putin met the Pope.")).
		Event("CONSULT", "trump", "", "met", "", "occurred")
	b.Doc.Events[0].TargetText = "the Pope"
	if _, err := s.SaveDocuments(ctx, []store.Entry{a.Entry(), b.Entry()}); err != nil {
		t.Fatal(err)
	}
	want, _, err := s.FindActors(ctx, store.ActorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DROP INDEX actors_ndocs`, `DROP INDEX actors_code`, `DROP INDEX actors_name`,
		`ALTER TABLE actors DROP COLUMN kind`, `ALTER TABLE actors DROP COLUMN country`, `ALTER TABLE actors DROP COLUMN known`,
		`ALTER TABLE actors DROP COLUMN ndocs`, `ALTER TABLE actors DROP COLUMN nevents`, `ALTER TABLE actors DROP COLUMN nquotes`,
		`DELETE FROM schema_migrations WHERE version = 2`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()

	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, _, err := s.FindActors(ctx, store.ActorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("actors after backfill (-saved +migrated):\n%s", diff)
	}
	if len(want) != 3 {
		t.Errorf("%d actors; want trump, putin and the pope", len(want))
	}
}

// TestMigrationMergedCounts takes a store back to schema version 5
// (before merged events kept running counts), reopens it, saves one more
// report of its event, and checks the merged event against a store that
// saved all three reports with the current schema.
func TestMigrationMergedCounts(t *testing.T) {
	ctx := context.Background()
	pair := func(b *storetest.Builder) *storetest.Builder {
		return b.Actor("trump", "Donald Trump", "USAGOV", true).Actor("putin", "Vladimir Putin", "RUSGOV", true)
	}
	docs := []store.Entry{
		pair(storetest.NewDoc(t, "https://a.example/1", "2025-03-16", "Trump spoke with Putin.")).
			Event("CONSULT", "trump", "putin", "spoke", "2025-03-16", "occurred").Entry(),
		pair(storetest.NewDoc(t, "https://b.example/1", "2025-03-17", "Trump called Putin.")).
			Event("CONSULT", "trump", "putin", "called", "2025-03-16", "occurred").Entry(),
		pair(storetest.NewDoc(t, "https://a.example/2", "2025-03-15", "Trump will talk to Putin.")).
			Event("CONSULT", "trump", "putin", "talk", "2025-03-16", "planned").Entry(),
	}
	merged := func(s store.Store) []store.MergedEvent {
		t.Helper()
		got, _, err := s.FindMergedEvents(ctx, store.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	fresh, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	for _, e := range docs {
		if _, err := fresh.SaveDocument(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	want := merged(fresh)

	path := filepath.Join(t.TempDir(), "parley.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveDocuments(ctx, docs[:2]); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DROP TABLE merged_outlets`, `ALTER TABLE merged_events DROP COLUMN intensity_sum`,
		`DROP INDEX merged_events_key`, `CREATE INDEX merged_events_key ON merged_events(type, source_key, target_key, date_from)`,
		`DELETE FROM schema_migrations WHERE version = 6`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SaveDocument(ctx, docs[2]); err != nil {
		t.Fatal(err)
	}
	got := merged(s)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged events after migration (-fresh +migrated):\n%s", diff)
	}
	if len(got) != 1 || got[0].NumMentions != 3 || got[0].NumSources != 2 {
		t.Errorf("merged = %+v; want one event, 3 mentions from 2 outlets", got)
	}
}
