// Package perceptron is the averaged multiclass perceptron shared by
// parley's tagger and parser (Collins 2002; averaging as in Freund &
// Schapire 1999). Features are 32-bit hashes; each feature owns a sparse
// row of per-class weights, so a model with many classes and millions of
// features stays small in memory and on disk.
package perceptron

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/parley-news/parley/hugepage"
)

// Mix combines a feature template id and its atoms into a feature hash.
// It is a 64-bit multiply-xorshift mix (after splitmix64) truncated to 32
// bits; collisions between distinct features are rare and harmless, as in
// the hashing trick. Mix0 to Mix4 give the same hash for a fixed number of
// atoms without the loop, for the feature extractors' inner loops.
func Mix(template uint64, atoms ...uint64) uint32 {
	h := mixStart(template)
	for _, a := range atoms {
		h = mixAtom(h, a)
	}
	return mixEnd(h)
}

func mixStart(template uint64) uint64 { return template*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019 }

func mixAtom(h, a uint64) uint64 {
	h ^= a + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2)
	h *= 0xBF58476D1CE4E5B9
	return h ^ h>>31
}

func mixEnd(h uint64) uint32 {
	h ^= h >> 29
	h *= 0x94D049BB133111EB
	h ^= h >> 32
	return uint32(h)
}

// Mix0 is Mix(template).
func Mix0(template uint64) uint32 { return mixEnd(mixStart(template)) }

// Mix1 is Mix(template, a).
func Mix1(template, a uint64) uint32 { return mixEnd(mixAtom(mixStart(template), a)) }

// Mix2 is Mix(template, a, b).
func Mix2(template, a, b uint64) uint32 {
	return mixEnd(mixAtom(mixAtom(mixStart(template), a), b))
}

// Mix3 is Mix(template, a, b, c).
func Mix3(template, a, b, c uint64) uint32 {
	return mixEnd(mixAtom(mixAtom(mixAtom(mixStart(template), a), b), c))
}

// Mix4 is Mix(template, a, b, c, d).
func Mix4(template, a, b, c, d uint64) uint32 {
	return mixEnd(mixAtom(mixAtom(mixAtom(mixAtom(mixStart(template), a), b), c), d))
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
	// Features live in rows, sorted by key and grouped into buckets by
	// the key's top bits; dir[b] is where bucket b starts in rows and
	// dir[b+1] where it ends. Each feature is a header entry (the key's
	// low 16 bits and the row's length) followed by its (class, weight)
	// entries. There are at least 2^16 buckets, so the bucket and the
	// low 16 bits together give the whole key, and twice as many buckets
	// as features, so that a feature is usually its bucket's first: a
	// lookup reads the dense directory and then one stretch of rows
	// holding both the key and its weights, instead of a sparse hash
	// table and a row elsewhere. Weights are 16-bit integers
	// times scale: four bytes an entry keep more of a large model in
	// cache.
	dir   []uint32
	shift uint32
	// rows ends with a sentinel header past the last bucket, so reading
	// the first header of an empty bucket stays in bounds.
	rows  []entry
	n     int
	scale float32
	// lenMask takes a row's length from its header: all of q, or its
	// low byte after SplitRows, which keeps in the high byte the length
	// of the row's leading part, the entries outside the split classes.
	lenMask uint32
	split   bool
	// splitLo and splitHi are the classes SplitRows set aside.
	splitLo, splitHi int
	// weights counts the (feature, class) weights.
	weights int
	// half, after Densify, is the number of entries a dense row takes:
	// its header has the dense bit set and is followed by the weights of
	// classes 0, 1, 2… as pairs of 16-bit integers, two to an entry,
	// zero for the classes the row has no weight for. sparse keeps the
	// rows made dense as they were, for each.
	half   uint32
	sparse map[uint32][]entry
}

// denseBit marks the header of a dense row.
const denseBit = 0x8000

type entry struct {
	c uint16
	q int16
}

// rowLen is the number of entries after a header.
func (m *Model) rowLen(e entry) uint32 { return uint32(uint16(e.q)) & m.lenMask }

// isDense reports whether header e starts a dense row.
func isDense(e entry) bool { return e.q < 0 }

// Len returns the number of features with at least one weight.
func (m *Model) Len() int { return m.n }

// Weights returns the number of stored (feature, class) weights.
func (m *Model) Weights() int { return m.weights }

// find returns the position of the header of feature f in rows.
func (m *Model) find(f uint32) (uint32, bool) {
	b := f >> m.shift
	lo := uint16(f)
	for p, end := m.dir[b], m.dir[b+1]; p < end; p += 1 + m.rowLen(m.rows[p]) {
		switch c := m.rows[p].c; {
		case c == lo:
			return p, true
		case c > lo:
			return 0, false
		}
	}
	return 0, false
}

// each calls fn with every feature, in ascending order, and its entries.
func (m *Model) each(fn func(key uint32, row []entry)) {
	for b := range len(m.dir) - 1 {
		for p, end := m.dir[b], m.dir[b+1]; p < end; {
			h := m.rows[p]
			// The bucket's bits and the low 16 overlap when the
			// directory has more than 2^16 buckets; they agree there.
			key := uint32(b)<<m.shift | uint32(h.c)
			if isDense(h) {
				fn(key, m.sparse[key])
			} else {
				fn(key, m.rows[p+1:p+1+m.rowLen(h)])
			}
			p += 1 + m.rowLen(h)
		}
	}
}

// Score adds the weights of feats into scores, which must have NClasses
// entries (it is not cleared first).
func (m *Model) Score(feats []uint32, scores []float32) {
	// Sum the 16-bit weights as integers and scale once at the end.
	var small [256]int32
	var acc Sums
	if m.NClasses <= len(small) {
		acc = small[:]
	} else {
		acc = make(Sums, m.NClasses)
	}
	m.Add(feats, acc)
	m.Scores(acc, scores)
}

// Sums holds a model's weight sums per class before scaling. Sums taken
// over parts of a feature set add up exactly to the sums over the whole,
// so a caller can keep the part that has not changed since its last
// decision.
type Sums []int32

// NewSums returns zero sums for m.
func (m *Model) NewSums() Sums {
	// 256 entries let Add index by a class's low byte without bounds
	// checks.
	return make(Sums, max(m.NClasses, 256))
}

// Scores adds the scaled sums into scores, which must have NClasses
// entries; Score(feats) is Add(feats) then Scores.
func (m *Model) Scores(acc Sums, scores []float32) {
	for c, v := range acc[:len(scores)] {
		scores[c] += float32(v) * m.scale
	}
}

// Add adds the weights of feats into acc, from NewSums.
func (m *Model) Add(feats []uint32, acc Sums) { m.add(feats, acc, 0) }

// AddExcept is Add without the weights of the classes set aside by
// SplitRows, for a caller that knows none of them can be chosen: their
// sums are left short by an amount that depends on the model's layout,
// and must not be used.
func (m *Model) AddExcept(feats []uint32, acc Sums) {
	if !m.split {
		m.add(feats, acc, 0)
		return
	}
	m.add(feats, acc, 8)
}

// SplitRows sets the classes in [lo, hi) aside for AddExcept by moving
// them to the end of each sparse row; it sums the same. It does nothing
// to a model with more than 127 classes.
func (m *Model) SplitRows(lo, hi int) {
	if m.split || m.NClasses > 127 {
		return
	}
	var tail [127]entry
	for b := range len(m.dir) - 1 {
		for p, end := m.dir[b], m.dir[b+1]; p < end; {
			h := m.rows[p]
			n := m.rowLen(h)
			if isDense(h) {
				p += 1 + n
				continue
			}
			row := m.rows[p+1 : p+1+n]
			head, nt := 0, 0
			for _, e := range row {
				if int(e.c) >= lo && int(e.c) < hi {
					tail[nt] = e
					nt++
				} else {
					row[head] = e
					head++
				}
			}
			copy(row[head:], tail[:nt])
			m.rows[p].q = int16(uint16(n) | uint16(head)<<8)
			p += 1 + n
		}
	}
	m.lenMask, m.split = 0xFF, true
	m.splitLo, m.splitHi = lo, hi
}

// maxDense bounds the classes of a model whose rows Densify makes dense:
// a dense row's entries must fit its header's length byte, and its sums
// an accumulator of 256.
const maxDense = 248

// denseMinLen is the number of weights from which Densify makes a row
// dense: in the parser's model, 2,536 of 243,228 rows, which hold 90% of
// the weights its lookups read.
const denseMinLen = 12

// Densify stores each row with at least denseMinLen weights as a dense
// row of every class's weight. Add sums a dense row without reading a
// class number per weight, in eight-class blocks of vector instructions,
// which is several times faster for the few long rows that carry most of
// the weights a lookup reads: those of tag and word-class features. It
// sums the same. It does nothing where there are no such instructions
// (the portable block adder is slower than sparse rows) and to a model
// with more than 248 classes; call it once, after SplitRows.
func (m *Model) Densify() {
	if vectorBlocks {
		m.densify(denseMinLen)
	}
}

func (m *Model) densify(minLen int) {
	if m.half > 0 || m.NClasses > maxDense || minLen < 1 {
		return
	}
	half := uint32((m.NClasses + 7) / 8 * 4)
	rows := make([]entry, 0, len(m.rows)+len(m.rows)/4)
	dir := hugepage.Make[uint32](len(m.dir))
	sparse := make(map[uint32][]entry)
	w := make([]int16, 2*half)
	for b := range len(m.dir) - 1 {
		dir[b] = uint32(len(rows))
		for p, end := m.dir[b], m.dir[b+1]; p < end; {
			h := m.rows[p]
			n := m.rowLen(h)
			row := m.rows[p+1 : p+1+n]
			p += 1 + n
			if n < uint32(minLen) {
				rows = append(rows, h)
				rows = append(rows, row...)
				continue
			}
			key := uint32(b)<<m.shift | uint32(h.c)
			sparse[key] = slices.Clone(row)
			clear(w)
			for _, e := range row {
				w[e.c] = e.q
			}
			rows = append(rows, entry{c: h.c, q: int16(uint16(denseBit | half))})
			for i := 0; i < len(w); i += 2 {
				rows = append(rows, entry{c: uint16(w[i]), q: w[i+1]})
			}
		}
	}
	dir[len(dir)-1] = uint32(len(rows))
	rows = append(rows, entry{})
	m.rows, m.dir, m.sparse, m.half = hugepage.Clone(rows), dir, sparse, half
	if !m.split {
		m.lenMask = 0x7FFF
	}
}

// add adds the first (header.q >> shift) & lenMask entries of each
// sparse row, and each dense row (without the blocks of classes set aside
// when lenShift is set).
func (m *Model) add(feats []uint32, acc Sums, lenShift uint32) {
	var small *[256]int32
	if m.NClasses <= 256 && len(acc) == 256 {
		small = (*[256]int32)(acc)
	}
	// Resolve a batch of features first and read their rows after: the
	// lookups are independent, so the processor overlaps their cache
	// misses instead of waiting for each in turn. The first pass is
	// branch-free so that no misprediction, resolved only when a miss
	// returns, holds back the loads behind it.
	var starts, lens, pend, dense [64]uint32
	var first, last [64]uint32
	dir, rows, shift, lenMask := m.dir, m.rows, m.shift, m.lenMask
	for len(feats) > 0 {
		batch := feats[:min(len(feats), len(starts))]
		feats = feats[len(batch):]
		// Directory entries in a pass of their own: its iterations are
		// short, so more of their misses are in flight at once than
		// when each waits behind the row read that depends on it.
		for j, f := range batch {
			b := f >> shift
			first[j], last[j] = dir[b], dir[b+1]
		}
		var heads [64]entry
		for j := range batch {
			heads[j] = rows[first[j]]
		}
		// Most features present are the first of their bucket.
		n, nd, np := 0, 0, 0
		for j, f := range batch {
			p, end := first[j], last[j]
			h := heads[j]
			lo := uint16(f)
			hit := p < end && h.c == lo
			starts[n&63] = p
			lens[n&63] = uint32(uint16(h.q)) >> lenShift & lenMask
			dense[nd&63] = p
			pend[np&63] = f
			n += b2i(hit && !isDense(h))
			nd += b2i(hit && isDense(h))
			np += b2i(p < end && h.c < lo && p+1+uint32(uint16(h.q))&lenMask < end)
		}
		for _, f := range pend[:np] {
			if p, ok := m.find(f); ok {
				if isDense(rows[p]) {
					dense[nd] = p
					nd++
					continue
				}
				starts[n&63] = p
				lens[n&63] = uint32(uint16(rows[p].q)) >> lenShift & lenMask
				n++
			}
		}
		if nd > 0 {
			m.addDense(acc, dense[:nd], lenShift != 0)
		}
		if small != nil {
			// Indexing by the low byte lets the compiler drop the
			// bounds check from the innermost loop. The last entry of
			// each row comes first, in a pass of its own: for a row
			// longer than its first cache line that fetches the rest
			// in parallel with the other rows.
			for j, start := range starts[:n] {
				e := rows[start+lens[j]]
				small[uint8(e.c)] += int32(e.q) * int32(b2i(lens[j] > 0))
			}
			for j, start := range starts[:n] {
				r := rows[start+1 : start+lens[j]+uint32(b2i(lens[j] == 0))]
				for len(r) >= 4 {
					small[uint8(r[0].c)] += int32(r[0].q)
					small[uint8(r[1].c)] += int32(r[1].q)
					small[uint8(r[2].c)] += int32(r[2].q)
					small[uint8(r[3].c)] += int32(r[3].q)
					r = r[4:]
				}
				for _, e := range r {
					small[uint8(e.c)] += int32(e.q)
				}
			}
			continue
		}
		for j, start := range starts[:n] {
			for _, e := range rows[start+1 : start+1+lens[j]] {
				acc[e.c] += int32(e.q)
			}
		}
	}
}

// addDense adds the dense rows whose headers are at starts into acc; with
// except, it leaves out the blocks of eight classes that lie wholly among
// those SplitRows set aside.
func (m *Model) addDense(acc Sums, starts []uint32, except bool) {
	// Blocks [0, b0) and [b1, nb) are added.
	nb := int(m.half / 4)
	b0, b1 := nb, nb
	if except && m.split {
		b0, b1 = (m.splitLo+7)/8, m.splitHi/8
		if b0 >= b1 {
			b0, b1 = nb, nb
		}
	}
	if len(acc) < 8*nb {
		// Not from NewSums: sum into one that is, and add the classes
		// acc holds (the padding classes sum to zero).
		var full [256]int32
		m.addDense(full[:], starts, except)
		for c := range acc {
			acc[c] += full[c]
		}
		return
	}
	addBlocks(acc[:8*b0], m.rows, starts, 0)
	addBlocks(acc[8*b1:8*nb], m.rows, starts, 4*uint32(b1))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
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
	b := newBuilder(t.NClasses, len(keys), 0, float32(maxAbs/32767))
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

type builder struct {
	m    *Model
	keys []uint32 // of the features added, in order
	at   []uint32 // their headers in m.rows
}

// newBuilder starts a model whose weights are multiples of scale; weights
// beyond 32767 steps are clipped. nFeats and nEntries are hints.
func newBuilder(nClasses, nFeats, nEntries int, scale float32) *builder {
	if scale <= 0 {
		scale = 1
	}
	return &builder{
		m:    &Model{NClasses: nClasses, scale: scale, lenMask: 0xFFFF, rows: make([]entry, 0, nFeats+nEntries+1)},
		keys: make([]uint32, 0, nFeats),
		at:   make([]uint32, 0, nFeats),
	}
}

func (b *builder) add(key uint32, cls []uint16, w []float32) {
	start := len(b.m.rows)
	b.m.rows = append(b.m.rows, entry{c: uint16(key)})
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
	b.m.rows[start].q = int16(uint16(len(b.m.rows) - start - 1))
	b.keys = append(b.keys, key)
	b.at = append(b.at, uint32(start))
}

// model builds the directory over the features added.
func (b *builder) model() *Model {
	m := b.m
	if !slices.IsSorted(b.keys) || hasDup(b.keys) {
		b.sortRows()
	}
	m.n = len(b.keys)
	bits := uint32(16)
	for bits < 32 && 1<<bits < 2*m.n {
		bits++
	}
	m.shift = 32 - bits
	m.dir = hugepage.Make[uint32](1<<bits + 1)
	// dir[k] is the first feature whose bucket is k or later.
	i := 0
	for k := range 1 << bits {
		for i < len(b.keys) && b.keys[i]>>m.shift < uint32(k) {
			i++
		}
		if i < len(b.keys) {
			m.dir[k] = b.at[i]
		} else {
			m.dir[k] = uint32(len(m.rows))
		}
	}
	m.dir[1<<bits] = uint32(len(m.rows))
	m.weights = len(m.rows) - m.n
	m.rows = append(m.rows, entry{})
	m.rows = hugepage.Clone(m.rows)
	return m
}

func hasDup(keys []uint32) bool {
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			return true
		}
	}
	return false
}

// sortRows puts the features added in ascending key order, keeping the
// last row added for a key.
func (b *builder) sortRows() {
	type feat struct {
		key uint32
		row []entry
	}
	fs := make([]feat, len(b.keys))
	for i, k := range b.keys {
		p := b.at[i]
		fs[i] = feat{k, b.m.rows[p : p+1+b.m.rowLen(b.m.rows[p])]}
	}
	slices.SortStableFunc(fs, func(x, y feat) int { return cmp.Compare(x.key, y.key) })
	rows := make([]entry, 0, len(b.m.rows)+1)
	b.keys, b.at = b.keys[:0], b.at[:0]
	for i, f := range fs {
		if i+1 < len(fs) && fs[i+1].key == f.key {
			continue
		}
		b.keys = append(b.keys, f.key)
		b.at = append(b.at, uint32(len(rows)))
		rows = append(rows, f.row...)
	}
	b.m.rows = rows
}

const magic = "PRCP1"

// WriteTo writes m in a compact binary form: sorted feature keys as
// varint deltas, and weights quantised to 16 bits against the largest
// absolute weight. Wrap w in gzip for files.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
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
	put(uint64(m.n))
	binary.Write(bw, binary.LittleEndian, scale)
	n += 4
	prev := uint32(0)
	m.each(func(k uint32, row []entry) {
		put(uint64(k - prev))
		prev = k
		put(uint64(len(row)))
		for _, e := range row {
			put(uint64(e.c))
			q := int64(math.Round(float64(e.q) * float64(m.scale/scale)))
			put(uint64(q<<1) ^ uint64(q>>63))
		}
	})
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
	bd := newBuilder(int(nc), int(min(nk, uint64(len(b)))), 0, scale)
	// Most of b is this model's entries, two bytes or more each.
	bd.m.rows = make([]entry, 0, int(min(nk, uint64(len(b))))+(len(b)-pos)/3+1)
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
	b := newBuilder(m.NClasses, m.n, m.Weights(), m.scale)
	var cls []uint16
	var w []float32
	m.each(func(k uint32, row []entry) {
		cls, w = cls[:0], w[:0]
		for _, e := range row {
			if x := float32(e.q) * m.scale; x >= minAbs || x <= -minAbs {
				cls = append(cls, e.c)
				w = append(w, x)
			}
		}
		b.add(k, cls, w)
	})
	return b.model()
}
