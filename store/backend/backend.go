// Package backend opens a store by its address: a postgres:// or
// postgresql:// URL selects PostgreSQL, anything else is a SQLite file
// path (optionally prefixed with sqlite: or file:).
package backend

import (
	"context"
	"strings"

	"github.com/parley-news/parley/store"
	"github.com/parley-news/parley/store/postgres"
	"github.com/parley-news/parley/store/sqlite"
)

// DefaultDSN is the store used when none is given: parley.db in the
// current directory.
const DefaultDSN = "parley.db"

// Open opens the store at dsn, creating and migrating it when needed.
func Open(ctx context.Context, dsn string) (store.Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return postgres.Open(ctx, dsn)
	case strings.HasPrefix(dsn, "sqlite:"):
		dsn = strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "//")
	case strings.HasPrefix(dsn, "file:"):
		dsn = strings.TrimPrefix(dsn, "file:")
	}
	if dsn == "" {
		dsn = DefaultDSN
	}
	return sqlite.Open(ctx, dsn)
}
