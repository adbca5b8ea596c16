package actor

import (
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/segment"
)

func TestMayStart(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word string
		want bool
	}{
		{"Donald", true},   // Donald Trump
		{"U.S.", true},     // periods dropped: "us"
		{"The", true},      // a leading "the" is dropped from keys
		{"Kremlin", true},  // a seat
		{"Zxqwv", false},   // starts no name
		{"Tuesday", false}, // capitalised, but no actor
	}
	for _, tt := range tests {
		if got := d.MayStart(tt.word); got != tt.want {
			t.Errorf("MayStart(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
	// Every key's own first word may start a name.
	for k := range d.byKey {
		if !d.MayStart(k) {
			t.Errorf("MayStart(%q) = false for a key", k)
		}
	}
}

// A name the tokenizer splits at a hyphen still starts at its first piece.
func TestMayStartSplitName(t *testing.T) {
	es, errs := Parse(strings.NewReader("group barad-dur: Barad-dur\n  code: MOR\n"), "test")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d := New(es)
	for _, w := range []string{"Barad", "Barad-dur"} {
		if !d.MayStart(w) {
			t.Errorf("MayStart(%q) = false", w)
		}
	}
	if d.MayStart("Mordor") {
		t.Error("MayStart(Mordor) = true, want false")
	}
}

func TestAppendKey(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"", ".", "the", "The", "THE ", "The Hague", "the the x", "  U.S.  ", "U. S.", "O’Brien", "‘Abd", "Barad-dur",
		"a\u00a0b", "a\u2003b\u0085c", "İstanbul", "ΣΑΣ", "Kelvin \u212a", "Dr. J. Smith\n\nof", "the\tthe", "x.the y", "the. x"}
	for _, e := range d.Entries() {
		names = append(names, e.Name, strings.ToUpper(e.Name))
		names = append(names, e.Names...)
	}
	for _, n := range names {
		k, ok := appendKey([]byte("pre"), n)
		if !ok || string(k) != "pre"+Key(n) {
			t.Errorf("appendKey(%q) = %q, %v; want %q", n, k, ok, "pre"+Key(n))
		}
	}
	if _, ok := appendKey(nil, "a\xffb"); ok {
		t.Error("appendKey accepted invalid UTF-8")
	}
}

func FuzzAppendKey(f *testing.F) {
	f.Add("The U.S. Department of State")
	f.Add("O’Brien\u00a0and the Kremlin")
	f.Fuzz(func(t *testing.T, s string) {
		k, ok := appendKey(nil, s)
		if ok && string(k) != Key(s) {
			t.Errorf("appendKey(%q) = %q, want %q", s, k, Key(s))
		}
	})
}

func TestSpanKeys(t *testing.T) {
	texts := []string{
		"The U.S. State Department said on Tuesday that Mr. O’Brien met the Kremlin’s envoy.",
		"THE  Hague\u00a0court . the. The the x, ‘Abd al-Rahman’ and İstanbul’s mayor (Barad-dur).",
		"Dr. J. Smith\n\nof the U. N. Security Council; the \u212aelvin\u2003test.",
	}
	for _, text := range texts {
		doc := document.New("t", text)
		doc.Sentences, doc.Tokens = segment.Segment(text)
		var k spanKeys
		for i := range doc.Tokens {
			jmax := min(len(doc.Tokens), i+8)
			k.build(doc, i, jmax)
			if !k.ok {
				t.Errorf("%q: no keys from token %d", text, i)
				continue
			}
			for j := i + 1; j <= jmax; j++ {
				span := text[doc.Tokens[i].Start:doc.Tokens[j-1].End]
				if got := string(trimThe(k.buf[:k.ends[j-i-1]])); got != Key(span) {
					t.Errorf("key of %q = %q, want %q", span, got, Key(span))
				}
			}
		}
	}
}
