// Package source turns parley's inputs — text and HTML files, folders,
// RSS/Atom/JSON feeds, web pages and WARC archives — into documents ready
// for the pipeline. Every input is size-capped, repaired or rejected when it
// is not valid UTF-8, stripped to its main text when it is HTML, dated, and
// given its identity: the hex SHA-256 of its final text.
package source

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/dustin/go-humanize"
)

// DefaultMaxBytes is the default size limit of one input (after gunzip).
const DefaultMaxBytes = 10 << 20

// Errors an input can fail with; test them with errors.Is.
var (
	// ErrTooLarge: the input is over Options.MaxBytes.
	ErrTooLarge = errors.New("input too large")
	// ErrInvalidUTF8: the text is not valid UTF-8 and Options.StrictUTF8 is set.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrUnsupported: the input is not text, HTML, a feed or a WARC file.
	ErrUnsupported = errors.New("unsupported content")
	// ErrNoText: nothing readable was left after extraction.
	ErrNoText = errors.New("no text")
	// ErrBlockedAddress: a fetch was refused because the address is
	// loopback, private, link-local or unspecified (see Options.AllowPrivate).
	ErrBlockedAddress = errors.New("address not allowed")
)

// Error is the failure of one input: its name (a path, a URL, a feed entry
// or a WARC record) and the reason.
type Error struct {
	Name string
	Err  error
}

func (e *Error) Error() string { return e.Name + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

// inputErr wraps err with the input's name unless it already carries one.
func inputErr(name string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Name: name, Err: err}
}

// Options control how inputs are read and fetched. The zero value is usable:
// every zero field takes its default.
type Options struct {
	// MaxBytes caps one input (decompressed); 0 means DefaultMaxBytes.
	MaxBytes int64
	// StrictUTF8 rejects text that is not valid UTF-8 instead of
	// replacing the bad bytes with U+FFFD.
	StrictUTF8 bool
	// Published is the publication date to use when the input has none
	// (PublishedFrom "flag").
	Published time.Time

	// AllowPrivate lets fetches reach loopback, private and link-local
	// addresses. Off by default so that a feed cannot make parley probe
	// the local network.
	AllowPrivate bool
	// Timeout bounds one HTTP fetch; 0 means 30 s.
	Timeout time.Duration
	// MaxRedirects caps redirects per fetch; 0 means 5, negative means none.
	MaxRedirects int
	// UserAgent is sent with every fetch; empty means UserAgent.
	UserAgent string
	// Client, when set, is used for fetches instead of the safe client
	// built from the fields above (tests, proxies).
	Client *http.Client
}

// UserAgent is parley's default, polite User-Agent.
const UserAgent = "parley/1 (news event coder; +https://github.com/parley-news/parley)"

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return 30 * time.Second
	}
	return o.Timeout
}

func (o Options) maxRedirects() int {
	switch {
	case o.MaxRedirects < 0:
		return 0
	case o.MaxRedirects == 0:
		return 5
	}
	return o.MaxRedirects
}

func (o Options) userAgent() string {
	if o.UserAgent == "" {
		return UserAgent
	}
	return o.UserAgent
}

// tooLarge is the error for an input over the limit.
func (o Options) tooLarge() error {
	return fmt.Errorf("%w: more than %s (limit set by --max-bytes)", ErrTooLarge, humanize.IBytes(uint64(o.maxBytes())))
}
