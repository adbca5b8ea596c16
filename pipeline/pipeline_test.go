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
