package sqlstore

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/merge"
	"github.com/parley-news/parley/store"
)

// DB implements store.Store over a Conn.
type DB struct {
	conn   Conn
	d      Dialect
	closed atomic.Bool
	// Now is the clock; tests may replace it.
	Now func() time.Time
}

var _ store.Store = (*DB)(nil)

// New returns a store over conn, which must already be migrated.
func New(conn Conn, d Dialect) *DB {
	return &DB{conn: conn, d: d, Now: time.Now}
}

// Close implements store.Store.
func (db *DB) Close() error {
	if db.closed.Swap(true) {
		return nil
	}
	return db.conn.Close()
}

func (db *DB) check(ctx context.Context) error {
	if db.closed.Load() {
		return store.ErrClosed
	}
	return ctx.Err()
}

func (db *DB) q(s string) string { return db.d.Rebind(s) }

const timeLayout = time.RFC3339Nano

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Outlet is the publisher a source stands for: a URL's host without
// "www.", else the source itself.
func Outlet(source string) string {
	if u, err := url.Parse(source); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return source
}

// Bands splits a SimHash into the four 16-bit bands that are indexed.
func Bands(h uint64) [4]int64 {
	return [4]int64{int64(h >> 48), int64(h >> 32 & 0xffff), int64(h >> 16 & 0xffff), int64(h & 0xffff)}
}

func decodeRecord(b []byte, text string) (*document.Document, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var doc document.Document
	if err := json.NewDecoder(zr).Decode(&doc); err != nil {
		return nil, err
	}
	doc.Text = text
	return &doc, nil
}

// SaveDocument implements store.Store.
func (db *DB) SaveDocument(ctx context.Context, e store.Entry) (store.SaveResult, error) {
	rs, err := db.SaveDocuments(ctx, []store.Entry{e})
	if err != nil {
		return store.SaveResult{}, err
	}
	return rs[0], nil
}

// SaveDocuments implements store.Store.
//
// A batch costs few round trips whatever its size: one insert per
// document for its key, the merge candidates of the whole batch in a few
// queries, and every other row sent together at the end (one pipelined
// batch on PostgreSQL, prepared statements on SQLite). Merged events keep
// running counts, so saving does not slow down as they gather mentions.
func (db *DB) SaveDocuments(ctx context.Context, entries []store.Entry) ([]store.SaveResult, error) {
	if err := db.check(ctx); err != nil {
		return nil, err
	}
	for i := range entries {
		if err := store.Validate(&entries[i]); err != nil {
			return nil, err
		}
	}
	// Encoding the records is the costliest part of saving that needs no
	// database; do it before taking the write lock.
	recs := make([][]byte, len(entries))
	for i := range entries {
		rec, err := encodeRecord(entries[i].Doc)
		if err != nil {
			return nil, fmt.Errorf("save %.12s: encode: %w", entries[i].Doc.ID, err)
		}
		recs[i] = rec
	}
	tx, err := db.conn.BeginWrite(ctx)
	if err != nil {
		return nil, fmt.Errorf("save: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	now := db.Now().UTC()
	res := make([]store.SaveResult, len(entries))
	b := newBatch()
	var docs []*savedDoc
	for i := range entries {
		res[i].ID = entries[i].Doc.ID
		d, err := db.saveOne(ctx, tx, &entries[i], recs[i], now, b)
		if err != nil {
			return nil, fmt.Errorf("save %.12s: %w", entries[i].Doc.ID, err)
		}
		if d != nil {
			res[i].Created = true
			docs = append(docs, d)
		}
	}
	if err := db.saveEvents(ctx, tx, docs, b); err != nil {
		return nil, fmt.Errorf("save: merge: %w", err)
	}
	if err := b.write(ctx, db, tx); err != nil {
		return nil, fmt.Errorf("save: insert annotations: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("save: commit: %w", err)
	}
	return res, nil
}

// pending collects statements whose results are not needed, sent together
// at the end of a batch.
type pending []Stmt

func (p *pending) add(q string, args ...any) { *p = append(*p, Stmt{q, args}) }

func (db *DB) flush(ctx context.Context, tx Tx, p *pending) error {
	stmts := *p
	*p = (*p)[:0]
	for i := range stmts {
		stmts[i].Query = db.q(stmts[i].Query)
	}
	if b, ok := tx.(Batcher); ok {
		return b.ExecBatch(ctx, stmts)
	}
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s.Query, s.Args...); err != nil {
			return err
		}
	}
	return nil
}

// savedDoc is a document inserted by this batch, whose events are merged
// once every document of the batch is in.
type savedDoc struct {
	pk       int64
	doc      *document.Document
	reported time.Time
	rep      string // reported, formatted as stored
	outlet   string
}

// saveOne inserts the document's row and queues its other rows; it
// returns nil when the document was already stored.
func (db *DB) saveOne(ctx context.Context, tx Tx, e *store.Entry, rec []byte, now time.Time, b *batch) (*savedDoc, error) {
	p := &b.p
	doc := e.Doc
	reported := doc.Published
	if reported.IsZero() {
		reported = now
	}
	var simhash any
	var bands [4]any
	if e.SimHash != 0 {
		simhash = int64(e.SimHash)
		for i, b := range Bands(e.SimHash) {
			bands[i] = b
		}
	}
	outlet := Outlet(doc.Source)
	var pk int64
	err := tx.QueryRow(ctx, db.q(`INSERT INTO documents (id, source, outlet, title, published, published_from, reported,
		language, skipped, simhash, band0, band1, band2, band3, nbytes, nevents, nquotes, stored)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING RETURNING pk`),
		doc.ID, doc.Source, outlet, doc.Title, formatTime(doc.Published), doc.PublishedFrom, formatTime(reported),
		doc.Language, e.Skipped, simhash, bands[0], bands[1], bands[2], bands[3], len(doc.Text), len(doc.Events), len(doc.Quotes),
		formatTime(now)).Scan(&pk)
	if errors.Is(err, ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("insert document: %w", err)
	}
	// The text and the record live apart from the document's row, so that
	// scans and joins over documents read small rows.
	b.bodies.add(pk, doc.Title, doc.Text, rec)
	if db.d.InsertDocFTS != "" {
		p.add(db.d.InsertDocFTS, pk, doc.Title, doc.Text)
	}
	if e.NearDuplicateOf != "" {
		if err := db.linkDuplicate(ctx, tx, store.Duplicate{ID: doc.ID, Original: e.NearDuplicateOf, Kind: store.Near, Source: doc.Source, Distance: e.Distance}, now); err != nil {
			return nil, err
		}
	}
	b.addActors(pk, doc)
	b.addQuotes(pk, doc)
	return &savedDoc{pk: pk, doc: doc, reported: reported, rep: formatTime(reported), outlet: outlet}, nil
}

// docActor is what one document says about one actor key.
type docActor struct {
	a              document.Actor
	events, quotes int
}

// addActors records each actor key the document names — its actors, and
// event and quote arguments without one, under their text key — once per
// document, and adds the document's counts to the key's totals.
func (b *batch) addActors(pk int64, doc *document.Document) {
	byKey := map[string]*docActor{}
	var order []string
	get := func(key string, a document.Actor) *docActor {
		if key == "" || strings.HasPrefix(key, "?") {
			return nil
		}
		da, ok := byKey[key]
		if !ok {
			da = &docActor{a: a}
			byKey[key] = da
			order = append(order, key)
		}
		return da
	}
	for _, a := range doc.Actors {
		get(merge.ActorKey(doc, a.ID, a.Code, a.Name), a)
	}
	arg := func(actorID, code, text string) *docActor {
		key := merge.ActorKey(doc, actorID, code, text)
		a := document.Actor{Name: text, Code: code}
		for _, x := range doc.Actors {
			if x.ID == actorID {
				a = x
			}
		}
		return get(key, a)
	}
	for _, ev := range doc.Events {
		src := arg(ev.SourceActor, ev.Source, ev.SourceText)
		if src != nil {
			src.events++
		}
		if tgt := arg(ev.TargetActor, ev.Target, ev.TargetText); tgt != nil && tgt != src {
			tgt.events++
		}
	}
	for _, q := range doc.Quotes {
		if sp := arg(q.SpeakerActor, "", q.SpeakerText); sp != nil {
			sp.quotes++
		}
	}
	for _, key := range order {
		da := byKey[key]
		a := da.a
		norm := merge.NormName(a.Name)
		b.docActors.add(pk, key, a.ID, a.Name, norm, a.Kind, a.Code, a.Country, a.Role, a.Known)
		t := b.actors[key]
		if t == nil {
			t = &actorTotals{a: a, norm: norm}
			b.actors[key] = t
			b.actorOrder = append(b.actorOrder, key)
		}
		t.docs++
		t.events += da.events
		t.quotes += da.quotes
	}
}

func spanOr(s *document.Span) (int, int) {
	if s == nil {
		return -1, -1
	}
	return s.Start, s.End
}

func (b *batch) addQuotes(pk int64, doc *document.Document) {
	for i, q := range doc.Quotes {
		ss, se := spanOr(q.Speaker)
		cs, ce := spanOr(q.Cue)
		key := merge.ActorKey(doc, q.SpeakerActor, "", q.SpeakerText)
		b.quotes.add(pk, i, q.Start, q.End, q.Text, q.Direct, ss, se, q.SpeakerText, q.SpeakerActor, key, cs, ce, q.CueText, q.Signal, q.Date, q.Tone)
	}
	if len(doc.Quotes) > 0 {
		b.quoteDocs = append(b.quoteDocs, pk)
	}
}

// HasDocument implements store.Store.
func (db *DB) HasDocument(ctx context.Context, id string) (bool, error) {
	if err := db.check(ctx); err != nil {
		return false, err
	}
	var n int
	if err := db.conn.Reader().QueryRow(ctx, db.q(`SELECT count(*) FROM documents WHERE id = ?`), id).Scan(&n); err != nil {
		return false, fmt.Errorf("has document: %w", err)
	}
	return n > 0, nil
}

// Document implements store.Store.
func (db *DB) Document(ctx context.Context, id string) (*document.Document, error) {
	if err := db.check(ctx); err != nil {
		return nil, err
	}
	var text string
	var rec []byte
	err := db.conn.Reader().QueryRow(ctx, db.q(`SELECT b.text, b.record FROM documents d JOIN document_bodies b ON b.pk = d.pk
		WHERE d.id = ?`), id).Scan(&text, &rec)
	if errors.Is(err, ErrNoRows) {
		return nil, fmt.Errorf("document %.12s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("document: %w", err)
	}
	doc, err := decodeRecord(rec, text)
	if err != nil {
		return nil, fmt.Errorf("document %.12s: decode: %w", id, err)
	}
	return doc, nil
}

// LinkDuplicate implements store.Store.
func (db *DB) LinkDuplicate(ctx context.Context, d store.Duplicate) error {
	if err := db.check(ctx); err != nil {
		return err
	}
	if d.Kind != store.Exact && d.Kind != store.Near {
		return fmt.Errorf("%w: duplicate kind %q", store.ErrInvalid, d.Kind)
	}
	if d.Original == "" || (d.ID == "" && d.Kind == store.Near) {
		return fmt.Errorf("%w: duplicate without IDs", store.ErrInvalid)
	}
	if d.ID == "" {
		d.ID = d.Original
	}
	tx, err := db.conn.BeginWrite(ctx)
	if err != nil {
		return fmt.Errorf("link duplicate: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := db.linkDuplicate(ctx, tx, d, db.Now().UTC()); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("link duplicate: commit: %w", err)
	}
	return nil
}

func (db *DB) linkDuplicate(ctx context.Context, tx Tx, d store.Duplicate, now time.Time) error {
	var n int
	if err := tx.QueryRow(ctx, db.q(`SELECT count(*) FROM documents WHERE id = ?`), d.Original).Scan(&n); err != nil {
		return fmt.Errorf("link duplicate: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("link duplicate: original %.12s: %w", d.Original, store.ErrNotFound)
	}
	_, err := tx.Exec(ctx, db.q(`INSERT INTO duplicates (id, original, kind, source, distance, created)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`), d.ID, d.Original, d.Kind, d.Source, d.Distance, formatTime(now))
	if err != nil {
		return fmt.Errorf("link duplicate: %w", err)
	}
	return nil
}

// nearDuplicatesQuery finds the documents that share a SimHash band.
var nearDuplicatesQuery = func() string {
	var parts []string
	for i := range 4 {
		parts = append(parts, fmt.Sprintf(`SELECT id, simhash FROM documents WHERE band%d = ? AND simhash IS NOT NULL`, i))
	}
	return strings.Join(parts, " UNION ALL ")
}()

// NearDuplicates implements store.Store.
func (db *DB) NearDuplicates(ctx context.Context, hash uint64, maxDistance int) ([]store.Fingerprint, error) {
	if err := db.check(ctx); err != nil {
		return nil, err
	}
	if hash == 0 {
		return nil, nil
	}
	b := Bands(hash)
	// A UNION ALL, not an OR: SQLite reads each partial band index only
	// when the band is alone in its condition. A document sharing several
	// bands comes once per band and is kept once below, which costs less
	// than UNION's temporary table.
	rows, err := db.conn.Reader().Query(ctx, db.q(nearDuplicatesQuery), b[0], b[1], b[2], b[3])
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	defer rows.Close()
	var out []store.Fingerprint
	for rows.Next() {
		var f store.Fingerprint
		var h int64
		if err := rows.Scan(&f.ID, &h); err != nil {
			return nil, fmt.Errorf("near duplicates: %w", err)
		}
		f.SimHash = uint64(h)
		f.Distance = bits.OnesCount64(f.SimHash ^ hash)
		if f.Distance <= maxDistance && !slices.ContainsFunc(out, func(g store.Fingerprint) bool { return g.ID == f.ID }) {
			out = append(out, f)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Distance != out[j].Distance {
			return out[i].Distance < out[j].Distance
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Stats implements store.Store.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	var s store.Stats
	if err := db.check(ctx); err != nil {
		return s, err
	}
	r := db.conn.Reader()
	counts := []struct {
		q   string
		dst *int
	}{
		{`SELECT count(*) FROM documents`, &s.Documents},
		{`SELECT count(*) FROM documents WHERE skipped <> ''`, &s.Skipped},
		{`SELECT count(*) FROM duplicates WHERE kind = 'exact'`, &s.ExactDuplicates},
		{`SELECT count(*) FROM duplicates WHERE kind = 'near'`, &s.NearDuplicates},
		{`SELECT count(*) FROM events`, &s.Events},
		{`SELECT count(*) FROM merged_events`, &s.MergedEvents},
		{`SELECT count(*) FROM quotes`, &s.Quotes},
		{`SELECT count(*) FROM actors`, &s.Actors},
	}
	for _, c := range counts {
		if err := r.QueryRow(ctx, c.q).Scan(c.dst); err != nil {
			return s, fmt.Errorf("stats: %w", err)
		}
	}
	s.Analyzed = s.Documents - s.Skipped
	rows, err := r.Query(ctx, `SELECT skipped, count(*) FROM documents WHERE skipped <> '' GROUP BY skipped`)
	if err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return s, fmt.Errorf("stats: %w", err)
		}
		if s.SkippedBy == nil {
			s.SkippedBy = map[string]int{}
		}
		s.SkippedBy[k] = n
	}
	return s, rows.Err()
}
