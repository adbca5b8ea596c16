package ner

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []Chunk
	}{
		{"empty", "", nil},
		{"iob1 run", "I-PER I-PER O I-LOC", []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"iob1 adjacent same type", "I-PER B-PER I-PER", []Chunk{{0, 1, "PER"}, {1, 3, "PER"}}},
		{"iob1 type change", "I-ORG I-LOC", []Chunk{{0, 1, "ORG"}, {1, 2, "LOC"}}},
		{"iob2", "B-PER I-PER B-PER O", []Chunk{{0, 2, "PER"}, {2, 3, "PER"}}},
		{"iob2 stray I starts a chunk", "O I-MISC I-MISC", []Chunk{{1, 3, "MISC"}}},
		{"bilou", "B-ORG I-ORG L-ORG U-LOC O U-PER", []Chunk{{0, 3, "ORG"}, {3, 4, "LOC"}, {5, 6, "PER"}}},
		{"bilou adjacent units", "U-PER U-PER", []Chunk{{0, 1, "PER"}, {1, 2, "PER"}}},
		{"ends at sentence end", "O B-LOC I-LOC", []Chunk{{1, 3, "LOC"}}},
		{"malformed tag is O", "B-PER XX I-PER", []Chunk{{0, 1, "PER"}, {2, 3, "PER"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Chunks(strings.Fields(tt.tags))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Chunks(%q) (-want +got):\n%s", tt.tags, diff)
			}
		})
	}
}

func TestConvert(t *testing.T) {
	tests := []struct {
		in, scheme, want string
	}{
		{"I-PER I-PER O I-LOC", "IOB2", "B-PER I-PER O B-LOC"},
		{"I-PER B-PER I-PER", "IOB2", "B-PER B-PER I-PER"},
		{"B-PER B-PER I-PER", "IOB1", "I-PER B-PER I-PER"},
		{"B-PER I-PER B-LOC", "IOB1", "I-PER I-PER I-LOC"},
		{"B-PER I-PER O B-LOC", "BILOU", "B-PER L-PER O U-LOC"},
		{"I-ORG I-ORG I-ORG", "BILOU", "B-ORG I-ORG L-ORG"},
		{"O O", "IOB2", "O O"},
	}
	for _, tt := range tests {
		got := strings.Join(Convert(strings.Fields(tt.in), tt.scheme), " ")
		if got != tt.want {
			t.Errorf("Convert(%q, %s) = %q, want %q", tt.in, tt.scheme, got, tt.want)
		}
		// Every scheme round-trips through chunks.
		back := Convert(strings.Fields(got), "IOB2")
		if want := Convert(strings.Fields(tt.in), "IOB2"); !cmp.Equal(back, want) {
			t.Errorf("round trip of %q via %s: %v, want %v", tt.in, tt.scheme, back, want)
		}
	}
}

func TestLabelsRoundTrip(t *testing.T) {
	for _, tags := range []string{"B-PER I-PER O B-LOC", "B-ORG I-ORG I-ORG B-ORG", "O O O", "B-MISC"} {
		cs := Chunks(strings.Fields(tags))
		ls := chunksToLabels(cs, len(strings.Fields(tags)))
		for i, l := range ls {
			prev := nlab
			if i > 0 {
				prev = int(ls[i-1])
			}
			if !allowed[prev][l] {
				t.Errorf("%q: label %d after %d is not allowed", tags, l, prev)
			}
		}
		if got := labelsToChunks(ls); !cmp.Equal(got, cs) {
			t.Errorf("%q: labels decode to %v, want %v", tags, got, cs)
		}
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred string
		p, r, f    float64
	}{
		{"perfect", "B-PER I-PER O B-LOC", "B-PER I-PER O B-LOC", 100, 100, 100},
		{"boundary error counts twice", "B-PER I-PER O", "B-PER O O", 0, 0, 0},
		{"type error", "B-PER O B-LOC", "B-ORG O B-LOC", 50, 50, 50},
		{"missed one", "B-PER O B-LOC", "B-PER O O", 100, 50, 100 * 2 * 0.5 / 1.5},
		{"iob1 gold against iob2 prediction", "I-PER I-PER O I-LOC", "B-PER I-PER O B-LOC", 100, 100, 100},
		{"nothing predicted", "B-PER", "O", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewScore()
			s.Add(strings.Fields(tt.gold), strings.Fields(tt.pred))
			p, r, f := s.PRF("")
			if !near(p, tt.p) || !near(r, tt.r) || !near(f, tt.f) {
				t.Errorf("PRF = %.2f %.2f %.2f, want %.2f %.2f %.2f", p, r, f, tt.p, tt.r, tt.f)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }
