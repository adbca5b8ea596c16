package quote

import (
	"strings"
	"testing"

	"github.com/parley-news/parley/document"
)

func TestVerbForms(t *testing.T) {
	tests := []struct {
		lemma string
		want  string
	}{
		{"say", "say says sayed saying"},
		{"deny", "deny denies denied denying"},
		{"stress", "stress stresses stressed stressing"},
		{"note", "note notes noted noting"},
		{"agree", "agree agrees agreed agreeing"},
	}
	for _, tc := range tests {
		if got := strings.Join(verbForms(tc.lemma), " "); got != tc.want {
			t.Errorf("verbForms(%q) = %q, want %q", tc.lemma, got, tc.want)
		}
	}
}

func TestDefaultLexicon(t *testing.T) {
	lx := DefaultLexicon()
	seen := map[string]int{}
	for _, c := range lx.cues {
		seen[c.Signal]++
	}
	for _, s := range Signals {
		if seen[s] == 0 {
			t.Errorf("no cue signals %s", s)
		}
	}
	for _, w := range []string{"said", "told", "according", "believes", "doubted", "denies", "hopes", "emphasised", "emphasized"} {
		if len(lx.byFirst[w]) == 0 {
			t.Errorf("cue %q missing", w)
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	tests := []struct{ name, cues, words, tone string }{
		{"bad signal", "rumour\tverb\tsay~\n", "", ""},
		{"bad kind", "assertion\tnoun\tsay~\n", "", ""},
		{"missing field", "assertion\tsay~\n", "", ""},
		{"word before class", "", "said\n", ""},
		{"bad tone class", "", "", "great\tgood\n"},
	}
	for _, tc := range tests {
		if _, err := ParseLexicon(tc.cues, tc.words, tc.tone); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestTone(t *testing.T) {
	tests := []struct {
		text, signal, want string
	}{
		{"the leaders will have a good and positive discussion", "assertion", Positive},
		{"lengthy and highly productive", "assertion", Positive},
		{"It's unfortunate when people make those assessments", "assertion", Negative},
		{"Putin is increasing attacks before negotiating", "assertion", Negative},
		{"Russia Is Not Serious About Peace", "assertion", Negative},
		{"Russia truly wants peace", "doubt", Negative},
		{"the call will take place on Tuesday", "assertion", Neutral},
		{"this is not a disaster", "assertion", Positive},
		{"he had cut school funding", "denial", Neutral},
	}
	for _, tc := range tests {
		if got := Tone(tc.text, tc.signal); got != tc.want {
			t.Errorf("Tone(%q, %s) = %s, want %s", tc.text, tc.signal, got, tc.want)
		}
	}
}

func TestFallbackTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Trump’s envoy said.", "Trump|’s|envoy|said|."},
		{"The U.S. said it won't.", "The|U.S.|said|it|wo|n't|."},
		{"''It's fine,'' he said", "''|It|'s|fine|,|''|he|said"},
		{"Mr. Smith, 62, left", "Mr.|Smith|,|62|,|left"},
	}
	for _, tc := range tests {
		var parts []string
		for _, tk := range fallbackTokens(tc.in) {
			if tc.in[tk.start:tk.end] != tk.text {
				t.Errorf("%q: token %q has wrong offsets", tc.in, tk.text)
			}
			parts = append(parts, tk.text)
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("fallbackTokens(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestQuotations(t *testing.T) {
	tests := []struct{ in, want string }{
		{"He said “yes” and “no.”", "“yes”|“no.”"},
		{`She said "fine" then.`, `"fine"`},
		{"“One.\n“Two.”", "“One.\n“Two.”"},
		{"“Open\nNext line.", "“Open"},
		{"A ‘single’ mark.", "‘single’"},
	}
	for _, tc := range tests {
		v := newView(document.New("t", tc.in))
		var parts []string
		for _, q := range v.quotations() {
			parts = append(parts, tc.in[q.start:q.end])
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("quotations(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
