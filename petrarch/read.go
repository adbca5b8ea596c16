// Package petrarch reads the dictionaries of the PETRARCH event coder
// (openeventdata/petrarch2, inherited from TABARI): actors with synonyms
// and date-restricted codes, agents with plurals and substitution macros,
// verbs with families, synonym sets and patterns, and discard phrases.
// The readers only parse; the actor and event stages turn the result into
// parley's own dictionary and lexicon.
package petrarch

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Error is a problem at a line of a dictionary file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("petrarch: %s:%d: %s", e.File, e.Line, e.Msg) }

// ErrorList collects the problems of one file.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l *ErrorList) add(file string, line int, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// line is one input line with its comments removed. Raw keeps the
// leading white space (date restrictions are indented).
type line struct {
	n    int
	text string // trimmed, comments removed
	raw  string // comments removed, leading white space kept
}

// readLines returns the non-blank lines of r with PETRARCH's comments
// removed: XML comments <!-- … --> (also over several lines, and the
// sloppy "<! --" form), lines starting with '<', and everything after '#'
// or the legacy ';'.
func readLines(r io.Reader, file string) ([]line, ErrorList) {
	var out []line
	var errs ErrorList
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	inComment := false
	commentStart := 0
	n := 0
	for sc.Scan() {
		n++
		s := sc.Text()
		// XML comments, possibly several on a line or over several lines.
		var b strings.Builder
		for s != "" {
			if inComment {
				i := strings.Index(s, "-->")
				if i < 0 {
					s = ""
					break
				}
				s = s[i+3:]
				inComment = false
				continue
			}
			i := strings.Index(s, "<!")
			if i < 0 {
				b.WriteString(s)
				break
			}
			b.WriteString(s[:i])
			s = s[i+2:]
			inComment = true
			commentStart = n
		}
		s = b.String()
		if strings.HasPrefix(strings.TrimSpace(s), "<") {
			continue
		}
		s = cutComment(s)
		t := strings.TrimSpace(s)
		if t == "" {
			continue
		}
		out = append(out, line{n: n, text: t, raw: strings.TrimRight(s, " \t\r")})
	}
	if err := sc.Err(); err != nil {
		errs.add(file, n, "read: %v", err)
	}
	if inComment {
		errs.add(file, commentStart, "XML comment <!-- is never closed")
	}
	return out, errs
}

// phrase normalises a dictionary phrase: underscores become spaces,
// words are upper case and separated by one space.
func phrase(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}

// bracket splits "TEXT [CODE] rest" into the text before the first
// bracket, the bracket's content and what follows.
func bracket(s string) (before, code, after string, ok bool) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return s, "", "", false
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return s, "", "", false
	}
	return s[:i], strings.TrimSpace(s[i+1 : i+j]), s[i+j+1:], true
}

// cutComment drops a '#' or ';' comment, ignoring those inside a code
// bracket ("[###]").
func cutComment(s string) string {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#', ';':
			if depth == 0 {
				return s[:i]
			}
		}
	}
	return s
}
