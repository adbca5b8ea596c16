package postag

import (
	"bytes"
	_ "embed"
	"sync"
)

// defaultModel is the tagger trained on UD English EWT train by
// `parley train pos --data ud-english-ewt --out postag/tagger.gz`.
//
//go:embed tagger.gz
var defaultModel []byte

var loadDefault = sync.OnceValues(func() (*Tagger, error) { return Load(bytes.NewReader(defaultModel)) })

// Default returns the embedded tagger, loading it on first use.
func Default() (*Tagger, error) { return loadDefault() }
