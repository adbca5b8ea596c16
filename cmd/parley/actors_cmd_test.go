package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// actors check validates parley dictionaries and PETRARCH ones, naming the
// file and line of the first problem.
func TestActorsCheck(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, content string
		wantErr       bool
		wantOut       string
	}{
		{"parley.txt", "state ZMB: Zembla\n  adjectives: Zemblan\n", false, "ok: 1 entries"},
		{"parley-bad.txt", "state ZMB Zembla\n", true, "parley-bad.txt:1"},
		{"petr-actors.txt", "ZEMBLA [ZMB]\n+ZEMBLAN\nKINBOTE [ZMBGOV 550101-601231]\n", false, "PETRARCH actors dictionary, 2 entries"},
		{"petr-bad.txt", "ZEMBLA [ZMB]\nKINBOTE [ZMBGOV] extra\n", true, "petr-bad.txt:2"},
		{"petr-agents.txt", "PRESIDENT [~GOV]\nFOREIGN_MINISTER [~GOVFRM]\n", false, "PETRARCH agents dictionary, 2 entries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, tc.name)
			if err := os.WriteFile(p, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			out, _, err := runCmd(t, "actors", "check", p)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v; output:\n%s", err, tc.wantErr, out)
			}
			if !strings.Contains(out, tc.wantOut) {
				t.Errorf("output %q does not contain %q", out, tc.wantOut)
			}
		})
	}
}
