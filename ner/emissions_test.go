package ner

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// emissionsByFeatures is Model.emissions the plain way: every token's
// feature hashes from localFeatures, each looked up and its row added.
func (m *Model) emissionsByFeatures(sents [][]string) (infos [][]tokInfo, base1, base2 [][]float32) {
	infos, feats := m.featurize(sents, m.gazMatch)
	for _, fs := range feats {
		b1, b2 := make([]float32, len(fs)*nlab), make([]float32, len(fs)*nlab)
		for i, f := range fs {
			var acc [stride]int32
			for _, r := range m.tab.appendRows(f, nil) {
				m.addRow(&acc, r)
			}
			for k := 0; k < nlab; k++ {
				b1[i*nlab+k] = float32(acc[k]) * m.w1.scale
				b2[i*nlab+k] = float32(acc[nlab+k]) * m.w2.scale
			}
		}
		base1, base2 = append(base1, b1), append(base2, b2)
	}
	return infos, base1, base2
}

func checkEmissions(t *testing.T, m *Model, sents [][]string) {
	t.Helper()
	i1, a1, a2 := m.emissions(sents)
	i2, b1, b2 := m.emissionsByFeatures(sents)
	for si := range sents {
		if len(i1[si]) != len(i2[si]) || len(a1[si]) != len(b1[si]) || len(a2[si]) != len(b2[si]) {
			t.Fatalf("sentence %q: lengths differ", sents[si])
		}
		for i := range i1[si] {
			if !reflect.DeepEqual(i1[si][i], i2[si][i]) {
				t.Fatalf("sentence %q token %d: info %+v, want %+v", sents[si], i, i1[si][i], i2[si][i])
			}
		}
		for k := range a1[si] {
			if a1[si][k] != b1[si][k] || a2[si][k] != b2[si][k] {
				t.Fatalf("sentence %q token %d: scores differ", sents[si], k/nlab)
			}
		}
	}
}

// TestEmissionsMatchFeatures checks that the cached word sums give the
// scores of adding every feature row, on the CoNLL files and on mangled
// copies of them (Title Case, capitals, odd characters), enough words to
// turn the word cache over several times.
func TestEmissionsMatchFeatures(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	for _, f := range []string{"eng.testa", "eng.testb", "eng.train"} {
		docs = append(docs, readGold(t, f)...)
	}
	if testing.Short() {
		docs = docs[:200]
	}
	rng := rand.New(rand.NewPCG(1, 2))
	odd := []string{"", "<s>", "ÉCOLE", "naïve", "\xff\xfe", "A", "U.S.", "1-0", "McDONALD", "İstanbul", "ǅemal"}
	for di, d := range docs {
		sents := sentencesOf(d)
		checkEmissions(t, m, sents)
		if di%4 != 0 {
			continue
		}
		// A mangled copy.
		var mangled [][]string
		for _, s := range sents {
			out := make([]string, len(s))
			mode := rng.IntN(3) // per word, all Title Case, all capitals
			for i, w := range s {
				r := rng.IntN(6)
				if mode > 0 {
					r = 2 - mode
				}
				switch r {
				case 0:
					w = strings.ToUpper(w)
				case 1:
					w = titleForm(strings.ToLower(w))
				case 2:
					w = odd[rng.IntN(len(odd))]
				}
				out[i] = w
			}
			mangled = append(mangled, out)
		}
		mangled = append(mangled, nil)
		checkEmissions(t, m, mangled)
	}
	checkEmissions(t, m, [][]string{nil, {"Reuters"}})
	checkEmissions(t, m, nil)
}
