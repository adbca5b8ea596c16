package actor

import "testing"

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
