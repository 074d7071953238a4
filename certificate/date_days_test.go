package certificate

import (
	"testing"
	"time"
)

// TestDaysAgreesWithTime checks the integer date arithmetic against the
// standard library over five centuries around the epoch, every day, and on
// out-of-range months and days.
func TestDaysAgreesWithTime(t *testing.T) {
	start := time.Date(1750, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 200_000; i += 1 {
		tm := start.AddDate(0, 0, i)
		d := DateOf(tm)
		want := tm.Unix() / 86400
		if got := d.Days(); got != want {
			t.Fatalf("%v.Days() = %d, want %d", d, got, want)
		}
		if got := civilFromDays(want); got != d {
			t.Fatalf("civilFromDays(%d) = %v, want %v", want, got, d)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", d, d.Weekday(), tm.Weekday())
		}
		for _, n := range []int{-400, -1, 1, 29, 366} {
			if got, want := d.AddDays(n), DateOf(tm.AddDate(0, 0, n)); got != want {
				t.Fatalf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
			}
		}
	}
	for _, d := range []Date{{2024, 13, 1}, {2024, 0, 31}, {2024, 2, 30}, {2023, -3, 0}, {-44, 3, 15}} {
		want := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
		if got, w := d.Days(), want.Unix()/86400; got != w {
			t.Errorf("%+v.Days() = %d, want %d", d, got, w)
		}
	}
}
