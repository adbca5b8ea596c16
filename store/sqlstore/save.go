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
	"sort"
	"strings"
	"sync"
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

// gzipWriters reuses compressors: a new one allocates its tables, which
// costs more than compressing a record.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

func encodeRecord(doc *document.Document) ([]byte, error) {
	c := *doc
	c.Text = ""
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	if err := json.NewEncoder(zw).Encode(&c); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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
func (db *DB) SaveDocuments(ctx context.Context, entries []store.Entry) ([]store.SaveResult, error) {
	if err := db.check(ctx); err != nil {
		return nil, err
	}
	for i := range entries {
		if err := store.Validate(&entries[i]); err != nil {
			return nil, err
		}
	}
	tx, err := db.conn.BeginWrite(ctx)
	if err != nil {
		return nil, fmt.Errorf("save: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	now := db.Now().UTC()
	res := make([]store.SaveResult, len(entries))
	touched := map[int64]bool{}
	for i := range entries {
		res[i].ID = entries[i].Doc.ID
		created, err := db.saveOne(ctx, tx, &entries[i], now, touched)
		if err != nil {
			return nil, fmt.Errorf("save %.12s: %w", entries[i].Doc.ID, err)
		}
		res[i].Created = created
	}
	if err := db.refreshMerged(ctx, tx, touched); err != nil {
		return nil, fmt.Errorf("save: merge: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("save: commit: %w", err)
	}
	return res, nil
}

// pending collects statements whose results are not needed, sent together
// at the end of a document.
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

func (db *DB) saveOne(ctx context.Context, tx Tx, e *store.Entry, now time.Time, touched map[int64]bool) (bool, error) {
	doc := e.Doc
	var p pending
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
	var pk int64
	err := tx.QueryRow(ctx, db.q(`INSERT INTO documents (id, source, outlet, title, published, published_from, reported,
		language, skipped, simhash, band0, band1, band2, band3, nbytes, nevents, nquotes, stored)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING RETURNING pk`),
		doc.ID, doc.Source, Outlet(doc.Source), doc.Title, formatTime(doc.Published), doc.PublishedFrom, formatTime(reported),
		doc.Language, e.Skipped, simhash, bands[0], bands[1], bands[2], bands[3], len(doc.Text), len(doc.Events), len(doc.Quotes),
		formatTime(now)).Scan(&pk)
	if errors.Is(err, ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("insert document: %w", err)
	}
	rec, err := encodeRecord(doc)
	if err != nil {
		return false, fmt.Errorf("encode: %w", err)
	}
	// The text and the record live apart from the document's row, so that
	// scans and joins over documents read small rows.
	p.add(`INSERT INTO document_bodies (pk, title, text, record) VALUES (?, ?, ?, ?)`, pk, doc.Title, doc.Text, rec)
	if db.d.InsertDocFTS != "" {
		p.add(db.d.InsertDocFTS, pk, doc.Title, doc.Text)
	}
	if e.NearDuplicateOf != "" {
		if err := db.linkDuplicate(ctx, tx, store.Duplicate{ID: doc.ID, Original: e.NearDuplicateOf, Kind: store.Near, Source: doc.Source, Distance: e.Distance}, now); err != nil {
			return false, err
		}
	}
	db.saveActors(pk, doc, &p)
	if err := db.saveQuotes(ctx, tx, pk, doc, &p); err != nil {
		return false, err
	}
	if err := db.saveEvents(ctx, tx, pk, doc, reported, touched, &p); err != nil {
		return false, err
	}
	if err := db.flush(ctx, tx, &p); err != nil {
		return false, fmt.Errorf("insert annotations: %w", err)
	}
	return true, nil
}

// docActor is what one document says about one actor key.
type docActor struct {
	a              document.Actor
	events, quotes int
}

// saveActors records each actor key the document names — its actors, and
// event and quote arguments without one, under their text key — once per
// document, and adds the document's counts to the key's totals.
func (db *DB) saveActors(pk int64, doc *document.Document, p *pending) {
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
		p.add(`INSERT INTO doc_actors (doc_pk, key, actor_id, name, name_norm, kind, code, country, role, known)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			pk, key, a.ID, a.Name, norm, a.Kind, a.Code, a.Country, a.Role, a.Known)
		p.add(`INSERT INTO actors (key, name, name_norm, code, kind, country, known, ndocs, nevents, nquotes)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
			ON CONFLICT (key) DO UPDATE SET ndocs = actors.ndocs + 1, nevents = actors.nevents + excluded.nevents,
			nquotes = actors.nquotes + excluded.nquotes`,
			key, a.Name, norm, a.Code, a.Kind, a.Country, a.Known, da.events, da.quotes)
	}
}

func spanOr(s *document.Span) (int, int) {
	if s == nil {
		return -1, -1
	}
	return s.Start, s.End
}

func (db *DB) saveQuotes(ctx context.Context, tx Tx, pk int64, doc *document.Document, p *pending) error {
	const insert = `INSERT INTO quotes (doc_pk, idx, start_byte, end_byte, text, direct, speaker_start, speaker_end,
			speaker_text, speaker_actor, speaker_key, cue_start, cue_end, cue_text, signal, date, tone)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	for i, q := range doc.Quotes {
		ss, se := spanOr(q.Speaker)
		cs, ce := spanOr(q.Cue)
		key := merge.ActorKey(doc, q.SpeakerActor, "", q.SpeakerText)
		args := []any{pk, i, q.Start, q.End, q.Text, q.Direct, ss, se, q.SpeakerText, q.SpeakerActor, key, cs, ce, q.CueText, q.Signal, q.Date, q.Tone}
		if db.d.InsertQuoteFTS == "" {
			p.add(insert, args...)
			continue
		}
		var qpk int64
		if err := tx.QueryRow(ctx, db.q(insert+` RETURNING pk`), args...).Scan(&qpk); err != nil {
			return fmt.Errorf("insert quote %d: %w", i, err)
		}
		p.add(db.d.InsertQuoteFTS, qpk, q.Text, q.SpeakerText)
	}
	return nil
}

func (db *DB) saveEvents(ctx context.Context, tx Tx, pk int64, doc *document.Document, reported time.Time, touched map[int64]bool, p *pending) error {
	ms := make([]merge.Mention, len(doc.Events))
	for i, ev := range doc.Events {
		from, to, ok := merge.Interval(ev.Date, doc.Published)
		if !ok {
			from, to, _ = merge.Interval("", reported)
		}
		ms[i] = merge.Mention{
			Type:      ev.Type,
			SourceKey: argKey(doc, ev.SourceActor, ev.Source, ev.SourceText),
			TargetKey: argKey(doc, ev.TargetActor, ev.Target, ev.TargetText),
			From:      from, To: to,
		}
	}
	cands, err := db.mergeCandidates(ctx, tx, ms)
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	for i, ev := range doc.Events {
		m := ms[i]
		mpk, joined, err := db.mergeInto(ctx, tx, doc, i, ev, m, reported, cands, p)
		if err != nil {
			return fmt.Errorf("merge event %d: %w", i, err)
		}
		if joined {
			touched[mpk] = true
		}
		ctxJSON := ""
		if len(ev.Context) > 0 {
			b, _ := json.Marshal(ev.Context)
			ctxJSON = string(b)
		}
		p.add(`INSERT INTO events (doc_pk, idx, event_id, type, mode, context, cameo, quad_class, intensity,
			source, source_text, source_actor, source_key, target, target_text, target_actor, target_key, place, date, date_stated,
			date_from, date_to, status, claimed_by, negated, trigger_start, trigger_end, evidence_start, evidence_end, text, merged_pk)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			pk, i, ev.ID, ev.Type, ev.Mode, ctxJSON, ev.CAMEO, ev.QuadClass, ev.Intensity,
			ev.Source, ev.SourceText, ev.SourceActor, m.SourceKey, ev.Target, ev.TargetText, ev.TargetActor, m.TargetKey, ev.Place, ev.Date, ev.DateStated,
			m.From.Format(merge.DayLayout), m.To.Format(merge.DayLayout), ev.Status, ev.ClaimedBy, ev.Negated,
			ev.Trigger.Start, ev.Trigger.End, ev.Evidence.Start, ev.Evidence.End, ev.Text, mpk)
	}
	return nil
}

// mergeKey is what a merged event and its mentions share.
type mergeKey struct{ typ, src, tgt string }

// candidates are the stored merged events a document's mentions might
// join, by key, with their pks; events the document creates are added as
// it goes.
type candidates map[mergeKey]*candList

type candList struct {
	groups []merge.Group
	pks    []int64
}

// mergeCandidates reads, in one query, the merged events whose key is one
// of the mentions' and whose dates come within merge.Tolerance of them.
func (db *DB) mergeCandidates(ctx context.Context, tx Tx, ms []merge.Mention) (candidates, error) {
	type span struct{ lo, hi time.Time }
	spans := map[mergeKey]*span{}
	var keys []mergeKey
	for _, m := range ms {
		k := mergeKey{m.Type, m.SourceKey, m.TargetKey}
		lo, hi := m.From.AddDate(0, 0, -merge.Tolerance), m.To.AddDate(0, 0, merge.Tolerance)
		if s, ok := spans[k]; ok {
			if lo.Before(s.lo) {
				s.lo = lo
			}
			if hi.After(s.hi) {
				s.hi = hi
			}
			continue
		}
		spans[k] = &span{lo, hi}
		keys = append(keys, k)
	}
	cands := candidates{}
	if len(keys) == 0 {
		return cands, nil
	}
	var conds []string
	var args []any
	for _, k := range keys {
		conds = append(conds, "(type = ? AND source_key = ? AND target_key = ? AND date_from <= ? AND date_to >= ?)")
		args = append(args, k.typ, k.src, k.tgt, spans[k].hi.Format(merge.DayLayout), spans[k].lo.Format(merge.DayLayout))
	}
	rows, err := tx.Query(ctx, db.q(`SELECT pk, type, source_key, target_key, date_from, date_to FROM merged_events WHERE `+
		strings.Join(conds, " OR ")+` ORDER BY pk`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pk int64
		var k mergeKey
		var f, t string
		if err := rows.Scan(&pk, &k.typ, &k.src, &k.tgt, &f, &t); err != nil {
			return nil, err
		}
		ft, _ := time.Parse(merge.DayLayout, f)
		tt, _ := time.Parse(merge.DayLayout, t)
		cands.add(k, pk, merge.Group{Type: k.typ, SourceKey: k.src, TargetKey: k.tgt, From: ft, To: tt})
	}
	return cands, rows.Err()
}

func (c candidates) add(k mergeKey, pk int64, g merge.Group) {
	l := c[k]
	if l == nil {
		l = &candList{}
		c[k] = l
	}
	l.groups = append(l.groups, g)
	l.pks = append(l.pks, pk)
}

// argKey is the key of an event argument for merging: its ActorKey, or
// for an argument that has text but no key (an unresolved pronoun) a key
// local to the document, so that "he met her" in two articles is never
// taken for one event.
func argKey(doc *document.Document, actorID, code, text string) string {
	if k := merge.ActorKey(doc, actorID, code, text); k != "" || strings.TrimSpace(text) == "" {
		return k
	}
	return fmt.Sprintf("?%.16s:%s", doc.ID, merge.NormName(text))
}

// mergeInto finds among cands the merged event mention m belongs to and
// returns its pk with joined set (its counts must then be refreshed), or
// creates one already counting this mention and adds it to cands.
func (db *DB) mergeInto(ctx context.Context, tx Tx, doc *document.Document, i int, ev document.Event, m merge.Mention,
	reported time.Time, cands candidates, p *pending) (int64, bool, error) {
	k := mergeKey{m.Type, m.SourceKey, m.TargetKey}
	if l := cands[k]; l != nil {
		if j := merge.Best(l.groups, m); j >= 0 {
			g := &l.groups[j]
			from, to := g.From, g.To
			g.Add(i, m)
			if !g.From.Equal(from) || !g.To.Equal(to) {
				p.add(`UPDATE merged_events SET date_from = ?, date_to = ? WHERE pk = ?`,
					g.From.Format(merge.DayLayout), g.To.Format(merge.DayLayout), l.pks[j])
			}
			return l.pks[j], true, nil
		}
	}
	name := func(key, text string) string {
		if strings.HasPrefix(key, "~") || key == "" {
			return text
		}
		for _, a := range doc.Actors {
			if a.ID == key {
				return a.Name
			}
		}
		return text
	}
	code := func(actorID, code string) string {
		for _, a := range doc.Actors {
			if a.ID == actorID && a.Code != "" {
				return a.Code
			}
		}
		return code
	}
	var pk int64
	rep := formatTime(reported)
	err := tx.QueryRow(ctx, db.q(`INSERT INTO merged_events (id, type, mode, cameo, quad_class, status, source_key, source_name, source_code,
		target_key, target_name, target_code, date_from, date_to, intensity,
		num_mentions, num_articles, num_sources, first_report, last_report, first_doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, ?, ?, ?) RETURNING pk`),
		fmt.Sprintf("%.16s-%d", doc.ID, i), ev.Type, ev.Mode, ev.CAMEO, ev.QuadClass, ev.Status,
		m.SourceKey, name(m.SourceKey, ev.SourceText), code(ev.SourceActor, ev.Source),
		m.TargetKey, name(m.TargetKey, ev.TargetText), code(ev.TargetActor, ev.Target),
		m.From.Format(merge.DayLayout), m.To.Format(merge.DayLayout), ev.Intensity, rep, rep, doc.ID).Scan(&pk)
	if err != nil {
		return 0, false, err
	}
	cands.add(k, pk, merge.Group{Type: m.Type, SourceKey: m.SourceKey, TargetKey: m.TargetKey, From: m.From, To: m.To})
	return pk, false, nil
}

// refreshMerged recomputes the counts and report dates of merged events
// whose mentions changed.
func (db *DB) refreshMerged(ctx context.Context, tx Tx, touched map[int64]bool) error {
	pks := make([]int64, 0, len(touched))
	for pk := range touched {
		pks = append(pks, pk)
	}
	sort.Slice(pks, func(i, j int) bool { return pks[i] < pks[j] })
	for _, pk := range pks {
		var n, arts, srcs int
		var first, last, firstDoc string
		var intensity float64
		err := tx.QueryRow(ctx, db.q(`SELECT count(*), count(DISTINCT e.doc_pk), count(DISTINCT d.outlet),
			min(d.reported), max(d.reported), avg(e.intensity)
			FROM events e JOIN documents d ON d.pk = e.doc_pk WHERE e.merged_pk = ?`), pk).
			Scan(&n, &arts, &srcs, &first, &last, &intensity)
		if err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, db.q(`SELECT d.id FROM events e JOIN documents d ON d.pk = e.doc_pk
			WHERE e.merged_pk = ? ORDER BY d.reported, d.pk LIMIT 1`), pk).Scan(&firstDoc); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, db.q(`UPDATE merged_events SET num_mentions = ?, num_articles = ?, num_sources = ?,
			first_report = ?, last_report = ?, first_doc = ?, intensity = ? WHERE pk = ?`),
			n, arts, srcs, first, last, firstDoc, intensity, pk); err != nil {
			return err
		}
	}
	return nil
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

// NearDuplicates implements store.Store.
func (db *DB) NearDuplicates(ctx context.Context, hash uint64, maxDistance int) ([]store.Fingerprint, error) {
	if err := db.check(ctx); err != nil {
		return nil, err
	}
	if hash == 0 {
		return nil, nil
	}
	b := Bands(hash)
	// A UNION, not an OR: SQLite reads each partial band index only when
	// the band is alone in its condition.
	var parts []string
	for i := range b {
		parts = append(parts, fmt.Sprintf(`SELECT id, simhash FROM documents WHERE band%d = ? AND simhash IS NOT NULL`, i))
	}
	rows, err := db.conn.Reader().Query(ctx, db.q(strings.Join(parts, " UNION ")), b[0], b[1], b[2], b[3])
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
		if f.Distance <= maxDistance {
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
