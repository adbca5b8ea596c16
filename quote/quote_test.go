package quote

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// annotated reads a text with inline marks, "[Witkoff]{S1} [said]{C1}
// [the talks went well]{Q1}.", and returns the plain text and the span of
// each label. Marks nest.
func annotated(t *testing.T, s string) (string, map[string]document.Span) {
	t.Helper()
	var b strings.Builder
	spans := map[string]document.Span{}
	var stack []int
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '[':
			stack = append(stack, b.Len())
		case s[i] == ']' && i+1 < len(s) && s[i+1] == '{':
			if len(stack) == 0 {
				t.Fatalf("bad annotation in %q", s)
			}
			sp := document.Span{Start: stack[len(stack)-1], End: b.Len()}
			stack = stack[:len(stack)-1]
			i++ // at '{'
			// One or more labels: ]{S1}{N1}.
			for i < len(s) && s[i] == '{' {
				end := strings.IndexByte(s[i:], '}')
				if end < 0 {
					t.Fatalf("bad annotation in %q", s)
				}
				spans[s[i+1:i+end]] = sp
				i += end + 1
			}
			i--
		default:
			b.WriteByte(s[i])
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed [ in %q", s)
	}
	return b.String(), spans
}

// TestFind checks content (Q), speaker (S), cue (C) and resolved name (N)
// spans of each numbered quote, its signal, and that nothing else is
// found.
func TestFind(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		signals []string // per quote number
	}{
		{"reported with that",
			"[Witkoff]{S1}{N1} [said]{C1} [that the leaders will meet soon]{Q1}.",
			[]string{"assertion"}},
		{"direct curly, inverted source",
			"[“We are ready,”]{Q1} [said]{C1} [Lina Okafor]{S1}{N1}.",
			[]string{"assertion"}},
		{"direct straight after source",
			`[Dunn]{S1}{N1} [said]{C1}, ["Every figure is online."]{Q1}`,
			[]string{"assertion"}},
		{"title after possessive is no quote",
			"[He]{S1} [said]{C1} on CNN’s “State of the Union” [that the talks will go well]{Q1}.",
			[]string{"assertion"}},
		{"partial quote inside reported speech",
			"[Trump]{S1}{N1} [described]{C1} [their discussion as “lengthy and highly productive.”]{Q1}",
			[]string{"assertion"}},
		{"according to, sentence-initial",
			"[According to]{C1} [Witkoff]{S1}{N1}, [their willingness to talk signals “positive momentum.”]{Q1}",
			[]string{"assertion"}},
		{"according to, final",
			"[Grain shipments doubled in March]{Q1}, [according to]{C1} [the trade office]{S1}{N1}.",
			[]string{"assertion"}},
		{"doubt signal",
			"[French President Emmanuel Macron]{S1} [has expressed doubt]{C1} [that Russia truly wants peace]{Q1}.",
			[]string{"doubt"}},
		{"belief and hope coordinated",
			"[Witkoff]{S1}{S2} [believes]{C1} [a deal is possible]{Q1} and [is hopeful]{C2} [that “real progress” will be made]{Q2}.",
			[]string{"belief", "hope"}},
		{"denial",
			"[Dunn]{S1} [denied]{C1} [that he had cut school funding]{Q1}.",
			[]string{"denial"}},
		{"relative clause source",
			"[Rosa Tan]{N1}, [who]{S1} [said]{C1} [the plan was unfair]{Q1}, voted against it.",
			[]string{"assertion"}},
		{"appositive subject",
			"[The envoy, Steve Witkoff,]{S1} [confirmed]{C1} [the call on Sunday]{Q1}.",
			[]string{"assertion"}},
		{"pronoun resolved to the previous subject",
			"[Witkoff]{S1}{N1} [expects]{C1} [the call to go well]{Q1}. [He]{S2} [said]{C2} [it would be positive]{Q2}.",
			[]string{"belief", "assertion"}},
		{"coordinated verb shares the subject",
			"[He]{S1} was not aware of the remarks but [said]{C1}, [“It is unfortunate.”]{Q1}",
			[]string{"assertion"}},
		{"participle shares the subject",
			"[Clinton]{S1}{N1} spoke on Tuesday, [arguing]{C1} [that the policy had failed]{Q1}.",
			[]string{"assertion"}},
		{"content left with pronoun source",
			"[“It is a good first step,”]{Q1} [she]{S1} [said]{C1}.",
			[]string{"assertion"}},
		{"transcript turn",
			"[MAYOR DUNN]{S1}{N1}[:]{C1} [No. The numbers are clear.]{Q1}",
			[]string{"assertion"}},
		{"quote across paragraphs",
			"[“The first part,”]{Q1} [Dunn]{S1}{N1}{S2} [said]{C1}. [“Then more.\n“And the end.”]{Q2}",
			[]string{"assertion", "assertion"}},
		{"content stops before the reporter's own clause",
			"[The [U.S.]{N1}]{S1} [has proposed]{C1} [a 30-day ceasefire]{Q1}, and Ukraine has agreed.",
			[]string{"assertion"}},
		{"scare quotes are not speech",
			"The so-called “balanced” budget passed.",
			nil},
		{"name containing a cue word",
			"The United States sent aid.",
			nil},
		{"noun use of a cue word",
			"The state tax report was late.",
			nil},
		{"cue word as the object of a light verb",
			"This exchange has raised hopes that the two can work toward peace.",
			nil},
	}
	f := NewFinder(nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, want := annotated(t, tc.in)
			doc := document.New("t", text)
			got := f.Find(doc)
			if len(got) != len(tc.signals) {
				for _, a := range got {
					t.Logf("found %q by %q (%s)", a.Text, a.SpeakerText, a.Frame)
				}
				t.Fatalf("found %d quotes, want %d", len(got), len(tc.signals))
			}
			for n := 1; n <= len(tc.signals); n++ {
				q, ok := want[fmt.Sprint("Q", n)]
				if !ok {
					t.Fatalf("test has no Q%d", n)
				}
				var a *Attribution
				for i := range got {
					if got[i].Span == q {
						a = &got[i]
					}
				}
				if a == nil {
					t.Errorf("Q%d %q not found; got %v", n, doc.Slice(q), texts(got))
					continue
				}
				if a.Signal != tc.signals[n-1] {
					t.Errorf("Q%d signal %q, want %q", n, a.Signal, tc.signals[n-1])
				}
				checkSpan(t, doc, fmt.Sprint("S", n), want, a.Speaker)
				checkSpan(t, doc, fmt.Sprint("C", n), want, a.Cue)
				if w, ok := want[fmt.Sprint("N", n)]; ok {
					checkSpan(t, doc, fmt.Sprint("N", n), map[string]document.Span{fmt.Sprint("N", n): w}, a.Name)
				}
			}
		})
	}
}

func texts(as []Attribution) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Text)
	}
	return out
}

func checkSpan(t *testing.T, doc *document.Document, label string, want map[string]document.Span, got *document.Span) {
	t.Helper()
	w, ok := want[label]
	switch {
	case !ok && got != nil && strings.HasPrefix(label, "S"):
		t.Errorf("%s: got %q, want none", label, doc.Slice(*got))
	case ok && got == nil:
		t.Errorf("%s: got none, want %q", label, doc.Slice(w))
	case ok && *got != w:
		t.Errorf("%s: got %q, want %q", label, doc.Slice(*got), doc.Slice(w))
	}
}

// TestFindWithEntitiesAndMentions checks that speakers link to actors
// through the actor stage's mentions and the NER stage's entities.
func TestFindWithEntitiesAndMentions(t *testing.T) {
	text, sp := annotated(t, "[Steve Witkoff]{E1} expects the call to go well. [He]{P1} said the leaders will have a “good discussion.”")
	doc := document.New("t", text)
	doc.Entities = []document.Entity{{Span: sp["E1"], Text: doc.Slice(sp["E1"]), Type: "PER", Actor: "steve-witkoff"}}

	got := NewFinder(nil).Find(doc)
	if len(got) != 2 {
		t.Fatalf("found %v", texts(got))
	}
	if got[1].SpeakerActor != "steve-witkoff" || got[1].Via != "recent-subject" {
		t.Errorf("entities only: actor %q via %q", got[1].SpeakerActor, got[1].Via)
	}

	doc.Mentions = []document.Mention{
		{Span: sp["E1"], Text: "Steve Witkoff", Kind: "name", Actor: "steve-witkoff", Chain: 1},
		{Span: sp["P1"], Text: "He", Kind: "pronoun", Actor: "steve-witkoff", Chain: 1},
	}
	got = NewFinder(nil).Find(doc)
	if got[1].SpeakerActor != "steve-witkoff" || got[1].Via != "mention" || got[1].NameText != "Steve Witkoff" {
		t.Errorf("with mentions: actor %q via %q name %q", got[1].SpeakerActor, got[1].Via, got[1].NameText)
	}
}

// TestDate checks a stated date beside the cue and the publication-day
// fallback.
func TestDate(t *testing.T) {
	text, sp := annotated(t, "Witkoff confirmed [on Sunday]{T} that the call would happen. Putin said he agrees. Trump will announce that he agrees.")
	doc := document.New("t", text)
	doc.Published = time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)
	doc.Timexes = []document.Timex{{Span: sp["T"], Text: "on Sunday", Type: "DATE", Value: "2025-03-16"}}
	got := NewFinder(nil).Find(doc)
	if len(got) != 3 || got[0].Date != "2025-03-16" || got[1].Date != "2025-03-17" || got[2].Date != "FUTURE_REF" {
		for _, a := range got {
			t.Logf("%q date %q", a.Text, a.Date)
		}
		t.Fatal("wrong dates")
	}
}

// TestDateWithoutPublication checks the tense references used when the
// publication date is unknown.
func TestDateWithoutPublication(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Putin said he agrees.", "PAST_REF"},
		{"Putin has confirmed that he agrees.", "PAST_REF"},
		{"Putin says he agrees.", "PRESENT_REF"},
		{"Putin will say that he agrees.", "FUTURE_REF"},
	}
	for _, tc := range tests {
		got := NewFinder(nil).Find(document.New("t", tc.text))
		if len(got) != 1 || got[0].Date != tc.want {
			t.Errorf("%q: %v, want date %s", tc.text, got, tc.want)
		}
	}
}

// TestBadAnnotations checks that tokens, sentences and heads from another
// stage that do not fit the text are replaced, not trusted.
func TestBadAnnotations(t *testing.T) {
	text := "Witkoff said the talks went well."
	doc := document.New("t", text)
	doc.Tokens = []document.Token{{Span: document.Span{Start: 0, End: 7}, Text: "Witkoff", Head: 99}, {Span: document.Span{Start: 5, End: 900}, Text: "x", Head: -7}}
	doc.Sentences = []document.Sentence{{Span: document.Span{Start: 0, End: 33}, FirstToken: 1, EndToken: 5}}
	got := NewFinder(nil).Find(doc)
	if len(got) != 1 || got[0].Text != "the talks went well" {
		t.Fatalf("got %v", texts(got))
	}
}

func TestStage(t *testing.T) {
	s := NewStage()
	if s.Name() != "quote" {
		t.Fatalf("name %q", s.Name())
	}
	doc := document.New("t", "Witkoff said the talks went well. Nothing else happened.")
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Quotes) != 1 || doc.Quotes[0].Text != "the talks went well" || doc.Quotes[0].SpeakerText != "Witkoff" {
		t.Fatalf("quotes %+v", doc.Quotes)
	}
	for _, q := range doc.Quotes {
		if doc.Slice(q.Span) != q.Text || doc.Slice(*q.Cue) != q.CueText {
			t.Errorf("spans do not match texts: %+v", q)
		}
	}
}

// golden is the part of an attribution the golden files record.
type golden struct {
	Content, Speaker, Name, Via, Cue, Signal, Tone, Frame string
	Direct                                                bool
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no golden texts")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc := document.New(path, string(b))
			var got []golden
			for _, a := range NewFinder(nil).Find(doc) {
				got = append(got, golden{Content: a.Text, Speaker: a.SpeakerText, Name: a.NameText, Via: a.Via,
					Cue: a.CueText, Signal: a.Signal, Tone: a.Tone, Frame: a.Frame, Direct: a.Direct})
			}
			gp := strings.TrimSuffix(path, ".txt") + ".golden.json"
			if *update {
				out, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(gp, append(out, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wb, err := os.ReadFile(gp)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			var want []golden
			if err := json.Unmarshal(wb, &want); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s (-want +got):\n%s", gp, d)
			}
		})
	}
}

// TestSeed checks the speakers of the seed article's quotes when the
// shared folder is present.
func TestSeed(t *testing.T) {
	root := evaldata.Root()
	if root == "" {
		t.Skip("shared folder not found")
	}
	b, err := os.ReadFile(filepath.Join(root, "..", "seed", "article.txt"))
	if err != nil {
		t.Skipf("seed article: %v", err)
	}
	doc := document.New("seed", string(b))
	got := NewFinder(nil).Find(doc)
	want := []struct{ content, name, cue, signal string }{
		{"that the leaders will have a “good and positive discussion.”", "Witkoff", "said", "assertion"},
		{"their discussion as “lengthy and highly productive.”", "Trump", "described", "assertion"},
		{"that Russia truly wants peace", "French President Emmanuel Macron", "has expressed doubt", "doubt"},
		{"that Putin is increasing attacks before negotiating", "French President Emmanuel Macron", "said", "assertion"},
		{"their willingness to engage in discussions signals “positive momentum.”", "Witkoff", "According to", "assertion"},
		{"“It’s unfortunate when people make those assessments.”", "Witkoff", "said", "assertion"},
	}
	for _, w := range want {
		found := false
		for _, a := range got {
			if a.Text == w.content {
				found = true
				if a.NameText != w.name || a.CueText != w.cue || a.Signal != w.signal {
					t.Errorf("%q: name %q cue %q signal %q; want %q %q %q", w.content, a.NameText, a.CueText, a.Signal, w.name, w.cue, w.signal)
				}
			}
		}
		if !found {
			t.Errorf("quote %q not found", w.content)
		}
	}
	for _, a := range got {
		if strings.Contains(a.Text, "State of the Union") && !strings.Contains(a.Text, "leaders") {
			t.Errorf("programme title taken as a quote: %q", a.Text)
		}
	}
}

func BenchmarkQuotes(b *testing.B) {
	var texts []string
	files, _ := filepath.Glob("testdata/*.txt")
	for _, p := range files {
		t, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	f := NewFinder(nil)
	tokens := 0
	for _, t := range texts {
		tokens += len(fallbackTokens(t))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			f.Find(document.New("b", t))
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// FuzzFind runs the finder on arbitrary text: it must not panic, and
// every span it returns must lie inside the text and match its text.
func FuzzFind(f *testing.F) {
	f.Add("“We are ready,” said Lina Okafor. “Then more.\n“And the end.”")
	f.Add("According to Witkoff, the talks “went well.” He said, ''fine'' and ‘no’")
	f.Add("MAYOR: \" \u201c , said")
	fd := NewFinder(nil)
	f.Fuzz(func(t *testing.T, text string) {
		doc := document.New("f", text)
		for _, a := range fd.Find(doc) {
			spans := []*document.Span{&a.Span, a.Speaker, a.Cue, a.Name}
			for _, sp := range spans {
				if sp != nil && !sp.Valid(len(text)) {
					t.Fatalf("span %v outside text of %d bytes", *sp, len(text))
				}
			}
			if doc.Slice(a.Span) != a.Text {
				t.Fatalf("content text %q does not match its span", a.Text)
			}
		}
	})
}
