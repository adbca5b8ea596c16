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

var loadDefault = sync.OnceValues(func() (*Parser, error) { return Load(bytes.NewReader(defaultModel)) })

// Default returns the embedded parser, loading it on first use.
func Default() (*Parser, error) { return loadDefault() }
