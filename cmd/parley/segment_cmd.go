package main

import (
	"context"
	"errors"
)

func evalSBD(ctx context.Context, e *env, args []string) error {
	return errors.New("evalSBD: not built yet")
}

func evalTokens(ctx context.Context, e *env, args []string) error {
	return errors.New("evalTokens: not built yet")
}
