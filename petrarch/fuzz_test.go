package petrarch

import (
	"strings"
	"testing"
)

// The readers take outside input: they must never panic, whatever the
// bytes.

func FuzzReadActors(f *testing.F) {
	f.Add("ARNOR [ARN]\n+ARNORIAN\nGOLLUM\n\t[HOB <950601]\n\t[HOBGOV 19950601-19990815]\n")
	f.Add("<!-- x\n[A >]\n+\n")
	f.Fuzz(func(t *testing.T, s string) {
		as, _ := ReadActors(strings.NewReader(s), "fuzz")
		for _, a := range as {
			if len(a.Names) == 0 {
				t.Fatal("actor without a name")
			}
		}
	})
}

func FuzzReadAgents(f *testing.F) {
	f.Add("!P! = MAN, MEN\nCONGRESS!P! [~LEG]\nPOLICE {} [~COP]\nMSF [NGO~]\n")
	f.Add("!!\n{ [~]\n")
	f.Fuzz(func(t *testing.T, s string) {
		as, _ := ReadAgents(strings.NewReader(s), "fuzz")
		for _, a := range as {
			_ = a.Forms()
		}
	})
}

func FuzzReadVerbs(f *testing.F) {
	f.Add("&S\n+A_B\n--- V [010] ---\nV {VS}\n+W_X {+WS_X}\n- IN_ * &S_B $ + ^ % [020:021]\n")
	f.Add("--- [ ---\n- * [\n+\n&\n")
	f.Fuzz(func(t *testing.T, s string) {
		v, _ := ReadVerbs(strings.NewReader(s), "fuzz")
		for _, fam := range v.Families {
			for _, vb := range fam.Verbs {
				if vb.Head < 0 || vb.Head >= len(vb.Words) {
					t.Fatalf("head %d of %v", vb.Head, vb.Words)
				}
			}
			for _, p := range fam.Patterns {
				n := 0
				for _, e := range p.Elems {
					if e.Kind == ElemVerb {
						n++
					}
				}
				if n != 1 {
					t.Fatalf("pattern %q with %d verbs", p.Text, n)
				}
			}
		}
	})
}

func FuzzReadDiscards(f *testing.F) {
	f.Add("+TYPHOON\nBASEBALL # c\n")
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ReadDiscards(strings.NewReader(s), "fuzz")
		_ = Detect([]byte(s))
	})
}
