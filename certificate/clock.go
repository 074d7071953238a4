package certificate

import (
	"sync/atomic"
	"time"
)

// cst is China Standard Time, UTC+8. The PRC has not observed daylight
// saving time since 1991, so a fixed zone needs no tzdata.
var cst = time.FixedZone("CST", 8*60*60)

// DefaultLocation returns the zone whose calendar dates a zero [Clock]
// compares: China Standard Time, a fixed UTC+8 zone named "CST".
func DefaultLocation() *time.Location { return cst }

// Clock tells the time and the zone whose calendar dates are compared. The
// zero value is the system clock in China Standard Time (UTC+8, fixed, no
// tzdata needed; see [DefaultLocation]).
//
// Clock is the one place in this module's certificate packages that falls
// back to [time.Now] and to a default zone: schemes that judge dates take
// today's date from a Clock (through [Registry.WithClock]) or as an argument
// (see [DatedScheme]).
type Clock struct {
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Location is the zone of the calendar date; nil means DefaultLocation.
	Location *time.Location
}

// Time returns the current time of c.
func (c Clock) Time() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

// Zone returns the zone of c's calendar dates.
func (c Clock) Zone() *time.Location {
	if c.Location == nil {
		return cst
	}
	return c.Location
}

// Today returns the calendar date of c's current time in c's zone.
func (c Clock) Today() Date {
	if c.Now == nil && c.Location == nil {
		return systemToday()
	}
	return DateIn(c.Time(), c.Zone())
}

// IsZero reports whether c is the zero Clock: the system clock in China
// Standard Time.
func (c Clock) IsZero() bool { return c.Now == nil && c.Location == nil }

// IsFuture reports whether d is after c's today. For the zero Clock it reads
// the system clock only when d is after every date the system clock has
// already been seen to reach, so that checking a past date, the common case,
// costs no clock reading.
func (c Clock) IsFuture(d Date) bool {
	if !c.IsZero() {
		return d.After(c.Today())
	}
	day := d.Days()
	if day <= reached.Load() {
		return false
	}
	return day > systemDay()
}

// reached holds the latest China Standard Time day (days since 1970-01-01)
// the system clock has been seen to reach. Days on or before it are past.
var reached atomic.Int64

// systemToday returns today in China Standard Time by the system clock.
func systemToday() Date { return civilFromDays(systemDay()) }

// systemDay returns today in China Standard Time by the system clock, as
// days since 1970-01-01, and records it in reached. China Standard Time is
// a fixed offset, so the day is plain arithmetic on Unix time.
func systemDay() int64 {
	s := time.Now().Unix() + 8*60*60
	day := s / 86400
	if s%86400 < 0 {
		day--
	}
	for {
		old := reached.Load()
		if day <= old || reached.CompareAndSwap(old, day) {
			return day
		}
	}
}
