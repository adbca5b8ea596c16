// Package hugepage allocates the large, randomly read arrays of parley's
// models (perceptron weight rows, hashed feature tables) in memory that
// the kernel backs with 2 MiB pages where it can. A lookup in a table of
// several megabytes otherwise misses the TLB as well as the cache, and in
// a virtual machine every TLB miss walks two sets of page tables.
package hugepage

import "unsafe"

// Size is the huge page size the allocations are aligned to.
const Size = 2 << 20

// minBytes is the smallest array worth aligning: below it the padding
// costs more than the TLB entries saved.
const minBytes = Size

// Make returns a zeroed slice of n elements. When the slice spans at
// least one huge page, it starts on a huge page boundary inside a larger
// allocation (at most two huge pages larger, kept alive by the slice),
// and its pages are advised as huge pages.
func Make[T any](n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if size == 0 || n*size < minBytes {
		return make([]T, n)
	}
	// Room to move the start to a boundary and to round the end up to
	// one, so that the last huge page is the slice's own too.
	pad := (Size + size - 1) / size
	all := make([]T, n+2*pad)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(all)))
	gap := int((Size - p%Size) % Size)
	if gap%size != 0 {
		// The element size does not divide the distance to the boundary.
		return all[:n:n]
	}
	s := all[gap/size : gap/size+n : gap/size+n]
	pages := (n*size + Size - 1) / Size * Size
	advise(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), pages))
	return s
}

// Clone returns a copy of s made by Make.
func Clone[T any](s []T) []T {
	c := Make[T](len(s))
	copy(c, s)
	return c
}
