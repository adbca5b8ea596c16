package sqlstore

import (
	"strings"
	"sync"

	"github.com/parley-news/parley/document"
)

// batch gathers the rows of one SaveDocuments call, so that they are
// inserted many to a statement at the end.
type batch struct {
	p pending

	docActors, quotes, merged, outlets, events rowBuf
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
		docActors: rowBuf{head: `INSERT INTO doc_actors (doc_pk, key, actor_id, name, name_norm, kind, code, country, role, known)`, ncols: 10},
		quotes: rowBuf{head: `INSERT INTO quotes (doc_pk, idx, start_byte, end_byte, text, direct, speaker_start, speaker_end,
			speaker_text, speaker_actor, speaker_key, cue_start, cue_end, cue_text, signal, date, tone)`, ncols: 17},
		merged: rowBuf{head: `INSERT INTO merged_events (pk, id, type, mode, cameo, quad_class, status, source_key, source_name, source_code,
			target_key, target_name, target_code, date_from, date_to, intensity, intensity_sum,
			num_mentions, num_articles, num_sources, first_report, last_report, first_doc)`, ncols: 23},
		outlets: rowBuf{head: `INSERT INTO merged_outlets (merged_pk, outlet)`, tail: ` ON CONFLICT DO NOTHING`, ncols: 2},
		events: rowBuf{head: `INSERT INTO events (doc_pk, idx, event_id, type, mode, context, cameo, quad_class, intensity,
			source, source_text, source_actor, source_key, target, target_text, target_actor, target_key, place, date, date_stated,
			date_from, date_to, status, claimed_by, negated, trigger_start, trigger_end, evidence_start, evidence_end, text, merged_pk)`, ncols: 31},
		actors: map[string]*actorTotals{},
	}
}

// finish queues the gathered rows after the statements already pending,
// parents before the rows that refer to them.
func (b *batch) finish(db *DB) {
	actors := rowBuf{head: `INSERT INTO actors (key, name, name_norm, code, kind, country, known, ndocs, nevents, nquotes)`,
		tail: ` ON CONFLICT (key) DO UPDATE SET ndocs = actors.ndocs + excluded.ndocs, nevents = actors.nevents + excluded.nevents,
			nquotes = actors.nquotes + excluded.nquotes`, ncols: 10}
	for _, key := range b.actorOrder {
		t := b.actors[key]
		actors.add(key, t.a.Name, t.norm, t.a.Code, t.a.Kind, t.a.Country, t.a.Known, t.docs, t.events, t.quotes)
	}
	actors.emit(&b.p)
	b.docActors.emit(&b.p)
	b.quotes.emit(&b.p)
	if db.d.InsertQuoteFTS != "" {
		for _, pk := range b.quoteDocs {
			b.p.add(db.d.InsertQuoteFTS, pk)
		}
	}
	if db.d.OverridePK != "" {
		b.merged.head += " " + db.d.OverridePK
	}
	b.merged.emit(&b.p)
	b.outlets.emit(&b.p)
	b.events.emit(&b.p)
}

// rowsPerInsert bounds the rows of one INSERT: enough to save most of the
// cost of a statement, few enough that each table has a handful of
// statement texts to prepare.
const rowsPerInsert = 16

// rowBuf collects rows of one table.
type rowBuf struct {
	head, tail string
	ncols      int
	args       []any
}

func (r *rowBuf) add(args ...any) {
	if len(args) != r.ncols {
		panic("sqlstore: row of wrong width for " + r.head)
	}
	r.args = append(r.args, args...)
}

// emit queues the rows as INSERTs of up to rowsPerInsert rows each.
func (r *rowBuf) emit(p *pending) {
	n := len(r.args) / r.ncols
	for i := 0; i < n; i += rowsPerInsert {
		k := min(rowsPerInsert, n-i)
		p.add(r.statement(k), r.args[i*r.ncols:(i+k)*r.ncols]...)
	}
	r.args = nil
}

type stmtKey struct {
	head, tail string
	rows       int
}

var statements sync.Map // stmtKey → string

func (r *rowBuf) statement(rows int) string {
	k := stmtKey{r.head, r.tail, rows}
	if s, ok := statements.Load(k); ok {
		return s.(string)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", r.ncols), ", ") + ")"
	s := r.head + " VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ") + r.tail
	statements.Store(k, s)
	return s
}
