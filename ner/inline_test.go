package ner

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

var inlineEntity = regexp.MustCompile(`\[([^\]]+)\]\{([A-Z]+)\}`)

// readInline parses testdata/inline.txt into documents of words and the
// gold chunks of each sentence.
func readInline(t *testing.T, path string) (docs [][][]string, gold [][][]Chunk) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var words [][]string
	var chunks [][]Chunk
	flush := func() {
		if len(words) > 0 {
			docs = append(docs, words)
			gold = append(gold, chunks)
		}
		words, chunks = nil, nil
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case line == "===":
			flush()
			continue
		}
		var ws []string
		var cs []Chunk
		rest := line
		for rest != "" {
			loc := inlineEntity.FindStringSubmatchIndex(rest)
			if loc == nil {
				ws = append(ws, strings.Fields(rest)...)
				break
			}
			ws = append(ws, strings.Fields(rest[:loc[0]])...)
			ent := strings.Fields(rest[loc[2]:loc[3]])
			cs = append(cs, Chunk{len(ws), len(ws) + len(ent), rest[loc[4]:loc[5]]})
			ws = append(ws, ent...)
			rest = rest[loc[1]:]
		}
		words = append(words, ws)
		chunks = append(chunks, cs)
	}
	flush()
	return docs, gold
}

func TestInline(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	docs, gold := readInline(t, "testdata/inline.txt")
	for di, doc := range docs {
		pred := m.Tag(doc)
		for si, words := range doc {
			want := Encode(gold[di][si], len(words), "IOB2")
			got := Encode(pred[si], len(words), "IOB2")
			if strings.Join(want, " ") != strings.Join(got, " ") {
				t.Errorf("%s\n want %v\n  got %v", strings.Join(words, " "), show(words, gold[di][si]), show(words, pred[si]))
			}
		}
	}
}

func show(words []string, cs []Chunk) []string {
	var out []string
	for _, c := range cs {
		out = append(out, "["+strings.Join(words[c.Start:c.End], " ")+"]{"+c.Type+"}")
	}
	return out
}
