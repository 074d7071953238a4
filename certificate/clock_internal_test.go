package certificate

import (
	"testing"
	"time"
)

// The system day is China Standard Time's calendar date.
func TestSystemToday(t *testing.T) {
	before := DateIn(time.Now(), cst)
	got := systemToday()
	after := DateIn(time.Now(), cst)
	if got.Before(before) || got.After(after) {
		t.Fatalf("systemToday() = %v, want between %v and %v", got, before, after)
	}
	if reached.Load() < got.Days() {
		t.Fatalf("reached %d is before today %d", reached.Load(), got.Days())
	}
}
