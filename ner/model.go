package ner

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/parley-news/parley/formcache"
	"github.com/parley-news/parley/wordcluster"
)

// Model is a trained two-pass recognizer (Ratinov & Roth 2009): a first
// averaged-perceptron pass over local features (words, shapes, affixes,
// word classes, casing statistics, gazetteer matches), then a second pass
// that adds what the first pass decided elsewhere in the document, so
// that a later "Fogel" agrees with an earlier "Marc Fogel".
type Model struct {
	clusters *wordcluster.Table
	// clusterSum is the SHA-256 of the cluster file the model was trained
	// with; zero when it used none.
	clusterSum [32]byte
	gaz        gazetteer
	// gazTab maps a gazetteer key to its index in gazBits, for models
	// loaded from a file (nil while training).
	gazTab  *table
	gazBits []uint8
	// gazSeen is a Bloom filter of the gazetteer keys: most word
	// sequences are no name, and the filter says so from the cache.
	gazSeen []uint64
	// tab maps a feature hash to its row in q, which interleaves both
	// passes' weights: row r holds pass 1's nlab weights, then pass 2's,
	// so one cache line serves both.
	tab    *table
	q      []int16
	w1, w2 qweights
	// words caches what tagging reads about each word form, sums what
	// it reads about the sentence (see wordEntry).
	words *formcache.Cache[*wordEntry]
	sums  *contextSums
	// pass1 and pass2 are the unquantised passes during training.
	pass1, pass2 *linear
}

// stride is the length of a row of Model.q.
const stride = 2 * nlab

// qweights describe one pass: its weights are q·scale.
type qweights struct {
	scale float32
	trans [nlab + 1][nlab]float32
}

// addPass2 adds the second-pass weights of rows to out.
func (m *Model) addPass2(rows []int32, out []float32) {
	if len(rows) == 0 {
		return
	}
	var acc [nlab]int32
	for _, r := range rows {
		wr := m.q[int(r)*stride+nlab : int(r)*stride+stride : int(r)*stride+stride]
		for k := range acc {
			acc[k] += int32(wr[k])
		}
	}
	for k := range acc {
		out[k] += float32(acc[k]) * m.w2.scale
	}
}

// compile quantises the trained passes into one table, dropping weights
// below prune and rows left empty.
func (m *Model) compile(prune float32) {
	keys := map[uint64]bool{}
	scales := [2]float32{}
	for p, l := range []*linear{m.pass1, m.pass2} {
		var maxAbs float32
		for _, v := range l.w {
			maxAbs = max(maxAbs, abs32(v))
		}
		if maxAbs == 0 {
			maxAbs = 1
		}
		scale := maxAbs / 32767
		scales[p] = scale
		l.feats.each(func(key uint64, r int32) {
			for _, v := range l.w[int(r)*nlab : int(r)*nlab+nlab] {
				if quant(v, scale, prune) != 0 {
					keys[key] = true
					return
				}
			}
		})
	}
	sorted := make([]uint64, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	m.tab = newTable(sorted)
	m.q = make([]int16, len(sorted)*stride)
	for p, l := range []*linear{m.pass1, m.pass2} {
		w := qweights{scale: scales[p], trans: l.trans}
		for i, k := range sorted {
			r := l.feats.get(k)
			if r < 0 {
				continue
			}
			for c, v := range l.w[int(r)*nlab : int(r)*nlab+nlab] {
				m.q[i*stride+p*nlab+c] = quant(v, w.scale, prune)
			}
		}
		if p == 0 {
			m.w1 = w
		} else {
			m.w2 = w
		}
	}
	m.words, m.sums = formcache.New[*wordEntry](wordCacheSize), m.newContextSums()
}

func quant(v, scale, prune float32) int16 {
	if abs32(v) < prune {
		return 0
	}
	return int16(math.Round(float64(v / scale)))
}

// ErrClusterMismatch is returned by Load when the model was trained with
// a different word-cluster table than the one given.
var ErrClusterMismatch = errors.New("ner: model was trained with a different word-cluster table")

const modelMagic = "parley-ner/2\n"

// Save writes the model gzip-compressed: the gazetteer, then the feature
// keys in order, then each pass's rows sparsely as (label, int16) pairs.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	bw.Write(m.clusterSum[:])
	writeU32(bw, uint32(len(m.gaz)))
	for _, k := range sortedKeys(m.gaz) {
		writeU64(bw, k)
		bw.WriteByte(m.gaz[k])
	}
	keys := make([]uint64, m.tab.n)
	m.tab.each(func(k uint64, r int32) { keys[r] = k })
	writeU32(bw, uint32(len(keys)))
	for _, k := range keys {
		writeU64(bw, k)
	}
	for p, w := range []*qweights{&m.w1, &m.w2} {
		writeF32(bw, w.scale)
		for _, row := range w.trans {
			for _, v := range row {
				writeF32(bw, v)
			}
		}
		for r := range keys {
			row := m.q[r*stride+p*nlab : r*stride+p*nlab+nlab]
			var cnt byte
			for _, v := range row {
				if v != 0 {
					cnt++
				}
			}
			bw.WriteByte(cnt)
			for c, v := range row {
				if v != 0 {
					bw.WriteByte(byte(c))
					var b [2]byte
					binary.LittleEndian.PutUint16(b[:], uint16(v))
					bw.Write(b[:])
				}
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save. clusters must be the table the
// model was trained with (or nil if it was trained without one), and
// clusterSum its ClusterSum.
func Load(r io.Reader, clusters *wordcluster.Table, clusterSum [32]byte) (*Model, error) {
	fail := func(err error) (*Model, error) { return nil, fmt.Errorf("ner: model: %w", err) }
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fail(err)
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("ner: not a parley NER model (or an older format)")
	}
	m := &Model{clusters: clusters}
	if _, err := io.ReadFull(br, m.clusterSum[:]); err != nil {
		return fail(err)
	}
	if m.clusterSum != clusterSum {
		return nil, ErrClusterMismatch
	}
	n, err := readU32(br)
	if err != nil {
		return fail(err)
	}
	if n > 1<<24 {
		return fail(errors.New("implausible gazetteer size"))
	}
	m.gaz = make(gazetteer, n)
	var entry [9]byte
	for i := uint32(0); i < n; i++ {
		if _, err := io.ReadFull(br, entry[:]); err != nil {
			return fail(err)
		}
		m.gaz[binary.LittleEndian.Uint64(entry[:8])] = entry[8]
	}
	nk, err := readU32(br)
	if err != nil {
		return fail(err)
	}
	if nk > 1<<26 {
		return fail(errors.New("implausible feature count"))
	}
	buf := make([]byte, 8*int(nk))
	if _, err := io.ReadFull(br, buf); err != nil {
		return fail(err)
	}
	keys := make([]uint64, nk)
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint64(buf[8*i:])
	}
	m.q = make([]int16, int(nk)*stride)
	for p, w := range []*qweights{&m.w1, &m.w2} {
		if w.scale, err = readF32(br); err != nil {
			return fail(err)
		}
		for p := range w.trans {
			for c := range w.trans[p] {
				if w.trans[p][c], err = readF32(br); err != nil {
					return fail(err)
				}
			}
		}
		var pair [3]byte
		for r := 0; r < int(nk); r++ {
			cnt, err := br.ReadByte()
			if err != nil {
				return fail(err)
			}
			for j := 0; j < int(cnt); j++ {
				if _, err := io.ReadFull(br, pair[:]); err != nil {
					return fail(err)
				}
				if int(pair[0]) >= nlab {
					return fail(errors.New("label out of range"))
				}
				m.q[r*stride+p*nlab+int(pair[0])] = int16(binary.LittleEndian.Uint16(pair[1:]))
			}
		}
	}
	m.tab = newTable(keys)
	m.indexGaz()
	m.words, m.sums = formcache.New[*wordEntry](wordCacheSize), m.newContextSums()
	return m, nil
}

// indexGaz builds gazTab, which answers gazMatch faster than the map.
func (m *Model) indexGaz() {
	keys := sortedKeys(m.gaz)
	m.gazBits = make([]uint8, len(keys))
	for i, k := range keys {
		m.gazBits[i] = m.gaz[k]
	}
	m.gazTab = newTable(keys)
	m.gazSeen = make([]uint64, gazSeenBits/64)
	for _, k := range keys {
		a, b := gazSeenAt(k)
		m.gazSeen[a/64] |= 1 << (a % 64)
		m.gazSeen[b/64] |= 1 << (b % 64)
	}
}

// gazSeenBits is the size of the gazetteer's Bloom filter: with two bits
// a key and 15,000 names, one word sequence in 80 that is no name passes.
const (
	gazSeenLog  = 18
	gazSeenBits = 1 << gazSeenLog
)

// gazSeenAt returns the two bits of key k in the gazetteer's Bloom filter.
func gazSeenAt(k uint64) (uint64, uint64) {
	h := mix(k)
	return h >> (64 - gazSeenLog), (h >> 20) & (gazSeenBits - 1)
}

// ClusterSum returns the SHA-256 of a cluster file's bytes, the key Load
// checks.
func ClusterSum(data []byte) [32]byte {
	if data == nil {
		return [32]byte{}
	}
	return sha256.Sum256(data)
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

func writeU32(w *bufio.Writer, v uint32) {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], v)
	w.Write(b[:])
}

func writeU64(w *bufio.Writer, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	w.Write(b[:])
}

func writeF32(w *bufio.Writer, v float32) { writeU32(w, math.Float32bits(v)) }

func readU32(r io.Reader) (uint32, error) {
	var b [4]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b[:]), nil
}

func readF32(r io.Reader) (float32, error) {
	v, err := readU32(r)
	return math.Float32frombits(v), err
}
