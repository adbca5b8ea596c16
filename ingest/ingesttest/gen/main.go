// Command gen writes synthetic articles for ingest benchmarks:
//
//	go run ./ingest/ingesttest/gen -n 10000 -words 500 -out /tmp/articles
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/parley-news/parley/ingest/ingesttest"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	words := flag.Int("words", 500, "words per article")
	out := flag.String("out", "articles", "output folder")
	seed := flag.Uint64("seed", 1, "seed of the first article")
	flag.Parse()
	if err := ingesttest.WriteArticles(*out, *n, *words, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
