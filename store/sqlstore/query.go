package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/merge"
	"github.com/parley-news/parley/store"
)

// where collects conditions and their arguments.
type where struct {
	conds []string
	args  []any
	// docs says a condition reads the documents table (alias d).
	docs bool
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func limit(offset, n int) string {
	s := ""
	if n > 0 {
		s = fmt.Sprintf(" LIMIT %d", n)
	} else if offset > 0 {
		s = " LIMIT 9223372036854775807"
	}
	if offset > 0 {
		s += fmt.Sprintf(" OFFSET %d", offset)
	}
	return s
}

func day(t time.Time) string { return t.UTC().Format(merge.DayLayout) }

// dayAfter is the first instant after t's day, for comparisons against
// RFC 3339 strings.
func dayAfter(t time.Time) string { return t.UTC().AddDate(0, 0, 1).Format(merge.DayLayout) }

func (db *DB) fts(q string) (string, error) {
	s, err := db.d.FTSQuery(q)
	if err != nil {
		return "", fmt.Errorf("%w: search %q: %v", store.ErrInvalid, q, err)
	}
	return s, nil
}

// actorKeys returns the actor keys a user's actor filter stands for: the
// text itself, its name key, and the keys of actors whose ID, code or
// normalised name equals it.
func (db *DB) actorKeys(ctx context.Context, actor string) ([]string, error) {
	seen := map[string]bool{}
	var keys []string
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	add(actor)
	norm := merge.NormName(actor)
	if norm != "" {
		add("~" + norm)
	}
	// Exact matches come from indexes; only when there are none does a
	// name match whole words of actors' names ("Putin" finds "vladimir
	// putin"), which reads the whole actors table.
	scan := func(q string, args ...any) (int, error) {
		rows, err := db.conn.Reader().Query(ctx, db.q(q), args...)
		if err != nil {
			return 0, fmt.Errorf("actor: %w", err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				return 0, fmt.Errorf("actor: %w", err)
			}
			add(k)
			n++
		}
		return n, rows.Err()
	}
	n, err := scan(`SELECT key FROM actors WHERE key = ? OR code = ? OR name_norm = ?`, actor, strings.ToUpper(actor), norm)
	if err != nil || n > 0 || norm == "" {
		return keys, err
	}
	_, err = scan(`SELECT key FROM actors WHERE name_norm LIKE ? OR name_norm LIKE ? OR name_norm LIKE ?`,
		norm+" %", "% "+norm, "% "+norm+" %")
	return keys, err
}

func keyArgs(keys []string) []any {
	a := make([]any, len(keys))
	for i, k := range keys {
		a[i] = k
	}
	return a
}

// count runs a count query.
func (db *DB) count(ctx context.Context, q string, args []any) (int, error) {
	var n int
	if err := db.conn.Reader().QueryRow(ctx, db.q(q), args...).Scan(&n); err != nil {
		return 0, err
	}
	return n, nil
}

// FindDocuments implements store.Store.
func (db *DB) FindDocuments(ctx context.Context, f store.DocumentFilter) ([]store.DocumentRow, int, error) {
	if err := db.check(ctx); err != nil {
		return nil, 0, err
	}
	var w where
	if f.ID != "" {
		w.add("d.id = ?", f.ID)
	}
	if f.Source != "" {
		w.add("d.source = ?", f.Source)
	}
	if f.Language != "" {
		w.add("d.language = ?", f.Language)
	}
	switch f.Skipped {
	case "yes":
		w.add("d.skipped <> ''")
	case "no":
		w.add("d.skipped = ''")
	}
	if !f.From.IsZero() {
		w.add("d.published >= ?", day(f.From))
	}
	if !f.To.IsZero() {
		w.add("d.published <> '' AND d.published < ?", dayAfter(f.To))
	}
	if f.Query != "" {
		q, err := db.fts(f.Query)
		if err != nil {
			return nil, 0, err
		}
		w.add(db.d.DocMatch, q)
	}
	total, err := db.count(ctx, `SELECT count(*) FROM documents d`+w.String(), w.args)
	if err != nil {
		return nil, 0, db.queryErr("find documents", f.Query, err)
	}
	rows, err := db.conn.Reader().Query(ctx, db.q(`SELECT d.id, d.source, d.title, d.published, d.published_from, d.language,
		d.skipped, d.nbytes, d.nevents, d.nquotes, d.stored FROM documents d`+w.String()+
		` ORDER BY d.reported DESC, d.pk DESC`+limit(f.Offset, f.Limit)), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("find documents: %w", err)
	}
	defer rows.Close()
	var out []store.DocumentRow
	for rows.Next() {
		var r store.DocumentRow
		var pub, stored string
		if err := rows.Scan(&r.ID, &r.Source, &r.Title, &pub, &r.PublishedFrom, &r.Language, &r.Skipped,
			&r.Bytes, &r.Events, &r.Quotes, &stored); err != nil {
			return nil, 0, fmt.Errorf("find documents: %w", err)
		}
		r.Published, r.Stored = parseTime(pub), parseTime(stored)
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// queryErr reports a failed query; with a search, the likely cause is the
// search syntax.
func (db *DB) queryErr(op, search string, err error) error {
	if search != "" {
		return fmt.Errorf("%s: %w: search %q: %v", op, store.ErrInvalid, search, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

func (db *DB) eventWhere(ctx context.Context, f store.EventFilter) (*where, error) {
	w := &where{}
	if f.DocID != "" {
		w.add("d.id = ?", f.DocID)
		w.docs = true
	}
	if f.Actor != "" {
		keys, err := db.actorKeys(ctx, f.Actor)
		if err != nil {
			return nil, err
		}
		ph := placeholders(len(keys))
		w.add("(e.source_key IN ("+ph+") OR e.target_key IN ("+ph+"))", append(keyArgs(keys), keyArgs(keys)...)...)
	}
	if f.Type != "" {
		w.add("e.type = ?", f.Type)
	}
	if f.Status != "" {
		w.add("e.status = ?", f.Status)
	}
	if !f.From.IsZero() {
		w.add("e.date_from >= ?", day(f.From))
	}
	if !f.To.IsZero() {
		w.add("e.date_from <= ?", day(f.To))
	}
	if f.Query != "" {
		q, err := db.fts(f.Query)
		if err != nil {
			return nil, err
		}
		w.add(db.d.DocMatch, q)
		w.docs = true
	}
	return w, nil
}

// eventsFrom is the FROM clause counting events under w: the documents
// table is joined only when w reads it.
func eventsFrom(w *where) string {
	if w.docs {
		return ` FROM events e JOIN documents d ON d.pk = e.doc_pk`
	}
	return ` FROM events e`
}

const eventCols = `e.event_id, e.type, e.mode, e.context, e.cameo, e.quad_class, e.intensity,
	e.source, e.source_text, e.source_actor, e.source_key, e.target, e.target_text, e.target_actor, e.target_key,
	e.place, e.date, e.date_stated, e.date_from, e.date_to, e.status, e.claimed_by, e.negated,
	e.trigger_start, e.trigger_end, e.evidence_start, e.evidence_end, e.text, m.id, d.id, d.source, d.published`

func scanEvent(rows Rows) (store.EventRow, error) {
	var r store.EventRow
	var ctxJSON, pub string
	err := rows.Scan(&r.ID, &r.Type, &r.Mode, &ctxJSON, &r.CAMEO, &r.QuadClass, &r.Intensity,
		&r.Source, &r.SourceText, &r.SourceActor, &r.SourceKey, &r.Target, &r.TargetText, &r.TargetActor, &r.TargetKey,
		&r.Place, &r.Date, &r.DateStated, &r.DateFrom, &r.DateTo, &r.Status, &r.ClaimedBy, &r.Negated,
		&r.Trigger.Start, &r.Trigger.End, &r.Evidence.Start, &r.Evidence.End, &r.Text, &r.MergedID, &r.DocID, &r.DocSource, &pub)
	if err != nil {
		return r, err
	}
	if ctxJSON != "" {
		_ = json.Unmarshal([]byte(ctxJSON), &r.Context)
	}
	r.Published = parseTime(pub)
	return r, nil
}

const eventFrom = ` FROM events e JOIN documents d ON d.pk = e.doc_pk JOIN merged_events m ON m.pk = e.merged_pk`

// FindEvents implements store.Store.
func (db *DB) FindEvents(ctx context.Context, f store.EventFilter) ([]store.EventRow, int, error) {
	if err := db.check(ctx); err != nil {
		return nil, 0, err
	}
	w, err := db.eventWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total, err := db.count(ctx, `SELECT count(*)`+eventsFrom(w)+w.String(), w.args)
	if err != nil {
		return nil, 0, db.queryErr("find events", f.Query, err)
	}
	if total == 0 {
		return nil, 0, nil
	}
	// Choose the page by the events' indexes alone, then read the page's
	// rows: joining documents (large rows) for every match before the
	// sort is what makes a frequent actor slow.
	page := `SELECT e.pk` + eventsFrom(w) + w.String() + ` ORDER BY e.date_from, e.pk` + limit(f.Offset, f.Limit)
	out, err := db.events(ctx, `SELECT `+eventCols+eventFrom+` WHERE e.pk IN (`+page+`) ORDER BY e.date_from, e.pk`, w.args)
	if err != nil {
		return nil, 0, fmt.Errorf("find events: %w", err)
	}
	return out, total, nil
}

func (db *DB) events(ctx context.Context, q string, args []any) ([]store.EventRow, error) {
	rows, err := db.conn.Reader().Query(ctx, db.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.EventRow
	for rows.Next() {
		r, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FindMergedEvents implements store.Store.
func (db *DB) FindMergedEvents(ctx context.Context, f store.EventFilter) ([]store.MergedEvent, int, error) {
	if err := db.check(ctx); err != nil {
		return nil, 0, err
	}
	w, err := db.eventWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	sub := `SELECT e.merged_pk` + eventsFrom(w) + w.String()
	total, err := db.count(ctx, `SELECT count(DISTINCT e.merged_pk)`+eventsFrom(w)+w.String(), w.args)
	if err != nil {
		return nil, 0, db.queryErr("find merged events", f.Query, err)
	}
	if total == 0 {
		return nil, 0, nil
	}
	// The page is chosen on (pk, date_from) alone, then its rows are read.
	page := `SELECT pk FROM merged_events ` + db.d.MergedDateIndex + ` WHERE pk IN (` + sub + `) ORDER BY date_from, pk` + limit(f.Offset, f.Limit)
	rows, err := db.conn.Reader().Query(ctx, db.q(`SELECT pk, id, type, mode, cameo, quad_class, status, source_key, source_name, source_code,
		target_key, target_name, target_code, date_from, date_to, intensity, num_mentions, num_articles, num_sources,
		first_report, last_report, first_doc FROM merged_events WHERE pk IN (`+page+`) ORDER BY date_from, pk`), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("find merged events: %w", err)
	}
	var out []store.MergedEvent
	var pks []int64
	for rows.Next() {
		var m store.MergedEvent
		var pk int64
		var first, last string
		if err := rows.Scan(&pk, &m.ID, &m.Type, &m.Mode, &m.CAMEO, &m.QuadClass, &m.Status, &m.SourceKey, &m.SourceName, &m.SourceCode,
			&m.TargetKey, &m.TargetName, &m.TargetCode, &m.DateFrom, &m.DateTo, &m.Intensity, &m.NumMentions, &m.NumArticles, &m.NumSources,
			&first, &last, &m.FirstDoc); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("find merged events: %w", err)
		}
		m.FirstReport, m.LastReport = parseTime(first), parseTime(last)
		out = append(out, m)
		pks = append(pks, pk)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("find merged events: %w", err)
	}
	if f.WithMentions {
		for i, pk := range pks {
			ms, err := db.events(ctx, `SELECT `+eventCols+eventFrom+` WHERE e.merged_pk = ? ORDER BY d.reported, e.pk`, []any{pk})
			if err != nil {
				return nil, 0, fmt.Errorf("find merged events: mentions: %w", err)
			}
			out[i].Mentions = ms
		}
	}
	return out, total, nil
}

// FindQuotes implements store.Store.
func (db *DB) FindQuotes(ctx context.Context, f store.QuoteFilter) ([]store.QuoteRow, int, error) {
	if err := db.check(ctx); err != nil {
		return nil, 0, err
	}
	var w where
	if f.DocID != "" {
		w.add("d.id = ?", f.DocID)
	}
	if f.Actor != "" {
		keys, err := db.actorKeys(ctx, f.Actor)
		if err != nil {
			return nil, 0, err
		}
		w.add("q.speaker_key IN ("+placeholders(len(keys))+")", keyArgs(keys)...)
	}
	if f.Signal != "" {
		w.add("q.signal = ?", f.Signal)
	}
	if !f.From.IsZero() {
		w.add("d.published >= ?", day(f.From))
	}
	if !f.To.IsZero() {
		w.add("d.published <> '' AND d.published < ?", dayAfter(f.To))
	}
	if f.Query != "" {
		s, err := db.fts(f.Query)
		if err != nil {
			return nil, 0, err
		}
		w.add(db.d.QuoteMatch, s)
	}
	from := ` FROM quotes q JOIN documents d ON d.pk = q.doc_pk`
	total, err := db.count(ctx, `SELECT count(*)`+from+w.String(), w.args)
	if err != nil {
		return nil, 0, db.queryErr("find quotes", f.Query, err)
	}
	rows, err := db.conn.Reader().Query(ctx, db.q(`SELECT q.start_byte, q.end_byte, q.text, q.direct, q.speaker_start, q.speaker_end,
		q.speaker_text, q.speaker_actor, q.speaker_key, q.cue_start, q.cue_end, q.cue_text, q.signal, q.date, q.tone,
		d.id, d.source, d.published`+from+w.String()+` ORDER BY d.reported, q.pk`+limit(f.Offset, f.Limit)), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("find quotes: %w", err)
	}
	defer rows.Close()
	var out []store.QuoteRow
	for rows.Next() {
		var r store.QuoteRow
		var ss, se, cs, ce int
		var pub string
		if err := rows.Scan(&r.Start, &r.End, &r.Text, &r.Direct, &ss, &se, &r.SpeakerText, &r.SpeakerActor, &r.SpeakerKey,
			&cs, &ce, &r.CueText, &r.Signal, &r.Date, &r.Tone, &r.DocID, &r.DocSource, &pub); err != nil {
			return nil, 0, fmt.Errorf("find quotes: %w", err)
		}
		if ss >= 0 {
			r.Speaker = &document.Span{Start: ss, End: se}
		}
		if cs >= 0 {
			r.Cue = &document.Span{Start: cs, End: ce}
		}
		r.Published = parseTime(pub)
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// FindActors implements store.Store.
func (db *DB) FindActors(ctx context.Context, f store.ActorFilter) ([]store.ActorRow, int, error) {
	if err := db.check(ctx); err != nil {
		return nil, 0, err
	}
	var w where
	if f.Actor != "" {
		norm := merge.NormName(f.Actor)
		w.add("(a.key = ? OR a.code = ? OR (? <> '' AND a.name_norm LIKE ?))", f.Actor, strings.ToUpper(f.Actor), norm, "%"+norm+"%")
	}
	if f.Kind != "" {
		w.add("a.kind = ?", f.Kind)
	}
	if f.Code != "" {
		w.add("a.code = ?", f.Code)
	}
	total, err := db.count(ctx, `SELECT count(*) FROM actors a`+w.String(), w.args)
	if err != nil {
		return nil, 0, fmt.Errorf("find actors: %w", err)
	}
	rows, err := db.conn.Reader().Query(ctx, db.q(`SELECT a.key, a.name, a.kind, a.code, a.country, a.known,
		a.ndocs, a.nevents, a.nquotes FROM actors a`+w.String()+` ORDER BY a.ndocs DESC, a.key`+limit(f.Offset, f.Limit)), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("find actors: %w", err)
	}
	defer rows.Close()
	var out []store.ActorRow
	for rows.Next() {
		var r store.ActorRow
		if err := rows.Scan(&r.Key, &r.Name, &r.Kind, &r.Code, &r.Country, &r.Known, &r.Documents, &r.Events, &r.Quotes); err != nil {
			return nil, 0, fmt.Errorf("find actors: %w", err)
		}
		out = append(out, r)
	}
	return out, total, rows.Err()
}
