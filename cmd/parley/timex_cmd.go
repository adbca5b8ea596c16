package main

import (
	"context"
	"errors"
)

func evalTimex(ctx context.Context, e *env, args []string) error {
	return errors.New("evalTimex: not built yet")
}

func runTimex(ctx context.Context, e *env, args []string) error {
	return errors.New("runTimex: not built yet")
}
