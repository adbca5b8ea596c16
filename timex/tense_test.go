package timex

import (
	"os"
	"reflect"
	"testing"
)

// TestWordAt checks that the word scanner of textCues finds the words
// wordRE finds.
func TestWordAt(t *testing.T) {
	data, err := os.ReadFile("testdata/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		string(data),
		"don't O’Brien's rock'n'roll 1990s' '90s 2020's ’ll 'LL 'sx 's_ 'd' ’re’ 've\u00e9 ab’ ’",
		"invalid \xe2\xe2\x80\x99s \xf0\xe2\x80\x99ll x\xe2\x80s y'",
	}
	for _, text := range texts {
		want := wordRE.FindAllStringIndex(text, -1)
		var got [][]int
		for i := 0; i < len(text); {
			end := wordAt(text, i)
			if end < 0 {
				i++
				continue
			}
			got = append(got, []int{i, end})
			i = end
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%.60q: got %v, want %v", text, got, want)
		}
	}
}
