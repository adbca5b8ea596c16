package hugepage

import (
	"testing"
	"unsafe"
)

func TestMake(t *testing.T) {
	for _, tt := range []struct {
		n       int
		aligned bool
	}{
		{0, false},
		{10, false},
		{Size/4 - 1, false},
		{Size / 4, true},
		{3*Size/4 + 17, true},
	} {
		s := Make[uint32](tt.n)
		if len(s) != tt.n || cap(s) != tt.n {
			t.Fatalf("Make(%d): len %d cap %d", tt.n, len(s), cap(s))
		}
		for i, v := range s {
			if v != 0 {
				t.Fatalf("Make(%d)[%d] = %d, want 0", tt.n, i, v)
			}
		}
		for i := range s {
			s[i] = uint32(i)
		}
		if tt.aligned && uintptr(unsafe.Pointer(unsafe.SliceData(s)))%Size != 0 {
			t.Errorf("Make(%d) starts at %p, not on a huge page boundary", tt.n, s)
		}
	}
}

func TestClone(t *testing.T) {
	src := make([]uint64, Size/8+5)
	for i := range src {
		src[i] = uint64(i) * 3
	}
	c := Clone(src)
	if len(c) != len(src) {
		t.Fatalf("len %d, want %d", len(c), len(src))
	}
	for i := range c {
		if c[i] != src[i] {
			t.Fatalf("[%d] = %d, want %d", i, c[i], src[i])
		}
	}
}
