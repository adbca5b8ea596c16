package actor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-news/parley/petrarch"
)

func TestFromPETRARCH(t *testing.T) {
	src := `ARNOR_ [ARN]
+ARNORIAN
SAM_GAMGEE [HOB]
	[HOBCIV <20080120]
	[ORCHOB 20100109-20100112]
	[HOBMIL 20080120-20121109]
ONODOHER
	[ONO <911226]
`
	as, err := petrarch.ReadActors(strings.NewReader(src), "t.actors")
	if err != nil {
		t.Fatal(err)
	}
	d := New(FromPETRARCH(as, "t.actors"))
	tests := []struct{ name, on, want string }{
		{"Arnor", "19950101", "ARN"},
		{"Arnorian", "19950101", "ARN"},
		{"Sam Gamgee", "20080119", "HOBCIV"},
		{"Sam Gamgee", "20080121", "HOBMIL"},
		{"Sam Gamgee", "20100110", "ORCHOB"}, // the first restriction wins
		{"Sam Gamgee", "20100112", "ORCHOB"}, // limits are inclusive
		{"Sam Gamgee", "20100113", "HOBMIL"},
		{"Sam Gamgee", "20130101", "HOB"}, // the default code
		{"Onodoher", "19911226", "ONO"},
		{"Onodoher", "19920101", ""},
	}
	for _, tt := range tests {
		on, _ := time.Parse("20060102", tt.on)
		ms := d.Lookup(tt.name, on)
		if len(ms) == 0 {
			t.Errorf("%s: not found", tt.name)
			continue
		}
		if ms[0].Code != tt.want {
			t.Errorf("%s on %s = %q, want %q", tt.name, tt.on, ms[0].Code, tt.want)
		}
	}
}

func TestLoadMixed(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "t.actors")
	if err := os.WriteFile(p, []byte("EGYPT [UAR]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := LoadMixed(nil, []string{p})
	if err != nil {
		t.Fatal(err)
	}
	// The user's PETRARCH reading of a name wins over the embedded one.
	if ms := d.Lookup("Egypt", time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)); len(ms) == 0 || ms[0].Code != "UAR" {
		t.Errorf("Egypt = %+v, want UAR first", ms)
	}
	if err := os.WriteFile(p, []byte("X [A]\n\t[B 2001-1999]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadMixed(nil, []string{p}); err == nil || !strings.Contains(err.Error(), "t.actors:2") {
		t.Errorf("error %v, want one naming t.actors:2", err)
	}
}
