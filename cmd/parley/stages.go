package main

import (
	"fmt"
	"os"

	"github.com/parley-news/parley/actor"
	"github.com/parley-news/parley/depparse"
	"github.com/parley-news/parley/event"
	"github.com/parley-news/parley/ner"
	"github.com/parley-news/parley/pipeline"
	"github.com/parley-news/parley/postag"
	"github.com/parley-news/parley/quote"
	"github.com/parley-news/parley/segment"
	"github.com/parley-news/parley/timex"
)

// defaultPipeline returns parley's stages in order, with embedded models
// and the embedded actor dictionary. Models load lazily, on the first
// document.
func defaultPipeline() (*pipeline.Pipeline, error) { return buildPipeline(nil, nil) }

// buildPipeline returns the stages with the embedded actor dictionary and
// event triggers extended by the user's files.
func buildPipeline(actorFiles, eventFiles []string) (*pipeline.Pipeline, error) {
	tx, err := timex.NewStage()
	if err != nil {
		return nil, err
	}
	dict, err := actor.Load(actorFiles...)
	if err != nil {
		return nil, err
	}
	actors, err := actor.NewStage(dict)
	if err != nil {
		return nil, err
	}
	events := event.NewStage()
	for _, f := range eventFiles {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("--events: %w", err)
		}
		events.AddTriggers(f, string(data))
	}
	if _, err := events.Lexicon(); err != nil {
		return nil, err
	}
	return pipeline.New(
		segment.New(),
		postag.NewStage(),
		depparse.NewStage(),
		ner.NewStage(),
		tx,
		actors,
		quote.NewStage(),
		events,
	), nil
}
