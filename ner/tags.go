package ner

import (
	"fmt"
	"strings"
)

// Types are the CoNLL-2003 entity types.
var Types = []string{"PER", "ORG", "LOC", "MISC"}

// Chunk is an entity over words [Start, End) of a sentence.
type Chunk struct {
	Start, End int
	Type       string
}

// splitTag splits "B-PER" into ("B", "PER"); "O" gives ("O", "").
func splitTag(tag string) (prefix, typ string, err error) {
	if tag == "O" {
		return "O", "", nil
	}
	p, t, ok := strings.Cut(tag, "-")
	if !ok || t == "" || len(p) != 1 || !strings.Contains("BIELUS", p) {
		return "", "", fmt.Errorf("bad entity tag %q", tag)
	}
	return p, t, nil
}

// Chunks returns the entities of a tag sequence with conlleval's rules
// (Tjong Kim Sang's conlleval.pl startOfChunk/endOfChunk), which read
// IOB1, IOB2, IOE and BILOU/IOBES alike: an entity starts at B or S, at an I
// or E whose type differs from the previous tag's, or after O, E, L, U or
// S; it ends before a B or S, an O, or a change of type, and after E, L, U
// or S. Malformed tags count as O.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	prevP, prevT := "O", ""
	start := -1
	for i := 0; i <= len(tags); i++ {
		p, t := "O", ""
		if i < len(tags) {
			var err error
			if p, t, err = splitTag(tags[i]); err != nil {
				p, t = "O", ""
			}
		}
		if start >= 0 && chunkEnds(prevP, prevT, p, t) {
			out = append(out, Chunk{start, i, prevT})
			start = -1
		}
		if chunkStarts(prevP, prevT, p, t) {
			start = i
		}
		prevP, prevT = p, t
	}
	return out
}

func norm(p string) string {
	switch p {
	case "U":
		return "S"
	case "L":
		return "E"
	}
	return p
}

func chunkEnds(prevP, prevT, p, t string) bool {
	prevP, p = norm(prevP), norm(p)
	switch {
	case prevP == "O":
		return false
	case prevP == "E" || prevP == "S":
		return true
	case p == "B" || p == "S" || p == "O":
		return true
	}
	return prevT != t
}

func chunkStarts(prevP, prevT, p, t string) bool {
	prevP, p = norm(prevP), norm(p)
	switch {
	case p == "O":
		return false
	case p == "B" || p == "S":
		return true
	case prevP == "E" || prevP == "S" || prevP == "O":
		return true
	}
	return prevT != t
}

// Encode writes chunks over n words in a tagging scheme: "IOB1", "IOB2"
// (BIO) or "BILOU".
func Encode(chunks []Chunk, n int, scheme string) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "O"
	}
	prevEnd, prevType := -1, ""
	for _, c := range chunks {
		for i := c.Start; i < c.End; i++ {
			p := "I"
			switch scheme {
			case "IOB2":
				if i == c.Start {
					p = "B"
				}
			case "IOB1":
				if i == c.Start && prevEnd == c.Start && prevType == c.Type {
					p = "B"
				}
			case "BILOU":
				switch {
				case c.End-c.Start == 1:
					p = "U"
				case i == c.Start:
					p = "B"
				case i == c.End-1:
					p = "L"
				}
			}
			tags[i] = p + "-" + c.Type
		}
		prevEnd, prevType = c.End, c.Type
	}
	return tags
}

// Convert re-encodes a tag sequence in another scheme.
func Convert(tags []string, scheme string) []string {
	return Encode(Chunks(tags), len(tags), scheme)
}
