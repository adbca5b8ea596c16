//go:build !linux

package perceptron

// allocRows gives m an empty rows slice of capacity c.
func (m *Model) allocRows(c int) { m.rows = make([]entry, 0, c) }
