// Package perceptron is the averaged multiclass perceptron shared by
// parley's tagger and parser (Collins 2002; averaging as in Freund &
// Schapire 1999). Features are 32-bit hashes; each feature owns a sparse
// row of per-class weights, so a model with many classes and millions of
// features stays small in memory and on disk.
package perceptron

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Mix combines a feature template id and its atoms into a feature hash.
// It is a 64-bit multiply-xorshift mix (after splitmix64) truncated to 32
// bits; collisions between distinct features are rare and harmless, as in
// the hashing trick.
func Mix(template uint64, atoms ...uint64) uint32 {
	h := template*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	for _, a := range atoms {
		h ^= a + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2)
		h *= 0xBF58476D1CE4E5B9
		h ^= h >> 31
	}
	h ^= h >> 29
	h *= 0x94D049BB133111EB
	h ^= h >> 32
	return uint32(h)
}

// Hash returns a 64-bit FNV-1a hash of s, used to turn words into atoms.
func Hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Model is a trained (averaged) perceptron used for prediction.
type Model struct {
	NClasses int
	// Quantum, when positive, is the step weights are rounded to on
	// writing; zero means 1/32767 of the largest weight.
	Quantum float32
	// index maps a feature to its row, which starts at cls[start] with
	// the row's length (w[start] is unused) followed by its entries.
	index table
	cls   []uint16
	w     []float32
}

// Len returns the number of features with at least one weight.
func (m *Model) Len() int { return m.index.n }

// Weights returns the number of stored (feature, class) weights.
func (m *Model) Weights() int { return len(m.w) - m.index.n }

// Score adds the weights of feats into scores, which must have NClasses
// entries (it is not cleared first).
func (m *Model) Score(feats []uint32, scores []float32) {
	for _, f := range feats {
		r, ok := m.index.get(f)
		if !ok {
			continue
		}
		start := int(r)
		n := int(m.cls[start])
		cls := m.cls[start+1 : start+1+n]
		w := m.w[start+1 : start+1+n]
		for j, c := range cls {
			scores[c] += w[j]
		}
	}
}

// Best returns the class with the highest score among those allowed; a
// nil allowed permits every class. It returns -1 when none is allowed.
func Best(scores []float32, allowed []bool) int {
	best, bs := -1, float32(math.Inf(-1))
	for c, s := range scores {
		if allowed != nil && !allowed[c] {
			continue
		}
		if best < 0 || s > bs {
			best, bs = c, s
		}
	}
	return best
}

// Trainer learns a Model by perceptron updates with lazy averaging.
type Trainer struct {
	NClasses int
	rows     map[uint32]*trainRow
	// t counts update steps (instances seen); weights are averaged over it.
	t int64
}

type trainRow struct {
	cls []uint16
	w   []float32
	tot []float64
	ts  []int64
}

// NewTrainer returns a trainer for n classes.
func NewTrainer(n int) *Trainer {
	return &Trainer{NClasses: n, rows: make(map[uint32]*trainRow)}
}

// Score adds the current (not averaged) weights of feats into scores.
func (t *Trainer) Score(feats []uint32, scores []float32) {
	for _, f := range feats {
		r := t.rows[f]
		if r == nil {
			continue
		}
		for j, c := range r.cls {
			scores[c] += r.w[j]
		}
	}
}

// Tick advances the instance counter; call it once per training instance,
// whether or not it leads to an update.
func (t *Trainer) Tick() { t.t++ }

// Update moves weight from guess to truth on every feature.
func (t *Trainer) Update(feats []uint32, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		r := t.rows[f]
		if r == nil {
			r = &trainRow{}
			t.rows[f] = r
		}
		t.add(r, truth, 1)
		t.add(r, guess, -1)
	}
}

func (t *Trainer) add(r *trainRow, c int, v float32) {
	j := slices.Index(r.cls, uint16(c))
	if j < 0 {
		r.cls = append(r.cls, uint16(c))
		r.w = append(r.w, 0)
		r.tot = append(r.tot, 0)
		r.ts = append(r.ts, t.t)
		j = len(r.cls) - 1
	}
	r.tot[j] += float64(t.t-r.ts[j]) * float64(r.w[j])
	r.ts[j] = t.t
	r.w[j] += v
}

// Average returns the averaged model, dropping weights whose absolute
// value is below minAbs.
func (t *Trainer) Average(minAbs float64) *Model {
	keys := make([]uint32, 0, len(t.rows))
	for k := range t.rows {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := newBuilder(t.NClasses, len(keys))
	n := float64(t.t)
	if n == 0 {
		n = 1
	}
	var cls []uint16
	var w []float32
	for _, k := range keys {
		r := t.rows[k]
		cls, w = cls[:0], w[:0]
		for j, c := range r.cls {
			avg := (r.tot[j] + float64(t.t-r.ts[j])*float64(r.w[j])) / n
			if math.Abs(avg) < minAbs || avg == 0 {
				continue
			}
			cls = append(cls, c)
			w = append(w, float32(avg))
		}
		b.add(k, cls, w)
	}
	return b.model()
}

type builder struct{ m *Model }

func newBuilder(nClasses, nFeats int) *builder {
	return &builder{m: &Model{NClasses: nClasses, index: newTable(nFeats)}}
}

func (b *builder) add(key uint32, cls []uint16, w []float32) {
	if len(cls) == 0 {
		return
	}
	start := len(b.m.w)
	b.m.cls = append(b.m.cls, uint16(len(cls)))
	b.m.cls = append(b.m.cls, cls...)
	b.m.w = append(b.m.w, 0)
	b.m.w = append(b.m.w, w...)
	b.m.index.put(key, uint32(start))
}

func (b *builder) model() *Model { return b.m }

const magic = "PRCP1"

// WriteTo writes m in a compact binary form: sorted feature keys as
// varint deltas, and weights quantised to 16 bits against the largest
// absolute weight. Wrap w in gzip for files.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	keys := m.index.sortedKeys()
	var maxAbs float32
	for _, x := range m.w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	slices.Sort(keys)
	scale := maxAbs / 32767
	if m.Quantum > 0 {
		scale = m.Quantum
	}
	if scale == 0 {
		scale = 1
	}
	buf := make([]byte, binary.MaxVarintLen64)
	var n int64
	put := func(v uint64) {
		k := binary.PutUvarint(buf, v)
		bw.Write(buf[:k])
		n += int64(k)
	}
	bw.WriteString(magic)
	n += int64(len(magic))
	put(uint64(m.NClasses))
	put(uint64(len(keys)))
	binary.Write(bw, binary.LittleEndian, scale)
	n += 4
	prev := uint32(0)
	for _, k := range keys {
		put(uint64(k - prev))
		prev = k
		r, _ := m.index.get(k)
		start := int(r)
		cnt := int(m.cls[start])
		put(uint64(cnt))
		for j := start + 1; j <= start+cnt; j++ {
			put(uint64(m.cls[j]))
			q := int64(math.Round(float64(m.w[j] / scale)))
			put(uint64(q<<1) ^ uint64(q>>63))
		}
	}
	return n, bw.Flush()
}

// ErrFormat reports a model stream that is not a perceptron model.
var ErrFormat = errors.New("perceptron: not a model stream")

// Read reads a model written by WriteTo. Weights that quantised to zero
// are dropped.
func Read(r io.ByteReader) (*Model, error) {
	for i := 0; i < len(magic); i++ {
		c, err := r.ReadByte()
		if err != nil || c != magic[i] {
			return nil, ErrFormat
		}
	}
	get := func() (uint64, error) { return binary.ReadUvarint(r) }
	nc, err := get()
	if err != nil {
		return nil, fmt.Errorf("perceptron: classes: %w", err)
	}
	if nc == 0 || nc > 1<<16 {
		return nil, fmt.Errorf("perceptron: %d classes", nc)
	}
	nk, err := get()
	if err != nil {
		return nil, fmt.Errorf("perceptron: features: %w", err)
	}
	var sb [4]byte
	for i := range sb {
		if sb[i], err = r.ReadByte(); err != nil {
			return nil, fmt.Errorf("perceptron: scale: %w", err)
		}
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(sb[:]))
	b := newBuilder(int(nc), int(min(nk, 1<<20)))
	var cls []uint16
	var w []float32
	key := uint32(0)
	for range nk {
		d, err := get()
		if err != nil {
			return nil, fmt.Errorf("perceptron: key: %w", err)
		}
		key += uint32(d)
		cnt, err := get()
		if err != nil || cnt > nc {
			return nil, fmt.Errorf("perceptron: row length: %v", err)
		}
		cls, w = cls[:0], w[:0]
		for range cnt {
			c, err := get()
			if err != nil || c >= nc {
				return nil, fmt.Errorf("perceptron: class: %v", err)
			}
			z, err := get()
			if err != nil {
				return nil, fmt.Errorf("perceptron: weight: %w", err)
			}
			q := int64(z>>1) ^ -int64(z&1)
			if q == 0 {
				continue
			}
			cls = append(cls, uint16(c))
			w = append(w, float32(q)*scale)
		}
		b.add(key, cls, w)
	}
	return b.model(), nil
}

// Prune returns a copy of m without the weights smaller than minAbs in
// absolute value, and without the features left with no weight.
func (m *Model) Prune(minAbs float32) *Model {
	keys := m.index.sortedKeys()
	b := newBuilder(m.NClasses, len(keys))
	var cls []uint16
	var w []float32
	for _, k := range keys {
		r, _ := m.index.get(k)
		start := int(r)
		n := int(m.cls[start])
		cls, w = cls[:0], w[:0]
		for j := start + 1; j <= start+n; j++ {
			if m.w[j] >= minAbs || m.w[j] <= -minAbs {
				cls = append(cls, m.cls[j])
				w = append(w, m.w[j])
			}
		}
		b.add(k, cls, w)
	}
	return b.model()
}
