package quote

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parley-news/parley/document"
)

// GoldAttribution is one attribution read from a brat standoff file: its
// source (nil when the annotators marked none), cue and content spans as
// byte spans into the document text. Discontinuous spans keep their
// fragments; Hull gives their extent.
type GoldAttribution struct {
	ID      string
	Source  []document.Span
	Cue     []document.Span
	Content [][]document.Span // Content, Content2, …
}

// Hull returns the smallest span covering the fragments, or the zero span.
func Hull(frags []document.Span) document.Span {
	if len(frags) == 0 {
		return document.Span{}
	}
	h := frags[0]
	for _, f := range frags[1:] {
		h.Start = min(h.Start, f.Start)
		h.End = max(h.End, f.End)
	}
	return h
}

// ParseBrat reads PolNeAR's brat standoff annotation of text: T lines
// (Source, Cue, Content spans in character offsets, fragments separated
// by ";") tied together by E lines. Offsets are converted to bytes; an
// offset outside the text is an error. Other line types, and the rest of
// a surface text that spans lines, are skipped.
func ParseBrat(r io.Reader, text string) ([]GoldAttribution, error) {
	// Character offset → byte offset.
	runeStart := make([]int, 0, len(text)+1)
	for i := range text {
		runeStart = append(runeStart, i)
	}
	runeStart = append(runeStart, len(text))
	nchars := utf8.RuneCountInString(text)

	spans := map[string][]document.Span{}
	var events [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if !isBratID(f[0]) {
			continue // the rest of a surface text that held a line break
		}
		switch line[0] {
		case 'T':
			if len(f) < 2 {
				return nil, fmt.Errorf("brat line %d: text-bound annotation without type and offsets", n)
			}
			sp := strings.SplitN(f[1], " ", 2)
			if len(sp) != 2 {
				return nil, fmt.Errorf("brat line %d: %q has no offsets", n, f[1])
			}
			var frags []document.Span
			for _, part := range strings.Split(sp[1], ";") {
				ab := strings.Fields(part)
				if len(ab) != 2 {
					return nil, fmt.Errorf("brat line %d: bad fragment %q", n, part)
				}
				a, err1 := strconv.Atoi(ab[0])
				b, err2 := strconv.Atoi(ab[1])
				if err1 != nil || err2 != nil || a < 0 || b < a || b > nchars {
					return nil, fmt.Errorf("brat line %d: bad offsets %q (text has %d characters)", n, part, nchars)
				}
				frags = append(frags, document.Span{Start: runeStart[a], End: runeStart[b]})
			}
			spans[f[0]] = frags
		case 'E':
			if len(f) < 2 {
				return nil, fmt.Errorf("brat line %d: event without arguments", n)
			}
			events = append(events, append([]string{f[0]}, strings.Fields(f[1])...))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("brat: %w", err)
	}
	var out []GoldAttribution
	for _, ev := range events {
		g := GoldAttribution{ID: ev[0]}
		for _, arg := range ev[1:] {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				return nil, fmt.Errorf("brat %s: bad argument %q", ev[0], arg)
			}
			sp, ok := spans[id]
			if !ok {
				return nil, fmt.Errorf("brat %s: argument %s refers to no annotation", ev[0], id)
			}
			switch {
			case role == "Source":
				g.Source = sp
			case role == "Cue":
				g.Cue = sp
			case strings.HasPrefix(role, "Content"):
				g.Content = append(g.Content, sp)
			}
		}
		if len(g.Content) > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}

// isBratID reports whether s is an annotation id: a letter or "#"
// followed by digits (T12, E3, #1).
func isBratID(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s[0] == '#' || s[0] >= 'A' && s[0] <= 'Z'
}
