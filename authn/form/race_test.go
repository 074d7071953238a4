//go:build race

package form_test

// raceEnabled reports a -race build, where the load test skips the pixel
// checks to stay within the time the race detector allows.
const raceEnabled = true
