package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/parley-news/parley/document"
	"github.com/parley-news/parley/store"
)

// Synthetic generates documents for benchmarks: deterministic from their
// index, with actors drawn from a Zipf distribution (a few very frequent,
// many rare, as in news), event dates spread over Days days from Start.
type Synthetic struct {
	Actors       int // distinct known actors
	EventsPerDoc int
	QuotesPerDoc int
	Days         int
	Start        time.Time
	WordsPerDoc  int
	// Tokens adds sentences and tokens (one per space-separated word), as
	// the pipeline would: they make up most of a stored record.
	Tokens         bool
	Seed           uint64
	zipfS, zipfV   float64
	types          []string
	statuses       []string
	wordsOfContext []string
}

// NewSynthetic returns the generator used by the store benchmarks: 2,000
// actors, 10 events and 2 quotes per document over six years.
func NewSynthetic() *Synthetic {
	return &Synthetic{Actors: 2000, EventsPerDoc: 10, QuotesPerDoc: 2, Days: 6 * 365,
		Start: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), WordsPerDoc: 120, Seed: 1,
		zipfS: 1.1, zipfV: 2,
		types:    []string{"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "CONCEDE"},
		statuses: []string{"occurred", "occurred", "occurred", "planned", "claimed", "denied"},
		wordsOfContext: []string{"talks", "ceasefire", "border", "sanctions", "minister", "summit", "troops", "aid", "election",
			"protest", "trade", "energy", "port", "grain", "refugees", "court", "envoy", "treaty", "drone", "oil"},
	}
}

// ActorID is the ID of the actor of rank r (0 is the most frequent).
func (g *Synthetic) ActorID(r int) string { return fmt.Sprintf("actor%04d", r) }

// Doc returns document i.
func (g *Synthetic) Doc(i int) *document.Document {
	r := rand.New(rand.NewPCG(g.Seed, uint64(i)))
	z := rand.NewZipf(r, g.zipfS, g.zipfV, uint64(g.Actors-1))
	day := g.Start.AddDate(0, 0, r.IntN(g.Days))
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d. ", i)
	type ev struct {
		src, tgt  int
		trig      document.Span
		typ, date string
	}
	var evs []ev
	var actors []int
	seen := map[int]bool{}
	use := func(a int) int {
		if !seen[a] {
			seen[a] = true
			actors = append(actors, a)
		}
		return a
	}
	for k := range g.EventsPerDoc {
		src := use(int(z.Uint64()))
		tgt := use(int(z.Uint64()))
		fmt.Fprintf(&b, "Actor %d ", src)
		start := b.Len()
		b.WriteString("acted")
		end := b.Len()
		fmt.Fprintf(&b, " toward actor %d", tgt)
		for range g.WordsPerDoc / g.EventsPerDoc {
			b.WriteString(" " + g.wordsOfContext[r.IntN(len(g.wordsOfContext))])
		}
		b.WriteString(". ")
		d := day.AddDate(0, 0, -r.IntN(3)).Format("2006-01-02")
		evs = append(evs, ev{src, tgt, document.Span{Start: start, End: end}, g.types[(k+r.IntN(len(g.types)))%len(g.types)], d})
	}
	var quotes []document.Quote
	for range g.QuotesPerDoc {
		sp := use(int(z.Uint64()))
		fmt.Fprintf(&b, "Actor %d said “", sp)
		qs := b.Len()
		for range 8 {
			b.WriteString(g.wordsOfContext[r.IntN(len(g.wordsOfContext))] + " ")
		}
		qe := b.Len() - 1
		b.WriteString("”. ")
		quotes = append(quotes, document.Quote{Span: document.Span{Start: qs, End: qe}, Direct: true,
			SpeakerActor: g.ActorID(sp), Signal: "assertion"})
	}
	text := b.String()
	doc := document.New(fmt.Sprintf("https://outlet%d.example/%d", i%97, i), text)
	doc.ID = store.DocumentID(text)
	doc.Published = day
	doc.Language = "en"
	doc.Title = fmt.Sprintf("Report %d", i)
	for _, a := range actors {
		doc.Actors = append(doc.Actors, document.Actor{ID: g.ActorID(a), Name: fmt.Sprintf("Actor %d", a), Kind: "state",
			Code: fmt.Sprintf("C%02dGOV", a%100), Known: true})
	}
	for k, e := range evs {
		doc.Events = append(doc.Events, document.Event{ID: fmt.Sprintf("e%d", k+1), Type: e.typ, CAMEO: "040", QuadClass: 1,
			SourceActor: g.ActorID(e.src), SourceText: fmt.Sprintf("Actor %d", e.src),
			TargetActor: g.ActorID(e.tgt), TargetText: fmt.Sprintf("Actor %d", e.tgt),
			Date: e.date, Status: g.statuses[r.IntN(len(g.statuses))], Trigger: e.trig, Evidence: e.trig, Text: text[e.trig.Start:e.trig.End]})
	}
	for k := range quotes {
		quotes[k].Text = text[quotes[k].Start:quotes[k].End]
	}
	doc.Quotes = quotes
	if g.Tokens {
		addTokens(doc)
	}
	return doc
}

// NewArticles returns the generator for insert benchmarks: 500-word
// articles with tokens and sentences, 10 events and 2 quotes each.
func NewArticles() *Synthetic {
	g := NewSynthetic()
	g.WordsPerDoc = 500
	g.Tokens = true
	return g
}

// addTokens splits the text at spaces into tokens and at ". " into
// sentences.
func addTokens(doc *document.Document) {
	text := doc.Text
	sent := document.Sentence{Span: document.Span{Start: 0}}
	for i := 0; i < len(text); {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		if i == len(text) {
			break
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		doc.Tokens = append(doc.Tokens, document.Token{Span: document.Span{Start: i, End: j}, Text: text[i:j],
			SpaceAfter: j < len(text), Head: -1, UPOS: "X", Lemma: strings.ToLower(text[i:j])})
		if strings.HasSuffix(text[i:j], ".") || j == len(text) {
			sent.End = j
			sent.Text = text[sent.Start:j]
			sent.EndToken = len(doc.Tokens)
			doc.Sentences = append(doc.Sentences, sent)
			sent = document.Sentence{Span: document.Span{Start: j + 1}, FirstToken: len(doc.Tokens)}
		}
		i = j
	}
}
