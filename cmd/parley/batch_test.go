package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley-news/parley/document"
)

// Running documents through the pipeline as a batch (stage by stage, as
// ingest does) gives exactly what running them one by one gives.
func TestBatchEqualsSingle(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	load := func() []*document.Document {
		var docs []*document.Document
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := loadDocument(f, data, time.Time{}, 10<<20)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc)
		}
		return docs
	}
	p, err := defaultPipeline()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	single, batch := load(), load()
	for _, d := range single {
		if err := p.Process(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for i, err := range p.ProcessBatch(ctx, batch) {
		if err != nil {
			t.Fatalf("%s: %v", files[i], err)
		}
	}
	for i := range files {
		a, _ := json.Marshal(single[i])
		b, _ := json.Marshal(batch[i])
		if string(a) != string(b) {
			t.Errorf("%s: batch analysis differs from single analysis", files[i])
		}
	}
}
