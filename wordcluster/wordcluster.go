// Package wordcluster holds word classes learned from unlabeled news, which
// statistical taggers use as features that generalise beyond the words seen
// in their labeled training data, and the casing statistics gathered with
// them.
package wordcluster

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
)

// Info is what the table knows about one word form.
type Info struct {
	// Classes holds the word's class at each granularity, coarse to fine.
	Classes []uint16
	// CapRatio is the share (0–100) of the word's occurrences away from the
	// start of a sentence that begin with a capital letter, for the
	// lowercased form; -1 when unknown.
	CapRatio int8
}

// Table maps word forms to their classes. The zero value knows no words.
type Table struct {
	// Sizes is the number of classes at each granularity.
	Sizes []int
	words map[string]int32
	// classes is len(words)×len(Sizes).
	classes []uint16
	caps    map[string]int8
}

// Len is the number of words with classes.
func (t *Table) Len() int { return len(t.words) }

// Classes returns the classes of word at each granularity, or nil when
// the word is unknown.
func (t *Table) Classes(word string) []uint16 {
	if t == nil {
		return nil
	}
	i, ok := t.words[word]
	if !ok {
		return nil
	}
	n := len(t.Sizes)
	return t.classes[int(i)*n : int(i)*n+n]
}

// CapRatio returns the percentage of mid-sentence occurrences of the
// lowercased word that are capitalised, and whether it is known.
func (t *Table) CapRatio(lower string) (int, bool) {
	if t == nil {
		return 0, false
	}
	r, ok := t.caps[lower]
	return int(r), ok
}

// Read parses a table written by Write (gzip-compressed TSV).
//
// Format: a header line "#sizes\tK1\tK2…", then lines "w\tform\tc1\tc2…" for
// class assignments and "c\tlowerform\tpercent" for casing statistics.
func Read(r io.Reader) (*Table, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("wordcluster: %w", err)
	}
	defer zr.Close()
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("wordcluster: %w", err)
	}
	// Sized from the line count so the maps never grow while loading.
	lines := bytes.Count(data, []byte{'\n'}) + 1
	t := &Table{words: make(map[string]int32, lines), caps: make(map[string]int8, lines/2)}
	var fields [][]byte
	for line := 1; len(data) > 0; line++ {
		var l []byte
		if k := bytes.IndexByte(data, '\n'); k >= 0 {
			l, data = data[:k], data[k+1:]
		} else {
			l, data = data, nil
		}
		if len(l) == 0 {
			continue
		}
		fields = splitTabs(l, fields[:0])
		switch string(fields[0]) {
		case "#sizes":
			if t.Sizes != nil || len(t.words) > 0 {
				return nil, fmt.Errorf("wordcluster: line %d: #sizes must come first, once", line)
			}
			t.Sizes = []int{}
			for _, s := range fields[1:] {
				n, ok := atoi(s)
				if !ok {
					return nil, fmt.Errorf("wordcluster: line %d: bad size %q", line, s)
				}
				t.Sizes = append(t.Sizes, n)
			}
		case "w":
			if len(fields) != 2+len(t.Sizes) {
				return nil, fmt.Errorf("wordcluster: line %d: want %d fields, have %d", line, 2+len(t.Sizes), len(fields))
			}
			t.words[string(fields[1])] = int32(len(t.words))
			for _, s := range fields[2:] {
				n, ok := atoi(s)
				if !ok || n > 65535 {
					return nil, fmt.Errorf("wordcluster: line %d: bad class %q", line, s)
				}
				t.classes = append(t.classes, uint16(n))
			}
		case "c":
			if len(fields) != 3 {
				return nil, fmt.Errorf("wordcluster: line %d: want 3 fields", line)
			}
			n, ok := atoi(fields[2])
			if !ok || n > 100 {
				return nil, fmt.Errorf("wordcluster: line %d: bad percentage %q", line, fields[2])
			}
			t.caps[string(fields[1])] = int8(n)
		default:
			return nil, fmt.Errorf("wordcluster: line %d: unknown record %q", line, fields[0])
		}
	}
	return t, nil
}

func splitTabs(l []byte, out [][]byte) [][]byte {
	for {
		k := bytes.IndexByte(l, '\t')
		if k < 0 {
			return append(out, l)
		}
		out = append(out, l[:k])
		l = l[k+1:]
	}
}

// atoi parses a non-negative decimal of at most 9 digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = 10*n + int(c-'0')
	}
	return n, true
}

// Builder accumulates a table for Write.
type Builder struct {
	Sizes []int
	Words []string
	// Classes[i] holds the classes of Words[i], one per size.
	Classes [][]uint16
	Caps    map[string]int
}

// Write writes the table gzip-compressed.
func (b *Builder) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprint(bw, "#sizes")
	for _, s := range b.Sizes {
		fmt.Fprintf(bw, "\t%d", s)
	}
	fmt.Fprintln(bw)
	for i, w := range b.Words {
		fmt.Fprintf(bw, "w\t%s", w)
		for _, c := range b.Classes[i] {
			fmt.Fprintf(bw, "\t%d", c)
		}
		fmt.Fprintln(bw)
	}
	keys := make([]string, 0, len(b.Caps))
	for k := range b.Caps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(bw, "c\t%s\t%d\n", k, b.Caps[k])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
