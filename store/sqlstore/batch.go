package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/parley-news/parley/document"
)

// batch gathers the rows of one SaveDocuments call, so that they are
// inserted many to a statement (or copied, where the backend can) at the
// end.
type batch struct {
	p pending

	bodies, docActors, quotes, merged, outlets, events rowBuf
	// quoteDocs are the documents with quotes, whose quotes are indexed
	// for full-text search once inserted.
	quoteDocs []int64
	// actors adds up, per key, what the batch's documents say about it.
	actors     map[string]*actorTotals
	actorOrder []string
}

type actorTotals struct {
	a                    document.Actor // as the first document named it
	norm                 string
	docs, events, quotes int
}

func newBatch() *batch {
	return &batch{
		bodies:    newRowBuf("document_bodies", "pk, title, text, record", ""),
		docActors: newRowBuf("doc_actors", "doc_pk, key, actor_id, name, name_norm, kind, code, country, role, known", ""),
		quotes: newRowBuf("quotes", `doc_pk, idx, start_byte, end_byte, text, direct, speaker_start, speaker_end,
			speaker_text, speaker_actor, speaker_key, cue_start, cue_end, cue_text, signal, date, tone`, ""),
		merged: newRowBuf("merged_events", `pk, id, type, mode, cameo, quad_class, status, source_key, source_name, source_code,
			target_key, target_name, target_code, date_from, date_to, intensity, intensity_sum,
			num_mentions, num_articles, num_sources, first_report, last_report, first_doc`, ""),
		outlets: newRowBuf("merged_outlets", "merged_pk, outlet", " ON CONFLICT DO NOTHING"),
		events: newRowBuf("events", `doc_pk, idx, event_id, type, mode, context, cameo, quad_class, intensity,
			source, source_text, source_actor, source_key, target, target_text, target_actor, target_key, place, date, date_stated,
			date_from, date_to, status, claimed_by, negated, trigger_start, trigger_end, evidence_start, evidence_end, text, merged_pk`, ""),
		actors: map[string]*actorTotals{},
	}
}

// write saves the gathered rows, parents before the rows that refer to
// them: documents' bodies, actors and quotes and the new merged events;
// then the pending statements (updates, full-text rows), actor totals and
// merged events' outlets; then the events.
func (b *batch) write(ctx context.Context, db *DB, tx Tx) error {
	actors := newRowBuf("actors", "key, name, name_norm, code, kind, country, known, ndocs, nevents, nquotes",
		` ON CONFLICT (key) DO UPDATE SET ndocs = actors.ndocs + excluded.ndocs, nevents = actors.nevents + excluded.nevents,
			nquotes = actors.nquotes + excluded.nquotes`)
	for _, key := range b.actorOrder {
		t := b.actors[key]
		actors.add(key, t.a.Name, t.norm, t.a.Code, t.a.Kind, t.a.Country, t.a.Known, t.docs, t.events, t.quotes)
	}
	if db.d.OverridePK != "" {
		b.merged.override = " " + db.d.OverridePK
	}
	cp, _ := tx.(Copier)
	var first pending
	for _, r := range []*rowBuf{&b.bodies, &b.docActors, &b.quotes, &b.merged} {
		if err := r.write(ctx, cp, &first); err != nil {
			return fmt.Errorf("%s: %w", r.table, err)
		}
	}
	if err := db.flush(ctx, tx, &first); err != nil {
		return err
	}
	actors.emit(&b.p)
	if db.d.InsertQuoteFTS != "" {
		for _, pk := range b.quoteDocs {
			b.p.add(db.d.InsertQuoteFTS, pk)
		}
	}
	b.outlets.emit(&b.p)
	if err := b.events.write(ctx, cp, &b.p); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	return db.flush(ctx, tx, &b.p)
}

// rowsPerInsert bounds the rows of one INSERT: enough to save most of the
// cost of a statement, few enough that each table has a handful of
// statement texts to prepare.
const rowsPerInsert = 16

// rowBuf collects rows of one table.
type rowBuf struct {
	table    string
	cols     []string
	list     string // cols, comma-separated
	tail     string // conflict clause
	override string // after the column list (OVERRIDING SYSTEM VALUE)
	args     []any
}

func newRowBuf(table, cols, tail string) rowBuf {
	fs := strings.Split(cols, ",")
	for i := range fs {
		fs[i] = strings.TrimSpace(fs[i])
	}
	return rowBuf{table: table, cols: fs, list: strings.Join(fs, ", "), tail: tail}
}

func (r *rowBuf) add(args ...any) {
	if len(args) != len(r.cols) {
		panic("sqlstore: row of wrong width for " + r.table)
	}
	r.args = append(r.args, args...)
}

// write copies the rows when the transaction can and the table has no
// conflict clause, else queues them as INSERTs after p.
func (r *rowBuf) write(ctx context.Context, cp Copier, p *pending) error {
	if cp == nil || r.tail != "" {
		r.emit(p)
		return nil
	}
	n := len(r.args) / len(r.cols)
	if n == 0 {
		return nil
	}
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = r.args[i*len(r.cols) : (i+1)*len(r.cols)]
	}
	r.args = nil
	_, err := cp.CopyFrom(ctx, r.table, r.cols, rows)
	return err
}

// emit queues the rows as INSERTs of up to rowsPerInsert rows each.
func (r *rowBuf) emit(p *pending) {
	w := len(r.cols)
	n := len(r.args) / w
	for i := 0; i < n; i += rowsPerInsert {
		k := min(rowsPerInsert, n-i)
		p.add(r.statement(k), r.args[i*w:(i+k)*w]...)
	}
	r.args = nil
}

type stmtKey struct {
	table, override, tail string
	rows                  int
}

var statements sync.Map // stmtKey → string

func (r *rowBuf) statement(rows int) string {
	k := stmtKey{r.table, r.override, r.tail, rows}
	if s, ok := statements.Load(k); ok {
		return s.(string)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(r.cols)), ", ") + ")"
	s := "INSERT INTO " + r.table + " (" + r.list + ")" + r.override + " VALUES " +
		strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ") + r.tail
	statements.Store(k, s)
	return s
}
