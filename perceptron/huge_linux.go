package perceptron

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugeThreshold is the size from which a model's rows are backed by
// transparent huge pages.
const hugeThreshold = 2 << 20

// allocRows gives m an empty rows slice of capacity c. Large ones are
// mapped outside the Go heap and advised onto transparent huge pages:
// scoring reads rows at random, and with 4 KiB pages nearly every lookup
// in a multi-megabyte model also misses the TLB. The mapping is released
// when m is collected.
func (m *Model) allocRows(c int) {
	const huge = 2 << 20
	size := c * int(unsafe.Sizeof(entry{}))
	if size < hugeThreshold {
		m.rows = make([]entry, 0, c)
		return
	}
	size = (size + huge - 1) &^ (huge - 1)
	// Map one huge page more than needed so that the rows can start on
	// a huge-page boundary: the kernel only backs aligned stretches.
	mem, err := syscall.Mmap(-1, 0, size+huge, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		m.rows = make([]entry, 0, c)
		return
	}
	off := int((huge - uintptr(unsafe.Pointer(&mem[0]))%huge) % huge)
	_ = syscall.Madvise(mem[off:off+size], 14) // MADV_HUGEPAGE
	m.rows = unsafe.Slice((*entry)(unsafe.Pointer(&mem[off])), size/int(unsafe.Sizeof(entry{})))[:0:c]
	runtime.AddCleanup(m, func(mem []byte) { syscall.Munmap(mem) }, mem)
}
