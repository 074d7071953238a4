//go:build race

package mrzread

// raceEnabled: the race detector slows the reader tenfold; tests read fewer
// images under it.
const raceEnabled = true
