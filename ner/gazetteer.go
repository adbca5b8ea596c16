package ner

import "strings"

// maxGazLen is the longest entity name, in words, the gazetteer matches.
const maxGazLen = 6

// gazetteer maps the hash of a lowercased word sequence to the entity types
// it was labelled with in the training data (bit t for Types[t]).
type gazetteer map[uint64]uint8

func gazKey(lowers []string) uint64 {
	h := hStart(0)
	for _, w := range lowers {
		h = hStr(h, w)
	}
	return h
}

// wordKey is the gazetteer key of a single word inside a name, kept apart
// from whole names: "Bancshares" occurs in bank names without being one.
func wordKey(lower string) uint64 { return hStr(hStart(1), lower) }

// gazCounts is the training-time gazetteer: for each name, how many
// training documents label it with each type, so that a document's own
// names can be left out when featurising it (otherwise the model learns
// to trust a gazetteer that always knows the answer).
type gazCounts map[uint64]*[4]int32

// docNames returns the names (hash → type bits) a labelled document holds.
func docNames(sents [][]string, chunks [][]Chunk) map[uint64]uint8 {
	out := map[uint64]uint8{}
	for si, cs := range chunks {
		for _, c := range cs {
			if c.End-c.Start > maxGazLen {
				continue
			}
			lw := make([]string, 0, c.End-c.Start)
			for _, w := range sents[si][c.Start:c.End] {
				lw = append(lw, strings.ToLower(w))
			}
			out[gazKey(lw)] |= 1 << typeIndex(c.Type)
			for _, w := range lw {
				out[wordKey(w)] |= 1 << typeIndex(c.Type)
			}
		}
	}
	return out
}

func (g gazCounts) add(names map[uint64]uint8) {
	for k, bits := range names {
		e := g[k]
		if e == nil {
			e = new([4]int32)
			g[k] = e
		}
		for t := 0; t < 4; t++ {
			if bits&(1<<t) != 0 {
				e[t]++
			}
		}
	}
}

// final returns the gazetteer of names seen at least min times.
func (g gazCounts) final(min int32) gazetteer {
	out := gazetteer{}
	for k, e := range g {
		var bits uint8
		for t := 0; t < 4; t++ {
			if e[t] >= min {
				bits |= 1 << t
			}
		}
		if bits != 0 {
			out[k] = bits
		}
	}
	return out
}

// matchFunc returns the type bits of a name hash, or 0.
type matchFunc func(h uint64) uint8

// markGaz sets tokInfo.gaz for every gazetteer name in the sentence: bit
// 4·type + position, position 0 B, 1 I, 2 L, 3 U.
func markGaz(infos []tokInfo, match matchFunc) {
	for i := range infos {
		infos[i].wordGaz = match(wordKey(infos[i].lower))
	}
	markNames(infos, match)
}

// markNames is markGaz for tokens whose wordGaz is set.
func markNames(infos []tokInfo, match matchFunc) {
	for i := range infos {
		h := hStart(0)
		for j := i; j < len(infos) && j < i+maxGazLen; j++ {
			h = hStr(h, infos[j].lower)
			bits := match(h)
			if bits == 0 {
				continue
			}
			for t := 0; t < 4; t++ {
				if bits&(1<<t) == 0 {
					continue
				}
				if j == i {
					infos[i].gaz |= 1 << (4*t + 3)
					continue
				}
				infos[i].gaz |= 1 << (4 * t)
				for k := i + 1; k < j; k++ {
					infos[k].gaz |= 1 << (4*t + 1)
				}
				infos[j].gaz |= 1 << (4*t + 2)
			}
		}
	}
}

func typeIndex(t string) int {
	for i, s := range Types {
		if s == t {
			return i
		}
	}
	return 3 // unknown types count as MISC
}
