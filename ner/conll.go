package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one sentence of a CoNLL file: its words and, when the file
// has a label column, their tags as written (IOB1 or IOB2).
type Sentence struct {
	Words []string
	Tags  []string
	// Lines are the input lines, kept so a tagger can echo them with its
	// prediction appended.
	Lines []string
}

// Doc is one article of a CoNLL file: the sentences between two
// -DOCSTART- lines.
type Doc struct {
	Sentences []Sentence
	// Start is the -DOCSTART- line that opened the document, if any.
	Start string
}

// Tokens is the number of words in the document.
func (d *Doc) Tokens() int {
	n := 0
	for _, s := range d.Sentences {
		n += len(s.Words)
	}
	return n
}

// ReadCoNLL reads CoNLL-2003-style columns: one token a line, the word in
// the first column and, when there are at least two columns, the entity tag
// in the last; a blank line ends a sentence and a -DOCSTART- line ends an
// article. Documents without sentences are dropped, so a marker at the end
// of a file (as in the shared copy of CoNLL-2003) or at its start gives the
// same documents.
func ReadCoNLL(r io.Reader) ([]Doc, error) { return readCoNLL(r, true) }

// ReadCoNLLWords reads the same layout but only the first column, keeping
// the lines for echoing; any further columns are ignored.
func ReadCoNLLWords(r io.Reader) ([]Doc, error) { return readCoNLL(r, false) }

func readCoNLL(r io.Reader, withTags bool) ([]Doc, error) {
	var docs []Doc
	var cur Doc
	var sent Sentence
	endSent := func() {
		if len(sent.Words) > 0 {
			cur.Sentences = append(cur.Sentences, sent)
		}
		sent = Sentence{}
	}
	endDoc := func() {
		endSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
		}
		cur = Doc{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	line := 0
	labelled := -1 // unknown until the first token line
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		fields := strings.Fields(text)
		if len(fields) == 0 {
			endSent()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			endDoc()
			cur.Start = text
			continue
		}
		sent.Words = append(sent.Words, fields[0])
		sent.Lines = append(sent.Lines, text)
		if !withTags {
			continue
		}
		has := 0
		if len(fields) >= 2 {
			has = 1
		}
		if labelled == -1 {
			labelled = has
		} else if labelled != has {
			return nil, fmt.Errorf("ner: conll line %d: %d columns where earlier lines had %s", line, len(fields), map[int]string{0: "one", 1: "several"}[labelled])
		}
		if has == 1 {
			tag := fields[len(fields)-1]
			if _, _, err := splitTag(tag); err != nil {
				return nil, fmt.Errorf("ner: conll line %d: %w", line, err)
			}
			sent.Tags = append(sent.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: conll: %w", err)
	}
	endDoc()
	return docs, nil
}

// WriteCoNLL writes the documents with a predicted tag appended to each
// token line: the input line as read (or "word" and the gold tag when there
// is none), a space, the prediction. Sentences end with a blank line and
// -DOCSTART- lines are echoed with an O, so conlleval can score the output
// when the input carried gold tags.
func WriteCoNLL(w io.Writer, docs []Doc, pred [][][]string) error {
	bw := bufio.NewWriter(w)
	for di, d := range docs {
		if d.Start != "" {
			fmt.Fprintf(bw, "%s O\n\n", d.Start)
		}
		for si, s := range d.Sentences {
			for i, word := range s.Words {
				switch {
				case i < len(s.Lines):
					fmt.Fprintf(bw, "%s %s\n", s.Lines[i], pred[di][si][i])
				case s.Tags != nil:
					fmt.Fprintf(bw, "%s %s %s\n", word, s.Tags[i], pred[di][si][i])
				default:
					fmt.Fprintf(bw, "%s %s\n", word, pred[di][si][i])
				}
			}
			fmt.Fprintln(bw)
		}
	}
	return bw.Flush()
}
