package simhash

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"

	"github.com/parley-news/parley/evaldata"
)

// article returns n words drawn from a fixed vocabulary, deterministic per seed.
func article(seed uint64, n int) []string {
	vocab := strings.Fields(`the a of to in and said on for with minister talks government
		president ceasefire troops border agreement meeting officials week city police
		protest election vote court sanctions oil prices ministry statement region army
		aid talks leaders capital forces council report spokesman parliament deal`)
	r := rand.New(rand.NewPCG(seed, 7))
	words := make([]string, n)
	for i := range words {
		words[i] = vocab[r.IntN(len(vocab))]
	}
	return words
}

func TestHashInvariants(t *testing.T) {
	base := "The Minister said on Monday that talks would resume."
	tests := []struct {
		name string
		text string
		want int // distance to base
	}{
		{"same", base, 0},
		{"case", strings.ToUpper(base), 0},
		{"punctuation and spacing", "the minister  said, on monday -- that talks would resume", 0},
		{"line breaks", strings.ReplaceAll(base, " ", "\n"), 0},
	}
	h := Hash(base)
	for _, tt := range tests {
		if d := Distance(h, Hash(tt.text)); d != tt.want {
			t.Errorf("%s: distance %d, want %d", tt.name, d, tt.want)
		}
	}
	if Hash("") != 0 || Hash(" ,.; ") != 0 {
		t.Error("a text without words should hash to 0")
	}
	if Hash("peace") == 0 || Hash("peace talks") == 0 {
		t.Error("texts shorter than a shingle should still hash")
	}
}

// TestGolden pins the fingerprint: stores keep fingerprints, so a change
// of algorithm would silently break near-duplicate lookups against them.
func TestGolden(t *testing.T) {
	tests := []struct {
		text string
		want uint64
	}{
		{"The Minister said on Monday that talks would resume.", 0x96c2608801117773},
		{"Ceasefire talks resume in the capital", 0x7f2ad11a49e1d575},
		{"peace", 0x2811861a82688066},
	}
	for _, tt := range tests {
		if got := Hash(tt.text); got != tt.want {
			t.Errorf("Hash(%q) = %#x, want %#x", tt.text, got, tt.want)
		}
	}
}

// TestNearAndFar checks the statistics SimHash promises rather than one
// lucky pair: a fingerprint is a vote, and a one-word edit flips a bit now
// and then, so most but not all edits stay within NearDistance.
func TestNearAndFar(t *testing.T) {
	const n, trials = 500, 200
	near, farMin := 0, 64
	for seed := uint64(1); seed <= trials; seed++ {
		words := article(seed, n)
		h := Hash(strings.Join(words, " "))

		// One word replaced: the same story lightly edited.
		edited := append([]string(nil), words...)
		edited[n/2] = "yesterday"
		if Near(h, Hash(strings.Join(edited, " "))) {
			near++
		}
		other := Hash(strings.Join(article(seed+1000, n), " "))
		farMin = min(farMin, Distance(h, other))
	}
	t.Logf("one-word edits within %d bits: %d/%d; different articles: min distance %d", NearDistance, near, trials, farMin)
	if near < trials*85/100 {
		t.Errorf("only %d/%d one-word edits of %d-word articles within %d bits", near, trials, n, NearDistance)
	}
	if farMin <= 2*NearDistance {
		t.Errorf("two different articles only %d bits apart", farMin)
	}
}

// TestRealArticles measures the same on real news: no false pairs among
// different articles, and edited copies found.
func TestRealArticles(t *testing.T) {
	path := filepath.Join(evaldata.Root(), "..", "corpus", "news-unlabeled", "articles.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("unlabeled corpus not found: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	var texts []string
	seen := map[uint64]bool{}
	for sc.Scan() && len(texts) < 1000 {
		var a struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &a) != nil || len(strings.Fields(a.Text)) < 100 {
			continue
		}
		if h := Hash(a.Text); !seen[h] {
			seen[h] = true
			texts = append(texts, a.Text)
		}
	}
	hs := make([]uint64, len(texts))
	for i, x := range texts {
		hs[i] = Hash(x)
	}
	pairs := 0
	for i := range hs {
		for j := i + 1; j < len(hs); j++ {
			if Near(hs[i], hs[j]) {
				pairs++
			}
		}
	}
	edits := 0
	for i, x := range texts {
		w := strings.Fields(x)
		w[len(w)/2] = "yesterday"
		if Near(hs[i], Hash(strings.Join(w, " "))) {
			edits++
		}
	}
	t.Logf("%d articles: %d pairs within %d bits; one-word edits found: %d", len(texts), pairs, NearDistance, edits)
	if pairs > 0 {
		t.Errorf("%d pairs of different articles within %d bits", pairs, NearDistance)
	}
	if edits < len(texts)*90/100 {
		t.Errorf("only %d/%d one-word edits within %d bits", edits, len(texts), NearDistance)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b uint64
		want int
	}{
		{0, 0, 0},
		{0, 1, 1},
		{0xff, 0, 8},
		{^uint64(0), 0, 64},
		{0b1010, 0b0101, 4},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%#x, %#x) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if Near(tt.a, tt.b) != (tt.want <= NearDistance) {
			t.Errorf("Near(%#x, %#x) disagrees with Distance", tt.a, tt.b)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	text := strings.Join(article(1, 500), " ")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Hash(text)
	}
}

// referenceHash is HashShingles as first written: a rune at a time
// through package unicode, and a vote per bit.
func referenceHash(text string, k int) uint64 {
	var votes [64]int
	var window []uint64
	var word []byte
	n := 0
	add := func() {
		buf := make([]byte, 8*len(window))
		for i, h := range window {
			binary.LittleEndian.PutUint64(buf[8*i:], h)
		}
		h := xxhash.Sum64(buf)
		for b := range 64 {
			if h&(1<<b) != 0 {
				votes[b]++
			} else {
				votes[b]--
			}
		}
	}
	flush := func() {
		if len(word) == 0 {
			return
		}
		window = append(window, xxhash.Sum64(word))
		if len(window) > k {
			window = window[1:]
		}
		word = word[:0]
		n++
		if len(window) == k {
			add()
		}
	}
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			word = utf8.AppendRune(word, unicode.ToLower(r))
		} else {
			flush()
		}
	}
	flush()
	if n == 0 {
		return 0
	}
	if n < k {
		add()
	}
	var h uint64
	for b := range 64 {
		if votes[b] > 0 {
			h |= 1 << b
		}
	}
	return h
}

// TestHashMatchesReference compares HashShingles with the plain version
// on random texts of ASCII and other letters, digits, punctuation and
// invalid UTF-8, long enough to empty the vote counters several times.
func TestHashMatchesReference(t *testing.T) {
	pieces := []string{"the", "Minister", "ÉLYSÉE", "Straße", "2025", "ceasefire", " ", " ", ", ", ".", "—", "\n", "Ünited", "İstanbul", "\xff", "a1b2", "ΑΘΗΝΑ", "'s", "U.S."}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		var b strings.Builder
		for range rng.IntN(1500) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		for k := 1; k <= 3; k++ {
			if got, want := HashShingles(text, k), referenceHash(text, k); got != want {
				t.Fatalf("text %d, k=%d: %#x, want %#x", i, k, got, want)
			}
		}
	}
}
