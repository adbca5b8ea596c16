// Package evaldata locates the public gold data sets that parley is
// trained and measured on. They are never copied into the repository: by
// default they live in ../shared/eval beside the clone, or wherever the
// PARLEY_EVAL environment variable points.
package evaldata

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the folder holding the gold sets, or "" when none is found.
// It tries $PARLEY_EVAL, then shared/eval in each parent of the working
// directory.
func Root() string {
	if d := os.Getenv("PARLEY_EVAL"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		cand := filepath.Join(dir, "..", "shared", "eval")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return filepath.Clean(cand)
		}
		cand = filepath.Join(dir, "shared", "eval")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return filepath.Clean(cand)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path joins elem onto Root; it returns "" when there is no root.
func Path(elem ...string) string {
	r := Root()
	if r == "" {
		return ""
	}
	return filepath.Join(append([]string{r}, elem...)...)
}

// Require returns the path of a gold file or folder under Root, skipping
// the test with a clear message when it is absent.
func Require(t testing.TB, elem ...string) string {
	t.Helper()
	p := Path(elem...)
	if p == "" {
		t.Skip("gold data not found: set PARLEY_EVAL or put shared/eval beside the clone")
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("gold data %s not available: %v", p, err)
	}
	return p
}
