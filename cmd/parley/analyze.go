package main

import (
	"context"
	"errors"
)

func runAnalyze(ctx context.Context, e *env, args []string) error {
	return errors.New("runAnalyze: not built yet")
}

func runBench(ctx context.Context, e *env, args []string) error {
	return errors.New("runBench: not built yet")
}
