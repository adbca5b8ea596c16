package actor

import (
	"strings"
	"testing"
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
