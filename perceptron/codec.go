package perceptron

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// Encoder writes the varint-and-string records that model files use
// around their weights.
type Encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

// NewEncoder returns an encoder writing to w.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: bufio.NewWriter(w)} }

// Uint writes an unsigned varint.
func (e *Encoder) Uint(v uint64) {
	n := binary.PutUvarint(e.buf[:], v)
	e.w.Write(e.buf[:n])
}

// String writes a length-prefixed string.
func (e *Encoder) String(s string) {
	e.Uint(uint64(len(s)))
	e.w.WriteString(s)
}

// Strings writes a counted list of strings.
func (e *Encoder) Strings(ss []string) {
	e.Uint(uint64(len(ss)))
	for _, s := range ss {
		e.String(s)
	}
}

// Model writes a perceptron model.
func (e *Encoder) Model(m *Model) error {
	if err := e.w.Flush(); err != nil {
		return err
	}
	_, err := m.WriteTo(e.w)
	return err
}

// Flush writes out buffered data.
func (e *Encoder) Flush() error { return e.w.Flush() }

// Decoder reads what an Encoder wrote; the first error sticks and is
// returned by Err.
type Decoder struct {
	r   *bufio.Reader
	err error
	// tail holds the rest of the stream once the first model is read:
	// models are the last records, read from memory.
	tail     []byte
	haveTail bool
}

// NewDecoder returns a decoder reading r.
func NewDecoder(r io.Reader) *Decoder { return &Decoder{r: bufio.NewReader(r)} }

// Err returns the first error met.
func (d *Decoder) Err() error { return d.err }

// Uint reads an unsigned varint.
func (d *Decoder) Uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.err = fmt.Errorf("perceptron: read: %w", err)
	}
	return v
}

// String reads a length-prefixed string of at most 1 MiB.
func (d *Decoder) String() string {
	n := d.Uint()
	if d.err != nil {
		return ""
	}
	if n > 1<<20 {
		d.err = fmt.Errorf("perceptron: string of %d bytes", n)
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.err = fmt.Errorf("perceptron: read: %w", err)
		return ""
	}
	return string(b)
}

// Strings reads a counted list of at most limit strings.
func (d *Decoder) Strings(limit int) []string {
	n := d.Uint()
	if d.err != nil {
		return nil
	}
	if n > uint64(limit) {
		d.err = fmt.Errorf("perceptron: list of %d strings, limit %d", n, limit)
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.String()
	}
	return out
}

// Model reads a perceptron model. Models must be the last records of the
// stream (several may follow each other).
func (d *Decoder) Model() *Model {
	if d.err != nil {
		return nil
	}
	if !d.haveTail {
		b, err := io.ReadAll(d.r)
		if err != nil {
			d.err = fmt.Errorf("perceptron: read: %w", err)
			return nil
		}
		d.tail, d.haveTail = b, true
	}
	m, n, err := Read(d.tail)
	if err != nil {
		d.err = err
		return nil
	}
	d.tail = d.tail[n:]
	return m
}
