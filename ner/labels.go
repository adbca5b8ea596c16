package ner

// Labels are BILOU tags over the four types: 0 is O, then for type t the
// labels 1+4t+p with p = 0 B, 1 I, 2 L, 3 U. Ratinov & Roth (2009) found
// BILOU better than BIO for this task.
const nlab = 1 + 4*4

const (
	posB = iota
	posI
	posL
	posU
)

func label(typ, pos int) uint8 { return uint8(1 + 4*typ + pos) }

func labelParts(l uint8) (typ, pos int) {
	if l == 0 {
		return -1, -1
	}
	return int(l-1) / 4, int(l-1) % 4
}

// allowed[prev][cur] says whether cur may follow prev; prev = nlab is the
// sentence start. canEnd[l] says whether a sentence may end with l.
var allowed [nlab + 1][nlab]bool
var canEnd [nlab]bool

// prevOf[c] lists the labels (not the start) that may precede c.
var prevOf [nlab][]uint8

func init() {
	for p := 0; p <= nlab; p++ {
		for c := 0; c < nlab; c++ {
			allowed[p][c] = transitionOK(p, c)
			if allowed[p][c] && p < nlab {
				prevOf[c] = append(prevOf[c], uint8(p))
			}
		}
	}
	for l := 0; l < nlab; l++ {
		_, pos := labelParts(uint8(l))
		canEnd[l] = l == 0 || pos == posL || pos == posU
	}
}

func transitionOK(p, c int) bool {
	inside := false // whether p leaves an entity open
	pt := -1
	if p < nlab && p != 0 {
		var pp int
		pt, pp = labelParts(uint8(p))
		inside = pp == posB || pp == posI
	}
	if c == 0 {
		return !inside
	}
	ct, cp := labelParts(uint8(c))
	if cp == posI || cp == posL {
		return inside && pt == ct
	}
	return !inside
}

// labelsToChunks decodes a BILOU label sequence.
func labelsToChunks(ls []uint8) []Chunk {
	var out []Chunk
	start := -1
	for i, l := range ls {
		typ, pos := labelParts(l)
		switch pos {
		case posU:
			out = append(out, Chunk{i, i + 1, Types[typ]})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				out = append(out, Chunk{start, i + 1, Types[typ]})
			}
			start = -1
		case -1:
			start = -1
		}
	}
	return out
}

// chunksToLabels encodes chunks over n words as BILOU labels.
func chunksToLabels(chunks []Chunk, n int) []uint8 {
	ls := make([]uint8, n)
	for _, c := range chunks {
		t := typeIndex(c.Type)
		if c.End-c.Start == 1 {
			ls[c.Start] = label(t, posU)
			continue
		}
		for i := c.Start; i < c.End; i++ {
			p := posI
			if i == c.Start {
				p = posB
			} else if i == c.End-1 {
				p = posL
			}
			ls[i] = label(t, p)
		}
	}
	return ls
}
