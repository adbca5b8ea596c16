package hugepage

import "syscall"

// madvCollapse is MADV_COLLAPSE (Linux 6.1): build huge pages now from
// pages already touched.
const madvCollapse = 25

// advise asks for huge pages over b, whole huge pages. Errors are ignored: huge pages are an optimisation the kernel
// may decline (transparent huge pages off, no contiguous memory).
func advise(b []byte) {
	syscall.Madvise(b, syscall.MADV_HUGEPAGE)
	syscall.Madvise(b, madvCollapse)
}
