package quote

import (
	"os"
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/evaldata"
)

// TestPolNeARDev guards the finder's scores on the PolNeAR dev split (the
// split used for tuning; test is reported by `parley eval quotes`).
func TestPolNeARDev(t *testing.T) {
	dir := evaldata.Require(t, "quotes_polnear")
	docs, err := LoadPolNeAR(dir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	f := NewFinder(nil)
	var sc Score
	for _, d := range docs {
		doc := document.New(d.Name, d.Text)
		doc.Published = d.Published
		sc.Add(d.Text, d.Gold, f.Find(doc))
	}
	var b strings.Builder
	sc.Write(&b)
	t.Log("\n" + b.String())
	if os.Getenv("QUOTE_DUMP") != "" {
		dumpErrors(t, docs, f)
	}
	_, _, of := sc.Content.OverlapPRF()
	if of < 70 {
		t.Errorf("content overlap F1 %.1f < 70", of)
	}
	if acc := sc.SourceAccuracy(); acc < 75 {
		t.Errorf("source accuracy %.1f < 75", acc)
	}
}

func dumpErrors(t *testing.T, docs []PolNeARDoc, f *Finder) {
	w, _ := os.Create(os.Getenv("QUOTE_DUMP"))
	defer w.Close()
	for _, d := range docs {
		doc := document.New(d.Name, d.Text)
		pred := f.Find(doc)
		for _, a := range pred {
			best, bestOv := -1, 0
			for gi, g := range d.Gold {
				for _, c := range g.Content {
					if ov := overlap(Hull(c), a.Span); ov > bestOv {
						best, bestOv = gi, ov
					}
				}
			}
			if best < 0 {
				w.WriteString("FP\t" + a.Frame + "\t" + a.SpeakerText + "\t" + a.CueText + "\t" + a.Text + "\n")
				continue
			}
			g := d.Gold[best]
			w.WriteString("DET\t" + a.Frame + "\n")
			if len(g.Source) == 0 {
				continue
			}
			src := d.Text[Hull(g.Source).Start:Hull(g.Source).End]
			if a.Speaker != nil && a.Speaker.Overlaps(Hull(g.Source)) {
				continue
			}
			ctx := ""
			if a.Cue != nil {
				ctx = strings.ReplaceAll(d.Text[max(0, a.Cue.Start-90):a.Cue.End], "\n", " ")
			}
			w.WriteString("SRC\t" + a.Frame + "\t" + a.SpeakerText + "\tgold=" + src + "\t" + a.CueText + "\t" + ctx + "\n")
		}
		for _, g := range d.Gold {
			for _, c := range g.Content {
				hit := false
				for _, a := range pred {
					if Hull(c).Overlaps(a.Span) {
						hit = true
					}
				}
				if !hit {
					cue := ""
					if len(g.Cue) > 0 {
						cue = d.Text[Hull(g.Cue).Start:Hull(g.Cue).End]
					}
					w.WriteString("FN\t" + cue + "\t" + strings.ReplaceAll(d.Text[Hull(c).Start:Hull(c).End], "\n", " ") + "\n")
				}
			}
		}
	}
}
