package petrarch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("20060102", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadActors(t *testing.T) {
	src := `<!-- a comment
over two lines -->
ARNOR_  [ARN]
GONDOR [GON]   # comment
+MINAS_TIRITH
+ANORIEN
GOLLUM  # no default code
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
THE_SHIRE  [FRO/BIL/SAM]
ZIMBABWE
	[RHO <790606]
	[ZBW]
TRYGVE_LIE_	[IGOUNO 460201-521110] [ELI]
`
	as, err := ReadActors(strings.NewReader(src), "t.actors")
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 6 {
		t.Fatalf("got %d actors, want 6", len(as))
	}
	tests := []struct {
		actor int
		on    string
		want  string
	}{
		{0, "19950101", "ARN"},
		{1, "19950101", "GON"},
		{2, "19950531", "HOB"},
		{2, "19950601", "HOB"}, // limits are inclusive: the first restriction wins
		{2, "19950602", "HOBGOV"},
		{2, "19990815", "HOBGOV"},
		{2, "19990816", "HOBREB"},
		{3, "20000101", "FRO/BIL/SAM"},
		{4, "19790101", "RHO"},
		{4, "19800101", "ZBW"},
		{5, "19500101", "IGOUNO"}, // several brackets on the primary line
		{5, "19600101", "ELI"},
	}
	for _, tt := range tests {
		if got := as[tt.actor].CodeOn(day(tt.on)); got != tt.want {
			t.Errorf("%s on %s = %s, want %s", as[tt.actor].Names[0], tt.on, got, tt.want)
		}
	}
	if got := strings.Join(as[1].Names, "|"); got != "GONDOR|MINAS TIRITH|ANORIEN" {
		t.Errorf("names = %s", got)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		read            func(string) error
	}{
		{"actors", "+SYN\n", "t:1: synonym", func(s string) error { _, err := ReadActors(strings.NewReader(s), "t"); return err }},
		{"actors", "X [A]\n\t[B 2001-1999]\n", "t:2: date restriction", func(s string) error { _, err := ReadActors(strings.NewReader(s), "t"); return err }},
		{"actors", "X [A]\n\t[B <19991399]\n", "t:2: date restriction", func(s string) error { _, err := ReadActors(strings.NewReader(s), "t"); return err }},
		{"actors", "X [A] Y\n", "t:1: text after a code bracket", func(s string) error { _, err := ReadActors(strings.NewReader(s), "t"); return err }},
		{"actors", "X []\n", "t:1: empty code bracket", func(s string) error { _, err := ReadActors(strings.NewReader(s), "t"); return err }},
		{"comment", "<!-- open\nX [A]\n", "t:1: XML comment", func(s string) error { _, err := ReadActors(strings.NewReader(s), "t"); return err }},
		{"agents", "PRESIDENT [GOV]\n", "t:1: agent code", func(s string) error { _, err := ReadAgents(strings.NewReader(s), "t"); return err }},
		{"agents", "!X!_MINISTER [~GOV]\n", "not defined", func(s string) error { _, err := ReadAgents(strings.NewReader(s), "t"); return err }},
		{"verbs", "--- A [010] ---\nA\n- WORDS [011]\n", "t:3: a pattern needs exactly one", func(s string) error { _, err := ReadVerbs(strings.NewReader(s), "t"); return err }},
		{"verbs", "- * X [011]\n", "t:1: pattern outside", func(s string) error { _, err := ReadVerbs(strings.NewReader(s), "t"); return err }},
		{"verbs", "--- A [010] ---\nA\n- * X 011\n", "t:3: pattern without", func(s string) error { _, err := ReadVerbs(strings.NewReader(s), "t"); return err }},
	}
	for _, tt := range tests {
		err := tt.read(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: error %v, want %q", tt.name, tt.src, err, tt.want)
		}
	}
}

func TestReadAgents(t *testing.T) {
	src := `!PERSON! = MAN, MEN
PRESIDENT [~GOV]
POLICE {} [ ~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
MSF {}  [NGO~]
CONGRESS!PERSON! [~LEG]
ACTIVITY [~ACT]
DEPARTMENT_OF_ENVIRONMENT [~ENV}
`
	as, err := ReadAgents(strings.NewReader(src), "t")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		pre := ""
		if a.Before {
			pre = "before "
		}
		got = append(got, pre+a.Code+"="+strings.Join(a.Forms(), ","))
	}
	want := "GOV=PRESIDENT,PRESIDENTS|COP=POLICE|GGS=GOLDEN GOOSE,GOLDEN GEESE|before NGO=MSF|LEG=CONGRESSMAN|LEG=CONGRESSMEN|ACT=ACTIVITY,ACTIVITIES|ENV=DEPARTMENT OF ENVIRONMENT,DEPARTMENT OF ENVIRONMENTS"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("agents\n got %s\nwant %s", g, want)
	}
}

func TestReadVerbs(t *testing.T) {
	src := `&TIETYPES
+MILITARY
+ECONOMIC

&NEG_
+DID N'T

--- ABANDON  [345]  ---
ABANDON    # comment
KLM_NOP_+RST [002]
- * NEW_&TIETYPES_RELATIONS [903]
- * DIPLOMATIC TIES [901]

--- BREAK [1717] ---
BREAK { BROKE BROKEN  }
+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN }
- + KNOWN_ * IN_ $  [076]
- * DEADLOCK  [102]

--- MEET  [031:031]  ---
MEET
- % HAVE POSTPONED *  [191]
- * DIPLXMATIC  [###]
`
	v, err := ReadVerbs(strings.NewReader(src), "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Synsets) != 2 || !v.Synsets["&TIETYPES"].Phrases[0].Plural || v.Synsets["&NEG"].Phrases[0].Plural {
		t.Errorf("synsets: %+v", v.Synsets)
	}
	if len(v.Families) != 3 {
		t.Fatalf("families: %d", len(v.Families))
	}
	ab := v.Families[0]
	if ab.Code != "345" || len(ab.Verbs) != 2 || ab.Verbs[1].Head != 2 || ab.Verbs[1].Code != "002" {
		t.Errorf("ABANDON: %+v %+v", ab, ab.Verbs[1])
	}
	p := ab.Patterns[0]
	kinds := []ElemKind{ElemVerb, ElemWord, ElemSynset, ElemWord}
	for i, e := range p.Elems {
		if e.Kind != kinds[i] {
			t.Errorf("pattern %q elem %d kind %d", p.Text, i, e.Kind)
		}
	}
	if p.Elems[0].Tight || !p.Elems[1].Tight || !p.Elems[2].Tight || p.Elems[3].Tight {
		t.Errorf("tightness of %q: %+v", p.Text, p.Elems)
	}
	br := v.Families[1]
	if got := strings.Join(br.Verbs[1].Forms[0], " "); got != "BROKE DOWN" || br.Verbs[1].Head != 0 {
		t.Errorf("BREAK DOWN forms %v head %d", br.Verbs[1].Forms, br.Verbs[1].Head)
	}
	known := br.Patterns[0]
	if known.Elems[0].Kind != ElemTarget || !known.Elems[1].Tight || known.Elems[4].Kind != ElemSource || !known.Elems[3].Tight {
		t.Errorf("pattern %q: %+v", known.Text, known.Elems)
	}
	meet := v.Families[2]
	if meet.Code != "031:031" || meet.Patterns[0].Elems[0].Kind != ElemCompound || meet.Patterns[1].Code != "###" {
		t.Errorf("MEET: %+v", meet.Patterns)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		src  string
		want Kind
	}{
		{"ARNOR [ARN]\n+ARNORIAN\n", KindActors},
		{"PRESIDENT [~GOV]\nMSF {} [NGO~]\n", KindAgents},
		{"--- ABANDON [345] ---\nABANDON\n", KindVerbs},
		{"+TYPHOON\nBASEBALL\n", KindDiscards},
		{"state USA: United States\n  code: USA\n", ""},
		{"state ZMB Zembla\n", ""}, // a broken parley block, not discards
		{"GROUP STAGE\nSTATE LOTTERY\n", KindDiscards},
		{"v speak recip 040\n", ""},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.src)); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestValidationDictionaries reads PETRARCH's own validation
// dictionaries when the shared eval data is present.
func TestValidationDictionaries(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval", "petrarch-validation")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared eval data not found")
	}
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	as, err := ReadActors(open("PETR.Validate.actors.txt"), "actors")
	if err != nil || len(as) < 100 {
		t.Errorf("actors: %d, %v", len(as), err)
	}
	ag, err := ReadAgents(open("PETR.Validate.agents.txt"), "agents")
	if err != nil || len(ag) < 90 {
		t.Errorf("agents: %d, %v", len(ag), err)
	}
	v, err := ReadVerbs(open("PETR.Validate.verbs.txt"), "verbs")
	if err != nil || len(v.Families) < 200 {
		t.Errorf("verbs: %v", err)
	}
	ds, err := ReadDiscards(open("PETR.Validate.discards.txt"), "discards")
	if err != nil || len(ds) != 9 {
		t.Errorf("discards: %d, %v", len(ds), err)
	}
	for _, f := range []struct {
		name string
		want Kind
	}{{"actors", KindActors}, {"agents", KindAgents}, {"verbs", KindVerbs}, {"discards", KindDiscards}} {
		data, _ := os.ReadFile(filepath.Join(dir, "PETR.Validate."+f.name+".txt"))
		if got := Detect(data); got != f.want {
			t.Errorf("Detect(%s) = %q", f.name, got)
		}
	}
}

func TestReadCAMEOPatterns(t *testing.T) {
	// The CAMEO verb dictionaries group words with {…} and (…) and use
	// reverse-only codes.
	src := "---  APPEAR   [---]  ---\nAPPEAR\n- * (BEFORE COURT)  [:173]  # APPEAR\n- * {ARMS SHIPMENT} [072]\n+TAKE_FLIGHT {+TAKES_FLIGHT +TOOK_FLIGHT}\n"
	v, err := ReadVerbs(strings.NewReader(src), "t")
	if err != nil {
		t.Fatal(err)
	}
	f := v.Families[0]
	if len(f.Patterns) != 2 || f.Patterns[0].Code != ":173" || len(f.Patterns[0].Elems) != 3 || f.Patterns[1].Elems[1].Text != "ARMS" {
		t.Errorf("patterns: %+v", f.Patterns)
	}
	if len(f.Verbs) != 2 || strings.Join(f.Verbs[1].Forms[1], " ") != "TOOK FLIGHT" {
		t.Errorf("verbs: %+v", f.Verbs[1])
	}
}
