package workday

import (
	"fmt"
	"time"

	"github.com/realname-go/realname/certificate"
)

// Holiday is a named run of days off, from First to Last inclusive, with the
// make-up working days (weekend days that become working days) that go with
// it.
type Holiday struct {
	Name   string
	First  certificate.Date
	Last   certificate.Date
	MakeUp []certificate.Date
}

// Year is one published year of an official calendar.
type Year struct {
	Year     int
	Source   string // the notice the arrangement comes from
	Holidays []Holiday
}

// Table is an official calendar built from published years: a day is a
// working day when it is a make-up day, or a Monday to Friday that is not in
// a holiday. Days of other years are answered with a [*YearError]. A Table is
// immutable and safe for concurrent use.
type Table struct {
	name    string
	version string
	first   int
	// days holds, per covered year, a status per day of the year.
	days [][]dayStatus
}

type dayStatus uint8

const (
	statusDefault dayStatus = iota // weekday rule
	statusOff
	statusWork
)

// NewTable builds a table calendar. The years must be consecutive; holidays
// must lie in or next to their year, end on or after they start and span at
// most 31 days; make-up days must be weekend days.
func NewTable(name, version string, years ...Year) (*Table, error) {
	if len(years) == 0 {
		return nil, fmt.Errorf("workday: table %s has no years", name)
	}
	t := &Table{name: name, version: version, first: years[0].Year}
	for i, y := range years {
		if y.Year != t.first+i {
			return nil, fmt.Errorf("workday: table %s: year %d is not consecutive", name, y.Year)
		}
		t.days = append(t.days, make([]dayStatus, 366))
	}
	set := func(d certificate.Date, s dayStatus) error {
		if !d.Valid() {
			return fmt.Errorf("workday: table %s: %v is not a date", name, d)
		}
		i := d.Year - t.first
		if i < 0 || i >= len(t.days) {
			return nil // a holiday spilling into an unpublished year
		}
		t.days[i][dayOfYear(d)] = s
		return nil
	}
	for _, y := range years {
		for _, h := range y.Holidays {
			if !h.First.Valid() || !h.Last.Valid() || h.Last.Before(h.First) || h.First.AddDays(31).Before(h.Last) {
				return nil, fmt.Errorf("workday: table %s: holiday %s has a bad range", name, h.Name)
			}
			if h.First.Year < y.Year-1 || h.First.Year > y.Year {
				return nil, fmt.Errorf("workday: table %s: holiday %s is not in %d", name, h.Name, y.Year)
			}
			for d := h.First; !d.After(h.Last); d = d.AddDays(1) {
				if err := set(d, statusOff); err != nil {
					return nil, err
				}
			}
			for _, m := range h.MakeUp {
				if !m.Valid() || !isWeekend(m) {
					return nil, fmt.Errorf("workday: table %s: make-up day %v of %s is not a weekend day", name, m, h.Name)
				}
				if err := set(m, statusWork); err != nil {
					return nil, err
				}
			}
		}
	}
	return t, nil
}

func dayOfYear(d certificate.Date) int {
	return int(d.Days() - certificate.Date{Year: d.Year, Month: time.January, Day: 1}.Days())
}

// Name returns the calendar's name.
func (t *Table) Name() string { return t.name }

// Version names the data the table was built from.
func (t *Table) Version() string { return t.version }

// Years returns the first and last year the table covers.
func (t *Table) Years() (first, last int) { return t.first, t.first + len(t.days) - 1 }

// IsWorkingDay implements [Calendar].
func (t *Table) IsWorkingDay(d certificate.Date) (bool, error) {
	if !d.Valid() {
		return false, fmt.Errorf("workday: %v is not a calendar date", d)
	}
	i := d.Year - t.first
	if i < 0 || i >= len(t.days) {
		return false, &YearError{Calendar: t.name, Year: d.Year}
	}
	switch t.days[i][dayOfYear(d)] {
	case statusOff:
		return false, nil
	case statusWork:
		return true, nil
	}
	return !isWeekend(d), nil
}
