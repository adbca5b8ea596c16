package perceptron

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// xorData is a small problem a linear model solves only with a
// conjunction feature: class = a XOR b, features a, b and a∧b.
func xorData() (feats [][]uint32, labels []int) {
	for a := range 2 {
		for b := range 2 {
			feats = append(feats, []uint32{Mix(1, uint64(a)), Mix(2, uint64(b)), Mix(3, uint64(a), uint64(b))})
			labels = append(labels, a^b)
		}
	}
	return feats, labels
}

func TestTrainerLearns(t *testing.T) {
	feats, labels := xorData()
	tr := NewTrainer(2)
	scores := make([]float32, 2)
	for range 10 {
		for i, f := range feats {
			clear(scores)
			tr.Score(f, scores)
			tr.Tick()
			tr.Update(f, labels[i], Best(scores, nil))
		}
	}
	m := tr.Average(0)
	for i, f := range feats {
		clear(scores)
		m.Score(f, scores)
		if got := Best(scores, nil); got != labels[i] {
			t.Errorf("example %d: got class %d, want %d", i, got, labels[i])
		}
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	feats, labels := xorData()
	tr := NewTrainer(3)
	for range 5 {
		for i, f := range feats {
			tr.Tick()
			tr.Update(f, labels[i], 2)
		}
	}
	m := tr.Average(0)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, _, err := Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if back.Len() != m.Len() || back.NClasses != m.NClasses {
		t.Fatalf("read %d features/%d classes, wrote %d/%d", back.Len(), back.NClasses, m.Len(), m.NClasses)
	}
	for _, f := range feats {
		a, b := make([]float32, 3), make([]float32, 3)
		m.Score(f, a)
		back.Score(f, b)
		for c := range a {
			if d := a[c] - b[c]; d > 1e-3 || d < -1e-3 {
				t.Errorf("class %d: score %g after reading, %g before", c, b[c], a[c])
			}
		}
	}
}

func TestBestAllowed(t *testing.T) {
	for _, tc := range []struct {
		scores  []float32
		allowed []bool
		want    int
	}{
		{[]float32{1, 3, 2}, nil, 1},
		{[]float32{1, 3, 2}, []bool{true, false, true}, 2},
		{[]float32{1, 3, 2}, []bool{false, false, false}, -1},
		{[]float32{-5, -1}, nil, 1},
	} {
		if got := Best(tc.scores, tc.allowed); got != tc.want {
			t.Errorf("Best(%v, %v) = %d, want %d", tc.scores, tc.allowed, got, tc.want)
		}
	}
}

func TestCodec(t *testing.T) {
	var buf bytes.Buffer
	e := NewEncoder(&buf)
	e.Uint(300)
	e.Strings([]string{"a", "", "NOUN NN"})
	e.Flush()
	d := NewDecoder(&buf)
	if n := d.Uint(); n != 300 {
		t.Errorf("Uint = %d", n)
	}
	ss := d.Strings(10)
	if d.Err() != nil || len(ss) != 3 || ss[2] != "NOUN NN" {
		t.Errorf("Strings = %q, %v", ss, d.Err())
	}
	d.Uint()
	if d.Err() == nil {
		t.Error("reading past the end did not fail")
	}
}

func FuzzRead(f *testing.F) {
	feats, labels := xorData()
	tr := NewTrainer(2)
	for i, fs := range feats {
		tr.Tick()
		tr.Update(fs, labels[i], 1-labels[i])
	}
	var buf bytes.Buffer
	tr.Average(0).WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("PRCP1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, _, err := Read(b)
		if err == nil {
			m.Score([]uint32{1, 2, 3}, make([]float32, m.NClasses))
		}
	})
}

// TestScoreMatchesRows checks lookups against a plain map on a model dense
// enough for buckets to hold several features, with keys that share their
// low 16 bits, key 0 and the largest key, written in random order.
func TestScoreMatchesRows(t *testing.T) {
	const nc = 300 // above 256: the general accumulation path too
	for _, n := range []int{0, 1, 5000, 200000} {
		rng := rand.New(rand.NewPCG(uint64(n), 7))
		want := map[uint32]map[uint16]float32{}
		var keys []uint32
		for i := 0; len(keys) < n; i++ {
			k := rng.Uint32()
			switch i % 97 {
			case 0:
				k = 0
			case 1:
				k = math.MaxUint32
			case 2:
				if len(keys) > 0 {
					k = keys[len(keys)-1] ^ 0x10000 // same low bits
				}
			}
			if want[k] == nil {
				want[k] = map[uint16]float32{}
				keys = append(keys, k)
			}
		}
		b := newBuilder(nc, len(keys), 0, 1)
		for _, k := range keys {
			var cls []uint16
			var w []float32
			for range 1 + rng.IntN(4) {
				c := uint16(rng.IntN(nc))
				if _, ok := want[k][c]; ok {
					continue
				}
				v := float32(rng.IntN(200) - 100)
				if v == 0 {
					continue
				}
				want[k][c] = v
				cls, w = append(cls, c), append(w, v)
			}
			b.add(k, cls, w)
		}
		m := b.model()
		nonEmpty := 0
		for _, r := range want {
			if len(r) > 0 {
				nonEmpty++
			}
		}
		if m.Len() != nonEmpty {
			t.Fatalf("n=%d: Len %d, want %d", n, m.Len(), nonEmpty)
		}
		feats := append(slices.Clone(keys), 12345, 0xFFFF0000, 0x0000FFFF)
		for i := 0; i < len(feats); i += 1 + rng.IntN(100) {
			f := feats[i : i+1]
			got := make([]float32, nc)
			m.Score(f, got)
			for c := range got {
				if got[c] != want[f[0]][uint16(c)] {
					t.Fatalf("n=%d key %#x class %d: %g, want %g", n, f[0], c, got[c], want[f[0]][uint16(c)])
				}
			}
		}
		// All at once: batches of 64 and more.
		got := make([]float32, nc)
		m.Score(keys, got)
		sum := make([]float32, nc)
		for _, k := range keys {
			for c, v := range want[k] {
				sum[c] += v
			}
		}
		for c := range got {
			if got[c] != sum[c] {
				t.Fatalf("n=%d: class %d sums to %g, want %g", n, c, got[c], sum[c])
			}
		}
	}
}

// TestSplitRows checks that splitting keeps the sums, that AddExcept
// leaves out exactly the classes set aside, and that a split model writes
// the same model.
func TestSplitRows(t *testing.T) {
	const nc, lo, hi = 100, 10, 60
	rng := rand.New(rand.NewPCG(3, 4))
	b := newBuilder(nc, 0, 0, 1)
	want := map[uint32]map[uint16]float32{}
	var keys []uint32
	for len(keys) < 3000 {
		k := rng.Uint32()
		if want[k] != nil {
			continue
		}
		want[k] = map[uint16]float32{}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var cls []uint16
		var w []float32
		for _, c := range rng.Perm(nc)[:1+rng.IntN(nc)] {
			v := float32(1 + rng.IntN(50))
			want[k][uint16(c)] = v
			cls, w = append(cls, uint16(c)), append(w, v)
		}
		b.add(k, cls, w)
	}
	m := b.model()
	m.SplitRows(lo, hi)
	var after bytes.Buffer
	m.WriteTo(&after)
	back, _, err := Read(after.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(keys); i += 50 {
		feats := append(keys[i:min(i+70, len(keys))], 7, 99)
		full, except, reread := m.NewSums(), m.NewSums(), back.NewSums()
		m.Add(feats, full)
		m.AddExcept(feats, except)
		back.Add(feats, reread)
		for c := range nc {
			var all, kept float32
			for _, f := range feats {
				all += want[f][uint16(c)]
			}
			if c < lo || c >= hi {
				kept = all
			}
			if float32(full[c]) != all || float32(reread[c]) != all || float32(except[c]) != kept {
				t.Fatalf("class %d: Add %d, AddExcept %d, reread %d; want %g and %g", c, full[c], except[c], reread[c], all, kept)
			}
		}
	}
}

// TestMixArity checks Mix0 to Mix4 against Mix.
func TestMixArity(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for range 1000 {
		tp, a, b, c, d := rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()
		got := []uint32{Mix0(tp), Mix1(tp, a), Mix2(tp, a, b), Mix3(tp, a, b, c), Mix4(tp, a, b, c, d)}
		want := []uint32{Mix(tp), Mix(tp, a), Mix(tp, a, b), Mix(tp, a, b, c), Mix(tp, a, b, c, d)}
		if !slices.Equal(got, want) {
			t.Fatalf("Mix0..Mix4(%#x, %#x, %#x, %#x, %#x) = %x, want %x", tp, a, b, c, d, got, want)
		}
	}
}
