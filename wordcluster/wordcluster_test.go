package wordcluster

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Trump’s envoy, Steve Witkoff, said.", "Trump 's envoy , Steve Witkoff , said ."},
		{"He didn't go to the U.S. today.", "He did n't go to the U.S. today ."},
		{"(Reuters) “Hello”", "( Reuters ) \" Hello \""},
		{"Mr. Smith", "Mr. Smith"},
		{"a 30-day ceasefire", "a 30-day ceasefire"},
	}
	for _, tt := range tests {
		got := strings.Join(Tokenize(tt.in, nil), " ")
		if got != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTableRoundTrip(t *testing.T) {
	b := &Builder{
		Sizes:   []int{2, 4},
		Words:   []string{"the", "Moscow", "said"},
		Classes: [][]uint16{{0, 1}, {1, 3}, {0, 2}},
		Caps:    map[string]int{"moscow": 100, "said": 0},
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tab, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{2, 4}, tab.Sizes); diff != "" {
		t.Error(diff)
	}
	if got := tab.Classes("Moscow"); !cmp.Equal(got, []uint16{1, 3}) {
		t.Errorf("Classes(Moscow) = %v", got)
	}
	if tab.Classes("moscow") != nil {
		t.Error("lookups are case-sensitive")
	}
	if r, ok := tab.CapRatio("moscow"); !ok || r != 100 {
		t.Errorf("CapRatio(moscow) = %d, %v", r, ok)
	}
}

func TestExchangeSeparatesContexts(t *testing.T) {
	// Words 0,1 always follow word 4; words 2,3 always follow word 5.
	var corpus []int32
	for i := 0; i < 50; i++ {
		corpus = append(corpus, 4, int32(i%2), 5, int32(2+i%2))
	}
	b := NewBigrams(corpus, 6, func(v int32) int32 { return v }, 6)
	cl := Exchange(context.Background(), b, 4, 10, nil)
	if cl[0] != cl[1] || cl[2] != cl[3] || cl[0] == cl[2] {
		t.Errorf("classes %v: want 0,1 together and 2,3 together, apart", cl[:4])
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	b := &Builder{Sizes: []int{2}, Words: []string{"a"}, Classes: [][]uint16{{1}}, Caps: map[string]int{"a": 3}}
	if err := b.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Every word's classes have one entry per size.
		for w := range tab.words {
			if got := len(tab.Classes(w)); got != len(tab.Sizes) {
				t.Fatalf("%q has %d classes for %d sizes", w, got, len(tab.Sizes))
			}
		}
	})
}

func FuzzTokenize(f *testing.F) {
	f.Add("Trump’s envoy didn't say (U.S.) \"no\".")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range Tokenize(s, nil) {
			if tok == "" || strings.ContainsAny(tok, " \t\n") {
				t.Fatalf("bad token %q", tok)
			}
		}
	})
}
