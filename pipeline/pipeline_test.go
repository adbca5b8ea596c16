package pipeline

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/parley-news/parley/document"
)

func recorder(name string, log *[]string, err error) Stage {
	return Func{StageName: name, Fn: func(ctx context.Context, doc *document.Document) error {
		*log = append(*log, name)
		return err
	}}
}

func TestPipeline(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		disable []string
		failAt  string
		want    []string
		wantErr bool
	}{
		{name: "all", want: []string{"a", "b", "c"}},
		{name: "disable middle", disable: []string{"b"}, want: []string{"a", "c"}},
		{name: "error stops", failAt: "b", want: []string{"a", "b"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log []string
			var stages []Stage
			for _, n := range []string{"a", "b", "c"} {
				var err error
				if n == tt.failAt {
					err = boom
				}
				stages = append(stages, recorder(n, &log, err))
			}
			p := New(stages...)
			if err := p.Disable(tt.disable...); err != nil {
				t.Fatal(err)
			}
			err := p.Process(context.Background(), document.New("x", "text"))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, boom) {
				t.Fatalf("err = %v, want wrapped boom", err)
			}
			if !reflect.DeepEqual(log, tt.want) {
				t.Fatalf("ran %v, want %v", log, tt.want)
			}
		})
	}
}

func TestDisableUnknown(t *testing.T) {
	p := New(Func{StageName: "a", Fn: func(context.Context, *document.Document) error { return nil }})
	if err := p.Disable("nope"); err == nil {
		t.Fatal("Disable(nope) succeeded, want error")
	}
}

// ProcessBatch runs stage by stage over the batch; a document whose stage
// fails skips the rest, the others go on.
func TestProcessBatch(t *testing.T) {
	boom := errors.New("boom")
	var log []string
	stage := func(name string) Stage {
		return Func{StageName: name, Fn: func(ctx context.Context, doc *document.Document) error {
			log = append(log, name+":"+doc.Source)
			if name == "b" && doc.Source == "bad" {
				return boom
			}
			return nil
		}}
	}
	p := New(stage("a"), stage("b"), stage("c"))
	docs := []*document.Document{document.New("x", "t"), document.New("bad", "t"), document.New("y", "t")}
	errs := p.ProcessBatch(context.Background(), docs)
	want := []string{"a:x", "a:bad", "a:y", "b:x", "b:bad", "b:y", "c:x", "c:y"}
	if !reflect.DeepEqual(log, want) {
		t.Errorf("ran %v, want %v", log, want)
	}
	if errs[0] != nil || errs[2] != nil || !errors.Is(errs[1], boom) {
		t.Errorf("errs = %v, want only the second to wrap boom", errs)
	}
	for _, d := range docs {
		if d.Schema == "" {
			t.Errorf("%s: schema not set", d.Source)
		}
	}
}

// TestPanicFailsOneDocument checks that a stage's panic on one document
// fails that document alone, with a *PanicError, and that the other
// documents of the batch finish every stage.
func TestPanicFailsOneDocument(t *testing.T) {
	var done []string
	p := New(
		Func{StageName: "crashy", Fn: func(ctx context.Context, doc *document.Document) error {
			if doc.ID == "bad" {
				var s []int
				_ = s[len(doc.ID)] // index out of range
			}
			return nil
		}},
		Func{StageName: "last", Fn: func(ctx context.Context, doc *document.Document) error {
			done = append(done, doc.ID)
			return nil
		}},
	)
	docs := []*document.Document{{ID: "a"}, {ID: "bad"}, {ID: "c"}}
	errs := p.ProcessBatch(context.Background(), docs)
	var pe *PanicError
	if !errors.As(errs[1], &pe) || len(pe.Stack) == 0 {
		t.Fatalf("errs[1] = %v, want a *PanicError with a stack", errs[1])
	}
	if errs[0] != nil || errs[2] != nil {
		t.Errorf("errs = %v, want only the second document to fail", errs)
	}
	if !reflect.DeepEqual(done, []string{"a", "c"}) {
		t.Errorf("last stage ran on %v, want [a c]", done)
	}
}
