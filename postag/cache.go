package postag

import (
	"github.com/parley-news/parley/formcache"
	"github.com/parley-news/parley/perceptron"
)

// formEntry is what the tagger derives from a word form alone: the form's
// atoms and the model's weight sums over the templates that read nothing
// but the form. A token of a cached form then looks up only its context
// templates. The sums are integers, so adding them gives exactly the
// scores of adding every weight.
type formEntry struct {
	w word
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

// formCache is the form cache of one model.
type formCache struct {
	model *perceptron.Model
	*formcache.Cache[*formEntry]
}

// cache returns the form cache of the tagger's current model, replacing
// one built for an earlier model (training swaps models between passes).
func (t *Tagger) cache() formCache {
	t.cacheMu.Lock()
	defer t.cacheMu.Unlock()
	if t.forms.Cache == nil || t.forms.model != t.model {
		t.forms = formCache{t.model, formcache.New[*formEntry](formCacheSize)}
	}
	return t.forms
}

// entries returns the cache entries of forms, computing the missing ones.
func (t *Tagger) entries(forms []string, ents []*formEntry) []*formEntry {
	return t.cache().Get(forms, ents, t.newEntry)
}

func (t *Tagger) newEntry(form string) *formEntry {
	e := &formEntry{w: t.makeWord(form), class: -1}
	if c, ok := t.dict[form]; ok {
		e.class = c
		return e
	}
	sums := t.model.NewSums()
	t.model.Add(formFeatures(&e.w, nil), sums)
	e.static = sums[:t.model.NClasses:t.model.NClasses]
	return e
}
