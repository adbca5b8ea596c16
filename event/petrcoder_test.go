package event

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
)

// A small PETRARCH dictionary of our own, in the validation suite's style.
const testVerbs = `
&TIES
+ECONOMIC
+CULTURAL

--- ABANDON [345] ---
ABANDON
- * DIPLOMATIC TIES [901]
- * NEW_&TIES_RELATIONS [903]

--- CRITICIZE [121] ---
CRITICIZE
- HEAVILY * [122]
- * FXLL [+++]

--- MEET [031:032] ---
MEET {MET}

--- SAY [023] ---
SAY {SAID}

--- DELAY [---] ---
DELAY
- % HAVE * [191]
`

const testAgents = `PRESIDENT [~GOV]
POLICE {} [~COP]
MSF {} [NGO~]
`

// petrDoc builds a parsed document from lines "form lemma UPOS head
// deprel [actorCode]" (heads 1-based, 0 for the root).
func petrDoc(t *testing.T, rows string) *document.Document {
	t.Helper()
	doc := document.New("t", "")
	doc.ID = "t"
	var text strings.Builder
	codes := map[string]bool{}
	for _, row := range strings.Split(strings.TrimSpace(rows), "\n") {
		f := strings.Fields(row)
		head, err := strconv.Atoi(f[3])
		if err != nil {
			t.Fatal(err)
		}
		if text.Len() > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(f[0])
		tok := document.Token{Span: document.Span{Start: start, End: text.Len()}, Text: f[0], Lemma: f[1], UPOS: f[2], Head: head - 1, Deprel: f[4]}
		doc.Tokens = append(doc.Tokens, tok)
		if len(f) > 5 {
			doc.Mentions = append(doc.Mentions, document.Mention{Span: tok.Span, Text: f[0], Kind: "name", Actor: "a:" + f[5]})
			if !codes[f[5]] {
				codes[f[5]] = true
				doc.Actors = append(doc.Actors, document.Actor{ID: "a:" + f[5], Code: f[5], Known: true})
			}
		}
	}
	doc.Text = text.String()
	doc.Sentences = []document.Sentence{{Span: document.Span{Start: 0, End: len(doc.Text)}, Text: doc.Text, FirstToken: 0, EndToken: len(doc.Tokens)}}
	return doc
}

func TestPETRARCHCoding(t *testing.T) {
	s := NewStage()
	p := s.PETRARCH()
	if err := p.LoadVerbs(strings.NewReader(testVerbs), "test.verbs"); err != nil {
		t.Fatal(err)
	}
	if err := p.LoadAgents(strings.NewReader(testAgents), "test.agents"); err != nil {
		t.Fatal(err)
	}
	if err := p.LoadDiscards(strings.NewReader("FOOTBALL\n"), "test.discards"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		rows string
		want []string
	}{
		{"agents with possessor and compound", `
Arnor Arnor PROPN 3 nmod:poss ARN
's 's PART 1 case
president president NOUN 4 nsubj
criticized criticize VERB 0 root
Gondor Gondor PROPN 6 compound GON
police police NOUN 4 obj`, []string{"ARNGOV GONCOP 121"}},
		{"agent before the actor", `
MSF MSF PROPN 2 compound
Arnor Arnor PROPN 3 nsubj ARN
criticized criticize VERB 0 root
Gondor Gondor PROPN 3 obj GON`, []string{"NGOARN GON 121"}},
		{"pattern before the verb; disabled code", `
Arnor Arnor PROPN 3 nsubj ARN
heavily heavily ADV 3 advmod
criticized criticize VERB 0 root
fxll fxll ADJ 3 obj
Gondor Gondor PROPN 3 obl GON`, []string{"ARN GON 122"}},
		{"gaps, synsets and tight words", `
Arnor Arnor PROPN 2 nsubj ARN
abandoned abandon VERB 0 root
full full ADJ 5 amod
diplomatic diplomatic ADJ 5 amod
ties tie NOUN 2 obj
with with ADP 7 case
Gondor Gondor PROPN 5 nmod GON`, []string{"ARN GON 901"}},
		{"tight synset phrase broken by a word", `
Arnor Arnor PROPN 2 nsubj ARN
abandoned abandon VERB 0 root
new new ADJ 6 amod
global global ADJ 6 amod
economic economic ADJ 6 amod
relations relation NOUN 2 obj
with with ADP 8 case
Gondor Gondor PROPN 6 nmod GON`, []string{"ARN GON 345"}},
		{"paired code", `
Arnor Arnor PROPN 2 nsubj ARN
met meet VERB 0 root
Gondor Gondor PROPN 2 obj GON`, []string{"ARN GON 031", "GON ARN 032"}},
		{"compound source", `
Arnor Arnor PROPN 5 nsubj ARN
and and CCONJ 3 cc
Gondor Gondor PROPN 1 conj GON
have have AUX 5 aux
delayed delay VERB 0 root
talks talk NOUN 5 obj`, []string{"ARN GON 191", "GON ARN 191"}},
		{"no actor, no event", `
officials official NOUN 2 nsubj
said say VERB 0 root`, nil},
		{"discarded sentence", `
Arnor Arnor PROPN 2 nsubj ARN
criticized criticize VERB 0 root
football football NOUN 2 obj`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := petrDoc(t, tt.rows)
			if err := s.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ev := range doc.Events {
				got = append(got, ev.Source+" "+ev.Target+" "+ev.CAMEO)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidCode(t *testing.T) {
	for code, want := range map[string]bool{"042": true, "032:033": true, ":075": true, "075A": true, "---": true,
		"+++": false, "###": false, "xxy": false, "025?": false, ":": false, "1:2:3": false} {
		if got := validCode(code); got != want {
			t.Errorf("validCode(%q) = %v", code, got)
		}
	}
}
