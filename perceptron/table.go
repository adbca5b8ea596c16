package perceptron

import "slices"

// table is an open-addressing hash table from feature keys to packed rows,
// faster than a Go map for the lookup-heavy scoring loop. Keys are already
// well-mixed hashes, so the home slot is the key's top bits: keys inserted
// in ascending order (as models are read) then fill the table front to
// back instead of scattering writes over it.
type table struct {
	slots []slot
	// zero holds the value of key 0, which marks empty slots.
	zero    uint32
	hasZero bool
	mask    uint32
	shift   uint32
	n       int
}

func newTable(hint int) table {
	size, bits := 16, uint32(4)
	for size < hint*2 {
		size <<= 1
		bits++
	}
	return table{slots: make([]slot, size), mask: uint32(size - 1), shift: 32 - bits}
}

// slot keeps a key beside its value so that a lookup touches one cache
// line.
type slot struct{ key, val uint32 }

func (t *table) get(k uint32) (uint32, bool) {
	if k == 0 {
		return t.zero, t.hasZero
	}
	for i := k >> t.shift; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		switch s.key {
		case k:
			return s.val, true
		case 0:
			return 0, false
		}
	}
}

func (t *table) put(k uint32, v uint32) {
	if k == 0 {
		if !t.hasZero {
			t.n++
		}
		t.zero, t.hasZero = v, true
		return
	}
	if (t.n+1)*2 > len(t.slots) {
		t.grow()
	}
	for i := k >> t.shift; ; i = (i + 1) & t.mask {
		switch t.slots[i].key {
		case k:
			t.slots[i].val = v
			return
		case 0:
			t.slots[i] = slot{k, v}
			t.n++
			return
		}
	}
}

func (t *table) grow() {
	old := *t
	*t = newTable(len(old.slots))
	if old.hasZero {
		t.put(0, old.zero)
	}
	for _, s := range old.slots {
		if s.key != 0 {
			t.put(s.key, s.val)
		}
	}
}

// sortedKeys returns the keys in ascending order.
func (t *table) sortedKeys() []uint32 {
	out := make([]uint32, 0, t.n)
	if t.hasZero {
		out = append(out, 0)
	}
	for _, s := range t.slots {
		if s.key != 0 {
			out = append(out, s.key)
		}
	}
	slices.Sort(out)
	return out
}
