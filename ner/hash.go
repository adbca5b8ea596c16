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
// once at load time; it is faster to build and to probe than a Go map.
type table struct {
	mask uint64
	keys []uint64
	vals []int32
}

func newTable(keys []uint64) *table {
	n := 1
	for n < 2*len(keys)+1 {
		n <<= 1
	}
	t := &table{mask: uint64(n - 1), keys: make([]uint64, n), vals: make([]int32, n)}
	for i := range t.vals {
		t.vals[i] = -1
	}
	for i, k := range keys {
		j := mix(k) & t.mask
		for t.vals[j] >= 0 {
			j = (j + 1) & t.mask
		}
		t.keys[j] = k
		t.vals[j] = int32(i)
	}
	return t
}

func mix(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

func (t *table) get(k uint64) int32 {
	j := mix(k) & t.mask
	for {
		v := t.vals[j]
		if v < 0 || t.keys[j] == k {
			return v
		}
		j = (j + 1) & t.mask
	}
}
