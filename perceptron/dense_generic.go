//go:build !amd64

package perceptron

// vectorBlocks reports whether addBlocks uses vector instructions.
const vectorBlocks = false

func addBlocks(acc []int32, rows []entry, starts []uint32, off uint32) {
	addBlocksGo(acc, rows, starts, off)
}
