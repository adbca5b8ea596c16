// Package formcache is the bounded, shared cache of what a model derives
// from a word form alone, which the tagger and the recognizer keep so that
// a token of a form seen lately costs a map lookup instead of its
// form-only features.
//
// When the current generation is full it becomes the old one, and entries
// still in use move back into the new current one: the vocabulary of
// running news stays cached in bounded memory.
package formcache

import (
	"strings"
	"sync"
)

// Cache maps word forms to entries. It is safe for concurrent use.
type Cache[E any] struct {
	mu       sync.RWMutex
	size     int
	cur, old map[string]E
}

// New returns a cache whose generations hold size forms each.
func New[E any](size int) *Cache[E] {
	return &Cache[E]{size: size, cur: make(map[string]E, size)}
}

// Get sets out[i] to the entry of forms[i] and returns out. A missing
// entry is built once per distinct form by build, which receives a copy
// of the form: the cache never keeps a document's text alive.
func (c *Cache[E]) Get(forms []string, out []E, build func(form string) E) []E {
	out = out[:0]
	var missing, promote []int
	c.mu.RLock()
	for i, f := range forms {
		e, ok := c.cur[f]
		if !ok {
			if e, ok = c.old[f]; ok {
				promote = append(promote, i)
			} else {
				missing = append(missing, i)
			}
		}
		out = append(out, e)
	}
	c.mu.RUnlock()
	if len(missing) == 0 && len(promote) == 0 {
		return out
	}
	made := make(map[string]E, len(missing))
	for _, i := range missing {
		e, ok := made[forms[i]]
		if !ok {
			e = build(strings.Clone(forms[i]))
			made[forms[i]] = e
		}
		out[i] = e
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, i := range append(promote, missing...) {
		if _, ok := c.cur[forms[i]]; ok {
			continue
		}
		if len(c.cur) >= c.size {
			c.old, c.cur = c.cur, make(map[string]E, c.size)
		}
		c.cur[strings.Clone(forms[i])] = out[i]
	}
	return out
}
