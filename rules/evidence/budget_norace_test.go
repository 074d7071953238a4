//go:build !race

package evidence

// raceEnabled: the race detector's shadow memory would count in RSS.
const raceEnabled = false
