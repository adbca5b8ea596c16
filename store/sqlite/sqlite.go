// Package sqlite is parley's default store: one SQLite file (pure Go,
// modernc.org/sqlite) in WAL mode with synchronous=NORMAL, one writer
// connection and a pool of readers, and FTS5 indexes over document text
// and quotes kept in the same transaction as the rows they index.
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

	_ "modernc.org/sqlite"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect is SQLite's: ? placeholders and FTS5.
var Dialect = sqlstore.Dialect{
	Name:           "sqlite",
	Rebind:         func(q string) string { return q },
	DocMatch:       "d.pk IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
	QuoteMatch:     "q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
	FTSQuery:       FTSQuery,
	InsertDocFTS:   "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
	InsertQuoteFTS: "INSERT INTO quotes_fts (rowid, text, speaker_text) VALUES (?, ?, ?)",
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

func dsn(path string, txlock string) string {
	v := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)", "foreign_keys(1)", "cache_size(-32000)"} {
		v.Add("_pragma", p)
	}
	if txlock != "" {
		v.Set("_txlock", txlock)
	}
	return "file:" + path + "?" + v.Encode()
}

type conn struct {
	writer, reader *sql.DB
}

func openConn(path string) (*conn, error) {
	w, err := sql.Open("sqlite", dsn(path, "immediate"))
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
	return &conn{writer: w, reader: r}, nil
}

func (c *conn) Reader() sqlstore.Querier { return querier{c.reader} }

func (c *conn) BeginWrite(ctx context.Context) (sqlstore.Tx, error) {
	tx, err := c.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return txAdapter{tx}, nil
}

func (c *conn) Close() error {
	return errors.Join(c.reader.Close(), c.writer.Close())
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

type txAdapter struct{ tx *sql.Tx }

func (t txAdapter) Exec(ctx context.Context, s string, args ...any) (int64, error) {
	return querier{t.tx}.Exec(ctx, s, args...)
}
func (t txAdapter) Query(ctx context.Context, s string, args ...any) (sqlstore.Rows, error) {
	return querier{t.tx}.Query(ctx, s, args...)
}
func (t txAdapter) QueryRow(ctx context.Context, s string, args ...any) sqlstore.Row {
	return querier{t.tx}.QueryRow(ctx, s, args...)
}
func (t txAdapter) Commit(context.Context) error   { return t.tx.Commit() }
func (t txAdapter) Rollback(context.Context) error { return t.tx.Rollback() }

// FTSQuery turns a search into FTS5 syntax: words (a trailing * keeps a
// prefix search), "quoted phrases" and OR; everything else is quoted so
// that punctuation can never be read as FTS5 operators.
func FTSQuery(q string) (string, error) {
	var out []string
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
