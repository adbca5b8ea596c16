package main

import (
	"context"
	"errors"
)

func evalGAP(ctx context.Context, e *env, args []string) error {
	return errors.New("evalGAP: not built yet")
}

func runActors(ctx context.Context, e *env, args []string) error {
	return errors.New("runActors: not built yet")
}
