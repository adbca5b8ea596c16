package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// runWithInput runs parley with args and stdin and returns its standard
// output.
func runWithInput(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return out.String(), err
}

// TestAnalyzeExamples compares parley analyze on each example article
// with its golden report in testdata/ (go test -update rewrites them after
// a deliberate change to a stage or a model).
func TestAnalyzeExamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			got, err := runWithInput(t, "", "analyze", f)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("analyze %s differs from %s (go test -update rewrites it):\n%s", f, golden, diffLines(string(want), got))
			}
		})
	}
}

// diffLines lists the lines that differ, for a readable failure.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("- " + a + "\n+ " + c + "\n")
		}
	}
	return b.String()
}

func TestAnalyzeErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		in   string
		want string
	}{
		{"missing file", []string{"analyze", "no/such/file.txt"}, "", "no such file"},
		{"too large", []string{"analyze", "--max-bytes", "10", "-"}, "This text is longer than ten bytes.", "limit"},
		{"bad date", []string{"analyze", "--published", "17/03/2025", "-"}, "Text.", "YYYY-MM-DD"},
		{"unknown stage", []string{"analyze", "--disable", "nope", "-"}, "Text.", "no stage"},
		{"unknown command", []string{"analyse"}, "", "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runWithInput(t, tt.in, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestAnalyzeJSON(t *testing.T) {
	out, err := runWithInput(t, "Trump and Putin will speak on Tuesday.", "analyze", "--json", "--published", "2025-03-17", "-")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"schema": "parley/1"`, `"start":`, `"value": "2025-03-18"`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON lacks %s:\n%s", want, out)
		}
	}
}
