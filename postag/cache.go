package postag

import (
	"sync"

	"github.com/parley-news/parley/perceptron"
)

// formCache holds what the tagger derives from a word form alone, for the
// forms seen lately: the form's atoms and the model's weight sums over
// the templates that read nothing but the form. A token of a cached form
// then looks up only its context templates, about three in five. The
// sums are integers, so adding them gives exactly the scores of adding
// every weight.
//
// When the current generation is full it becomes the old one, and forms
// still in use move back into the new current one: the vocabulary of
// running news stays cached in bounded memory.
type formCache struct {
	mu       sync.RWMutex
	model    *perceptron.Model
	cur, old map[string]*formEntry
}

type formEntry struct {
	form string
	w    word
	// class is the form's class in the tag dictionary, or -1.
	class int
	// static holds the sums of the form-only templates over the model's
	// classes; it is nil for the forms of the tag dictionary, which are
	// never scored.
	static perceptron.Sums
}

// formCacheSize is the number of forms in a generation; an entry takes
// about 450 bytes.
const formCacheSize = 1 << 13

// entries returns the cache entries of forms, computing the missing ones.
func (t *Tagger) entries(forms []string, ents []*formEntry) []*formEntry {
	c := t.cache()
	ents = ents[:0]
	var missing []int
	var promote []*formEntry
	c.mu.RLock()
	for i, f := range forms {
		e := c.cur[f]
		if e == nil {
			if e = c.old[f]; e != nil {
				promote = append(promote, e)
			} else {
				missing = append(missing, i)
			}
		}
		ents = append(ents, e)
	}
	c.mu.RUnlock()
	if len(missing) == 0 && len(promote) == 0 {
		return ents
	}
	for _, i := range missing {
		ents[i] = t.newEntry(forms[i])
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range promote {
		c.put(e.form, e)
	}
	for _, i := range missing {
		c.put(forms[i], ents[i])
	}
	return ents
}

// put adds e under form, starting a new generation when the current one
// is full. The caller holds the write lock.
func (c *formCache) put(form string, e *formEntry) {
	if _, ok := c.cur[form]; ok {
		return
	}
	if len(c.cur) >= formCacheSize {
		c.old, c.cur = c.cur, make(map[string]*formEntry, formCacheSize)
	}
	c.cur[form] = e
}

// cache returns the form cache of the tagger's current model, replacing
// one built for an earlier model (training swaps models between passes).
func (t *Tagger) cache() *formCache {
	t.cacheMu.Lock()
	defer t.cacheMu.Unlock()
	if t.forms == nil || t.forms.model != t.model {
		t.forms = &formCache{model: t.model, cur: make(map[string]*formEntry, formCacheSize)}
	}
	return t.forms
}

func (t *Tagger) newEntry(form string) *formEntry {
	// The key is a copy, so the cache does not keep a document's text
	// alive.
	form = string([]byte(form))
	e := &formEntry{form: form, w: t.makeWord(form), class: -1}
	if c, ok := t.dict[form]; ok {
		e.class = c
		return e
	}
	sums := t.model.NewSums()
	t.model.Add(formFeatures(&e.w, nil), sums)
	e.static = sums[:t.model.NClasses:t.model.NClasses]
	return e
}
