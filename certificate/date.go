package certificate

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no time zone, as printed on
// documents. The zero value is the absent date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date and whether it exists in the proleptic Gregorian
// calendar (1 ≤ month ≤ 12, 1 ≤ day ≤ days in that month, year 1–9999).
func NewDate(year int, month time.Month, day int) (Date, bool) {
	d := Date{year, month, day}
	return d, d.Valid()
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// DateIn returns the calendar date of t in loc ([DefaultLocation], China
// Standard Time, when loc is nil, as for a zero [Clock]).
func DateIn(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = DefaultLocation()
	}
	return DateOf(t.In(loc))
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("certificate: date %q is not YYYY-MM-DD", truncate(s, 16))
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	date := Date{y, time.Month(m), d}
	if !ok1 || !ok2 || !ok3 || !date.Valid() {
		return Date{}, fmt.Errorf("certificate: %q is not a calendar date", s)
	}
	return date, nil
}

func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// DaysIn returns the number of days in month of year.
func DaysIn(year int, month time.Month) int {
	switch month {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// Valid reports whether d is a real calendar date.
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= DaysIn(d.Year, d.Month)
}

// IsZero reports whether d is the absent date.
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return sign(d.Year - o.Year)
	case d.Month != o.Month:
		return sign(int(d.Month) - int(o.Month))
	}
	return sign(d.Day - o.Day)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// AddYears returns the same month and day n years later. 29 February becomes
// 28 February in a common year.
func (d Date) AddYears(n int) Date {
	r := Date{d.Year + n, d.Month, d.Day}
	if r.Day > DaysIn(r.Year, r.Month) {
		r.Day = DaysIn(r.Year, r.Month)
	}
	return r
}

// AddDays returns the date n days later (earlier for negative n), in the
// proleptic Gregorian calendar, without going through time.Time.
func (d Date) AddDays(n int) Date {
	if day := d.Day + n; d.Month >= time.January && d.Month <= time.December && day >= 1 && day <= 28 && d.Day >= 1 {
		return Date{d.Year, d.Month, day} // within the month: no calendar arithmetic
	}
	return civilFromDays(d.Days() + int64(n))
}

// Days returns the number of days from 1970-01-01 to d (negative before it),
// normalizing an out-of-range month or day as time.Date does.
func (d Date) Days() int64 {
	y, m, day := int64(d.Year), int64(d.Month), int64(d.Day)
	// Bring the month into 1–12, carrying into the year.
	m--
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	m++
	// Howard Hinnant's days_from_civil, with March as the first month.
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of [Date.Days] (Hinnant's civil_from_days).
func civilFromDays(z int64) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(day)}
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	w := (d.Days() + 4) % 7 // 1970-01-01 was a Thursday
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// Time returns midnight at the start of d in loc ([DefaultLocation] when loc
// is nil).
func (d Date) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = DefaultLocation()
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AgeOn returns the number of whole years from d to on; a person born on 29
// February turns a year older on 1 March in common years.
func (d Date) AgeOn(on Date) int {
	age := on.Year - d.Year
	if on.Month < d.Month || (on.Month == d.Month && on.Day < d.Day) {
		age--
	}
	return age
}

// String returns YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText implements [encoding.TextMarshaler] as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler]; empty text is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Sex is the sex a number or document records.
type Sex uint8

// The sexes a document may record.
const (
	SexUnspecified Sex = iota
	Male
	Female
)

// String returns "M", "F" or "".
func (s Sex) String() string {
	switch s {
	case Male:
		return "M"
	case Female:
		return "F"
	}
	return ""
}
