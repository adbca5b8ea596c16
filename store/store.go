// Package store keeps analysed documents and answers questions about them:
// the domain types of parley's storage and the Store interface that every
// backend (store/sqlite, store/postgres) implements.
//
// Errors. Every method returns ctx.Err() wrapped when the context ends and a
// wrapped backend error when the database fails. Besides those:
//
//   - SaveDocuments / SaveDocument return ErrInvalid when a document is nil,
//     has an ID other than DocumentID(doc.Text), has a text, title or source
//     that is not valid UTF-8 or holds a NUL byte, or carries an annotation
//     span outside its text. An ID already stored is not an error:
//     it is reported with Created=false and nothing is written.
//   - HasDocument never returns ErrNotFound; it reports false.
//   - Document returns ErrNotFound for an unknown ID.
//   - LinkDuplicate returns ErrInvalid for a bad Kind or empty IDs and
//     ErrNotFound when Original is not stored; linking the same pair twice
//     is not an error and adds nothing.
//   - NearDuplicates, Stats and the Find methods return no sentinel errors;
//     an empty result is (nil, 0, nil). A malformed full-text query returns
//     ErrInvalid.
//   - Methods called after Close return ErrClosed.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// Sentinel errors; test with errors.Is.
var (
	ErrNotFound = errors.New("store: not found")
	ErrInvalid  = errors.New("store: invalid")
	ErrClosed   = errors.New("store: closed")
)

// DocumentID is the identity of a text: the hex SHA-256 of its bytes.
func DocumentID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Validate checks an entry as SaveDocuments does, filling in an empty
// document ID: an ID that is the hash of the text; text, title and source
// valid UTF-8 without NUL bytes; spans inside the text. It returns an
// error wrapping ErrInvalid. Callers that batch documents check each one
// first, so that one bad document does not fail its whole batch.
func Validate(e *Entry) error {
	doc := e.Doc
	if doc == nil {
		return fmt.Errorf("%w: nil document", ErrInvalid)
	}
	id := DocumentID(doc.Text)
	if doc.ID == "" {
		doc.ID = id
	}
	if doc.ID != id {
		return fmt.Errorf("%w: document %.12s: ID is not the SHA-256 of its text", ErrInvalid, doc.ID)
	}
	for _, f := range []struct{ name, v string }{{"text", doc.Text}, {"title", doc.Title}, {"source", doc.Source}} {
		// PostgreSQL's text holds neither; refusing them everywhere keeps
		// the backends alike.
		if !utf8.ValidString(f.v) || strings.IndexByte(f.v, 0) >= 0 {
			return fmt.Errorf("%w: document %.12s: %s is not valid UTF-8 without NUL bytes", ErrInvalid, doc.ID, f.name)
		}
	}
	n := len(doc.Text)
	bad := func(kind string, i int, s document.Span) error {
		return fmt.Errorf("%w: document %.12s: %s %d span [%d,%d) outside text of %d bytes", ErrInvalid, doc.ID, kind, i, s.Start, s.End, n)
	}
	for i, x := range doc.Entities {
		if !x.Valid(n) {
			return bad("entity", i, x.Span)
		}
	}
	for i, x := range doc.Quotes {
		if !x.Valid(n) {
			return bad("quote", i, x.Span)
		}
		if x.Speaker != nil && !x.Speaker.Valid(n) {
			return bad("quote speaker", i, *x.Speaker)
		}
	}
	for i, x := range doc.Events {
		if !x.Trigger.Valid(n) {
			return bad("event trigger", i, x.Trigger)
		}
		if !x.Evidence.Valid(n) {
			return bad("event evidence", i, x.Evidence)
		}
	}
	if e.NearDuplicateOf != "" && e.NearDuplicateOf == doc.ID {
		return fmt.Errorf("%w: document %.12s: near duplicate of itself", ErrInvalid, doc.ID)
	}
	return nil
}

// Store keeps documents with all their annotations, duplicate links, SimHash
// fingerprints and merged events.
type Store interface {
	// SaveDocuments stores each entry's document with all its annotations in
	// one transaction: all of the batch or none of it. Entries whose ID is
	// already stored (or repeated inside the batch) are skipped and reported
	// with Created=false. The result has one SaveResult per entry, in order.
	// Saving merges the documents' events into cross-article events
	// (package merge: same type, same actors, compatible dates); an event
	// with neither a source nor a target merges only with events of its
	// own document, since nothing ties it to another article's.
	SaveDocuments(ctx context.Context, entries []Entry) ([]SaveResult, error)

	// SaveDocument is SaveDocuments for one entry.
	SaveDocument(ctx context.Context, e Entry) (SaveResult, error)

	// HasDocument reports whether a document with this ID is stored.
	HasDocument(ctx context.Context, id string) (bool, error)

	// Document returns the stored document with all its annotations.
	Document(ctx context.Context, id string) (*document.Document, error)

	// LinkDuplicate records that Duplicate (found at Source) repeats the
	// stored document Original. Idempotent on (ID, Original, Source).
	LinkDuplicate(ctx context.Context, d Duplicate) error

	// NearDuplicates returns stored fingerprints within maxDistance bits
	// (Hamming) of hash, nearest first. Candidates come from four 16-bit
	// bands of the hash, so every stored fingerprint within 3 bits is found
	// (pigeonhole); farther ones only when they share a whole band.
	NearDuplicates(ctx context.Context, hash uint64, maxDistance int) ([]Fingerprint, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	// FindDocuments returns documents matching f, newest first, and the
	// total number of matches ignoring Offset and Limit.
	FindDocuments(ctx context.Context, f DocumentFilter) ([]DocumentRow, int, error)

	// FindEvents returns event mentions (one per document event) matching f,
	// earliest date first, and the total.
	FindEvents(ctx context.Context, f EventFilter) ([]EventRow, int, error)

	// FindMergedEvents returns cross-article events matching f (a merged
	// event matches when any of its mentions does), earliest first, with
	// their mentions when f.WithMentions is set, and the total.
	FindMergedEvents(ctx context.Context, f EventFilter) ([]MergedEvent, int, error)

	// FindQuotes returns quotes matching f, and the total.
	FindQuotes(ctx context.Context, f QuoteFilter) ([]QuoteRow, int, error)

	// FindActors returns actors matching f, most documents first, and the
	// total.
	FindActors(ctx context.Context, f ActorFilter) ([]ActorRow, int, error)

	// Close releases the store; later calls return ErrClosed.
	Close() error
}

// Entry is one document to save, with what ingest learnt about it.
type Entry struct {
	Doc *document.Document
	// SimHash is the 64-bit SimHash of the text; 0 when not computed (such
	// documents are never returned by NearDuplicates).
	SimHash uint64
	// Skipped says why the document was kept but not analysed
	// ("language:de", "near-duplicate", "empty"); empty when analysed.
	Skipped string
	// NearDuplicateOf is the ID of a stored document this one nearly
	// repeats; when set, a "near" Duplicate link is recorded in the same
	// transaction.
	NearDuplicateOf string
	// Distance is the SimHash Hamming distance to NearDuplicateOf.
	Distance int
}

// SaveResult reports what saving one entry did.
type SaveResult struct {
	ID string
	// Created is false when the ID was already stored and nothing was added.
	Created bool
}

// Duplicate kinds.
const (
	Exact = "exact"
	Near  = "near"
)

// Duplicate links a document found again to the stored original.
type Duplicate struct {
	// ID is the duplicate's own content ID; equal to Original for Exact.
	ID       string `json:"id"`
	Original string `json:"original"`
	// Kind is Exact or Near.
	Kind string `json:"kind"`
	// Source is where the duplicate was found (path, URL, WARC record).
	Source string `json:"source"`
	// Distance is the SimHash Hamming distance (0 for Exact).
	Distance int `json:"distance"`
}

// Fingerprint is a stored SimHash with its distance to a probe.
type Fingerprint struct {
	ID       string `json:"id"`
	SimHash  uint64 `json:"simhash"`
	Distance int    `json:"distance"`
}

// Stats counts the store's contents.
type Stats struct {
	Documents int `json:"documents"`
	// Analyzed + Skipped = Documents.
	Analyzed int `json:"analyzed"`
	Skipped  int `json:"skipped"`
	// SkippedBy counts skipped documents by reason.
	SkippedBy       map[string]int `json:"skipped_by,omitempty"`
	ExactDuplicates int            `json:"exact_duplicates"`
	NearDuplicates  int            `json:"near_duplicates"`
	Events          int            `json:"events"`
	MergedEvents    int            `json:"merged_events"`
	Quotes          int            `json:"quotes"`
	Actors          int            `json:"actors"`
}

// DocumentFilter selects documents. Zero fields do not filter.
type DocumentFilter struct {
	ID       string
	Source   string
	Language string
	// Skipped: "" all, "no" analysed only, "yes" skipped only.
	Skipped string
	// From and To bound the publication date, inclusive (day precision).
	From, To time.Time
	// Query is a full-text search over title and text (words, "phrases",
	// OR; the backend's query syntax is not exposed).
	Query  string
	Offset int
	// Limit caps the rows returned; 0 means no cap.
	Limit int
}

// DocumentRow is a stored document without its annotations.
type DocumentRow struct {
	ID            string    `json:"id"`
	Source        string    `json:"source"`
	Title         string    `json:"title,omitempty"`
	Published     time.Time `json:"published,omitzero"`
	PublishedFrom string    `json:"published_from,omitempty"`
	Language      string    `json:"language,omitempty"`
	Skipped       string    `json:"skipped,omitempty"`
	Bytes         int       `json:"bytes"`
	Events        int       `json:"events"`
	Quotes        int       `json:"quotes"`
	Stored        time.Time `json:"stored"`
}

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	DocID string
	// Actor matches the source or target actor: an actor ID, a CAMEO code
	// or a name, case-insensitively.
	Actor  string
	Type   string
	Status string
	// From and To bound the event's start date, inclusive.
	From, To time.Time
	// Query is a full-text search over the mentioning documents.
	Query  string
	Offset int
	Limit  int
	// WithMentions fills MergedEvent.Mentions.
	WithMentions bool
}

// EventRow is one event as one document reports it.
type EventRow struct {
	document.Event
	DocID     string    `json:"doc_id"`
	DocSource string    `json:"doc_source"`
	Published time.Time `json:"published,omitzero"`
	SourceKey string    `json:"source_key,omitempty"`
	TargetKey string    `json:"target_key,omitempty"`
	DateFrom  string    `json:"date_from,omitempty"`
	DateTo    string    `json:"date_to,omitempty"`
	MergedID  string    `json:"merged_id,omitempty"`
}

// MergedEvent is one real-world event reported by one or more documents,
// with GDELT's counts: NumMentions (event mentions), NumArticles (distinct
// documents) and NumSources (distinct outlets: a URL's host, else the
// document's source).
type MergedEvent struct {
	ID          string  `json:"id"`
	Type        string  `json:"type"`
	Mode        string  `json:"mode,omitempty"`
	CAMEO       string  `json:"cameo,omitempty"`
	QuadClass   int     `json:"quad_class,omitempty"`
	Status      string  `json:"status,omitempty"`
	SourceKey   string  `json:"source_key,omitempty"`
	SourceName  string  `json:"source_name,omitempty"`
	SourceCode  string  `json:"source_code,omitempty"`
	TargetKey   string  `json:"target_key,omitempty"`
	TargetName  string  `json:"target_name,omitempty"`
	TargetCode  string  `json:"target_code,omitempty"`
	DateFrom    string  `json:"date_from,omitempty"`
	DateTo      string  `json:"date_to,omitempty"`
	Intensity   float64 `json:"intensity"`
	NumMentions int     `json:"num_mentions"`
	NumArticles int     `json:"num_articles"`
	NumSources  int     `json:"num_sources"`
	// FirstReport and LastReport are the earliest and latest publication
	// dates of the mentioning documents (their stored time when unknown);
	// FirstDoc is the earliest report.
	FirstReport time.Time  `json:"first_report,omitzero"`
	LastReport  time.Time  `json:"last_report,omitzero"`
	FirstDoc    string     `json:"first_doc,omitempty"`
	Mentions    []EventRow `json:"mentions,omitempty"`
}

// QuoteFilter selects quotes. Zero fields do not filter.
type QuoteFilter struct {
	DocID string
	// Actor matches the speaker's actor ID, code or name.
	Actor  string
	Signal string
	// From and To bound the document's publication date.
	From, To time.Time
	// Query is a full-text search over the quote and its speaker.
	Query  string
	Offset int
	Limit  int
}

// QuoteRow is one quote with its document.
type QuoteRow struct {
	document.Quote
	DocID      string    `json:"doc_id"`
	DocSource  string    `json:"doc_source"`
	Published  time.Time `json:"published,omitzero"`
	SpeakerKey string    `json:"speaker_key,omitempty"`
}

// ActorFilter selects actors. Zero fields do not filter.
type ActorFilter struct {
	// Actor matches ID, code or name (case-insensitive substring of name).
	Actor  string
	Kind   string
	Code   string
	Offset int
	Limit  int
}

// ActorRow is an actor across documents. Known actors are keyed by their
// dictionary ID; document-local ones by their lower-cased name.
type ActorRow struct {
	Key       string `json:"key"`
	Name      string `json:"name"`
	Kind      string `json:"kind,omitempty"`
	Code      string `json:"code,omitempty"`
	Country   string `json:"country,omitempty"`
	Known     bool   `json:"known"`
	Documents int    `json:"documents"`
	Events    int    `json:"events"`
	Quotes    int    `json:"quotes"`
}
