package main

import (
	"context"
	"errors"
)

func runQuery(ctx context.Context, e *env, args []string) error {
	return errors.New("runQuery: not built yet")
}

func runExport(ctx context.Context, e *env, args []string) error {
	return errors.New("runExport: not built yet")
}
