package main

import (
	"context"
	"errors"
)

func evalNER(ctx context.Context, e *env, args []string) error {
	return errors.New("evalNER: not built yet")
}

func trainNER(ctx context.Context, e *env, args []string) error {
	return errors.New("trainNER: not built yet")
}

func tagNER(ctx context.Context, e *env, args []string) error {
	return errors.New("tagNER: not built yet")
}
