//go:build !unix

package main

// peakRSSMB returns 0: this system's peak resident set size is not read.
func peakRSSMB() float64 { return 0 }
