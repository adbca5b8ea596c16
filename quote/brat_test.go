package quote

import (
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
)

func TestParseBrat(t *testing.T) {
	text := "“Ça va,” she said. He said no."
	ann := "T1\tContent 0 8\t“Ça va,”\nT2\tSource 9 12\tshe\nT3\tCue 13 17\tsaid\nT4\tAttribution 13 17\tsaid\n" +
		"E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n" +
		"T5\tCue 22 26\tsa\nid\nT6\tContent 27 29;27 29\tno\nE2\tAttribution-no-source:T5 Content:T6 Cue:T5\n#1\tAnnotatorNotes T1\tnote\n"
	got, err := ParseBrat(strings.NewReader(ann), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d attributions", len(got))
	}
	slice := func(s []document.Span) string { h := Hull(s); return text[h.Start:h.End] }
	if c := slice(got[0].Content[0]); c != "“Ça va,”" {
		t.Errorf("content %q", c)
	}
	if s := slice(got[0].Source); s != "she" {
		t.Errorf("source %q", s)
	}
	if got[1].Source != nil || slice(got[1].Cue) != "said" || slice(got[1].Content[0]) != "no" {
		t.Errorf("second attribution %+v", got[1])
	}
	for _, bad := range []string{"T1\tContent 0 99\tx\n", "T1\tContent a b\tx\n", "E1\tAttribution:T9\n", "T1\tContent\n", "T1\tContent 1\n"} {
		if _, err := ParseBrat(strings.NewReader(bad), text); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestScore(t *testing.T) {
	text := "Smith said the plan failed. Jones said nothing."
	gold := []GoldAttribution{{
		Source:  []document.Span{{Start: 0, End: 5}},
		Cue:     []document.Span{{Start: 6, End: 10}},
		Content: [][]document.Span{{{Start: 11, End: 26}}},
	}}
	pred := []Attribution{{Quote: document.Quote{Span: document.Span{Start: 11, End: 22},
		Speaker: &document.Span{Start: 0, End: 5}, Cue: &document.Span{Start: 6, End: 10}}}}
	var sc Score
	sc.Add(text, gold, pred)
	if _, _, f := sc.Cue.ExactPRF(); f != 100 {
		t.Errorf("cue exact F1 %v", f)
	}
	if _, _, f := sc.Content.ExactPRF(); f != 0 {
		t.Errorf("content exact F1 %v", f)
	}
	if _, _, f := sc.Content.OverlapPRF(); f != 100 {
		t.Errorf("content overlap F1 %v", f)
	}
	if sc.SourceAccuracy() != 100 {
		t.Errorf("source accuracy %v", sc.SourceAccuracy())
	}
}

// FuzzParseBrat feeds arbitrary annotation files: the reader must return
// an error or spans that lie inside the text.
func FuzzParseBrat(f *testing.F) {
	f.Add("“Ça va,” she said.", "T1\tContent 0 8\tx\nT2\tSource 9 12\tshe\nE1\tAttribution:T1 Content:T1 Source:T2\n")
	f.Add("abc", "T1\tCue 0 1;2 3\ta c\nE1\tA:T1 Content:T1\n")
	f.Add("", "E1\n")
	f.Fuzz(func(t *testing.T, text, ann string) {
		got, err := ParseBrat(strings.NewReader(ann), text)
		if err != nil {
			return
		}
		for _, g := range got {
			all := append(append([]document.Span{}, g.Source...), g.Cue...)
			for _, c := range g.Content {
				all = append(all, c...)
			}
			for _, s := range all {
				if !s.Valid(len(text)) {
					t.Fatalf("span %v outside text of %d bytes", s, len(text))
				}
			}
		}
	})
}

func TestPieces(t *testing.T) {
	text := "“A,” she said. “B.” S he"
	tests := []struct {
		frags []document.Span
		want  []string
	}{
		{[]document.Span{{Start: 0, End: 8}, {Start: 19, End: 27}}, []string{"“A,”", "“B.”"}},
		{[]document.Span{{Start: 28, End: 29}, {Start: 30, End: 32}}, []string{"S he"}},
		{nil, nil},
	}
	for _, tc := range tests {
		var got []string
		for _, p := range Pieces(text, tc.frags) {
			got = append(got, text[p.Start:p.End])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Pieces(%v) = %q, want %q", tc.frags, got, tc.want)
		}
	}
}
