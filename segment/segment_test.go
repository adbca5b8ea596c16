package segment

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"title before name", "Gen. Mark Milley met Sen. Warren. They spoke.", []string{"Gen. Mark Milley met Sen. Warren.", "They spoke."}},
		{"governor", "Gov. Hochul signed it. Then she left.", []string{"Gov. Hochul signed it.", "Then she left."}},
		{"month abbreviation", "The vote is on Jan. 5 in Paris. It was delayed.", []string{"The vote is on Jan. 5 in Paris.", "It was delayed."}},
		{"initials", "The book by J. R. R. Tolkien sold well. Fans cheered.", []string{"The book by J. R. R. Tolkien sold well.", "Fans cheered."}},
		{"U.N. mid", "The U.N. Security Council met. It voted.", []string{"The U.N. Security Council met.", "It voted."}},
		{"U.K. end", "She moved to the U.K. The move was quick.", []string{"She moved to the U.K.", "The move was quick."}},
		{"number abbrev", "See No. 5 on the list. It matters.", []string{"See No. 5 on the list.", "It matters."}},
		{"clock before weekday", "The talks start at 9 a.m. Monday in Geneva.", []string{"The talks start at 9 a.m. Monday in Geneva."}},
		{"clock ends sentence", "He left at 6 p.m. Mr. Smith stayed.", []string{"He left at 6 p.m.", "Mr. Smith stayed."}},
		{"decimal money", "It costs $1.2 billion. That is 3.5 times more.", []string{"It costs $1.2 billion.", "That is 3.5 times more."}},
		{"quote end", `He said, "It is over." Then he left.`, []string{`He said, "It is over."`, "Then he left."}},
		{"curly quote end", "He said, “It is over.” Then he left.", []string{"He said, “It is over.”", "Then he left."}},
		{"quote continues", `"It is over," he said.`, []string{`"It is over," he said.`}},
		{"question in quote lowercase", `"Why?" she asked.`, []string{`"Why?" she asked.`}},
		{"parenthesis", "He won (by a lot.) and smiled. Later he slept.", []string{"He won (by a lot.) and smiled.", "Later he slept."}},
		{"ellipsis mid", "I think . . . maybe not.", []string{"I think . . . maybe not."}},
		{"unicode ellipsis end", "Wait… Then go.", []string{"Wait…", "Then go."}},
		{"headline lines", "Big News Today\nThe market fell. Traders sold.\nAnother Headline\nIt rained.", []string{"Big News Today", "The market fell.", "Traders sold.", "Another Headline", "It rained."}},
		{"blank lines", "First paragraph ends.\n\nSecond one starts here.", []string{"First paragraph ends.", "Second one starts here."}},
		{"wrapped line", "The minister said that the\nplan would pass next week.", []string{"The minister said that the\nplan would pass next week."}},
		{"wrapped before a name", "The minister met with\nPresident Macron on Monday.", []string{"The minister met with\nPresident Macron on Monday."}},
		{"wrapped after comma", "Officials said the plan,\nWhich Was Leaked, would fail.", []string{"Officials said the plan,\nWhich Was Leaked, would fail."}},
		{"headline then capital", "Talks End Without a Deal\nThe talks ended.", []string{"Talks End Without a Deal", "The talks ended."}},
		{"unfinished lines stay apart", "features\ncontact manager\nevents, activities", []string{"features", "contact manager", "events, activities"}},
		{"initials in a row", "It was written by J. A. Smith in 1990.", []string{"It was written by J. A. Smith in 1990."}},
		{"no before a name", "He said no. Putin disagreed.", []string{"He said no.", "Putin disagreed."}},
		{"abbreviation in headline", "U.S. Is Ready to Talk\nIt said so.", []string{"U.S. Is Ready to Talk", "It said so."}},
		{"initial that is also a page abbreviation", "He backed Gov. Dannel P. Malloy. Voters agreed.", []string{"He backed Gov. Dannel P. Malloy.", "Voters agreed."}},
		{"list lines", "Items:\n1. Apples\n2. Pears", []string{"Items:", "1. Apples", "2. Pears"}},
		{"inline numbered list", "1) Buy milk 2) Sell bread", []string{"1) Buy milk", "2) Sell bread"}},
		{"bullets", "• One • Two", []string{"• One", "• Two"}},
		{"no space", "It ended.Then it began.", []string{"It ended.", "Then it began."}},
		{"empty", "", []string{}},
		{"only spaces", " \n\t ", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			if !equalStrings(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by "|"
	}{
		{"I don't know.", "I|do|n't|know|."},
		{"She can't, won't, cannot.", "She|ca|n't|,|wo|n't|,|can|not|."},
		{"We're gonna go; they'll see.", "We|'re|gon|na|go|;|they|'ll|see|."},
		{"Trump’s envoy", "Trump|’s|envoy"},
		{"the long-term plan", "the|long|-|term|plan"},
		{"an e-mail and a non-stop flight", "an|e-mail|and|a|non-stop|flight"},
		{"It cost $1,200.50 today.", "It|cost|$|1,200.50|today|."},
		{"Visit https://example.com/a-b?x=1.", "Visit|https://example.com/a-b?x=1|."},
		{"Mail jo.doe@example.org, please", "Mail|jo.doe@example.org|,|please"},
		{"Mr. Smith of the U.S. Army", "Mr.|Smith|of|the|U.S.|Army"},
		{"He lives in the U.S.", "He|lives|in|the|U.S|."},
		{"at 7:30pm sharp", "at|7:30|pm|sharp"},
		{"the 1980s and 22nd", "the|1980s|and|22nd"},
		{"call 713-853-1696 now", "call|713-853-1696|now"},
		{"pages 5-10", "pages|5|-|10"},
		{"Wait... what?!", "Wait|...|what|?!"},
		{"(see above)", "(|see|above|)"},
		{"“Yes,” he said", "“|Yes|,|”|he|said"},
		{"the '90s", "the|'90s"},
		{"and/or", "and|/|or"},
		{"great :)", "great|:)"},
		{"AT&T and P&L", "AT&T|and|P&L"},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in)
		var got []string
		for _, tk := range toks {
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, g, tt.want)
		}
		checkDoc(t, tt.in, nil, toks)
	}
}

func TestNormAndSpace(t *testing.T) {
	toks := Tokenize("“Don’t”—go")
	want := []struct {
		text, norm string
		space      bool
	}{
		{"“", `"`, false}, {"Do", "", false}, {"n’t", "n't", false}, {"”", `"`, false}, {"—", "--", false}, {"go", "", true},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens %v, want %d", len(toks), toks, len(want))
	}
	for i, w := range want {
		if toks[i].Text != w.text || toks[i].Norm != w.norm || toks[i].SpaceAfter != w.space || toks[i].Head != -1 {
			t.Errorf("token %d = %+v, want text %q norm %q space %v head -1", i, toks[i], w.text, w.norm, w.space)
		}
	}
}

func TestProcessSeed(t *testing.T) {
	text := "Leaders Meet in Geneva\nThe two presidents met on Monday. They agreed to talk again.\nNext Steps Unclear\nNo date was set."
	doc := document.New("test", text)
	if err := New().Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, s := range doc.Sentences {
		if s.Headline {
			heads = append(heads, s.Text)
		}
	}
	if want := []string{"Leaders Meet in Geneva", "Next Steps Unclear"}; !equalStrings(heads, want) {
		t.Errorf("headlines %q, want %q", heads, want)
	}
	if len(doc.Sentences) != 5 {
		t.Errorf("got %d units, want 5", len(doc.Sentences))
	}
	if p := doc.Sentences[4].Paragraph; p != 3 {
		t.Errorf("last sentence in paragraph %d, want 3", p)
	}
	checkDoc(t, text, doc.Sentences, doc.Tokens)
}

// checkDoc verifies the invariants every output must keep: spans inside
// the text, Text equal to the slice, tokens sorted and disjoint, each
// sentence's tokens inside it, sentences covering every token in order.
func checkDoc(t testing.TB, text string, sents []document.Sentence, toks []document.Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if !tk.Valid(len(text)) || tk.Start >= tk.End {
			t.Fatalf("token %d span %v outside text of %d bytes or empty", i, tk.Span, len(text))
		}
		if tk.Start < prev {
			t.Fatalf("token %d starts at %d before the previous end %d", i, tk.Start, prev)
		}
		if tk.Text != text[tk.Start:tk.End] {
			t.Fatalf("token %d text %q != slice %q", i, tk.Text, text[tk.Start:tk.End])
		}
		if tk.Head != -1 {
			t.Fatalf("token %d head %d, want -1", i, tk.Head)
		}
		prev = tk.End
	}
	if sents == nil {
		return
	}
	next := 0
	for i, s := range sents {
		if !s.Valid(len(text)) || s.Text != text[s.Start:s.End] {
			t.Fatalf("sentence %d span %v invalid", i, s.Span)
		}
		if s.FirstToken != next || s.EndToken <= s.FirstToken || s.EndToken > len(toks) {
			t.Fatalf("sentence %d tokens [%d,%d), want to start at %d", i, s.FirstToken, s.EndToken, next)
		}
		for _, tk := range toks[s.FirstToken:s.EndToken] {
			if !s.Contains(tk.Span) {
				t.Fatalf("sentence %d %v does not contain token %v", i, s.Span, tk.Span)
			}
		}
		next = s.EndToken
	}
	if next != len(toks) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
	}
}

// TestGolden segments the texts in testdata/*.txt and compares with
// testdata/*.golden; run with -update to rewrite them after a reviewed
// change.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sents, toks := Segment(string(b))
			checkDoc(t, string(b), sents, toks)
			got := render(sents, toks)
			gf := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(gf, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gf)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", f, gf, lineDiff(string(want), got))
			}
		})
	}
}

// render writes one line per unit: paragraph, H for a headline, the
// tokens separated by "|".
func render(sents []document.Sentence, toks []document.Token) string {
	var b strings.Builder
	for _, s := range sents {
		h := " "
		if s.Headline {
			h = "H"
		}
		parts := make([]string, 0, s.EndToken-s.FirstToken)
		for _, tk := range toks[s.FirstToken:s.EndToken] {
			parts = append(parts, tk.Text)
		}
		fmt.Fprintf(&b, "p%d %s %s\n", s.Paragraph, h, strings.Join(parts, "|"))
	}
	return b.String()
}

func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d\n want %s\n  got %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

// TestGoldenRules fails when the score on the English Golden Rules falls
// below 95%.
func TestGoldenRules(t *testing.T) {
	path := evaldata.Require(t, "sbd_golden_rules", "golden_rules_en.jsonl")
	g, err := EvalGoldenRules(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("golden rules: %d/%d", g.Passed, g.Total)
	for _, r := range g.Rules {
		if !r.Pass {
			t.Logf("#%d %s: got %q want %q", r.ID, r.Title, r.Got, r.Want)
		}
	}
	if g.Ratio() < 0.95 {
		t.Errorf("golden rules %.2f%%, want at least 95%%", 100*g.Ratio())
	}
}

// TestEWTTokens fails when token-boundary F1 on EWT test falls below 99%.
func TestEWTTokens(t *testing.T) {
	path := evaldata.Require(t, "ud-english-ewt", "en_ewt-ud-test.conllu")
	sc, err := EvalTokens(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("EWT test: P %.4f R %.4f F1 %.4f over %d sentences", sc.Precision(), sc.Recall(), sc.F1(), sc.Sentences)
	if sc.Sentences < 2000 {
		t.Errorf("scored only %d sentences", sc.Sentences)
	}
	if sc.F1() < 0.99 {
		t.Errorf("token F1 %.4f, want at least 0.99", sc.F1())
	}
}

func TestHostileInput(t *testing.T) {
	long := strings.Repeat("a.b-c'd/1,2:3 ", 1<<16) // one line, ~900 KB
	inputs := []string{
		"\x00\x00.\x00", "\xff\xfe. \xc3", "A.\xe2\x80", strings.Repeat(".", 10000),
		strings.Repeat("1-", 5000) + "2", strings.Repeat("x", 1<<20), long,
		"\u2028line\u2029para", "\r\nWin\r\nlines.\r\n",
	}
	if !testing.Short() {
		// One 10 MB line: words glued by joiners, then a line of short words.
		inputs = append(inputs, strings.Repeat("Ab.cd-ef", 10<<20/8), strings.Repeat("It is. ", 10<<20/7))
	}
	for _, in := range inputs {
		sents, toks := Segment(in)
		checkDoc(t, in, sents, toks)
	}
}

// TestSeedArticle checks the article the project is judged on, when it is
// present beside the clone: every headline and every sentence is its own
// unit.
func TestSeedArticle(t *testing.T) {
	root := evaldata.Root()
	if root == "" {
		t.Skip("shared data not found")
	}
	b, err := os.ReadFile(filepath.Join(root, "..", "seed", "article.txt"))
	if err != nil {
		t.Skipf("seed article not available: %v", err)
	}
	text := string(b)
	sents, toks := Segment(text)
	checkDoc(t, text, sents, toks)
	heads := 0
	for _, s := range sents {
		last := toks[s.EndToken-1].Text
		if s.Headline {
			heads++
			if strings.ContainsAny(s.Text, ".!?") {
				t.Errorf("headline %q holds sentence punctuation", s.Text)
			}
			continue
		}
		if !strings.ContainsAny(last, ".!?”\"") {
			t.Errorf("unit %q neither a headline nor a finished sentence", s.Text)
		}
		if n := strings.Count(s.Text, ". ") + strings.Count(s.Text, ".” "); n > 0 && !strings.Contains(s.Text, "U.S.") {
			t.Errorf("unit %q looks like more than one sentence", s.Text)
		}
	}
	if heads != 4 {
		t.Errorf("%d headlines, want 4", heads)
	}
	if len(sents) != 35 {
		t.Errorf("%d units, want 35 (4 headlines and 31 sentences)", len(sents))
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"Hello World. My name is Jonas.", "U.S. Gen. J. R. Smith at 5 a.m. left.", "“Quote.” she said… 1) a 2) b",
		"don't can't gonna e-mail 713-853-1696 https://x.org/a. a@b.co", ". . . . Next", "\x00\xff\n\n\t", "Head Line\nbody text.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sents, toks := Segment(s)
		checkDoc(t, s, sents, toks)
	})
}

func BenchmarkSegment(b *testing.B) {
	files, _ := filepath.Glob("testdata/*.txt")
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n")
	}
	unit := sb.String()
	text := strings.Repeat(unit, max(1, (1<<20)/len(unit))) // about 1 MB
	_, toks := Segment(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Segment(text)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
