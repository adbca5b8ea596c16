package depparse

import (
	"bytes"
	_ "embed"
	"sync"
)

// defaultModel is the parser trained on UD English EWT train (with
// jackknifed tags) by
// `parley train dep --data ud-english-ewt --out depparse/parser.gz`.
//
//go:embed parser.gz
var defaultModel []byte

var (
	defaultOnce   sync.Once
	defaultParser *Parser
	defaultErr    error
)

// Default returns the embedded parser, loading it on first use.
func Default() (*Parser, error) {
	defaultOnce.Do(func() {
		defaultParser, defaultErr = Load(bytes.NewReader(defaultModel))
	})
	return defaultParser, defaultErr
}
