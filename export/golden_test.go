package export_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden compares each text export of the test corpus with
// testdata/corpus.FORMAT, so that a reader can see every format.
func TestGolden(t *testing.T) {
	s := corpus(t)
	for _, format := range []string{"csv", "jsonl", "gdelt", "plover"} {
		got := write(t, s, format)
		path := filepath.Join("testdata", "corpus."+format)
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs from %s (-want +got):\n%s", format, path, cmp.Diff(string(want), string(got)))
		}
	}
}
