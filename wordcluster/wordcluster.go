// Package wordcluster holds word classes learned from unlabeled news, which
// statistical taggers use as features that generalise beyond the words seen
// in their labeled training data, and the casing statistics gathered with
// them.
package wordcluster

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
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
	t := &Table{words: map[string]int32{}, caps: map[string]int8{}}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		switch f[0] {
		case "#sizes":
			for _, s := range f[1:] {
				n, err := strconv.Atoi(s)
				if err != nil {
					return nil, fmt.Errorf("wordcluster: line %d: %w", line, err)
				}
				t.Sizes = append(t.Sizes, n)
			}
		case "w":
			if len(f) != 2+len(t.Sizes) {
				return nil, fmt.Errorf("wordcluster: line %d: want %d fields, have %d", line, 2+len(t.Sizes), len(f))
			}
			t.words[f[1]] = int32(len(t.words))
			for _, s := range f[2:] {
				n, err := strconv.Atoi(s)
				if err != nil {
					return nil, fmt.Errorf("wordcluster: line %d: %w", line, err)
				}
				t.classes = append(t.classes, uint16(n))
			}
		case "c":
			if len(f) != 3 {
				return nil, fmt.Errorf("wordcluster: line %d: want 3 fields", line)
			}
			n, err := strconv.Atoi(f[2])
			if err != nil || n < 0 || n > 100 {
				return nil, fmt.Errorf("wordcluster: line %d: bad percentage %q", line, f[2])
			}
			t.caps[f[1]] = int8(n)
		default:
			return nil, fmt.Errorf("wordcluster: line %d: unknown record %q", line, f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("wordcluster: %w", err)
	}
	return t, nil
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
