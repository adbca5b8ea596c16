// Package document holds parley's record of one article: its source, its
// text, and every annotation the pipeline adds, each as a [Start, End) byte
// span into Text so that every output can be traced back to its evidence.
//
// The package imports nothing outside the standard library; stages live in
// their own packages and enrich a *Document through pipeline.Stage.
package document

import (
	"fmt"
	"time"
)

// Schema names the version of the JSON record written by parley.
const Schema = "parley/1"

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Valid reports whether the span lies inside a text of n bytes.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// Document is one article and everything parley found in it.
type Document struct {
	Schema string `json:"schema"`
	// ID is the hex SHA-256 of Text: a document's content is its identity.
	ID     string `json:"id,omitempty"`
	Source string `json:"source,omitempty"`
	Title  string `json:"title,omitempty"`
	// Published is the publication date (UTC midnight when only the day is
	// known); zero when unknown.
	Published time.Time `json:"published,omitzero"`
	// PublishedFrom says where Published came from: "flag", "html", "feed",
	// "warc", "inferred", or empty.
	PublishedFrom string `json:"published_from,omitempty"`
	Language      string `json:"language,omitempty"`
	Text          string `json:"text"`

	Sentences []Sentence `json:"sentences"`
	Tokens    []Token    `json:"tokens"`
	Entities  []Entity   `json:"entities,omitempty"`
	Timexes   []Timex    `json:"timexes,omitempty"`
	Mentions  []Mention  `json:"mentions,omitempty"`
	Actors    []Actor    `json:"actors,omitempty"`
	Quotes    []Quote    `json:"quotes,omitempty"`
	Events    []Event    `json:"events,omitempty"`

	// Warnings are problems that did not stop the analysis of this document.
	Warnings []string `json:"warnings,omitempty"`
}

// New returns a document holding text, ready for the pipeline.
func New(source, text string) *Document {
	return &Document{Schema: Schema, Source: source, Text: text}
}

// Slice returns the text under s, or "" when s is out of range.
func (d *Document) Slice(s Span) string {
	if !s.Valid(len(d.Text)) {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// Warnf records a non-fatal problem on the document.
func (d *Document) Warnf(format string, args ...any) {
	d.Warnings = append(d.Warnings, fmt.Sprintf(format, args...))
}

// SentenceTokens returns the tokens of sentence i.
func (d *Document) SentenceTokens(i int) []Token {
	s := d.Sentences[i]
	return d.Tokens[s.FirstToken:s.EndToken]
}

// SentenceAt returns the index of the sentence containing byte offset off,
// or -1.
func (d *Document) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		s := d.Sentences[m]
		switch {
		case off < s.Start:
			hi = m
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// TokenAt returns the index of the token containing byte offset off, or -1.
func (d *Document) TokenAt(off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		t := d.Tokens[m]
		switch {
		case off < t.Start:
			hi = m
		case off >= t.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Sentence is one sentence or headline.
type Sentence struct {
	Span
	Text string `json:"text"`
	// FirstToken and EndToken delimit the sentence's tokens in
	// Document.Tokens: [FirstToken, EndToken).
	FirstToken int `json:"first_token"`
	EndToken   int `json:"end_token"`
	// Headline marks a line without final punctuation standing on its own.
	Headline bool `json:"headline,omitempty"`
	// Paragraph is the index of the paragraph (block of lines) holding it.
	Paragraph int `json:"paragraph"`
}

// Token is one word or punctuation mark, in UD English EWT conventions.
type Token struct {
	Span
	Text string `json:"text"`
	// Norm is the form models read: typographic quotes, apostrophes and
	// dashes folded to ASCII. Empty when equal to Text.
	Norm string `json:"norm,omitempty"`
	// SpaceAfter is false when the token is glued to the next one.
	SpaceAfter bool   `json:"space_after"`
	Lemma      string `json:"lemma,omitempty"`
	UPOS       string `json:"upos,omitempty"`
	XPOS       string `json:"xpos,omitempty"`
	// Head is the index (in Document.Tokens) of the syntactic head, or -1
	// for the sentence root or when unparsed.
	Head   int    `json:"head"`
	Deprel string `json:"deprel,omitempty"`
}

// Form returns the normalised form of the token.
func (t Token) Form() string {
	if t.Norm != "" {
		return t.Norm
	}
	return t.Text
}

// Entity is a named-entity mention.
type Entity struct {
	Span
	Text string `json:"text"`
	// Type is PER, ORG, LOC or MISC, possibly refined (GPE, NORP, MEDIA).
	Type string `json:"type"`
	// Actor is the id of the actor the mention was linked to, if any.
	Actor string `json:"actor,omitempty"`
}

// Timex is a time expression normalised to TIMEX3.
type Timex struct {
	Span
	Text string `json:"text"`
	// Type is DATE, TIME, DURATION or SET.
	Type string `json:"type"`
	// Value is the TIMEX3 value (2025-03-16, 2025-W12, P30D, FUTURE_REF, XXXX-02).
	Value string `json:"value"`
	// Mod is the TIMEX3 mod (APPROX, START, EARLY, …), if any.
	Mod string `json:"mod,omitempty"`
	// Granularity is the unit of Value: day, week, month, year, …
	Granularity string `json:"granularity,omitempty"`
	// Anchored says whether Value depends on the publication date;
	// Inferred says the year came from the text, not from a stated date.
	Anchored bool `json:"anchored,omitempty"`
	Inferred bool `json:"inferred,omitempty"`
}

// Mention is a reference to an actor: a name, a description or a pronoun.
type Mention struct {
	Span
	Text string `json:"text"`
	// Kind is "name", "nominal" or "pronoun".
	Kind  string `json:"kind"`
	Actor string `json:"actor,omitempty"`
	// Chain is the coreference chain the mention belongs to.
	Chain int `json:"chain"`
}

// Actor is a resolved identity: a person, a state, an organisation or a
// sector group, with its code on the document's date.
type Actor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is "person", "state", "organisation" or "group".
	Kind string `json:"kind"`
	// Code is a CAMEO-style actor code (USAGOV, RUS, UKRMIL, USACVL…).
	Code    string `json:"code,omitempty"`
	Country string `json:"country,omitempty"`
	// Role is the role held on the document's date ("head of state").
	Role string `json:"role,omitempty"`
	// Known says the actor comes from the dictionary; document-local
	// actors are false.
	Known bool `json:"known"`
	// Members are the ids of the actors a group stands for ("the two
	// leaders": Trump and Putin).
	Members []string `json:"members,omitempty"`
}

// Quote is direct or reported speech with its speaker.
type Quote struct {
	Span          // the content
	Text   string `json:"text"`
	Direct bool   `json:"direct"`
	// Speaker is the span naming the source, and SpeakerActor its actor.
	Speaker      *Span  `json:"speaker,omitempty"`
	SpeakerText  string `json:"speaker_text,omitempty"`
	SpeakerActor string `json:"speaker_actor,omitempty"`
	Cue          *Span  `json:"cue,omitempty"`
	CueText      string `json:"cue_text,omitempty"`
	// Signal groups the cue: assertion, belief, doubt, denial, hope.
	Signal string `json:"signal,omitempty"`
	Date   string `json:"date,omitempty"`
	// Tone is positive, negative or neutral.
	Tone string `json:"tone,omitempty"`
}

// Event is a coded event: who did what to whom, when and where.
type Event struct {
	ID string `json:"id"`
	// Type is the PLOVER event type; Mode and Context refine it.
	Type    string   `json:"type"`
	Mode    string   `json:"mode,omitempty"`
	Context []string `json:"context,omitempty"`
	// CAMEO is the matching CAMEO code.
	CAMEO string `json:"cameo,omitempty"`
	// Action and ActionCAMEO name the action itself when the standard
	// coding is the intent, threat or refusal of it ("will speak": type
	// AGREE, cameo 036; action CONSULT, action_cameo 040).
	Action      string  `json:"action,omitempty"`
	ActionCAMEO string  `json:"action_cameo,omitempty"`
	QuadClass   int     `json:"quad_class,omitempty"`
	Intensity   float64 `json:"intensity"`

	Source      string `json:"source,omitempty"`
	SourceText  string `json:"source_text,omitempty"`
	SourceActor string `json:"source_actor,omitempty"`
	Target      string `json:"target,omitempty"`
	TargetText  string `json:"target_text,omitempty"`
	TargetActor string `json:"target_actor,omitempty"`
	Place       string `json:"place,omitempty"`
	Date        string `json:"date,omitempty"`
	DateStated  bool   `json:"date_stated,omitempty"`

	// Status is occurred, ongoing, planned, proposed, agreed,
	// agreed_in_principle, refused, denied, hypothetical or claimed.
	Status    string `json:"status"`
	ClaimedBy string `json:"claimed_by,omitempty"`
	Negated   bool   `json:"negated,omitempty"`

	Trigger  Span   `json:"trigger"`
	Evidence Span   `json:"evidence"`
	Text     string `json:"text"`
	// Mentions are the triggers of other reports of the same event in
	// the document ("the call", "their conversation").
	Mentions []Span `json:"mentions,omitempty"`
}
