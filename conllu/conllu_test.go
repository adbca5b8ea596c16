package conllu

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/parley-news/parley/evaldata"
)

const sample = `# sent_id = s1
# text = Google's up.
1-2	Google's	_	_	_	_	_	_	_	_
1	Google	Google	PROPN	NNP	_	3	nsubj	_	_
2	's	be	AUX	VBZ	_	3	cop	_	_
3	up	up	ADV	RB	_	0	root	_	SpaceAfter=No
3.1	x	x	X	X	_	_	_	_	_
4	.	.	PUNCT	.	_	3	punct	_	_

`

func TestRoundTrip(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 || len(sents[0].Words) != 4 || len(sents[0].MultiWords) != 1 {
		t.Fatalf("got %+v", sents)
	}
	s := sents[0]
	if s.ID != "s1" || s.Text != "Google's up." || s.Words[2].SpaceAfter() || !s.Words[3].SpaceAfter() {
		t.Fatalf("fields wrong: %+v", s)
	}
	var buf bytes.Buffer
	if err := Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sample, "3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n", "", 1)
	if buf.String() != want {
		t.Fatalf("round trip:\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestErrors(t *testing.T) {
	for _, in := range []string{
		"1\ta\n",
		"2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n",
		"1\ta\ta\tX\tX\t_\tz\troot\t_\t_\n",
		"2-1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n",
	} {
		if _, err := ReadAll(strings.NewReader(in), "bad"); err == nil {
			t.Errorf("ReadAll(%q) succeeded, want error", in)
		}
	}
}

func TestEWT(t *testing.T) {
	path := evaldata.Require(t, "ud-english-ewt", "en_ewt-ud-test.conllu")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2077 {
		t.Fatalf("%d sentences, want 2077", len(sents))
	}
}

func FuzzReader(f *testing.F) {
	f.Add(sample)
	f.Fuzz(func(t *testing.T, in string) {
		r := NewReader(strings.NewReader(in), "fuzz")
		for {
			s, err := r.Next()
			if err != nil {
				if err == io.EOF {
					return
				}
				return
			}
			for i, w := range s.Words {
				if w.ID != i+1 {
					t.Fatalf("word %d has ID %d", i, w.ID)
				}
			}
		}
	})
}
