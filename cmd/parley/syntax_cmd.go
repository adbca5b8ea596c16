package main

import (
	"context"
	"errors"
)

func evalPOS(ctx context.Context, e *env, args []string) error {
	return errors.New("evalPOS: not built yet")
}

func evalDep(ctx context.Context, e *env, args []string) error {
	return errors.New("evalDep: not built yet")
}

func trainPOS(ctx context.Context, e *env, args []string) error {
	return errors.New("trainPOS: not built yet")
}

func trainDep(ctx context.Context, e *env, args []string) error {
	return errors.New("trainDep: not built yet")
}

func tagPOS(ctx context.Context, e *env, args []string) error {
	return errors.New("tagPOS: not built yet")
}

func tagDep(ctx context.Context, e *env, args []string) error {
	return errors.New("tagDep: not built yet")
}
