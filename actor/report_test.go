package actor

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestReportGolden links an inline-annotated text and compares the actor
// report with testdata/*.golden; run with -update to rewrite them.
func TestReportGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := newStage(t)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := annotated(string(b))
		doc.Published, _ = time.Parse(time.DateOnly, "2024-03-01")
		if err := s.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := WriteReport(&out, doc); err != nil {
			t.Fatal(err)
		}
		golden := f[:len(f)-len(".txt")] + ".golden"
		if *update {
			if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("%s: report differs from %s:\n%s", f, golden, out.String())
		}
	}
}
