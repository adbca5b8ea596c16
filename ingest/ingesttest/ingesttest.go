// Package ingesttest generates synthetic news articles for ingest tests
// and benchmarks: sentences in news style with invented people, places and
// organisations, distinct per seed, so that no two share enough word pairs
// to look like near-duplicates.
package ingesttest

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

//go:embed words.txt
var wordsFile string

var vocab = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(wordsFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, words, ok := strings.Cut(line, ":")
		if ok {
			m[kind] = strings.Fields(words)
		}
	}
	return m
})

// Article returns a headline line and paragraphs of about words words,
// one paragraph a line, deterministic for a seed.
func Article(seed uint64, words int) string {
	v := vocab()
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	pick := func(kind string) string { ws := v[kind]; return ws[r.IntN(len(ws))] }
	// Each article has its own cast of invented names, as real stories
	// have their own people and places.
	coin := func() string {
		w := pick("syllable") + pick("syllable") + pick("syllable")
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var cast, sites []string
	for range 4 {
		cast = append(cast, pick("first")+" "+coin())
	}
	for range 3 {
		sites = append(sites, coin())
	}
	person := func() string {
		if r.IntN(10) < 8 {
			return cast[r.IntN(len(cast))]
		}
		return pick("first") + " " + pick("last")
	}
	var things []string
	for range 3 {
		things = append(things, coin()+" "+pick("object"))
	}
	object := func() string {
		if r.IntN(2) == 0 {
			return things[r.IntN(len(things))]
		}
		return pick("object")
	}
	place := func() string {
		if r.IntN(10) < 7 {
			return sites[r.IntN(len(sites))]
		}
		return pick("place")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s %s in %s\n", sites[0], pick("org"), pick("verb"), pick("object"), place())
	n := 0
	for n < words {
		var s string
		num := func() int { return 2 + r.IntN(400) }
		switch r.IntN(8) {
		case 0:
			s = fmt.Sprintf("%s, the %s of %s, said on %s that the %s had %s the %s %s after %d weeks of %s.",
				person(), pick("role"), place(), pick("when"), pick("org"), pick("verb"), pick("filler"), object(), num(), pick("reason"))
		case 1:
			s = fmt.Sprintf("The %s in %s %s a %s %s on %s, %s officials said.",
				pick("org"), place(), pick("verb"), pick("filler"), object(), pick("when"), pick("filler"))
		case 2:
			s = fmt.Sprintf("\"We will not accept a %s %s,\" %s told reporters in %s, adding that %s had %s %s.",
				pick("filler"), object(), person(), place(), place(), pick("verb"), pick("reason"))
		case 3:
			s = fmt.Sprintf("%s %s the %s of %s, which the %s had %s over %s.",
				person(), pick("verb"), object(), place(), pick("org"), pick("verb"), pick("reason"))
		case 4:
			s = fmt.Sprintf("About %d people gathered in %s to protest against %s, and police said %d were detained.",
				num()*10, place(), pick("reason"), num())
		case 5:
			s = fmt.Sprintf("According to the %s, %s spent %d million on %s last year, %d percent more than in %d.",
				pick("org"), place(), num(), pick("reason"), num()%90, 1990+r.IntN(35))
		case 6:
			s = fmt.Sprintf("%s met %s in %s on %s to discuss %s and %s.",
				person(), person(), place(), pick("when"), pick("reason"), pick("reason"))
		default:
			s = fmt.Sprintf("Neither the %s nor the %s of %s answered questions about the %s.",
				pick("org"), pick("role"), place(), object())
		}
		b.WriteString(s)
		n += len(strings.Fields(s))
		if r.IntN(3) == 0 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.TrimRight(b.String(), " \n") + "\n"
}

// WriteArticles writes n articles of about words words as dir/NNNNNN.txt,
// with seeds first, first+1, ….
func WriteArticles(dir string, n, words int, first uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		seed := first + uint64(i)
		name := filepath.Join(dir, fmt.Sprintf("%06d.txt", seed))
		if err := os.WriteFile(name, []byte(Article(seed, words)), 0o644); err != nil {
			return err
		}
	}
	return nil
}
