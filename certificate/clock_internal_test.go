package certificate

import (
	"testing"
	"time"
)

// Date.days and dateOfDays agree with package time over four centuries and
// around the epoch.
func TestDaysRoundTrip(t *testing.T) {
	start := time.Date(1799, time.December, 25, 0, 0, 0, 0, time.UTC)
	for i := range 146097 + 400 {
		tm := start.AddDate(0, 0, i)
		d := DateOf(tm)
		want := tm.Unix() / 86400
		if tm.Unix() < 0 && tm.Unix()%86400 != 0 {
			want--
		}
		if got := d.days(); got != want {
			t.Fatalf("%v.days() = %d, want %d", d, got, want)
		}
		if back := dateOfDays(want); back != d {
			t.Fatalf("dateOfDays(%d) = %v, want %v", want, back, d)
		}
	}
}

// The system day is China Standard Time's calendar date.
func TestSystemToday(t *testing.T) {
	before := DateIn(time.Now(), cst)
	got := systemToday()
	after := DateIn(time.Now(), cst)
	if got.Before(before) || got.After(after) {
		t.Fatalf("systemToday() = %v, want between %v and %v", got, before, after)
	}
	if reached.Load() < got.days() {
		t.Fatalf("reached %d is before today %d", reached.Load(), got.days())
	}
}
