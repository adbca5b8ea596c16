// Package postgres is parley's store for teams: PostgreSQL through pgx v5
// (pgxpool), the same schema as store/sqlite with tsvector columns and GIN
// indexes for full-text search, and embedded versioned migrations.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect is PostgreSQL's: $n placeholders and tsvector search.
var Dialect = sqlstore.Dialect{
	Name:       "postgres",
	Rebind:     Rebind,
	DocMatch:   "d.pk IN (SELECT pk FROM document_bodies WHERE tsv @@ to_tsquery('english', ?))",
	QuoteMatch: "q.tsv @@ to_tsquery('english', ?)",
	FTSQuery:   TSQuery,
	NewMergedPKs: func(ctx context.Context, q sqlstore.Querier, n int) ([]int64, error) {
		rows, err := q.Query(ctx, `SELECT nextval(pg_get_serial_sequence('merged_events', 'pk')) FROM generate_series(1, $1)`, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		pks := make([]int64, 0, n)
		for rows.Next() {
			var pk int64
			if err := rows.Scan(&pk); err != nil {
				return nil, err
			}
			pks = append(pks, pk)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(pks) != n {
			return nil, fmt.Errorf("%d keys for %d merged events", len(pks), n)
		}
		return pks, nil
	},
	OverridePK: "OVERRIDING SYSTEM VALUE",
}

var _ store.Store = (*sqlstore.DB)(nil)

// migrationLock is the advisory lock key taken while migrating.
const migrationLock = "842751"

// Open connects to the database at dsn (a postgres:// URL; a search_path
// parameter selects the schema) and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	c := &conn{pool: pool}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		pool.Close()
		return nil, err
	}
	ms, err := sqlstore.LoadMigrations(sub)
	if err != nil {
		pool.Close()
		return nil, err
	}
	if err := migrate(ctx, pool, c, ms); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return sqlstore.New(c, Dialect), nil
}

// migrate applies ms while holding a session advisory lock on one
// connection, so that one process at a time migrates.
func migrate(ctx context.Context, pool *pgxpool.Pool, c *conn, ms []sqlstore.Migration) error {
	lc, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer lc.Release()
	if _, err := lc.Exec(ctx, `SELECT pg_advisory_lock(`+migrationLock+`)`); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	err = sqlstore.Migrate(ctx, c, Dialect, ms, func(ctx context.Context, tx sqlstore.Tx, script string) error {
		_, err := tx.Exec(ctx, script)
		return err
	})
	_, uerr := lc.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+migrationLock+`)`)
	return errors.Join(err, uerr)
}

// Rebind rewrites ? placeholders to $1, $2, … (parley's SQL has no ? in
// literals).
func Rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// TSQuery turns a search (words, trailing-* prefixes, "quoted phrases",
// OR) into to_tsquery syntax; every word is reduced to letters and digits
// so that no input can be read as an operator.
func TSQuery(q string) (string, error) {
	var out []string
	op := ""
	emit := func(term string) {
		if term == "" {
			return
		}
		if len(out) > 0 {
			if op == "" {
				op = "&"
			}
			out = append(out, op)
		}
		out = append(out, term)
		op = ""
	}
	rest := strings.TrimSpace(q)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			var phrase string
			if end < 0 {
				phrase, rest = rest[1:], ""
			} else {
				phrase, rest = rest[1:1+end], rest[2+end:]
			}
			emit(strings.Join(words(phrase), " <-> "))
		} else {
			end := strings.IndexAny(rest, " \t\n\"")
			if end < 0 {
				end = len(rest)
			}
			tok := rest[:end]
			rest = rest[end:]
			switch {
			case tok == "OR":
				if len(out) > 0 {
					op = "|"
				}
			case tok == "AND":
			case strings.HasSuffix(tok, "*"):
				if ws := words(tok); len(ws) > 0 {
					ws[len(ws)-1] += ":*"
					emit(strings.Join(ws, " <-> "))
				}
			default:
				emit(strings.Join(words(tok), " <-> "))
			}
		}
		rest = strings.TrimLeft(rest, " \t\n")
	}
	if len(out) == 0 {
		return "", errors.New("empty search")
	}
	return strings.Join(out, " "), nil
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

type conn struct{ pool *pgxpool.Pool }

func (c *conn) Reader() sqlstore.Querier { return querier{c.pool} }

func (c *conn) BeginWrite(ctx context.Context) (sqlstore.Tx, error) {
	tx, err := c.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return txAdapter{tx}, nil
}

func (c *conn) Close() error { c.pool.Close(); return nil }

type dbtx interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type querier struct{ q *pgxpool.Pool }

func (q querier) Exec(ctx context.Context, s string, args ...any) (int64, error) {
	tag, err := q.q.Exec(ctx, s, args...)
	return tag.RowsAffected(), err
}
func (q querier) Query(ctx context.Context, s string, args ...any) (sqlstore.Rows, error) {
	return query(ctx, q.q, s, args)
}
func (q querier) QueryRow(ctx context.Context, s string, args ...any) sqlstore.Row {
	return rowAdapter{q.q.QueryRow(ctx, s, args...)}
}

func query(ctx context.Context, q dbtx, s string, args []any) (sqlstore.Rows, error) {
	rows, err := q.Query(ctx, s, args...)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

type rowAdapter struct{ r pgx.Row }

func (r rowAdapter) Scan(dest ...any) error {
	err := r.r.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return sqlstore.ErrNoRows
	}
	return err
}

type txAdapter struct{ tx pgx.Tx }

func (t txAdapter) Exec(ctx context.Context, s string, args ...any) (int64, error) {
	tag, err := t.tx.Exec(ctx, s, args...)
	return tag.RowsAffected(), err
}
func (t txAdapter) Query(ctx context.Context, s string, args ...any) (sqlstore.Rows, error) {
	return query(ctx, t.tx, s, args)
}
func (t txAdapter) QueryRow(ctx context.Context, s string, args ...any) sqlstore.Row {
	return rowAdapter{t.tx.QueryRow(ctx, s, args...)}
}

// ExecBatch sends stmts in one round trip.
func (t txAdapter) ExecBatch(ctx context.Context, stmts []sqlstore.Stmt) error {
	if len(stmts) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, s := range stmts {
		b.Queue(s.Query, s.Args...)
	}
	br := t.tx.SendBatch(ctx, b)
	for range stmts {
		if _, err := br.Exec(); err != nil {
			br.Close()
			return err
		}
	}
	return br.Close()
}

// CopyFrom bulk-loads rows with COPY, which PostgreSQL parses and plans
// once for the whole set rather than per statement.
func (t txAdapter) CopyFrom(ctx context.Context, table string, columns []string, rows [][]any) (int64, error) {
	return t.tx.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows))
}

var (
	_ sqlstore.Batcher = txAdapter{}
	_ sqlstore.Copier  = txAdapter{}
)

func (t txAdapter) Commit(ctx context.Context) error   { return t.tx.Commit(ctx) }
func (t txAdapter) Rollback(ctx context.Context) error { return t.tx.Rollback(ctx) }
