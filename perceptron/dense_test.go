package perceptron

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomModel builds a model of nc classes whose rows have from 1 to nc
// weights, with the weights it holds.
func randomModel(t *testing.T, nc, nfeat int, seed uint64) (*Model, []uint32, map[uint32]map[uint16]int32) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 11))
	want := map[uint32]map[uint16]int32{}
	var keys []uint32
	for len(keys) < nfeat {
		k := rng.Uint32()
		if want[k] != nil {
			continue
		}
		want[k] = map[uint16]int32{}
		keys = append(keys, k)
	}
	b := newBuilder(nc, len(keys), 0, 1)
	for _, k := range keys {
		var cls []uint16
		var w []float32
		// Short rows mostly, some as long as the class list.
		n := 1 + rng.IntN(min(4, nc))
		if rng.IntN(5) == 0 {
			n = 1 + rng.IntN(nc)
		}
		for _, c := range rng.Perm(nc)[:n] {
			v := int32(rng.IntN(65534) - 32767)
			if v == 0 {
				continue
			}
			want[k][uint16(c)] = v
			cls, w = append(cls, uint16(c)), append(w, float32(v))
		}
		b.add(k, cls, w)
	}
	return b.model(), keys, want
}

// TestDensifySums checks that dense rows sum exactly what the sparse rows
// did, for class counts that fill the last block of eight or not, through
// Add, Score and sums shorter than NewSums's, and that a dense model
// writes the same bytes.
func TestDensifySums(t *testing.T) {
	for _, nc := range []int{1, 7, 8, 9, 33, 104, 127, 248, 249} {
		m, keys, want := randomModel(t, nc, 3000, uint64(nc))
		var before bytes.Buffer
		m.WriteTo(&before)
		m.densify(6)
		if nc >= 6 && nc <= maxDense && len(m.sparse) == 0 {
			t.Fatalf("%d classes: no row made dense", nc)
		}
		var after bytes.Buffer
		m.WriteTo(&after)
		if !bytes.Equal(before.Bytes(), after.Bytes()) {
			t.Fatalf("%d classes: the dense model writes other bytes", nc)
		}
		if m.Len() != len(keys) {
			t.Fatalf("%d classes: Len %d, want %d", nc, m.Len(), len(keys))
		}
		rng := rand.New(rand.NewPCG(uint64(nc), 5))
		for range 200 {
			feats := make([]uint32, rng.IntN(150))
			for i := range feats {
				feats[i] = keys[rng.IntN(len(keys))]
				if rng.IntN(10) == 0 {
					feats[i] = rng.Uint32() // most likely absent
				}
			}
			exact := make([]int32, nc)
			for _, f := range feats {
				for c, v := range want[f] {
					exact[c] += v
				}
			}
			sums, short := m.NewSums(), make(Sums, nc)
			m.Add(feats, sums)
			m.Add(feats, short)
			scores := make([]float32, nc)
			m.Score(feats, scores)
			for c := range nc {
				if sums[c] != exact[c] || short[c] != exact[c] || scores[c] != float32(exact[c])*m.scale {
					t.Fatalf("%d classes, class %d: Add %d, short sums %d, Score %g; want %d", nc, c, sums[c], short[c], scores[c], exact[c])
				}
			}
		}
	}
}

// TestDensifySplit checks a model split and then made dense: Add sums
// every class, AddExcept every class outside the set-aside range.
func TestDensifySplit(t *testing.T) {
	const nc, lo, hi = 104, 2, 53
	m, keys, want := randomModel(t, nc, 5000, 9)
	m.SplitRows(lo, hi)
	m.densify(12)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		feats := make([]uint32, 1+rng.IntN(120))
		for i := range feats {
			feats[i] = keys[rng.IntN(len(keys))]
		}
		full, except := m.NewSums(), m.NewSums()
		m.Add(feats, full)
		m.AddExcept(feats, except)
		for c := range nc {
			var exact int32
			for _, f := range feats {
				exact += want[f][uint16(c)]
			}
			if full[c] != exact || (c < lo || c >= hi) && except[c] != exact {
				t.Fatalf("class %d: Add %d, AddExcept %d, want %d", c, full[c], except[c], exact)
			}
		}
	}
}

// TestAddBlocks compares the block adder with the portable one for every
// number of blocks up to 31 and rows at any offset.
func TestAddBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	rows := make([]entry, 4000)
	for i := range rows {
		rows[i] = entry{uint16(rng.Uint32()), int16(rng.Uint32())}
	}
	for nb := 1; nb <= 31; nb++ {
		for _, off := range []uint32{0, 3, 8} {
			starts := make([]uint32, rng.IntN(70))
			for i := range starts {
				starts[i] = uint32(rng.IntN(len(rows) - 1 - int(off) - 4*nb))
			}
			got, want := make([]int32, 8*nb), make([]int32, 8*nb)
			for i := range got {
				got[i] = rng.Int32N(1000)
			}
			copy(want, got)
			addBlocks(got, rows, starts, off)
			addBlocksGo(want, rows, starts, off)
			if !slices.Equal(got, want) {
				t.Fatalf("%d blocks, offset %d: %v, want %v", nb, off, got, want)
			}
		}
	}
}

func BenchmarkAddDense(b *testing.B) {
	for _, dense := range []bool{false, true} {
		m, keys, _ := randomModel(&testing.T{}, 104, 200000, 1)
		if dense {
			m.Densify()
		}
		rng := rand.New(rand.NewPCG(1, 1))
		feats := make([]uint32, 100)
		for i := range feats {
			feats[i] = keys[rng.IntN(len(keys))]
		}
		name := "sparse"
		if dense {
			name = "dense"
		}
		b.Run(name, func(b *testing.B) {
			acc := m.NewSums()
			for b.Loop() {
				m.Add(feats, acc)
			}
		})
	}
}
