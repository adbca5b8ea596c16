package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/merge"
)

// mergeKey is what a merged event and its mentions share. local is set,
// to the document's ID, for a mention with neither a source nor a target:
// nothing ties it to another article's mention of the same type and day,
// so it merges only within its document.
type mergeKey struct{ typ, src, tgt, local string }

// mergedEvent is a merged event a batch creates or adds mentions to, with
// what the batch adds to its counts.
type mergedEvent struct {
	pk     int64
	stored bool // in the store before this batch
	list   *candList
	j      int // index in list

	// For a new event: its first mention.
	id    string
	first document.Event
	doc   *document.Document

	mentions, articles int
	intensity          float64
	lastDoc            int             // 1 + index of the last document counted in articles
	outlets            map[string]bool // outlets of this batch's mentions
	newOutlets         []string        // the same, in order
	firstReport        string
	firstDoc           string
	lastReport         string
}

func (me *mergedEvent) group() *merge.Group { return &me.list.groups[me.j] }

// candList holds the merged events of one key in pk order (stored ones,
// then those the batch creates).
type candList struct {
	groups []merge.Group
	events []*mergedEvent
}

type candidates map[mergeKey]*candList

func (c candidates) add(k mergeKey, g merge.Group, me *mergedEvent) {
	l := c[k]
	if l == nil {
		l = &candList{}
		c[k] = l
	}
	me.list, me.j = l, len(l.groups)
	l.groups = append(l.groups, g)
	l.events = append(l.events, me)
}

// count adds one mention of document di to the event.
func (me *mergedEvent) count(di int, d *savedDoc, ev document.Event) {
	me.mentions++
	me.intensity += ev.Intensity
	if me.lastDoc != di+1 {
		me.articles++
		me.lastDoc = di + 1
	}
	if me.outlets == nil {
		me.outlets = map[string]bool{}
	}
	if !me.outlets[d.outlet] {
		me.outlets[d.outlet] = true
		me.newOutlets = append(me.newOutlets, d.outlet)
	}
	// The earliest report, the first saved among equals.
	if me.firstReport == "" || d.rep < me.firstReport {
		me.firstReport, me.firstDoc = d.rep, d.doc.ID
	}
	if d.rep > me.lastReport {
		me.lastReport = d.rep
	}
}

// saveEvents merges the events of a batch's documents, in order, into
// stored and new merged events, and queues the merged events' inserts and
// updates and the events' rows.
func (db *DB) saveEvents(ctx context.Context, tx Tx, docs []*savedDoc, b *batch) error {
	type mention struct {
		m merge.Mention
		k mergeKey
	}
	all := make([][]mention, len(docs))
	spans := map[mergeKey]*dateSpan{}
	var keys []mergeKey
	for di, d := range docs {
		doc := d.doc
		all[di] = make([]mention, len(doc.Events))
		for i, ev := range doc.Events {
			from, to, ok := merge.Interval(ev.Date, doc.Published)
			if !ok {
				from, to, _ = merge.Interval("", d.reported)
			}
			m := merge.Mention{
				Type:      ev.Type,
				SourceKey: argKey(doc, ev.SourceActor, ev.Source, ev.SourceText),
				TargetKey: argKey(doc, ev.TargetActor, ev.Target, ev.TargetText),
				From:      from, To: to,
			}
			k := mergeKey{typ: m.Type, src: m.SourceKey, tgt: m.TargetKey}
			if k.src == "" && k.tgt == "" {
				k.local = doc.ID
			}
			all[di][i] = mention{m, k}
			if k.local != "" {
				continue
			}
			lo, hi := from.AddDate(0, 0, -merge.Tolerance), to.AddDate(0, 0, merge.Tolerance)
			if s, ok := spans[k]; ok {
				s.widen(lo, hi)
				continue
			}
			spans[k] = &dateSpan{lo, hi}
			keys = append(keys, k)
		}
	}
	cands, err := db.mergeCandidates(ctx, tx, keys, spans)
	if err != nil {
		return err
	}

	// Each mention joins the nearest compatible merged event of its key,
	// stored or created earlier in the batch, else starts one.
	var created, touched []*mergedEvent
	assigned := make([][]*mergedEvent, len(docs))
	for di, d := range docs {
		assigned[di] = make([]*mergedEvent, len(d.doc.Events))
		for i, ev := range d.doc.Events {
			m, k := all[di][i].m, all[di][i].k
			var me *mergedEvent
			if l := cands[k]; l != nil {
				if j := merge.Best(l.groups, m); j >= 0 {
					me = l.events[j]
					me.group().Add(i, m)
				}
			}
			if me == nil {
				me = &mergedEvent{id: fmt.Sprintf("%.16s-%d", d.doc.ID, i), first: ev, doc: d.doc}
				cands.add(k, merge.Group{Type: m.Type, SourceKey: m.SourceKey, TargetKey: m.TargetKey, From: m.From, To: m.To}, me)
				created = append(created, me)
			}
			if me.stored && me.mentions == 0 {
				touched = append(touched, me)
			}
			me.count(di, d, ev)
			assigned[di][i] = me
		}
	}
	if err := db.knownOutlets(ctx, tx, touched); err != nil {
		return err
	}
	if len(created) > 0 {
		pks, err := db.d.NewMergedPKs(ctx, tx, len(created))
		if err != nil {
			return fmt.Errorf("new merged events: %w", err)
		}
		for i, me := range created {
			me.pk = pks[i]
			insertMerged(me, b)
		}
	}
	for _, me := range touched {
		updateMerged(me, &b.p)
	}
	for _, me := range append(created, touched...) {
		for _, o := range me.newOutlets {
			b.outlets.add(me.pk, o)
		}
	}
	for di, d := range docs {
		doc := d.doc
		for i, ev := range doc.Events {
			m := all[di][i].m
			ctxJSON := ""
			if len(ev.Context) > 0 {
				b, _ := json.Marshal(ev.Context)
				ctxJSON = string(b)
			}
			b.events.add(d.pk, i, ev.ID, ev.Type, ev.Mode, ctxJSON, ev.CAMEO, ev.QuadClass, ev.Intensity,
				ev.Source, ev.SourceText, ev.SourceActor, m.SourceKey, ev.Target, ev.TargetText, ev.TargetActor, m.TargetKey, ev.Place, ev.Date, ev.DateStated,
				m.From.Format(merge.DayLayout), m.To.Format(merge.DayLayout), ev.Status, ev.ClaimedBy, ev.Negated,
				ev.Trigger.Start, ev.Trigger.End, ev.Evidence.Start, ev.Evidence.End, ev.Text, assigned[di][i].pk)
		}
	}
	return nil
}

type dateSpan struct{ lo, hi time.Time }

func (s *dateSpan) widen(lo, hi time.Time) {
	if lo.Before(s.lo) {
		s.lo = lo
	}
	if hi.After(s.hi) {
		s.hi = hi
	}
}

// chunk is how many keys one lookup joins. A fixed number (the last key
// repeated to fill it) keeps the statement text fixed, so that it is
// prepared and planned once.
const chunk = 32

// valuesList is "(VALUES (…), …)" of chunk rows of the given column
// expressions (placeholders, typed with a CAST where the backend could not
// tell), named column1… in both SQLite and PostgreSQL.
func valuesList(cols ...string) string {
	row := "(" + strings.Join(cols, ", ") + ")"
	return "(VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", chunk), ", ") + ")"
}

// mergeCandidates reads the stored merged events whose key is one of keys
// and whose dates come within merge.Tolerance of the key's mentions: one
// index lookup per key, a chunk of keys per query.
func (db *DB) mergeCandidates(ctx context.Context, tx Tx, keys []mergeKey, spans map[mergeKey]*dateSpan) (candidates, error) {
	cands := candidates{}
	if len(keys) == 0 {
		return cands, nil
	}
	q := db.q(`SELECT m.pk, m.type, m.source_key, m.target_key, m.date_from, m.date_to
		FROM ` + valuesList("?", "?", "?", "?", "?") + ` AS k JOIN merged_events m
		ON m.type = k.column1 AND m.source_key = k.column2 AND m.target_key = k.column3
		AND m.date_to >= k.column4 AND m.date_from <= k.column5 ORDER BY m.pk`)
	seen := map[int64]bool{}
	args := make([]any, 0, 5*chunk)
	for start := 0; start < len(keys); start += chunk {
		args = args[:0]
		for i := range chunk {
			k := keys[min(start+i, len(keys)-1)]
			s := spans[k]
			args = append(args, k.typ, k.src, k.tgt, s.lo.Format(merge.DayLayout), s.hi.Format(merge.DayLayout))
		}
		if err := db.readCandidates(ctx, tx, q, args, cands, seen); err != nil {
			return nil, err
		}
	}
	return cands, nil
}

func (db *DB) readCandidates(ctx context.Context, tx Tx, q string, args []any, cands candidates, seen map[int64]bool) error {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		me := &mergedEvent{stored: true}
		var k mergeKey
		var f, t string
		if err := rows.Scan(&me.pk, &k.typ, &k.src, &k.tgt, &f, &t); err != nil {
			return err
		}
		if seen[me.pk] {
			continue // a key repeated to fill the chunk
		}
		seen[me.pk] = true
		ft, _ := time.Parse(merge.DayLayout, f)
		tt, _ := time.Parse(merge.DayLayout, t)
		cands.add(k, merge.Group{Type: k.typ, SourceKey: k.src, TargetKey: k.tgt, From: ft, To: tt}, me)
	}
	return rows.Err()
}

// knownOutlets drops from the stored events' new outlets those already
// counted in their sources.
func (db *DB) knownOutlets(ctx context.Context, tx Tx, events []*mergedEvent) error {
	type pair struct {
		pk     int64
		outlet string
	}
	var pairs []pair
	for _, me := range events {
		for _, o := range me.newOutlets {
			pairs = append(pairs, pair{me.pk, o})
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	q := db.q(`SELECT o.merged_pk, o.outlet FROM ` + valuesList("CAST(? AS BIGINT)", "?") + ` AS k JOIN merged_outlets o
		ON o.merged_pk = k.column1 AND o.outlet = k.column2`)
	known := map[pair]bool{}
	args := make([]any, 0, 2*chunk)
	for start := 0; start < len(pairs); start += chunk {
		args = args[:0]
		for i := range chunk {
			p := pairs[min(start+i, len(pairs)-1)]
			args = append(args, p.pk, p.outlet)
		}
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("outlets: %w", err)
		}
		for rows.Next() {
			var p pair
			if err := rows.Scan(&p.pk, &p.outlet); err != nil {
				rows.Close()
				return fmt.Errorf("outlets: %w", err)
			}
			known[p] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("outlets: %w", err)
		}
	}
	for _, me := range events {
		kept := me.newOutlets[:0]
		for _, o := range me.newOutlets {
			if !known[pair{me.pk, o}] {
				kept = append(kept, o)
			}
		}
		me.newOutlets = kept
	}
	return nil
}

// insertMerged queues the insert of a merged event the batch created, with
// its counts over the batch's mentions.
func insertMerged(me *mergedEvent, b *batch) {
	doc, ev, g := me.doc, me.first, me.group()
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
	b.merged.add(
		me.pk, me.id, ev.Type, ev.Mode, ev.CAMEO, ev.QuadClass, ev.Status,
		g.SourceKey, name(g.SourceKey, ev.SourceText), code(ev.SourceActor, ev.Source),
		g.TargetKey, name(g.TargetKey, ev.TargetText), code(ev.TargetActor, ev.Target),
		g.From.Format(merge.DayLayout), g.To.Format(merge.DayLayout), me.intensity/float64(me.mentions), me.intensity,
		me.mentions, me.articles, len(me.newOutlets), me.firstReport, me.lastReport, me.firstDoc)
}

// updateMerged queues the update of a stored merged event: its dates when
// a more precise mention narrowed them, and its counts. The counts are
// added in SQL, so that the update is right whatever the row holds.
func updateMerged(me *mergedEvent, p *pending) {
	g := me.group()
	p.add(`UPDATE merged_events SET date_from = ?, date_to = ?,
		num_mentions = num_mentions + ?, num_articles = num_articles + ?, num_sources = num_sources + ?,
		intensity = (intensity_sum + ?) / (num_mentions + ?), intensity_sum = intensity_sum + ?,
		first_doc = CASE WHEN ? < first_report THEN ? ELSE first_doc END,
		first_report = CASE WHEN ? < first_report THEN ? ELSE first_report END,
		last_report = CASE WHEN ? > last_report THEN ? ELSE last_report END
		WHERE pk = ?`,
		g.From.Format(merge.DayLayout), g.To.Format(merge.DayLayout),
		me.mentions, me.articles, len(me.newOutlets),
		me.intensity, me.mentions, me.intensity,
		me.firstReport, me.firstDoc,
		me.firstReport, me.firstReport,
		me.lastReport, me.lastReport,
		me.pk)
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
