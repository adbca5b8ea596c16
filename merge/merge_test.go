package merge

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-news/parley/document"
)

func d(s string) time.Time {
	t, err := time.Parse(DayLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestInterval(t *testing.T) {
	pub := d("2025-03-17")
	for _, tc := range []struct {
		value    string
		from, to string
		ok       bool
	}{
		{"2025-03-16", "2025-03-16", "2025-03-16", true},
		{"2025-03-16T14:30", "2025-03-16", "2025-03-16", true},
		{"2025-03", "2025-03-01", "2025-03-31", true},
		{"2024-02", "2024-02-01", "2024-02-29", true},
		{"2025-W12", "2025-03-17", "2025-03-23", true},
		{"2026-W01", "2025-12-29", "2026-01-04", true},
		{"2025-Q2", "2025-04-01", "2025-06-30", true},
		{"2025", "2025-01-01", "2025-12-31", true},
		{"PRESENT_REF", "2025-03-17", "2025-03-17", true},
		{"XXXX-02", "2025-03-17", "2025-03-17", true},
		{"", "2025-03-17", "2025-03-17", true},
		{"2025-13-01", "2025-03-17", "2025-03-17", true},
		{"2025-W60", "2025-03-17", "2025-03-17", true},
	} {
		f, to, ok := Interval(tc.value, pub)
		if ok != tc.ok || f.Format(DayLayout) != tc.from || to.Format(DayLayout) != tc.to {
			t.Errorf("Interval(%q) = %s..%s %v; want %s..%s %v", tc.value, f.Format(DayLayout), to.Format(DayLayout), ok, tc.from, tc.to, tc.ok)
		}
	}
	if _, _, ok := Interval("FUTURE_REF", time.Time{}); ok {
		t.Error("Interval without a date or a publication day: ok")
	}
}

func TestCompatible(t *testing.T) {
	for _, tc := range []struct {
		a, b [2]string
		want bool
	}{
		{[2]string{"2025-03-16", "2025-03-16"}, [2]string{"2025-03-16", "2025-03-16"}, true},
		{[2]string{"2025-03-16", "2025-03-16"}, [2]string{"2025-03-17", "2025-03-17"}, true},
		{[2]string{"2025-03-16", "2025-03-16"}, [2]string{"2025-03-18", "2025-03-18"}, false},
		{[2]string{"2025-03-01", "2025-03-31"}, [2]string{"2025-03-20", "2025-03-20"}, true},
		{[2]string{"2025-03-01", "2025-03-31"}, [2]string{"2025-04-01", "2025-04-01"}, true},
		{[2]string{"2025-03-01", "2025-03-31"}, [2]string{"2025-04-02", "2025-04-02"}, false},
	} {
		if got := Compatible(d(tc.a[0]), d(tc.a[1]), d(tc.b[0]), d(tc.b[1])); got != tc.want {
			t.Errorf("Compatible(%v, %v) = %v", tc.a, tc.b, got)
		}
		if got := Compatible(d(tc.b[0]), d(tc.b[1]), d(tc.a[0]), d(tc.a[1])); got != tc.want {
			t.Errorf("Compatible(%v, %v) = %v (not symmetric)", tc.b, tc.a, got)
		}
	}
}

func TestActorKey(t *testing.T) {
	doc := &document.Document{Actors: []document.Actor{
		{ID: "Q7747", Name: "Vladimir Putin", Known: true},
		{ID: "a1", Name: "The  Kremlin's spokesman", Known: false},
	}}
	for _, tc := range []struct{ id, code, text, want string }{
		{"Q7747", "RUSGOV", "Putin", "Q7747"},
		{"a1", "", "spokesman", "~kremlins spokesman"},
		{"Q42", "", "", "Q42"}, // a dictionary ID the document does not list
		{"", "USAGOV", "U.S. officials", "~u s officials"},
		{"", "USAGOV", "", "USAGOV"},
		{"", "", "", ""},
		{"", "", "He", ""},
		{"", "", "Them", ""},
		{"", "", "Hezbollah", "~hezbollah"},
	} {
		if got := ActorKey(doc, tc.id, tc.code, tc.text); got != tc.want {
			t.Errorf("ActorKey(%q, %q, %q) = %q; want %q", tc.id, tc.code, tc.text, got, tc.want)
		}
	}
}

func TestEvents(t *testing.T) {
	m := func(typ, src, tgt, from, to string) Mention {
		return Mention{Type: typ, SourceKey: src, TargetKey: tgt, From: d(from), To: d(to)}
	}
	ms := []Mention{
		m("CONSULT", "usa", "rus", "2025-03-01", "2025-03-31"), // vague first
		m("CONSULT", "usa", "rus", "2025-03-16", "2025-03-16"),
		m("CONSULT", "usa", "rus", "2025-03-17", "2025-03-17"),
		m("CONSULT", "rus", "usa", "2025-03-16", "2025-03-16"), // other direction
		m("THREATEN", "usa", "rus", "2025-03-16", "2025-03-16"),
		m("CONSULT", "usa", "rus", "2025-03-25", "2025-03-25"), // the group's date narrowed to the 16th: too far now
	}
	var got [][]int
	var dates []string
	for _, g := range Events(ms) {
		got = append(got, g.Members)
		dates = append(dates, g.From.Format(DayLayout)+".."+g.To.Format(DayLayout))
	}
	want := [][]int{{0, 1, 2}, {3}, {4}, {5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	wantDates := []string{"2025-03-16..2025-03-16", "2025-03-16..2025-03-16", "2025-03-16..2025-03-16", "2025-03-25..2025-03-25"}
	if diff := cmp.Diff(wantDates, dates); diff != "" {
		t.Errorf("dates (-want +got):\n%s", diff)
	}
}

func FuzzInterval(f *testing.F) {
	for _, s := range []string{"2025-03-16", "2025-W12", "2025-Q1", "2025", "2025-03", "XXXX", "2025-03-16T10:00", "9999-W53"} {
		f.Add(s)
	}
	pub := d("2025-03-17")
	f.Fuzz(func(t *testing.T, v string) {
		from, to, ok := Interval(v, pub)
		if !ok {
			t.Fatalf("Interval(%q) not ok with a publication date", v)
		}
		if to.Before(from) {
			t.Fatalf("Interval(%q) = %v..%v: ends before it starts", v, from, to)
		}
	})
}
