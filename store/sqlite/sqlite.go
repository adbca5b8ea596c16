// Package sqlite is parley's default store: one SQLite file (pure Go,
// modernc.org/sqlite) in WAL mode with synchronous=NORMAL (checkpointed
// every 64 MB of log, so that index pages written by several batches are
// copied back once; statement journals in memory), one writer
// connection (held open, with its statements prepared once) and a pool of
// readers, and FTS5 indexes over document text (contentless: the text is
// in document_bodies) and quotes, written in the same transaction as the
// rows they index. The schema is the embedded migrations/*.sql, applied in
// version order and recorded in schema_migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"unicode"

	_ "modernc.org/sqlite"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect is SQLite's: ? placeholders and FTS5.
var Dialect = sqlstore.Dialect{
	Name:            "sqlite",
	Rebind:          func(q string) string { return q },
	DocMatch:        "d.pk IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
	QuoteMatch:      "q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
	FTSQuery:        FTSQuery,
	MergedDateIndex: "INDEXED BY merged_events_pk_date",
	InsertDocFTS:    "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
	InsertQuoteFTS:  "INSERT INTO quotes_fts (rowid, text, speaker_text) SELECT pk, text, speaker_text FROM quotes WHERE doc_pk = ?",
	NewMergedPKs:    newMergedPKs,
}

// newMergedPKs counts on from the largest pk: the write transaction holds
// SQLite's one write lock, so no other connection inserts meanwhile.
func newMergedPKs(ctx context.Context, q sqlstore.Querier, n int) ([]int64, error) {
	var last int64
	if err := q.QueryRow(ctx, `SELECT coalesce(max(pk), 0) FROM merged_events`).Scan(&last); err != nil {
		return nil, err
	}
	pks := make([]int64, n)
	for i := range pks {
		pks[i] = last + 1 + int64(i)
	}
	return pks, nil
}

// Open opens (creating if needed) the SQLite store at path and brings
// its schema up to date.
func Open(ctx context.Context, path string) (*sqlstore.DB, error) {
	c, err := openConn(path)
	if err != nil {
		return nil, err
	}
	ms, err := migrationList()
	if err != nil {
		c.Close()
		return nil, err
	}
	if err := sqlstore.Migrate(ctx, c, Dialect, ms, func(ctx context.Context, tx sqlstore.Tx, script string) error {
		_, err := tx.Exec(ctx, script)
		return err
	}); err != nil {
		c.Close()
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	return sqlstore.New(c, Dialect), nil
}

func migrationList() ([]sqlstore.Migration, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return sqlstore.LoadMigrations(sub)
}

var _ store.Store = (*sqlstore.DB)(nil)

// pragmas set on every connection. The page cache (256 MiB, filled only
// as pages are read) and reads through a memory map (up to 1 GiB of the
// file) spare ingest most of its page reads once the indexes outgrow a
// smaller cache; writes still go through the WAL.
var pragmas = []string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)", "foreign_keys(1)",
	"cache_size(-262144)", "mmap_size(1073741824)", "temp_store(MEMORY)", "wal_autocheckpoint(16384)"}

func dsn(path string, txlock string) string {
	v := url.Values{}
	for _, p := range pragmas {
		v.Add("_pragma", p)
	}
	if txlock != "" {
		v.Set("_txlock", txlock)
	}
	return "file:" + path + "?" + v.Encode()
}

// conn is the writer connection, held for the store's life so that its
// prepared statements stay valid, and a pool of readers.
type conn struct {
	writer, reader *sql.DB
	// wmu is held from BeginWrite to Commit or Rollback: one write
	// transaction at a time on the one writer connection.
	wmu   sync.Mutex
	wconn *sql.Conn
	// stmts caches statements prepared on wconn: parsing SQL costs more
	// than running these small inserts.
	stmts map[string]*sql.Stmt
	// rstmts caches statements prepared on the reader pool (database/sql
	// prepares one on each reader connection as it first runs there), for
	// the lookups ingest makes per document; it holds at most
	// maxReadStmts texts, and queries past them run unprepared.
	rmu    sync.Mutex
	rstmts map[string]*sql.Stmt
}

const maxReadStmts = 64

func openConn(path string) (*conn, error) {
	w, err := sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	n := max(2, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &conn{writer: w, reader: r, rstmts: map[string]*sql.Stmt{}}, nil
}

func (c *conn) Reader() sqlstore.Querier { return readQuerier{querier{c.reader}, c} }

// readQuerier runs queries through the reader pool's statement cache.
type readQuerier struct {
	querier
	c *conn
}

func (q readQuerier) Query(ctx context.Context, s string, args ...any) (sqlstore.Rows, error) {
	st := q.c.readStmt(ctx, s)
	if st == nil {
		return q.querier.Query(ctx, s, args...)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	return rowsAdapter{rows}, nil
}

func (q readQuerier) QueryRow(ctx context.Context, s string, args ...any) sqlstore.Row {
	st := q.c.readStmt(ctx, s)
	if st == nil {
		return q.querier.QueryRow(ctx, s, args...)
	}
	return rowAdapter{st.QueryRowContext(ctx, args...)}
}

// readStmt returns s prepared on the reader pool, or nil when the cache
// is full or s does not prepare (running it unprepared reports why).
func (c *conn) readStmt(ctx context.Context, s string) *sql.Stmt {
	c.rmu.Lock()
	defer c.rmu.Unlock()
	if st, ok := c.rstmts[s]; ok {
		return st
	}
	if c.rstmts == nil || len(c.rstmts) >= maxReadStmts {
		return nil
	}
	st, err := c.reader.PrepareContext(ctx, s)
	if err != nil {
		return nil
	}
	c.rstmts[s] = st
	return st
}

func (c *conn) BeginWrite(ctx context.Context) (sqlstore.Tx, error) {
	c.wmu.Lock()
	if c.wconn == nil {
		wc, err := c.writer.Conn(ctx)
		if err != nil {
			c.wmu.Unlock()
			return nil, err
		}
		c.wconn = wc
	}
	if _, err := c.wconn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		c.wmu.Unlock()
		return nil, err
	}
	return &txAdapter{c: c}, nil
}

func (c *conn) Close() error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
	c.rmu.Lock()
	for _, st := range c.rstmts {
		st.Close()
	}
	c.rstmts = nil
	c.rmu.Unlock()
	var werr error
	if c.wconn != nil {
		werr = c.wconn.Close()
		c.wconn = nil
	}
	return errors.Join(werr, c.reader.Close(), c.writer.Close())
}

type execQueryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type querier struct{ q execQueryer }

func (q querier) Exec(ctx context.Context, s string, args ...any) (int64, error) {
	res, err := q.q.ExecContext(ctx, s, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (q querier) Query(ctx context.Context, s string, args ...any) (sqlstore.Rows, error) {
	rows, err := q.q.QueryContext(ctx, s, args...)
	if err != nil {
		return nil, err
	}
	return rowsAdapter{rows}, nil
}

func (q querier) QueryRow(ctx context.Context, s string, args ...any) sqlstore.Row {
	return rowAdapter{q.q.QueryRowContext(ctx, s, args...)}
}

type rowsAdapter struct{ *sql.Rows }

func (r rowsAdapter) Close() { r.Rows.Close() }

type rowAdapter struct{ r *sql.Row }

func (r rowAdapter) Scan(dest ...any) error {
	err := r.r.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return sqlstore.ErrNoRows
	}
	return err
}

// txAdapter is a write transaction on the writer connection.
type txAdapter struct {
	c    *conn
	done bool
}

// prepared returns q prepared on the writer connection, once. Migration
// scripts (several statements) run unprepared.
func (t *txAdapter) prepared(ctx context.Context, q string) (execQueryer, error) {
	if t.done {
		return nil, errors.New("sqlite: transaction has already been committed or rolled back")
	}
	if strings.Contains(q, ";") {
		return t.c.wconn, nil
	}
	if st, ok := t.c.stmts[q]; ok {
		return stmtQueryer{st}, nil
	}
	st, err := t.c.wconn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if t.c.stmts == nil {
		t.c.stmts = map[string]*sql.Stmt{}
	}
	t.c.stmts[q] = st
	return stmtQueryer{st}, nil
}

// stmtQueryer runs a prepared statement through the execQueryer methods,
// ignoring the (identical) query text.
type stmtQueryer struct{ st *sql.Stmt }

func (s stmtQueryer) ExecContext(ctx context.Context, _ string, args ...any) (sql.Result, error) {
	return s.st.ExecContext(ctx, args...)
}
func (s stmtQueryer) QueryContext(ctx context.Context, _ string, args ...any) (*sql.Rows, error) {
	return s.st.QueryContext(ctx, args...)
}
func (s stmtQueryer) QueryRowContext(ctx context.Context, _ string, args ...any) *sql.Row {
	return s.st.QueryRowContext(ctx, args...)
}

func (t *txAdapter) Exec(ctx context.Context, s string, args ...any) (int64, error) {
	q, err := t.prepared(ctx, s)
	if err != nil {
		return 0, err
	}
	return querier{q}.Exec(ctx, s, args...)
}

func (t *txAdapter) Query(ctx context.Context, s string, args ...any) (sqlstore.Rows, error) {
	q, err := t.prepared(ctx, s)
	if err != nil {
		return nil, err
	}
	return querier{q}.Query(ctx, s, args...)
}

func (t *txAdapter) QueryRow(ctx context.Context, s string, args ...any) sqlstore.Row {
	q, err := t.prepared(ctx, s)
	if err != nil {
		return errRow{err}
	}
	return querier{q}.QueryRow(ctx, s, args...)
}

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// Commit ends the transaction; when COMMIT fails the transaction is still
// open and Rollback ends it.
func (t *txAdapter) Commit(ctx context.Context) error {
	if t.done {
		return errors.New("sqlite: transaction already ended")
	}
	if _, err := t.c.wconn.ExecContext(context.WithoutCancel(ctx), "COMMIT"); err != nil {
		return err
	}
	t.done = true
	t.c.wmu.Unlock()
	return nil
}

// Rollback ends the transaction unless it was committed.
func (t *txAdapter) Rollback(ctx context.Context) error {
	if t.done {
		return nil
	}
	t.done = true
	_, err := t.c.wconn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	t.c.wmu.Unlock()
	return err
}

// FTSQuery turns a search into FTS5 syntax: words (a trailing * keeps a
// prefix search), "quoted phrases" and OR; everything else is quoted so
// that punctuation can never be read as FTS5 operators.
func FTSQuery(q string) (string, error) {
	var out []string
	// FTS5 ends a string at NUL and rejects broken UTF-8.
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(q, " "))
	rest := strings.TrimSpace(q)
	for rest != "" {
		var tok string
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				tok, rest = rest[1:], ""
			} else {
				tok, rest = rest[1:1+end], rest[2+end:]
			}
			if t := strings.TrimSpace(tok); t != "" {
				out = append(out, quote(t))
			}
		} else {
			end := strings.IndexAny(rest, " \t\n\"")
			if end < 0 {
				end = len(rest)
			}
			tok, rest = rest[:end], rest[end:]
			switch {
			case tok == "OR" || tok == "AND" || tok == "NOT":
				if len(out) > 0 && !isOp(out[len(out)-1]) {
					out = append(out, tok)
				}
			case strings.HasSuffix(tok, "*") && len(strings.TrimRight(tok, "*")) > 0:
				out = append(out, quote(strings.TrimRight(tok, "*"))+"*")
			default:
				if strings.Trim(tok, "*") != "" {
					out = append(out, quote(tok))
				}
			}
		}
		rest = strings.TrimLeft(rest, " \t\n")
	}
	for len(out) > 0 && isOp(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return "", errors.New("empty search")
	}
	return strings.Join(out, " "), nil
}

func isOp(s string) bool { return s == "OR" || s == "AND" || s == "NOT" }

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
