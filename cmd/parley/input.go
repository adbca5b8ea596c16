package main

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// loadDocument turns an input's bytes into a document.
func loadDocument(name string, data []byte, published time.Time, limit int64) (*document.Document, error) {
	text := string(data)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	doc := document.New(name, text)
	sum := sha256.Sum256([]byte(text))
	doc.ID = hex.EncodeToString(sum[:])
	if !published.IsZero() {
		doc.Published = published
		doc.PublishedFrom = "flag"
	}
	return doc, nil
}
