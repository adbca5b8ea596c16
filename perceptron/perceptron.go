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
	// index maps a feature to its row in rows: a header entry whose c is
	// the row's length, then the row's (class, weight) entries, kept
	// together so that scoring a feature touches one stretch of memory.
	// Weights are 16-bit integers times scale: four bytes an entry keep
	// more of a large model in cache.
	index table
	rows  []entry
	scale float32
}

type entry struct {
	c uint16
	q int16
}

// Len returns the number of features with at least one weight.
func (m *Model) Len() int { return m.index.n }

// Weights returns the number of stored (feature, class) weights.
func (m *Model) Weights() int { return len(m.rows) - m.index.n }

// Score adds the weights of feats into scores, which must have NClasses
// entries (it is not cleared first).
func (m *Model) Score(feats []uint32, scores []float32) {
	// Sum the 16-bit weights as integers and scale once at the end.
	var small [256]int32
	var acc []int32
	if m.NClasses <= len(small) {
		acc = small[:m.NClasses]
	} else {
		acc = make([]int32, m.NClasses)
	}
	// Resolve a batch of features first and read their rows after: the
	// lookups are independent, so the processor overlaps their cache
	// misses instead of waiting for each in turn.
	var starts [64]uint32
	for len(feats) > 0 {
		batch := feats[:min(len(feats), len(starts))]
		feats = feats[len(batch):]
		n := 0
		for _, f := range batch {
			if r, ok := m.index.get(f); ok {
				starts[n] = r
				n++
			}
		}
		if m.NClasses <= len(small) {
			// Indexing by the low byte lets the compiler drop the
			// bounds check from the innermost loop.
			for _, start := range starts[:n] {
				k := int(m.rows[start].c)
				for _, e := range m.rows[start+1 : int(start)+1+k] {
					small[uint8(e.c)] += int32(e.q)
				}
			}
			continue
		}
		for _, start := range starts[:n] {
			k := int(m.rows[start].c)
			for _, e := range m.rows[start+1 : int(start)+1+k] {
				acc[e.c] += int32(e.q)
			}
		}
	}
	for c, v := range acc {
		scores[c] += float32(v) * m.scale
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
	n := float64(t.t)
	if n == 0 {
		n = 1
	}
	maxAbs := 0.0
	for _, r := range t.rows {
		for j := range r.cls {
			maxAbs = max(maxAbs, math.Abs((r.tot[j]+float64(t.t-r.ts[j])*float64(r.w[j]))/n))
		}
	}
	b := newBuilder(t.NClasses, len(keys), float32(maxAbs/32767))
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

// newBuilder starts a model whose weights are multiples of scale; weights
// beyond 32767 steps are clipped.
func newBuilder(nClasses, nFeats int, scale float32) *builder {
	if scale <= 0 {
		scale = 1
	}
	return &builder{m: &Model{NClasses: nClasses, index: newTable(nFeats), scale: scale}}
}

func (b *builder) add(key uint32, cls []uint16, w []float32) {
	start := len(b.m.rows)
	b.m.rows = append(b.m.rows, entry{})
	for j, c := range cls {
		q := math.Round(float64(w[j] / b.m.scale))
		if q == 0 {
			continue
		}
		b.m.rows = append(b.m.rows, entry{c, int16(max(-32767, min(32767, q)))})
	}
	if len(b.m.rows) == start+1 {
		b.m.rows = b.m.rows[:start]
		return
	}
	b.m.rows[start].c = uint16(len(b.m.rows) - start - 1)
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
	scale := max(m.scale, m.Quantum)
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
		cnt := int(m.rows[start].c)
		put(uint64(cnt))
		for j := start + 1; j <= start+cnt; j++ {
			put(uint64(m.rows[j].c))
			q := int64(math.Round(float64(m.rows[j].q) * float64(m.scale/scale)))
			put(uint64(q<<1) ^ uint64(q>>63))
		}
	}
	return n, bw.Flush()
}

// ErrFormat reports a model stream that is not a perceptron model.
var ErrFormat = errors.New("perceptron: not a model stream")

// Read reads a model written by WriteTo from the start of b and returns
// it with the number of bytes used. Weights that quantised to zero are
// dropped.
func Read(b []byte) (*Model, int, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, 0, ErrFormat
	}
	pos := len(magic)
	bad := false
	get := func() uint64 {
		v, k := binary.Uvarint(b[pos:])
		if k <= 0 {
			bad = true
			return 0
		}
		pos += k
		return v
	}
	nc := get()
	if bad || nc == 0 || nc >= 1<<16 {
		return nil, 0, fmt.Errorf("perceptron: %d classes", nc)
	}
	nk := get()
	if bad || len(b)-pos < 4 {
		return nil, 0, fmt.Errorf("perceptron: truncated header")
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(b[pos:]))
	pos += 4
	if !(scale > 0) || math.IsInf(float64(scale), 0) {
		return nil, 0, fmt.Errorf("perceptron: bad scale %g", scale)
	}
	bd := newBuilder(int(nc), int(min(nk, uint64(len(b)))), scale)
	bd.m.rows = make([]entry, 0, len(b)/3)
	var cls []uint16
	var w []float32
	key := uint32(0)
	for range nk {
		key += uint32(get())
		cnt := get()
		if bad || cnt > nc {
			return nil, 0, fmt.Errorf("perceptron: bad row")
		}
		cls, w = cls[:0], w[:0]
		for range cnt {
			c := get()
			z := get()
			if bad || c >= nc {
				return nil, 0, fmt.Errorf("perceptron: bad entry")
			}
			q := int64(z>>1) ^ -int64(z&1)
			if q == 0 {
				continue
			}
			cls = append(cls, uint16(c))
			w = append(w, float32(q)*scale)
		}
		bd.add(key, cls, w)
	}
	return bd.model(), pos, nil
}

// Prune returns a copy of m without the weights smaller than minAbs in
// absolute value, and without the features left with no weight.
func (m *Model) Prune(minAbs float32) *Model {
	keys := m.index.sortedKeys()
	b := newBuilder(m.NClasses, len(keys), m.scale)
	var cls []uint16
	var w []float32
	for _, k := range keys {
		r, _ := m.index.get(k)
		start := int(r)
		n := int(m.rows[start].c)
		cls, w = cls[:0], w[:0]
		for _, e := range m.rows[start+1 : start+1+n] {
			if x := float32(e.q) * m.scale; x >= minAbs || x <= -minAbs {
				cls = append(cls, e.c)
				w = append(w, x)
			}
		}
		b.add(k, cls, w)
	}
	return b.model()
}
