package formcache

import (
	"fmt"
	"sync"
	"testing"
)

func TestGet(t *testing.T) {
	c := New[*string](4)
	builds := map[string]int{}
	var mu sync.Mutex
	build := func(f string) *string {
		mu.Lock()
		builds[f]++
		mu.Unlock()
		s := "entry:" + f
		return &s
	}
	for _, tt := range []struct {
		forms []string
		built int // builds in all after the call
	}{
		{[]string{"a", "b", "a"}, 2},
		{[]string{"a", "b"}, 2},
		{[]string{"c", "d", "e"}, 5}, // the generation rolls over
		{[]string{"a", "e"}, 5},      // a comes back from the old one
	} {
		got := c.Get(tt.forms, nil, build)
		for i, f := range tt.forms {
			if *got[i] != "entry:"+f {
				t.Errorf("Get(%v)[%d] = %q", tt.forms, i, *got[i])
			}
		}
		n := 0
		for _, k := range builds {
			n += k
		}
		if n != tt.built {
			t.Errorf("after Get(%v): %d builds, want %d", tt.forms, n, tt.built)
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for r := range 50 {
				f := fmt.Sprint((g + r) % 9)
				if got := c.Get([]string{f}, nil, build); *got[0] != "entry:"+f {
					t.Errorf("concurrent Get(%s) = %q", f, *got[0])
				}
			}
		})
	}
	wg.Wait()
}
