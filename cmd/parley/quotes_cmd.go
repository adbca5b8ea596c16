package main

import (
	"context"
	"errors"
)

func evalQuotes(ctx context.Context, e *env, args []string) error {
	return errors.New("evalQuotes: not built yet")
}
