package event

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parley-news/parley/actor"
)

// A user's dictionary gives the nationality words and states that actors
// named by description are read with.
func TestUseDictionary(t *testing.T) {
	dir := t.TempDir()
	conll := filepath.Join(dir, "s.conllu")
	const sent = `# sent_id = user-1
# text = A court in Zembla has jailed two Freedonian men.
# actor = zem ZMB Zembla
1	A	a	DET	DT	_	2	det	_	_
2	court	court	NOUN	NN	_	6	nsubj	_	_
3	in	in	ADP	IN	_	4	case	_	_
4	Zembla	Zembla	PROPN	NNP	_	2	nmod	_	Mention=zem
5	has	have	AUX	VBZ	_	6	aux	_	_
6	jailed	jail	VERB	VBN	_	0	root	_	_
7	two	two	NUM	CD	_	9	nummod	_	_
8	Freedonian	Freedonian	ADJ	JJ	_	9	amod	_	_
9	men	man	NOUN	NNS	_	6	obj	_	SpaceAfter=No
10	.	.	PUNCT	.	_	6	punct	_	_

`
	if err := os.WriteFile(conll, []byte(sent), 0o644); err != nil {
		t.Fatal(err)
	}
	dictFile := filepath.Join(dir, "states.txt")
	const states = "state ZMB: Zembla\n  adjectives: Zemblan\n\nstate FRD: Freedonia\n  adjectives: Freedonian; Freedonians\n"
	if err := os.WriteFile(dictFile, []byte(states), 0o644); err != nil {
		t.Fatal(err)
	}
	dict, err := actor.Load(dictFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name       string
		dict       *actor.Dictionary
		wantTarget string
	}{
		{"embedded", nil, ""},
		{"user", dict, "FRDCVL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := parsedDoc(t, conll)
			s := NewStage()
			if tc.dict != nil {
				s.UseDictionary(tc.dict)
			}
			if err := s.Process(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Events) != 1 {
				t.Fatalf("got %d events, want 1: %+v", len(doc.Events), doc.Events)
			}
			ev := doc.Events[0]
			if ev.Source != "ZMBJUD" || ev.Target != tc.wantTarget {
				t.Errorf("source %q target %q, want ZMBJUD %q", ev.Source, ev.Target, tc.wantTarget)
			}
		})
	}
}
