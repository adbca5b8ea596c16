package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/parley-news/parley/actor"
	"github.com/parley-news/parley/depparse"
	"github.com/parley-news/parley/event"
	"github.com/parley-news/parley/ner"
	"github.com/parley-news/parley/petrarch"
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
	// Files in PETRARCH's formats are recognised by their content
	// (petrarch.Detect; docs in actor/FORMAT.md): actors go to the actor
	// dictionary, agents, verbs and discards to the event stage.
	events := event.NewStage()
	var parleyActors, petrActors []string
	for _, group := range []struct {
		flag  string
		files []string
	}{{"--actors", actorFiles}, {"--events", eventFiles}} {
		for _, f := range group.files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", group.flag, err)
			}
			switch petrarch.Detect(data) {
			case petrarch.KindActors:
				petrActors = append(petrActors, f)
			case petrarch.KindAgents:
				err = events.PETRARCH().LoadAgents(bytes.NewReader(data), f)
			case petrarch.KindVerbs:
				err = events.PETRARCH().LoadVerbs(bytes.NewReader(data), f)
			case petrarch.KindDiscards:
				err = events.PETRARCH().LoadDiscards(bytes.NewReader(data), f)
			default:
				if group.flag == "--actors" {
					parleyActors = append(parleyActors, f)
				} else {
					events.AddTriggers(f, string(data))
				}
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", group.flag, err)
			}
		}
	}
	dict, err := actor.LoadMixed(parleyActors, petrActors)
	if err != nil {
		return nil, err
	}
	actors, err := actor.NewStage(dict)
	if err != nil {
		return nil, err
	}
	if len(parleyActors)+len(petrActors) > 0 {
		events.UseDictionary(dict)
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
