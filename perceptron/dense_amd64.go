package perceptron

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// vectorBlocks reports whether addBlocks uses vector instructions.
var vectorBlocks = cpu.X86.HasAVX2

// addBlocksAVX2 adds, for each of the n 32-bit offsets at starts, the
// nblocks blocks of eight 16-bit weights at base+4*offset into acc's
// nblocks blocks of eight 32-bit sums.
//
//go:noescape
func addBlocksAVX2(acc *int32, base unsafe.Pointer, starts *uint32, n, nblocks int)

func addBlocks(acc []int32, rows []entry, starts []uint32, off uint32) {
	if !vectorBlocks || len(acc) == 0 || len(starts) == 0 {
		addBlocksGo(acc, rows, starts, off)
		return
	}
	k := uint32(len(acc) / 2)
	for _, p := range starts {
		// One bounds check per row, so the assembly reads only rows.
		_ = rows[p+off+k]
	}
	addBlocksAVX2(&acc[0], unsafe.Pointer(&rows[1+off]), &starts[0], len(starts), len(acc)/8)
}
