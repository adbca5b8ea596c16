package perceptron

// addBlocksGo adds, for each header position p in starts, the weights
// packed two to an entry in rows[p+1+off:] into acc, whose length is a
// multiple of eight.
func addBlocksGo(acc []int32, rows []entry, starts []uint32, off uint32) {
	if len(acc) == 0 {
		return
	}
	k := uint32(len(acc) / 2)
	for _, p := range starts {
		r := rows[p+1+off : p+1+off+k]
		a := acc[:2*len(r)]
		for i, e := range r {
			a[2*i] += int32(int16(e.c))
			a[2*i+1] += int32(e.q)
		}
	}
}
