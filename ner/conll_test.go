package ner

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadCoNLL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Doc
	}{
		{
			name: "docstart at end, as in the shared copy",
			in:   "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n",
			want: []Doc{{Sentences: []Sentence{
				{Words: []string{"EU", "rejects"}, Tags: []string{"I-ORG", "O"}, Lines: []string{"EU NNP I-NP I-ORG", "rejects VBZ I-VP O"}},
				{Words: []string{"Peter"}, Tags: []string{"I-PER"}, Lines: []string{"Peter NNP I-NP I-PER"}},
			}}},
		},
		{
			name: "two documents",
			in:   "-DOCSTART- -X- -X- O\n\nA x I-LOC\n\n-DOCSTART- -X- -X- O\n\nB x O\n",
			want: []Doc{
				{Start: "-DOCSTART- -X- -X- O", Sentences: []Sentence{{Words: []string{"A"}, Tags: []string{"I-LOC"}, Lines: []string{"A x I-LOC"}}}},
				{Start: "-DOCSTART- -X- -X- O", Sentences: []Sentence{{Words: []string{"B"}, Tags: []string{"O"}, Lines: []string{"B x O"}}}},
			},
		},
		{
			name: "words only, CRLF",
			in:   "Hello\r\nworld\r\n\r\n",
			want: []Doc{{Sentences: []Sentence{{Words: []string{"Hello", "world"}, Lines: []string{"Hello", "world"}}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadCoNLL(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	for _, in := range []string{
		"A x B-\n",
		"A x I-PER\nB\n",
		"A x Q-PER\n",
	} {
		if _, err := ReadCoNLL(strings.NewReader(in)); err == nil {
			t.Errorf("ReadCoNLL(%q): no error", in)
		}
	}
}

func TestWriteCoNLL(t *testing.T) {
	docs, err := ReadCoNLLWords(strings.NewReader("-DOCSTART- -X- O O\n\nMarc x I-PER\nFogel x I-PER\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCoNLL(&b, docs, [][][]string{{{"B-PER", "I-PER"}}}); err != nil {
		t.Fatal(err)
	}
	want := "-DOCSTART- -X- O O O\n\nMarc x I-PER B-PER\nFogel x I-PER I-PER\n\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n-DOCSTART- -X- O O\n")
	f.Add("-DOCSTART- -X- -X- O\n\nA x B-LOC\nB x I-LOC\n\n")
	f.Add("word\n\nother\n")
	f.Add("a b\n\n\n\nc")
	f.Fuzz(func(t *testing.T, in string) {
		for _, read := range []func(string) ([]Doc, error){
			func(s string) ([]Doc, error) { return ReadCoNLL(strings.NewReader(s)) },
			func(s string) ([]Doc, error) { return ReadCoNLLWords(strings.NewReader(s)) },
		} {
			docs, err := read(in)
			if err != nil {
				continue
			}
			for _, d := range docs {
				if len(d.Sentences) == 0 {
					t.Fatal("empty document returned")
				}
				for _, s := range d.Sentences {
					if len(s.Words) == 0 {
						t.Fatal("empty sentence returned")
					}
					if s.Tags != nil && len(s.Tags) != len(s.Words) {
						t.Fatalf("%d tags for %d words", len(s.Tags), len(s.Words))
					}
					for _, w := range s.Words {
						if w == "" || strings.ContainsAny(w, " \t\n") {
							t.Fatalf("bad word %q", w)
						}
					}
					// Chunks never reach outside the sentence.
					for _, c := range Chunks(s.Tags) {
						if c.Start < 0 || c.End > len(s.Words) || c.Start >= c.End {
							t.Fatalf("bad chunk %v", c)
						}
					}
				}
			}
		}
	})
}
