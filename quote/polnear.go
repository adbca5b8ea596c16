package quote

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// PolNeARDoc is one article of the PolNeAR corpus with one annotator's
// attributions.
type PolNeARDoc struct {
	Name      string
	Annotator string
	Text      string
	Published time.Time
	Gold      []GoldAttribution
}

// LoadPolNeAR reads one compartment (train, dev, test) of PolNeAR from
// dir (the folder holding data/). Articles annotated by several people
// are read with the annotator whose id sorts first, so that each article
// counts once.
func LoadPolNeAR(dir, split string) ([]PolNeARDoc, error) {
	base := filepath.Join(dir, "data", split)
	texts, err := filepath.Glob(filepath.Join(base, "text", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("polnear: no texts under %s", base)
	}
	dates := readPolNeARDates(filepath.Join(dir, "data", "metadata.tsv"))
	sort.Strings(texts)
	var out []PolNeARDoc
	for _, tp := range texts {
		name := strings.TrimSuffix(filepath.Base(tp), ".txt")
		anns, _ := filepath.Glob(filepath.Join(base, "attributions", name+"_*.ann"))
		if len(anns) == 0 {
			continue
		}
		sort.Strings(anns)
		b, err := os.ReadFile(tp)
		if err != nil {
			return nil, err
		}
		f, err := os.Open(anns[0])
		if err != nil {
			return nil, err
		}
		gold, err := ParseBrat(f, string(b))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("polnear %s: %w", anns[0], err)
		}
		ann := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(anns[0]), name+"_"), ".ann")
		out = append(out, PolNeARDoc{Name: name, Annotator: ann, Text: string(b), Published: dates[name], Gold: gold})
	}
	return out, nil
}

// readPolNeARDates reads publication dates from metadata.tsv; a missing
// file gives no dates.
func readPolNeARDates(path string) map[string]time.Time {
	out := map[string]time.Time{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	col := map[string]int{}
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(col) == 0 {
			for i, h := range fs {
				col[h] = i
			}
			continue
		}
		fi, ok1 := col["filename"]
		di, ok2 := col["publication_date"]
		if !ok1 || !ok2 || fi >= len(fs) || di >= len(fs) {
			continue
		}
		if t, err := time.Parse("2006-01-02", fs[di]); err == nil {
			out[fs[fi]] = t
		}
	}
	return out
}
