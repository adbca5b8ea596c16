package petrarch

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"
)

// Kind names a PETRARCH dictionary type.
type Kind string

// Dictionary kinds recognised by Detect.
const (
	KindActors   Kind = "actors"
	KindAgents   Kind = "agents"
	KindVerbs    Kind = "verbs"
	KindDiscards Kind = "discards"
)

var (
	familyRE = regexp.MustCompile(`^---\s*\S.*---\s*$`)
	agentRE  = regexp.MustCompile(`\[\s*~\S+\]|\[\s*\S+~\s*\]`)
	codeRE   = regexp.MustCompile(`\[[^\]\s]+(\s*[<>]?\s*[0-9-]+\s*[0-9]*)?\]`)
	// parleyRE matches the start of a parley actor block, also a
	// malformed one ("state ZMB Zembla" lacks its colon), so that a
	// broken parley file gets parley's errors instead of being read as
	// a PETRARCH discard list. PETRARCH entries are upper case.
	parleyRE  = regexp.MustCompile(`^(state|igo|ngo|media|group|person|sector)\s+\S+`)
	triggerRE = regexp.MustCompile(`^[vn]\s+\S+`)
)

// Detect guesses the kind of a dictionary from its content: a verbs file
// has "--- NAME [CODE] ---" family lines, an agents file "[~CODE]" codes,
// an actors file "[CODE]" codes, a discards file phrases only. It returns
// "" for files in parley's own formats (actor/FORMAT.md, trigger files).
func Detect(data []byte) Kind {
	lines, _ := readLines(bytes.NewReader(data), "")
	var codes, agents, families, plain int
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		t := strings.TrimSpace(sc.Text())
		if parleyRE.MatchString(t) || triggerRE.MatchString(t) {
			return ""
		}
	}
	for _, l := range lines {
		switch {
		case familyRE.MatchString(l.text):
			families++
		case agentRE.MatchString(l.text):
			agents++
		case codeRE.MatchString(l.text):
			codes++
		case !strings.ContainsAny(l.text, "[]{}:="):
			plain++
		}
	}
	switch {
	case families > 0:
		return KindVerbs
	case agents > 0 && agents >= codes:
		return KindAgents
	case codes > 0:
		return KindActors
	case plain > 0:
		return KindDiscards
	}
	return ""
}
