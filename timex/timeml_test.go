package timex

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/parley-news/parley/document"
)

const sampleTimeML = `<?xml version="1.0" ?>
<TimeML>
<DOCID>sample_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TITLE>Sample &amp; title</TITLE>
<TEXT>
Rates <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> &amp; fell for <TIMEX3 tid="t2" type="DURATION" value="P2W" mod="APPROX">two weeks</TIMEX3>.
</TEXT>
</TimeML>`

func TestParseTimeML(t *testing.T) {
	d, err := ParseTimeML(strings.NewReader(sampleTimeML))
	if err != nil {
		t.Fatal(err)
	}
	if d.DocID != "sample_1" || d.DCT != "2013-03-22" || d.Title != "Sample & title" {
		t.Errorf("header: %q %q %q", d.DocID, d.DCT, d.Title)
	}
	if want := "\nRates rose Thursday & fell for two weeks.\n"; d.Text != want {
		t.Errorf("text %q, want %q", d.Text, want)
	}
	want := []document.Timex{
		{Span: document.Span{Start: 12, End: 20}, Text: "Thursday", Type: "DATE", Value: "2013-03-21"},
		{Span: document.Span{Start: 32, End: 41}, Text: "two weeks", Type: "DURATION", Value: "P2W", Mod: "APPROX"},
	}
	if diff := cmp.Diff(want, d.Timexes); diff != "" {
		t.Errorf("timexes (-want +got):\n%s", diff)
	}
	if got := d.Published().Format("2006-01-02"); got != "2013-03-22" {
		t.Errorf("Published = %s", got)
	}
}

func TestWriteTimeMLRoundTrip(t *testing.T) {
	d, err := ParseTimeML(strings.NewReader(sampleTimeML))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTimeML(&b, d.DocID, d.DCT, d.Title, d.Text, d.Timexes); err != nil {
		t.Fatal(err)
	}
	back, err := ParseTimeML(&b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if diff := cmp.Diff(d, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestParseTimeMLRejects(t *testing.T) {
	for _, in := range []string{"", "plain text, no markup", "<html><body>x</body></html>", "<TimeML><TEXT>open"} {
		if _, err := ParseTimeML(strings.NewReader(in)); err == nil {
			t.Errorf("%q: want an error", in)
		}
	}
}

// FuzzParseTimeML checks that any input either fails cleanly or yields
// timexes whose spans lie inside the text and match their Text, and that
// writing the result and parsing it again gives the same document.
func FuzzParseTimeML(f *testing.F) {
	f.Add(sampleTimeML)
	f.Add(`<TimeML><TEXT>a <TIMEX3 type="DATE" value="X">b<TIMEX3>c</TIMEX3></TIMEX3></TEXT></TimeML>`)
	f.Add(`<TimeML><DCT><TIMEX3 value="2020-01-01"/></DCT><TEXT>&lt;x&gt; é</TEXT></TimeML>`)
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParseTimeML(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, x := range d.Timexes {
			if !x.Valid(len(d.Text)) || d.Text[x.Start:x.End] != x.Text {
				t.Fatalf("bad span %v %q in %q", x.Span, x.Text, d.Text)
			}
		}
		var b bytes.Buffer
		if err := WriteTimeML(&b, d.DocID, d.DCT, d.Title, d.Text, d.Timexes); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseTimeML(&b); err != nil {
			t.Fatalf("re-parse: %v\n%s", err, b.String())
		}
	})
}

// FuzzAnnotate checks that the stage never panics and keeps every span
// inside the text, with and without a publication date.
func FuzzAnnotate(f *testing.F) {
	f.Add("The talks began in January and will resume next Monday at 3 p.m.", true)
	f.Add("Over the past 2 1/2 years, since 1990s; 12/31/99 at noon.", false)
	f.Fuzz(func(t *testing.T, text string, dated bool) {
		doc := document.New("fuzz", text)
		if dated {
			doc.Published = date("2025-03-17")
		}
		n, err := Default()
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range n.Annotate(doc) {
			if !x.Valid(len(text)) || text[x.Start:x.End] != x.Text || x.Value == "" {
				t.Fatalf("bad timex %+v", x)
			}
		}
	})
}
