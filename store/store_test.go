package store

import (
	"errors"
	"testing"

	"github.com/parley-news/parley/document"
)

func TestValidate(t *testing.T) {
	text := "Putin spoke."
	ok := func() *document.Document { return &document.Document{Text: text, ID: DocumentID(text)} }
	for _, tc := range []struct {
		name string
		edit func(d *document.Document)
		bad  bool
	}{
		{"ok", func(d *document.Document) {}, false},
		{"id filled in", func(d *document.Document) { d.ID = "" }, false},
		{"wrong id", func(d *document.Document) { d.ID = DocumentID("other") }, true},
		{"nul", func(d *document.Document) { d.Title = "a\x00b" }, true},
		{"utf8", func(d *document.Document) { d.Source = "\xff" }, true},
		{"entity", func(d *document.Document) {
			d.Entities = []document.Entity{{Span: document.Span{Start: 0, End: 13}}}
		}, true},
		{"trigger", func(d *document.Document) { d.Events = []document.Event{{Trigger: document.Span{Start: 6, End: 5}}} }, true},
		{"speaker", func(d *document.Document) {
			d.Quotes = []document.Quote{{Speaker: &document.Span{Start: -1, End: 2}}}
		}, true},
		{"spans inside", func(d *document.Document) {
			d.Entities = []document.Entity{{Span: document.Span{Start: 0, End: 5}}}
			d.Events = []document.Event{{Trigger: document.Span{Start: 6, End: 11}, Evidence: document.Span{Start: 0, End: 12}}}
		}, false},
	} {
		d := ok()
		tc.edit(d)
		err := Validate(&Entry{Doc: d})
		if tc.bad != (err != nil) || (err != nil && !errors.Is(err, ErrInvalid)) {
			t.Errorf("%s: Validate = %v; want error %v wrapping ErrInvalid", tc.name, err, tc.bad)
		}
		if err == nil && d.ID != DocumentID(text) {
			t.Errorf("%s: ID = %q", tc.name, d.ID)
		}
	}
	if err := Validate(&Entry{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil document: %v", err)
	}
}
