package main

import (
	"context"
	"errors"
)

func runIngest(ctx context.Context, e *env, args []string) error {
	return errors.New("runIngest: not built yet")
}
