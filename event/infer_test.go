package event

import (
	"context"
	"testing"
)

// TestInferParties checks the parties filled from the rest of the
// document: the holder of a detainee releases them, a detention in a
// state is that state's, and a purpose clause shares its meeting's target.
func TestInferParties(t *testing.T) {
	doc := petrDoc(t, `
The the DET 2 det
EU EU PROPN 3 nsubj EU
secured secure VERB 0 root
the the DET 5 det
release release NOUN 3 obj
of of ADP 7 case
Smith Smith PROPN 5 nmod GBRCVL
Smith Smith PROPN 11 nsubj:pass GBRCVL
was be AUX 11 aux:pass
wrongfully wrongfully ADV 11 advmod
imprisoned imprison VERB 3 parataxis
in in ADP 13 case
Iran Iran PROPN 11 obl IRN
Jones Jones PROPN 15 nsubj USAGOV
met meet VERB 3 parataxis
with with ADP 17 case
Putin Putin PROPN 15 obl RUSGOV
to to PART 19 mark
discuss discuss VERB 15 advcl
trade trade NOUN 19 obj`)
	for i := range doc.Tokens {
		if doc.Tokens[i].Text == "discuss" {
			doc.Tokens[i].XPOS = "VB"
		}
	}
	for i := range doc.Actors {
		switch doc.Actors[i].Code {
		case "IRN":
			doc.Actors[i].Kind = "state"
		case "EU":
			doc.Actors[i].Kind = "organisation"
		default:
			doc.Actors[i].Kind = "person"
		}
	}
	if err := NewStage().Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var release, detention, consult int
	for _, ev := range doc.Events {
		t.Logf("%s %s %s -> %s", ev.Type, ev.CAMEO, ev.Source, ev.Target)
		switch {
		case ev.Mode == "release":
			release++
			if ev.Source != "IRN" || ev.Target != "GBRCVL" {
				t.Errorf("release %s -> %s, want IRN -> GBRCVL (the holder releases, not the EU)", ev.Source, ev.Target)
			}
		case ev.Mode == "arrest":
			detention++
			if ev.Source != "IRN" {
				t.Errorf("detention by %q, want IRN (imprisoned in Iran)", ev.Source)
			}
		case ev.Type == "CONSULT" && ev.Source == "RUSGOV" && ev.Target == "USAGOV":
			// The meeting seen from the other side (mirror).
		case ev.Type == "CONSULT":
			consult++
			if ev.Target != "RUSGOV" {
				t.Errorf("consult %s -> %q, want RUSGOV", ev.Source, ev.Target)
			}
		}
	}
	if release != 1 || detention != 1 || consult != 1 {
		t.Errorf("%d releases, %d detentions, %d consultations; want one each (the discussion merges into the meeting)", release, detention, consult)
	}
}

// A detention reported again without its agent ("Britain said Smith was
// detained") is the one the article already attributes.
func TestInferRepeatedDetention(t *testing.T) {
	doc := petrDoc(t, `
Smith Smith PROPN 3 nsubj:pass GBRCVL
was be AUX 3 aux:pass
detained detain VERB 0 root
in in ADP 5 case
Iran Iran PROPN 3 obl IRN
Britain Britain PROPN 7 nsubj GBR
said say VERB 3 parataxis
Smith Smith PROPN 11 nsubj:pass GBRCVL
was be AUX 11 aux:pass
wrongfully wrongfully ADV 11 advmod
detained detain VERB 7 ccomp`)
	for i := range doc.Actors {
		if doc.Actors[i].Code == "IRN" || doc.Actors[i].Code == "GBR" {
			doc.Actors[i].Kind = "state"
		} else {
			doc.Actors[i].Kind = "person"
		}
	}
	if err := NewStage().Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range doc.Events {
		t.Logf("%s %s %s -> %s %s", ev.Type, ev.CAMEO, ev.Source, ev.Target, ev.Status)
		if ev.Mode == "arrest" {
			n++
			if ev.Source != "IRN" || ev.Target != "GBRCVL" {
				t.Errorf("detention %s -> %s, want IRN -> GBRCVL", ev.Source, ev.Target)
			}
		}
	}
	if n == 0 {
		t.Error("no detention coded")
	}
}
