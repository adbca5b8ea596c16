// Package conllu reads and writes the CoNLL-U format of Universal
// Dependencies treebanks (https://universaldependencies.org/format.html),
// the training and evaluation format of parley's tagger and parser.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word (a line with an integer ID).
type Word struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // 0 for the root, -1 when unknown ("_")
	Deprel string
	Deps   string
	Misc   string
}

// SpaceAfter reports whether the MISC column does not say SpaceAfter=No.
func (w Word) SpaceAfter() bool {
	for _, f := range strings.Split(w.Misc, "|") {
		if f == "SpaceAfter=No" {
			return false
		}
	}
	return true
}

// MultiWord is a range line such as "6-7 Google's": one surface token
// covering the words First..Last.
type MultiWord struct {
	First, Last int
	Form        string
	Misc        string
}

// Sentence is one sentence with its comments.
type Sentence struct {
	ID       string // from "# sent_id = "
	Text     string // from "# text = "
	NewDoc   bool   // a "# newdoc" comment precedes it
	NewPar   bool   // a "# newpar" comment precedes it
	Comments []string
	Words    []Word
	// MultiWords holds the range lines, in order.
	MultiWords []MultiWord
}

// Forms returns the word forms of the sentence.
func (s *Sentence) Forms() []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Form
	}
	return out
}

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
	name string
}

// NewReader returns a reader of r; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	return &Reader{sc: sc, name: name}
}

// Next returns the next sentence, or io.EOF at the end of the input.
// Empty nodes (IDs such as 8.1) are skipped.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if line == "" {
			if s != nil && len(s.Words) > 0 {
				return s, nil
			}
			continue
		}
		if s == nil {
			s = &Sentence{}
		}
		if strings.HasPrefix(line, "#") {
			s.Comments = append(s.Comments, line)
			body := strings.TrimSpace(line[1:])
			switch {
			case strings.HasPrefix(body, "sent_id ="):
				s.ID = strings.TrimSpace(strings.TrimPrefix(body, "sent_id ="))
			case strings.HasPrefix(body, "text ="):
				s.Text = strings.TrimPrefix(strings.TrimPrefix(body, "text ="), " ")
			case strings.HasPrefix(body, "newdoc"):
				s.NewDoc = true
			case strings.HasPrefix(body, "newpar"):
				s.NewPar = true
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("conllu: %s:%d: %d columns, want 10", r.name, r.line, len(cols))
		}
		id := cols[0]
		if strings.Contains(id, ".") {
			continue // empty node of the enhanced graph
		}
		if a, b, ok := strings.Cut(id, "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || last < first {
				return nil, fmt.Errorf("conllu: %s:%d: bad range ID %q", r.name, r.line, id)
			}
			s.MultiWords = append(s.MultiWords, MultiWord{First: first, Last: last, Form: cols[1], Misc: cols[9]})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(s.Words)+1 {
			return nil, fmt.Errorf("conllu: %s:%d: bad word ID %q", r.name, r.line, id)
		}
		head := -1
		if cols[6] != "_" {
			head, err = strconv.Atoi(cols[6])
			if err != nil || head < 0 {
				return nil, fmt.Errorf("conllu: %s:%d: bad head %q", r.name, r.line, cols[6])
			}
		}
		s.Words = append(s.Words, Word{
			ID: n, Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4],
			Feats: cols[5], Head: head, Deprel: cols[7], Deps: cols[8], Misc: cols[9],
		})
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("conllu: %s: %w", r.name, err)
	}
	if s != nil && len(s.Words) > 0 {
		return s, nil
	}
	return nil, io.EOF
}

// ReadAll reads every sentence of r.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// Write writes s in CoNLL-U, ending with the blank line.
func Write(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		fmt.Fprintln(bw, c)
	}
	mw := 0
	for _, wd := range s.Words {
		for mw < len(s.MultiWords) && s.MultiWords[mw].First == wd.ID {
			m := s.MultiWords[mw]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.First, m.Last, m.Form, dash(m.Misc))
			mw++
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, wd.Form, dash(wd.Lemma),
			dash(wd.UPOS), dash(wd.XPOS), dash(wd.Feats), head, dash(wd.Deprel), dash(wd.Deps), dash(wd.Misc))
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
