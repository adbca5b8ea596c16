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
	pass1      *linear
	pass2      *linear
}

// ErrClusterMismatch is returned by Load when the model was trained with
// a different word-cluster table than the one given.
var ErrClusterMismatch = errors.New("ner: model was trained with a different word-cluster table")

const modelMagic = "parley-ner/1\n"

// Save writes the model gzip-compressed. Weights below prune in absolute
// value are dropped; the rest are stored as 16-bit integers.
func (m *Model) Save(w io.Writer, prune float32) error {
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
	for _, l := range []*linear{m.pass1, m.pass2} {
		if err := l.save(bw, prune); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save. clusters must be the table the
// model was trained with (or nil if it was trained without one).
func Load(r io.Reader, clusters *wordcluster.Table, clusterSum [32]byte) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: model: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("ner: not a parley NER model")
	}
	m := &Model{clusters: clusters}
	if _, err := io.ReadFull(br, m.clusterSum[:]); err != nil {
		return nil, fmt.Errorf("ner: model: %w", err)
	}
	if m.clusterSum != clusterSum {
		return nil, ErrClusterMismatch
	}
	n, err := readU32(br)
	if err != nil {
		return nil, fmt.Errorf("ner: model: %w", err)
	}
	m.gaz = make(gazetteer, n)
	for i := uint32(0); i < n; i++ {
		k, err := readU64(br)
		if err != nil {
			return nil, fmt.Errorf("ner: model: %w", err)
		}
		b, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("ner: model: %w", err)
		}
		m.gaz[k] = b
	}
	if m.pass1, err = loadLinear(br); err != nil {
		return nil, err
	}
	if m.pass2, err = loadLinear(br); err != nil {
		return nil, err
	}
	return m, nil
}

// ClusterSum returns the SHA-256 of a cluster file's bytes, the key Load
// checks.
func ClusterSum(data []byte) [32]byte {
	if data == nil {
		return [32]byte{}
	}
	return sha256.Sum256(data)
}

// save writes rows sparsely: key, count of non-zero labels, then
// (label, int16) pairs, scaled by one factor per model.
func (l *linear) save(w *bufio.Writer, prune float32) error {
	var maxAbs float32
	for _, v := range l.w {
		maxAbs = max(maxAbs, abs32(v))
	}
	for _, row := range l.trans {
		for _, v := range row {
			maxAbs = max(maxAbs, abs32(v))
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32767
	keys := l.feats.keys
	vals := l.feats.vals
	var rows []int
	var rowKeys []uint64
	for j, r := range vals {
		if r < 0 {
			continue
		}
		wr := l.w[int(r)*nlab : int(r)*nlab+nlab]
		keep := false
		for _, v := range wr {
			if abs32(v) >= prune && math.Round(float64(v/scale)) != 0 {
				keep = true
			}
		}
		if keep {
			rows = append(rows, int(r))
			rowKeys = append(rowKeys, keys[j])
		}
	}
	writeF32(w, scale)
	for _, row := range l.trans {
		for _, v := range row {
			writeF32(w, v)
		}
	}
	writeU32(w, uint32(len(rows)))
	// Keys first, then rows: similar bytes sit together and compress
	// better.
	for _, k := range rowKeys {
		writeU64(w, k)
	}
	for _, r := range rows {
		wr := l.w[r*nlab : r*nlab+nlab]
		var cnt byte
		for _, v := range wr {
			if abs32(v) >= prune && int16(math.Round(float64(v/scale))) != 0 {
				cnt++
			}
		}
		w.WriteByte(cnt)
		for k, v := range wr {
			q := int16(math.Round(float64(v / scale)))
			if abs32(v) >= prune && q != 0 {
				w.WriteByte(byte(k))
				var b [2]byte
				binary.LittleEndian.PutUint16(b[:], uint16(q))
				w.Write(b[:])
			}
		}
	}
	return nil
}

func loadLinear(r *bufio.Reader) (*linear, error) {
	fail := func(err error) (*linear, error) { return nil, fmt.Errorf("ner: model weights: %w", err) }
	scale, err := readF32(r)
	if err != nil {
		return fail(err)
	}
	l := &linear{}
	for p := range l.trans {
		for c := range l.trans[p] {
			if l.trans[p][c], err = readF32(r); err != nil {
				return fail(err)
			}
		}
	}
	n, err := readU32(r)
	if err != nil {
		return fail(err)
	}
	if n > 1<<26 {
		return fail(errors.New("implausible row count"))
	}
	keys := make([]uint64, n)
	buf := make([]byte, 8*n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return fail(err)
	}
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint64(buf[8*i:])
	}
	l.w = make([]float32, int(n)*nlab)
	var pair [3]byte
	for i := 0; i < int(n); i++ {
		cnt, err := r.ReadByte()
		if err != nil {
			return fail(err)
		}
		for j := 0; j < int(cnt); j++ {
			if _, err := io.ReadFull(r, pair[:]); err != nil {
				return fail(err)
			}
			if int(pair[0]) >= nlab {
				return fail(errors.New("label out of range"))
			}
			l.w[i*nlab+int(pair[0])] = float32(int16(binary.LittleEndian.Uint16(pair[1:]))) * scale
		}
	}
	l.feats = newTable(keys)
	return l, nil
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

func readU64(r io.Reader) (uint64, error) {
	var b [8]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b[:]), nil
}

func readF32(r io.Reader) (float32, error) {
	v, err := readU32(r)
	return math.Float32frombits(v), err
}
