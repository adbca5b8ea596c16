package ingest

import "github.com/parley-news/parley/simhash"

// bandIndex finds this run's fingerprints within a few bits of a probe.
// It splits each 64-bit fingerprint into four 16-bit bands: two
// fingerprints at most 3 bits apart agree on at least one band
// (pigeonhole), so only fingerprints sharing a band need comparing
// (Manku, Jain and Das Sarma, WWW 2007).
type bandIndex struct {
	bands [4]map[uint16][]fingerprint
	n     int
}

type fingerprint struct {
	hash uint64
	id   string
	seq  int // order of addition, to prefer the first of equals
}

func newBandIndex() *bandIndex {
	b := &bandIndex{}
	for i := range b.bands {
		b.bands[i] = map[uint16][]fingerprint{}
	}
	return b
}

func band(h uint64, i int) uint16 { return uint16(h >> (16 * i)) }

func (b *bandIndex) add(h uint64, id string) {
	for i := range b.bands {
		k := band(h, i)
		b.bands[i][k] = append(b.bands[i][k], fingerprint{h, id, b.n})
	}
	b.n++
}

// nearest returns the indexed fingerprint closest to h within maxDistance
// bits (the earliest added among equals). maxDistance must be below 4 for
// the search to be complete.
func (b *bandIndex) nearest(h uint64, maxDistance int) (id string, distance int, ok bool) {
	best, bestSeq := maxDistance+1, 0
	for i := range b.bands {
		for _, fp := range b.bands[i][band(h, i)] {
			d := simhash.Distance(h, fp.hash)
			if d < best || (d == best && fp.seq < bestSeq) {
				best, bestSeq, id, ok = d, fp.seq, fp.id, true
			}
		}
	}
	if !ok {
		return "", 0, false
	}
	return id, best, true
}
