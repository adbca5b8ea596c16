//go:build !amd64

package perceptron

func addBlocks(acc []int32, rows []entry, starts []uint32, off uint32) {
	addBlocksGo(acc, rows, starts, off)
}
