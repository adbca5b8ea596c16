package quote

import (
	"sort"

	"github.com/parley-news/parley/document"
)

// annotationIndex holds the earlier stages' mentions, entities and
// timexes sorted by start, so that looking up those near a span costs a
// binary search rather than a scan of the document.
type annotationIndex struct {
	mentions []document.Mention
	entities []document.Entity
	timexes  []document.Timex
	// chainNames lists each coreference chain's name mentions in order.
	chainNames map[int][]document.Span
	actorKind  map[string]string
}

// maxAnnotation bounds how far before a span a covering annotation may
// start: names and descriptions are short.
const maxAnnotation = 256

func newAnnotationIndex(doc *document.Document) *annotationIndex {
	x := &annotationIndex{
		mentions:   append([]document.Mention(nil), doc.Mentions...),
		entities:   append([]document.Entity(nil), doc.Entities...),
		timexes:    append([]document.Timex(nil), doc.Timexes...),
		chainNames: map[int][]document.Span{},
		actorKind:  map[string]string{},
	}
	sort.SliceStable(x.mentions, func(i, j int) bool { return x.mentions[i].Start < x.mentions[j].Start })
	sort.SliceStable(x.entities, func(i, j int) bool { return x.entities[i].Start < x.entities[j].Start })
	sort.SliceStable(x.timexes, func(i, j int) bool { return x.timexes[i].Start < x.timexes[j].Start })
	for _, m := range x.mentions {
		if m.Kind == "name" {
			x.chainNames[m.Chain] = append(x.chainNames[m.Chain], m.Span)
		}
	}
	for _, a := range doc.Actors {
		x.actorKind[a.ID] = a.Kind
	}
	return x
}

// mentionsNear returns the mentions that start in [from, to).
func (x *annotationIndex) mentionsNear(from, to int) []document.Mention {
	i := sort.Search(len(x.mentions), func(i int) bool { return x.mentions[i].Start >= from })
	j := sort.Search(len(x.mentions), func(i int) bool { return x.mentions[i].Start >= to })
	return x.mentions[i:j]
}

// entitiesNear returns the entities that start in [from, to).
func (x *annotationIndex) entitiesNear(from, to int) []document.Entity {
	i := sort.Search(len(x.entities), func(i int) bool { return x.entities[i].Start >= from })
	j := sort.Search(len(x.entities), func(i int) bool { return x.entities[i].Start >= to })
	return x.entities[i:j]
}

// timexesIn returns the time expressions that start in [from, to).
func (x *annotationIndex) timexesIn(from, to int) []document.Timex {
	i := sort.Search(len(x.timexes), func(i int) bool { return x.timexes[i].Start >= from })
	j := sort.Search(len(x.timexes), func(i int) bool { return x.timexes[i].Start >= to })
	return x.timexes[i:j]
}
