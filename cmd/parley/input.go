package main

import (
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/source"
)

// loadDocument turns an input's bytes into a document: plain text, or
// HTML reduced to its main text with title and publication date.
// published, when not zero, is used if the input states no date.
func loadDocument(name string, data []byte, published time.Time, limit int64) (*document.Document, error) {
	return source.Parse(name, data, source.Options{MaxBytes: limit, Published: published})
}
