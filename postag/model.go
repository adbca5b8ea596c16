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

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the embedded tagger, loading it on first use.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		defaultTagger, defaultErr = Load(bytes.NewReader(defaultModel))
	})
	return defaultTagger, defaultErr
}
