// Package sqlstore is the store.Store logic shared by the SQL backends:
// saving, merging and querying written once against a small connection
// interface, with a Dialect for what differs (placeholders, full-text
// search). store/sqlite and store/postgres adapt their drivers to it.
package sqlstore

import (
	"context"
	"errors"
)

// ErrNoRows is what Row.Scan returns when a query found nothing; adapters
// translate their driver's value to it.
var ErrNoRows = errors.New("sqlstore: no rows")

// Querier runs statements; both a pool and a transaction are Queriers.
// Statements use ? placeholders; the Dialect rebinds them.
type Querier interface {
	Exec(ctx context.Context, query string, args ...any) (int64, error)
	Query(ctx context.Context, query string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) Row
}

// Rows iterates over a query's result.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// Row is a single-row result.
type Row interface {
	Scan(dest ...any) error
}

// Tx is a transaction.
type Tx interface {
	Querier
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

// Conn is a database: a Querier for reads and a way to start the write
// transaction.
type Conn interface {
	// Reader runs reads (it may be a pool separate from the writer).
	Reader() Querier
	// BeginWrite starts a write transaction.
	BeginWrite(ctx context.Context) (Tx, error)
	Close() error
}

// Dialect holds what differs between SQL backends.
type Dialect struct {
	Name string
	// Rebind rewrites ? placeholders to the backend's form.
	Rebind func(q string) string
	// DocMatch is a condition on documents alias d that is true when the
	// document matches the full-text query bound to its one placeholder.
	DocMatch string
	// QuoteMatch is the same for quotes alias q.
	QuoteMatch string
	// FTSQuery turns a user's search into the backend's query syntax.
	FTSQuery func(q string) (string, error)
	// MergedDateIndex, when set, follows "FROM merged_events" where merged
	// events are sorted by date by pk: a hint to read (pk, date_from) from
	// its covering index rather than from the rows.
	MergedDateIndex string
	// InsertDocFTS, when set, indexes a new document: arguments (pk,
	// title, text). InsertQuoteFTS, when set, indexes the quotes of a new
	// document: argument (document pk).
	InsertDocFTS   string
	InsertQuoteFTS string
	// NewMergedPKs returns n unused primary keys of merged_events for rows
	// the transaction q is about to insert, so that a batch's merged
	// events and the events pointing at them go in one round trip.
	NewMergedPKs func(ctx context.Context, q Querier, n int) ([]int64, error)
	// OverridePK follows the column list of an insert that sets such a
	// key ("OVERRIDING SYSTEM VALUE" for an identity column).
	OverridePK string
}

// Stmt is one statement with its arguments.
type Stmt struct {
	Query string
	Args  []any
}

// Copier is a Tx that can bulk-load rows into a table (PostgreSQL's
// COPY); a batch's rows that need no conflict handling go through it
// instead of INSERTs.
type Copier interface {
	CopyFrom(ctx context.Context, table string, columns []string, rows [][]any) (int64, error)
}

// Batcher is a Tx that can send many statements in one round trip; a Tx
// without it runs them one by one.
type Batcher interface {
	ExecBatch(ctx context.Context, stmts []Stmt) error
}
