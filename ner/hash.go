package ner

// Feature names are hashed, never built as strings, so extracting them
// allocates nothing. FNV-1a 64 (Fowler, Noll, Vo).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hStart(tpl byte) uint64 {
	return (fnvOffset ^ uint64(tpl)) * fnvPrime
}

func hStr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	// Separator, so that ("ab","c") and ("a","bc") differ.
	return (h ^ 0xff) * fnvPrime
}

func hInt(h uint64, v int) uint64 {
	u := uint64(v)
	for i := 0; i < 4; i++ {
		h = (h ^ (u & 0xff)) * fnvPrime
		u >>= 8
	}
	return h
}

// table is an open-addressing map from feature hash to row index, built
// once at load time; it is faster to build and to probe than a Go map, and
// keeps key and value in one cache line.
type table struct {
	mask  uint64
	slots []slot
	n     int
}

type slot struct {
	key uint64
	val int32 // row + 1; 0 marks an empty slot
}

func newTable(keys []uint64) *table {
	n := 1
	for n < 2*len(keys)+1 {
		n <<= 1
	}
	t := &table{mask: uint64(n - 1), slots: make([]slot, n), n: len(keys)}
	for i, k := range keys {
		j := mix(k) & t.mask
		for t.slots[j].val != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j] = slot{k, int32(i + 1)}
	}
	return t
}

func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

// get returns the row of key k, or -1.
func (t *table) get(k uint64) int32 {
	j := mix(k) & t.mask
	for {
		s := &t.slots[j]
		if s.val == 0 || s.key == k {
			return s.val - 1
		}
		j = (j + 1) & t.mask
	}
}

// appendRows appends the rows of the keys present among keys to out. The
// home slots are read in a pass of their own, so that their cache misses
// overlap instead of each waiting behind the comparisons of the last.
func (t *table) appendRows(keys []uint64, out []int32) []int32 {
	var home [64]slot
	for len(keys) > 0 {
		batch := keys[:min(len(keys), len(home))]
		keys = keys[len(batch):]
		for i, k := range batch {
			home[i] = t.slots[mix(k)&t.mask]
		}
		for i, k := range batch {
			switch s := home[i]; {
			case s.val == 0:
			case s.key == k:
				out = append(out, s.val-1)
			default:
				if r := t.get(k); r >= 0 {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// each calls fn for every key and row.
func (t *table) each(fn func(key uint64, row int32)) {
	for _, s := range t.slots {
		if s.val != 0 {
			fn(s.key, s.val-1)
		}
	}
}
