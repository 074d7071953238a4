//go:build !race

package mrzread

const raceEnabled = false
