package timex

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parley-news/parley/evaldata"
)

// TestSeedArticle checks the values the issue lists for the seed article
// (published Monday 2025-03-17), read from ../shared/seed beside the gold
// data; it skips when the file is absent.
func TestSeedArticle(t *testing.T) {
	root := evaldata.Root()
	if root == "" {
		t.Skip("shared data not found")
	}
	data, err := os.ReadFile(filepath.Join(root, "..", "seed", "article.txt"))
	if err != nil {
		t.Skipf("seed article: %v", err)
	}
	text := string(data)
	values := func(anchor string) map[string][]string {
		got := map[string][]string{}
		for _, x := range annotate(t, anchor, text) {
			got[x.Text] = append(got[x.Text], x.Type+" "+x.Value)
		}
		return got
	}
	dated := values("2025-03-17")
	for extent, want := range map[string]string{
		"this week":        "DATE 2025-W12",
		"Sunday":           "DATE 2025-03-16",
		"January":          "DATE 2025-01",
		"February":         "DATE 2025-02",
		"30-day":           "DURATION P30D",
		"the coming weeks": "DATE FUTURE_REF",
		"soon":             "DATE FUTURE_REF",
		"recently":         "DATE PAST_REF",
	} {
		got := dated[extent]
		if len(got) == 0 {
			t.Errorf("dated: no %q", extent)
		}
		for _, g := range got {
			if g != want {
				t.Errorf("dated: %q = %s, want %s", extent, g, want)
			}
		}
	}
	for extent := range dated {
		if extent == "first term" || extent == "Trump’s first term" {
			t.Errorf("%q is not a time expression", extent)
		}
	}
	undated := values("")
	for extent, want := range map[string]string{
		"this week": "DATE XXXX-WXX",
		"Sunday":    "DATE XXXX-WXX-7",
		"January":   "DATE 2025-01", // pinned by "Trump began his second term"
		"February":  "DATE 2025-02",
		"30-day":    "DURATION P30D",
	} {
		for _, g := range undated[extent] {
			if g != want {
				t.Errorf("undated: %q = %s, want %s", extent, g, want)
			}
		}
	}
}
