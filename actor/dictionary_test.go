package actor

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestEmbeddedDictionaryIsValid(t *testing.T) {
	errs, err := CheckEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Error(e)
	}
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c := d.Counts()
	if c.ByKind[KindState] != 195 {
		t.Errorf("states: have %d, want 195 (193 members, Holy See, Palestine)", c.ByKind[KindState])
	}
	t.Logf("counts: %+v", c)
}

func TestLookupOnDate(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, on string
		id, code string
	}{
		{"Donald Trump", "2025-03-17", "person:donald-trump", "USAGOV"},
		{"Trump", "2019-06-01", "person:donald-trump", "USAGOV"},
		{"Donald Trump", "2022-06-01", "person:donald-trump", "USAELI"},
		{"Donald Trump", "2010-06-01", "person:donald-trump", "USABUS"},
		{"Steve Witkoff", "2025-03-17", "person:steve-witkoff", "USAGOV"},
		{"Vladimir Putin", "2010-01-01", "person:vladimir-putin", "RUSGOV"},
		{"Emmanuel Macron", "2025-03-17", "person:emmanuel-macron", "FRAGOV"},
		{"the U.S.", "2025-03-17", "state:USA", "USA"},
		{"Ukraine", "2025-03-17", "state:UKR", "UKR"},
		{"the Kremlin", "2025-03-17", "state:RUS", "RUSGOV"},
		{"Pentagon", "2025-03-17", "state:USA", "USAMIL"},
		{"Kyiv", "2025-03-17", "state:UKR", "UKRGOV"},
		{"Downing Street", "2025-03-17", "state:GBR", "GBRGOV"},
		{"CNN", "2025-03-17", "media:cnn", "USAMED"},
		{"NATO", "2025-03-17", "igo:nato", "IGOWSTNAT"},
		{"U.N.", "2025-03-17", "igo:united-nations", "IGOUNO"},
		{"Taliban", "2020-01-01", "group:taliban", "AFGREB"},
		{"Taliban", "2022-01-01", "group:taliban", "AFGGOV"},
		{"military", "2025-03-17", "sector:MIL", "MIL"},
	}
	for _, tt := range tests {
		ms := d.Lookup(tt.name, day(tt.on))
		if len(ms) == 0 {
			t.Errorf("Lookup(%q, %s): no match", tt.name, tt.on)
			continue
		}
		if ms[0].Entry.ActorID() != tt.id || ms[0].Code != tt.code {
			t.Errorf("Lookup(%q, %s) = %s %s, want %s %s", tt.name, tt.on, ms[0].Entry.ActorID(), ms[0].Code, tt.id, tt.code)
		}
	}
}

func TestParseErrors(t *testing.T) {
	src := `# test
person a: A Person
  country: USA
  role: USAGOV 2020-01-01..2022-01-01 one
  role: USAGOV 2021-01-01.. two
  role: XXXGOV 2023-01-01.. three
  colour: blue
person a: A Person
  country: ZZZ
what is this
  role: USAGOV 2020-13-01.. bad
`
	es, perrs := Parse(strings.NewReader(src), "t.txt")
	base, _ := Default()
	errs := append(perrs, Check(es, base)...)
	want := []string{
		"t.txt:7: unknown attribute",
		"t.txt:10: want an entry header",
		"t.txt:11: attribute outside an entry",
		"t.txt:5: role USAGOV 2021-01-01.. overlaps",
		"t.txt:6: unknown code \"XXXGOV\"",
		"t.txt:8: duplicate id person:a",
		"t.txt:8: unknown country \"ZZZ\"",
	}
	for _, w := range want {
		found := false
		for _, e := range errs {
			if strings.HasPrefix(e.Error(), w) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing error %q in\n%v", w, errs)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("state USA: United States\n  names: US; U.S.\n  role: USAGOV 2020-01-01.. x\n")
	f.Add("person x: Y\n  role: ..\n")
	f.Fuzz(func(t *testing.T, s string) {
		es, _ := Parse(strings.NewReader(s), "fuzz")
		d := New(es)
		for _, e := range es {
			d.Lookup(e.Name, time.Time{})
		}
		Check(es, nil)
	})
}
