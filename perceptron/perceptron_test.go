package perceptron

import (
	"bytes"
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
