//go:build race

package eval

// raceEnabled: the race detector slows the reader and the generator
// tenfold; the accuracy test reads fewer, smaller images under it.
const raceEnabled = true
