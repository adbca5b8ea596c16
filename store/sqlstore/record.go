package sqlstore

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"

	"github.com/parley-news/parley/document"
)

// A stored record is a document without its text as encoding/json writes
// it (json.Encoder, HTML escaping on, a final newline), gzipped. Records
// are written by appendRecord, which gives the same bytes as
// encoding/json at a fraction of the cost of reflection; the test in
// record_test.go fills every field of a Document to keep the two in step.
// Records are read with encoding/json and any gzip reader.

// gzipWriters reuses compressors: a new one allocates its tables, which
// costs more than compressing a record. klauspost/compress's BestSpeed is
// about twice as fast as compress/gzip's and compresses a little better.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// jsonBufs holds the buffers records are encoded into before compression.
var jsonBufs = sync.Pool{New: func() any { return new([]byte) }}

func encodeRecord(doc *document.Document) ([]byte, error) {
	bp := jsonBufs.Get().(*[]byte)
	defer jsonBufs.Put(bp)
	js, ok := appendRecord((*bp)[:0], doc)
	*bp = js
	if !ok {
		// A value encoding/json refuses (a NaN, a year past 9999): let it
		// say why.
		c := *doc
		c.Text = ""
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(&c); err != nil {
			return nil, err
		}
		js = buf.Bytes()
	}
	out := bytes.NewBuffer(make([]byte, 0, len(js)/4+64))
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(out)
	if _, err := zw.Write(js); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// appendRecord appends doc, without its text, as json.Encoder.Encode
// writes it. It reports false when a value cannot be encoded as JSON.
func appendRecord(b []byte, doc *document.Document) ([]byte, bool) {
	e := recordEncoder{b: b, ok: true}
	e.document(doc)
	e.b = append(e.b, '}', '\n')
	return e.b, e.ok
}

type recordEncoder struct {
	b  []byte
	ok bool
}

// The field writers follow the struct tags of package document: a field
// with omitempty is left out when empty, a nil slice without it is null.

func (e *recordEncoder) key(k string) { e.b = append(e.b, k...) }

func (e *recordEncoder) str(k, s string) {
	e.b = append(e.b, k...)
	e.b = appendJSONString(e.b, s)
}

func (e *recordEncoder) strOmit(k, s string) {
	if s != "" {
		e.str(k, s)
	}
}

func (e *recordEncoder) int(k string, n int) {
	e.b = append(e.b, k...)
	e.b = strconv.AppendInt(e.b, int64(n), 10)
}

func (e *recordEncoder) bool(k string, v bool) {
	e.b = append(e.b, k...)
	e.b = strconv.AppendBool(e.b, v)
}

func (e *recordEncoder) boolOmit(k string, v bool) {
	if v {
		e.bool(k, v)
	}
}

// float is encoding/json's floatEncoder for 64 bits: like %g, with the
// exponent cutoffs of ES6 and exponents not padded to two digits.
func (e *recordEncoder) float(k string, f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		e.ok = false
		return
	}
	e.b = append(e.b, k...)
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	e.b = strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		// e-09 to e-9
		n := len(e.b)
		if n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
			e.b[n-2] = e.b[n-1]
			e.b = e.b[:n-1]
		}
	}
}

func (e *recordEncoder) span(k string, s document.Span) {
	e.key(k)
	e.int(`{"start":`, s.Start)
	e.int(`,"end":`, s.End)
	e.b = append(e.b, '}')
}

// spanFields writes an embedded Span's fields, the first of an object.
func (e *recordEncoder) spanFields(s document.Span) {
	e.int(`{"start":`, s.Start)
	e.int(`,"end":`, s.End)
}

func (e *recordEncoder) strings(k string, ss []string) {
	e.key(k)
	if ss == nil {
		e.key("null")
		return
	}
	e.b = append(e.b, '[')
	for i, s := range ss {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.b = appendJSONString(e.b, s)
	}
	e.b = append(e.b, ']')
}

// list writes the elements of a slice field with each.
func list[T any](e *recordEncoder, k string, xs []T, omitEmpty bool, each func(*recordEncoder, *T)) {
	if omitEmpty && len(xs) == 0 {
		return
	}
	e.key(k)
	if xs == nil {
		e.key("null")
		return
	}
	e.b = append(e.b, '[')
	for i := range xs {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		each(e, &xs[i])
	}
	e.b = append(e.b, ']')
}

func (e *recordEncoder) document(d *document.Document) {
	e.str(`{"schema":`, d.Schema)
	e.strOmit(`,"id":`, d.ID)
	e.strOmit(`,"source":`, d.Source)
	e.strOmit(`,"title":`, d.Title)
	if !d.Published.IsZero() {
		e.key(`,"published":"`)
		var err error
		if e.b, err = d.Published.AppendText(e.b); err != nil {
			e.ok = false
		}
		e.b = append(e.b, '"')
	}
	e.strOmit(`,"published_from":`, d.PublishedFrom)
	e.strOmit(`,"language":`, d.Language)
	e.key(`,"text":""`) // the text is stored apart
	list(e, `,"sentences":`, d.Sentences, false, (*recordEncoder).sentence)
	list(e, `,"tokens":`, d.Tokens, false, (*recordEncoder).token)
	list(e, `,"entities":`, d.Entities, true, (*recordEncoder).entity)
	list(e, `,"timexes":`, d.Timexes, true, (*recordEncoder).timex)
	list(e, `,"mentions":`, d.Mentions, true, (*recordEncoder).mention)
	list(e, `,"actors":`, d.Actors, true, (*recordEncoder).actor)
	list(e, `,"quotes":`, d.Quotes, true, (*recordEncoder).quote)
	list(e, `,"events":`, d.Events, true, (*recordEncoder).event)
	if len(d.Warnings) > 0 {
		e.strings(`,"warnings":`, d.Warnings)
	}
}

func (e *recordEncoder) sentence(s *document.Sentence) {
	e.spanFields(s.Span)
	e.str(`,"text":`, s.Text)
	e.int(`,"first_token":`, s.FirstToken)
	e.int(`,"end_token":`, s.EndToken)
	e.boolOmit(`,"headline":`, s.Headline)
	e.int(`,"paragraph":`, s.Paragraph)
	e.b = append(e.b, '}')
}

func (e *recordEncoder) token(t *document.Token) {
	e.spanFields(t.Span)
	e.str(`,"text":`, t.Text)
	e.strOmit(`,"norm":`, t.Norm)
	e.bool(`,"space_after":`, t.SpaceAfter)
	e.strOmit(`,"lemma":`, t.Lemma)
	e.strOmit(`,"upos":`, t.UPOS)
	e.strOmit(`,"xpos":`, t.XPOS)
	e.int(`,"head":`, t.Head)
	e.strOmit(`,"deprel":`, t.Deprel)
	e.b = append(e.b, '}')
}

func (e *recordEncoder) entity(x *document.Entity) {
	e.spanFields(x.Span)
	e.str(`,"text":`, x.Text)
	e.str(`,"type":`, x.Type)
	e.strOmit(`,"actor":`, x.Actor)
	e.b = append(e.b, '}')
}

func (e *recordEncoder) timex(x *document.Timex) {
	e.spanFields(x.Span)
	e.str(`,"text":`, x.Text)
	e.str(`,"type":`, x.Type)
	e.str(`,"value":`, x.Value)
	e.strOmit(`,"mod":`, x.Mod)
	e.strOmit(`,"granularity":`, x.Granularity)
	e.boolOmit(`,"anchored":`, x.Anchored)
	e.boolOmit(`,"inferred":`, x.Inferred)
	e.b = append(e.b, '}')
}

func (e *recordEncoder) mention(x *document.Mention) {
	e.spanFields(x.Span)
	e.str(`,"text":`, x.Text)
	e.str(`,"kind":`, x.Kind)
	e.strOmit(`,"actor":`, x.Actor)
	e.int(`,"chain":`, x.Chain)
	e.b = append(e.b, '}')
}

func (e *recordEncoder) actor(a *document.Actor) {
	e.str(`{"id":`, a.ID)
	e.str(`,"name":`, a.Name)
	e.str(`,"kind":`, a.Kind)
	e.strOmit(`,"code":`, a.Code)
	e.strOmit(`,"country":`, a.Country)
	e.strOmit(`,"role":`, a.Role)
	e.bool(`,"known":`, a.Known)
	if len(a.Members) > 0 {
		e.strings(`,"members":`, a.Members)
	}
	e.b = append(e.b, '}')
}

func (e *recordEncoder) quote(q *document.Quote) {
	e.spanFields(q.Span)
	e.str(`,"text":`, q.Text)
	e.bool(`,"direct":`, q.Direct)
	if q.Speaker != nil {
		e.span(`,"speaker":`, *q.Speaker)
	}
	e.strOmit(`,"speaker_text":`, q.SpeakerText)
	e.strOmit(`,"speaker_actor":`, q.SpeakerActor)
	if q.Cue != nil {
		e.span(`,"cue":`, *q.Cue)
	}
	e.strOmit(`,"cue_text":`, q.CueText)
	e.strOmit(`,"signal":`, q.Signal)
	e.strOmit(`,"date":`, q.Date)
	e.strOmit(`,"tone":`, q.Tone)
	e.b = append(e.b, '}')
}

func (e *recordEncoder) event(ev *document.Event) {
	e.str(`{"id":`, ev.ID)
	e.str(`,"type":`, ev.Type)
	e.strOmit(`,"mode":`, ev.Mode)
	if len(ev.Context) > 0 {
		e.strings(`,"context":`, ev.Context)
	}
	e.strOmit(`,"cameo":`, ev.CAMEO)
	e.strOmit(`,"action":`, ev.Action)
	e.strOmit(`,"action_cameo":`, ev.ActionCAMEO)
	if ev.QuadClass != 0 {
		e.int(`,"quad_class":`, ev.QuadClass)
	}
	e.float(`,"intensity":`, ev.Intensity)
	e.strOmit(`,"source":`, ev.Source)
	e.strOmit(`,"source_text":`, ev.SourceText)
	e.strOmit(`,"source_actor":`, ev.SourceActor)
	e.strOmit(`,"target":`, ev.Target)
	e.strOmit(`,"target_text":`, ev.TargetText)
	e.strOmit(`,"target_actor":`, ev.TargetActor)
	e.strOmit(`,"place":`, ev.Place)
	e.strOmit(`,"date":`, ev.Date)
	e.boolOmit(`,"date_stated":`, ev.DateStated)
	e.str(`,"status":`, ev.Status)
	e.strOmit(`,"claimed_by":`, ev.ClaimedBy)
	e.boolOmit(`,"negated":`, ev.Negated)
	e.span(`,"trigger":`, ev.Trigger)
	e.span(`,"evidence":`, ev.Evidence)
	e.str(`,"text":`, ev.Text)
	list(e, `,"mentions":`, ev.Mentions, true, func(e *recordEncoder, s *document.Span) {
		e.spanFields(*s)
		e.b = append(e.b, '}')
	})
	e.b = append(e.b, '}')
}

// appendJSONString is encoding/json's appendString with HTML escaping:
// <, > and & as \u003c, \u003e and \u0026, control characters escaped,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if htmlSafe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// htmlSafe is true for the ASCII bytes a JSON string holds as they are
// when HTML is escaped: all but control characters, ", \, <, > and &.
var htmlSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()
