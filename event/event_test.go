package event

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parley-news/parley/conllu"
	"github.com/parley-news/parley/document"
)

// parsedDoc builds a document from hand-parsed CoNLL-U with inline
// expectations (see testdata/events.conllu) and returns the expected
// events, one "key=value …" string each.
func parsedDoc(t *testing.T, path string) (*document.Document, []map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	doc := document.New(path, "")
	doc.ID = "test"
	var text strings.Builder
	var want []map[string]string
	actors := map[string]bool{}
	for _, s := range sents {
		if text.Len() > 0 {
			text.WriteString("\n")
		}
		base := len(doc.Tokens)
		sStart := text.Len()
		mentionStart := map[string]int{}
		for _, w := range s.Words {
			start := text.Len()
			text.WriteString(w.Form)
			head := -1
			if w.Head > 0 {
				head = base + w.Head - 1
			}
			doc.Tokens = append(doc.Tokens, document.Token{Span: document.Span{Start: start, End: text.Len()},
				Text: w.Form, Lemma: w.Lemma, UPOS: w.UPOS, XPOS: w.XPOS, Head: head, Deprel: w.Deprel, SpaceAfter: w.SpaceAfter()})
			for _, m := range strings.Split(w.Misc, "|") {
				if id, ok := strings.CutPrefix(m, "Mention="); ok {
					if _, seen := mentionStart[id]; !seen || doc.Tokens[len(doc.Tokens)-2].Start != mentionStart[id] {
						doc.Mentions = append(doc.Mentions, document.Mention{Span: document.Span{Start: start, End: text.Len()}, Text: w.Form, Kind: "name", Actor: id})
					}
					mentionStart[id] = start
				}
			}
			if w.SpaceAfter() {
				text.WriteString(" ")
			}
		}
		sEnd := doc.Tokens[len(doc.Tokens)-1].End
		doc.Sentences = append(doc.Sentences, document.Sentence{Span: document.Span{Start: sStart, End: sEnd},
			FirstToken: base, EndToken: len(doc.Tokens)})
		sentText := text.String()[sStart:]
		for _, c := range s.Comments {
			key, val, ok := strings.Cut(strings.TrimPrefix(c, "# "), " = ")
			if !ok {
				continue
			}
			switch key {
			case "actor":
				f := strings.SplitN(val, " ", 3)
				if !actors[f[0]] {
					doc.Actors = append(doc.Actors, document.Actor{ID: f[0], Code: f[1], Name: f[2]})
					actors[f[0]] = true
				}
			case "quote":
				f := strings.Split(val, "|")
				i := strings.Index(sentText, f[0])
				if i < 0 {
					t.Fatalf("%s: %q not in sentence", s.ID, f[0])
				}
				sp := document.Span{Start: sStart + i, End: sStart + i + len(f[0])}
				doc.Quotes = append(doc.Quotes, document.Quote{Span: sp, Text: f[0], SpeakerActor: f[1]})
			case "entity", "timex":
				f := strings.Split(val, "|")
				i := strings.Index(sentText, f[0])
				if i < 0 {
					t.Fatalf("%s: %q not in sentence", s.ID, f[0])
				}
				sp := document.Span{Start: sStart + i, End: sStart + i + len(f[0])}
				if key == "entity" {
					doc.Entities = append(doc.Entities, document.Entity{Span: sp, Text: f[0], Type: f[1]})
				} else {
					doc.Timexes = append(doc.Timexes, document.Timex{Span: sp, Text: f[0], Type: f[1], Value: f[2]})
				}
			case "event":
				f := strings.Fields(val)
				m := map[string]string{"type": f[0], "cameo": f[1], "sentence": s.ID}
				for _, kv := range f[2:] {
					k, v, _ := strings.Cut(kv, "=")
					if strings.HasSuffix(k, "_text") || k == "place" {
						v = strings.ReplaceAll(v, "_", " ")
					}
					m[k] = v
				}
				want = append(want, m)
			}
		}
	}
	doc.Text = text.String()
	for i := range doc.Sentences {
		doc.Sentences[i].Text = doc.Slice(doc.Sentences[i].Span)
	}
	return doc, want
}

// field returns an event's value for a key of the expectation format.
func field(doc *document.Document, ev document.Event, key string) string {
	switch key {
	case "type":
		return ev.Type
	case "cameo":
		return ev.CAMEO
	case "source":
		return ev.Source
	case "target":
		return ev.Target
	case "source_text":
		return ev.SourceText
	case "target_text":
		return ev.TargetText
	case "status":
		return ev.Status
	case "date":
		return ev.Date
	case "place":
		return ev.Place
	case "mode":
		return ev.Mode
	case "action":
		return ev.Action
	case "claimed_by":
		return ev.ClaimedBy
	case "trigger":
		return doc.Slice(ev.Trigger)
	case "sentence":
		return ""
	}
	return "?" + key
}

func describe(doc *document.Document, ev document.Event) string {
	return fmt.Sprintf("%s %s %s->%s status=%s date=%s trigger=%q claimed_by=%s place=%q",
		ev.Type, ev.CAMEO, ev.Source, ev.Target, ev.Status, ev.Date, doc.Slice(ev.Trigger), ev.ClaimedBy, ev.Place)
}

func TestHandParsed(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.conllu"))
	if len(paths) == 0 {
		t.Fatal("no testdata/*.conllu")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc, want := parsedDoc(t, path)
			if err := NewStage().Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ev := range doc.Events {
				got = append(got, describe(doc, ev))
			}
			sort.Strings(got)
			used := make([]bool, len(doc.Events))
			for _, w := range want {
				found := false
				for i, ev := range doc.Events {
					if used[i] {
						continue
					}
					ok := true
					for k, v := range w {
						if k != "sentence" && field(doc, ev, k) != v {
							ok = false
						}
					}
					if ok {
						used[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("%s: missing event %v\n  got:\n    %s", w["sentence"], w, strings.Join(got, "\n    "))
				}
			}
			for i, ev := range doc.Events {
				if !used[i] && !mirrors(doc.Events, used, ev) {
					t.Errorf("unexpected event %s", describe(doc, ev))
				}
			}
		})
	}
}

func TestLexiconLoads(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := lx.Code("0871"); !ok || c.Type != "RETREAT" || c.Mode != "ceasefire" || c.QuadClass() != 2 {
		t.Fatalf("0871 = %+v", c)
	}
}

func TestTriggerFileErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"x talk 040", "kind"},
		{"v talk 999", "unknown CAMEO"},
		{"v talk foo=bar 040", "unknown constraint"},
		{"v", "want KIND"},
	}
	for _, tt := range tests {
		lx, _ := DefaultLexicon()
		err := lx.LoadTriggers(strings.NewReader(tt.in), "user.txt")
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "user.txt:1") {
			t.Errorf("LoadTriggers(%q) = %v, want error with %q and the line", tt.in, err, tt.want)
		}
	}
}

func FuzzTriggers(f *testing.F) {
	f.Add("v talk recip 040\nn strike mod=air 195\n")
	f.Fuzz(func(t *testing.T, in string) {
		lx, err := DefaultLexicon()
		if err != nil {
			t.Fatal(err)
		}
		_ = lx.LoadTriggers(strings.NewReader(in), "fuzz")
	})
}

// mirrors reports whether ev is the other side of an expected mutual
// event: same trigger and code, source and target swapped.
func mirrors(evs []document.Event, used []bool, ev document.Event) bool {
	for i, e := range evs {
		if used[i] && e.Trigger == ev.Trigger && e.CAMEO == ev.CAMEO && e.Source == ev.Target && e.Target == ev.Source && e.Source != "" {
			return true
		}
	}
	return false
}
