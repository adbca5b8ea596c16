package timex

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/parley-news/parley/document"
)

// TimeMLDoc is the part of a TimeML 1.2.1 document that timex reads: the
// document creation time, the title, and the text of the TEXT element with
// its inline TIMEX3 annotations as byte spans into Text.
type TimeMLDoc struct {
	DocID string
	// DCT is the value of the CREATION_TIME TIMEX3 (e.g. 2013-03-22).
	DCT   string
	Title string
	// Text is the character data of the TEXT element, entities decoded.
	Text    string
	Timexes []document.Timex
}

// Published returns the creation time as a date, or the zero time when the
// document has none or it is not a calendar date.
func (d *TimeMLDoc) Published() time.Time {
	v := d.DCT
	if len(v) >= 10 {
		if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
			return t
		}
	}
	return time.Time{}
}

// ErrNotTimeML is returned when the input has no TimeML root element.
var ErrNotTimeML = errors.New("timeml: no TimeML element")

// ParseTimeML reads a TimeML document (gold .tml or TempEval-3 .TE3input).
// Elements other than DOCID, DCT, TITLE, TEXT and TIMEX3 are skipped; their
// character data still counts as text when inside TEXT.
func ParseTimeML(r io.Reader) (*TimeMLDoc, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	var (
		doc     TimeMLDoc
		sawRoot bool
		stack   []string
		text    strings.Builder
		inText  bool
		open    []document.Timex // TIMEX3 elements open inside TEXT
		inDCT   bool
		dctText strings.Builder
		title   strings.Builder
		docid   strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("timeml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToUpper(t.Name.Local)
			if name == "TIMEML" {
				sawRoot = true
			}
			stack = append(stack, name)
			switch name {
			case "TEXT":
				inText = true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				tx := document.Timex{}
				var fn string
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						tx.Type = a.Value
					case "value":
						tx.Value = a.Value
					case "mod":
						tx.Mod = a.Value
					case "functionInDocument":
						fn = a.Value
					}
				}
				if inDCT || fn == "CREATION_TIME" {
					if doc.DCT == "" {
						doc.DCT = tx.Value
					}
				}
				if inText {
					tx.Start = text.Len()
					open = append(open, tx)
				}
			}
		case xml.EndElement:
			name := strings.ToUpper(t.Name.Local)
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch name {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if inText && len(open) > 0 {
					tx := open[len(open)-1]
					open = open[:len(open)-1]
					tx.End = text.Len()
					doc.Timexes = append(doc.Timexes, tx)
				}
			}
		case xml.CharData:
			switch {
			case inText:
				text.Write(t)
			case inDCT:
				dctText.Write(t)
			case len(stack) > 0 && stack[len(stack)-1] == "TITLE":
				title.Write(t)
			case len(stack) > 0 && stack[len(stack)-1] == "DOCID":
				docid.Write(t)
			}
		}
	}
	if !sawRoot {
		return nil, ErrNotTimeML
	}
	doc.Text = text.String()
	doc.Title = strings.TrimSpace(title.String())
	doc.DocID = strings.TrimSpace(docid.String())
	for i := range doc.Timexes {
		doc.Timexes[i].Text = doc.Text[doc.Timexes[i].Start:doc.Timexes[i].End]
	}
	sort.SliceStable(doc.Timexes, func(i, j int) bool { return doc.Timexes[i].Start < doc.Timexes[j].Start })
	return &doc, nil
}

// WriteTimeML writes text as a TimeML document with one TIMEX3 element per
// timex. Timexes must not overlap; overlapping ones after the first are
// dropped. dct may be empty.
func WriteTimeML(w io.Writer, docID, dct, title, text string, timexes []document.Timex) error {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n")
	fmt.Fprintf(&b, "<DOCID>%s</DOCID>\n\n", escape(docID))
	if dct != "" {
		fmt.Fprintf(&b, "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"%s\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">%s</TIMEX3></DCT>\n\n", escape(dct), escape(dct))
	}
	if title != "" {
		fmt.Fprintf(&b, "<TITLE>%s</TITLE>\n\n", escape(title))
	}
	b.WriteString("<TEXT>")
	sorted := append([]document.Timex(nil), timexes...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	pos, n := 0, 0
	for _, tx := range sorted {
		if tx.Start < pos || !tx.Span.Valid(len(text)) {
			continue
		}
		n++
		b.WriteString(escape(text[pos:tx.Start]))
		fmt.Fprintf(&b, "<TIMEX3 tid=\"t%d\" type=\"%s\" value=\"%s\"", n, escape(tx.Type), escape(tx.Value))
		if tx.Mod != "" {
			fmt.Fprintf(&b, " mod=\"%s\"", escape(tx.Mod))
		}
		fmt.Fprintf(&b, ">%s</TIMEX3>", escape(text[tx.Start:tx.End]))
		pos = tx.End
	}
	b.WriteString(escape(text[pos:]))
	b.WriteString("</TEXT>\n\n</TimeML>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func escape(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return s
	}
	// EscapeText writes newlines as &#xA;, which keeps offsets but hurts
	// readability; TimeML files keep them literal.
	return strings.NewReplacer("&#xA;", "\n", "&#x9;", "\t", "&#xD;", "\r").Replace(b.String())
}
