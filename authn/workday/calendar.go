package workday

import (
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/certificate"
)

// ErrYearNotPublished is matched by the error a table calendar returns for a
// year its table does not cover.
var ErrYearNotPublished = errors.New("workday: the calendar of this year is not published")

// YearError reports a date in a year the calendar does not cover. It matches
// [ErrYearNotPublished].
type YearError struct {
	Calendar string
	Year     int
}

func (e *YearError) Error() string {
	return fmt.Sprintf("workday: %s calendar has no data for %d (%v)", e.Calendar, e.Year, ErrYearNotPublished)
}

// Unwrap returns [ErrYearNotPublished].
func (e *YearError) Unwrap() error { return ErrYearNotPublished }

// Calendar says which days are working days.
type Calendar interface {
	// IsWorkingDay reports whether d is a working day. It returns an error
	// (for example one matching ErrYearNotPublished) when it cannot tell.
	// Implementations must be safe for concurrent use.
	IsWorkingDay(d certificate.Date) (bool, error)
}

// Estimator is implemented by calendars that answer some days by estimate,
// such as the one [WithFallback] returns.
type Estimator interface {
	// Estimated reports whether the answer for d is an estimate.
	Estimated(d certificate.Date) bool
}

// weekday returns the day of the week of a valid date.
func weekday(d certificate.Date) time.Weekday { return d.Weekday() }

func isWeekend(d certificate.Date) bool {
	w := weekday(d)
	return w == time.Saturday || w == time.Sunday
}

type weekends struct{}

// Weekends returns the generic calendar: Monday to Friday are working days,
// Saturday and Sunday are not, every year, with no holidays.
func Weekends() Calendar { return weekends{} }

func (weekends) IsWorkingDay(d certificate.Date) (bool, error) {
	if !d.Valid() {
		return false, fmt.Errorf("workday: %v is not a calendar date", d)
	}
	return !isWeekend(d), nil
}

type fallback struct {
	primary, secondary Calendar
}

// WithFallback returns a calendar that answers from primary and, for days
// for which primary returns an error matching [ErrYearNotPublished], from
// secondary. The result implements [Estimator]: such days are estimates.
func WithFallback(primary, secondary Calendar) Calendar {
	return fallback{primary: primary, secondary: secondary}
}

func (f fallback) IsWorkingDay(d certificate.Date) (bool, error) {
	ok, err := f.primary.IsWorkingDay(d)
	if errors.Is(err, ErrYearNotPublished) {
		return f.secondary.IsWorkingDay(d)
	}
	return ok, err
}

func (f fallback) Estimated(d certificate.Date) bool {
	_, err := f.primary.IsWorkingDay(d)
	return errors.Is(err, ErrYearNotPublished)
}

// maxScan bounds how far AddWorkingDays looks for working days, so that a
// calendar with no working days cannot make it loop for ever.
const maxScan = 3660

// AddWorkingDays returns the n-th working day after from (from itself is not
// counted). n = 0 returns from. Negative n is an error.
func AddWorkingDays(cal Calendar, from certificate.Date, n int) (certificate.Date, error) {
	d, _, err := addWorkingDays(cal, from, n)
	return d, err
}

func addWorkingDays(cal Calendar, from certificate.Date, n int) (certificate.Date, bool, error) {
	if n < 0 {
		return certificate.Date{}, false, fmt.Errorf("workday: negative number of working days %d", n)
	}
	if !from.Valid() {
		return certificate.Date{}, false, fmt.Errorf("workday: %v is not a calendar date", from)
	}
	est, _ := cal.(Estimator)
	estimated := false
	d := from
	for i := 0; n > 0; i++ {
		if i >= maxScan {
			return certificate.Date{}, false, fmt.Errorf("workday: no %d working days within %d days of %v", n, maxScan, from)
		}
		d = d.AddDays(1)
		ok, err := cal.IsWorkingDay(d)
		if err != nil {
			return certificate.Date{}, false, err
		}
		if est != nil && est.Estimated(d) {
			estimated = true
		}
		if ok {
			n--
		}
	}
	return d, estimated, nil
}

// Due is a review deadline.
type Due struct {
	// Date is the last working day of the period.
	Date certificate.Date `json:"date"`
	// At is the end of that day in the time zone used: midnight at the start
	// of the next day.
	At time.Time `json:"at"`
	// Estimated is true when some day of the period came from a fallback
	// calendar (see WithFallback).
	Estimated bool `json:"estimated,omitempty"`
}

// Deadline returns the deadline n working days after submitted: the date of
// submission is taken in loc (China Standard Time when nil, as
// [certificate.Clock] does everywhere in this module), and the deadline is the end of
// the n-th working day after it. Submitting on a day off counts the same
// way: a Saturday submission with n = 3 is due at the end of Wednesday under
// [Weekends].
func Deadline(cal Calendar, submitted time.Time, loc *time.Location, n int) (Due, error) {
	if loc == nil {
		loc = certificate.DefaultLocation()
	}
	day := certificate.DateIn(submitted, loc)
	d, estimated, err := addWorkingDays(cal, day, n)
	if err != nil {
		return Due{}, err
	}
	return Due{Date: d, At: d.AddDays(1).Time(loc), Estimated: estimated}, nil
}
