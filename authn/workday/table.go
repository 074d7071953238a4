package workday

import (
	"fmt"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

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
	// years holds the data the table was built from, one per covered year.
	years []Year
	// days holds, per covered year, a status per day of the year.
	days [][]dayStatus
}

type dayStatus uint8

const (
	statusDefault dayStatus = iota // weekday rule
	statusOff
	statusWork
)

// Bounds of a table's data, in NewTable and ParseTable alike.
const (
	minYear        = 1900
	maxYear        = 2199
	maxYears       = 64
	maxHolidays    = 16 // per year
	maxMakeUp      = 8  // per holiday
	maxHolidaySpan = 31 // days from First to Last
	maxMakeUpGap   = 31 // days from a make-up day to its holiday
	maxName        = 64 // bytes, table and holiday names
	maxText        = 1024
)

// NewTable builds a table calendar named name (for example "CN") whose data
// is named version. The data must hold together, or NewTable returns a
// [*TableError]:
//   - the name, the version and every year's Source are set, printable and
//     at most 64 (name) or 1024 bytes long;
//   - there are 1 to 64 years, consecutive and increasing, from 1900 to 2199;
//   - each year has 1 to 16 holidays; a holiday's name is set and printable,
//     its range runs forward over at most 32 days and reaches into its year
//     (so the New Year holiday of a year may start in December before it);
//   - each holiday has at most 8 make-up days, each a Saturday or Sunday,
//     outside the holiday and at most 31 days from it;
//   - no day is in two holidays, and no make-up day is a day off or listed
//     twice.
//
// A holiday or make-up day that falls in a year the table does not cover is
// kept in its year's data but answers nothing: that year stays unpublished.
func NewTable(name, version string, years ...Year) (*Table, error) {
	t, err := newTable(name, version, years)
	if err != nil {
		err.Table = name
		return nil, err
	}
	return t, nil
}

func newTable(name, version string, years []Year) (*Table, *TableError) {
	if err := validate(name, version, years); err != nil {
		return nil, err
	}
	t := &Table{name: name, version: version, first: years[0].Year, years: cloneYears(years)}
	t.days = make([][]dayStatus, len(years))
	for i := range t.days {
		t.days[i] = make([]dayStatus, 366)
	}
	set := func(d certificate.Date, s dayStatus) {
		if i := d.Year - t.first; i >= 0 && i < len(t.days) {
			t.days[i][dayOfYear(d)] = s
		}
	}
	for _, y := range years {
		for _, h := range y.Holidays {
			for d := h.First; !d.After(h.Last); d = d.AddDays(1) {
				set(d, statusOff)
			}
			for _, m := range h.MakeUp {
				set(m, statusWork)
			}
		}
	}
	return t, nil
}

func cloneYears(years []Year) []Year {
	out := make([]Year, len(years))
	for i, y := range years {
		out[i] = Year{Year: y.Year, Source: y.Source, Holidays: make([]Holiday, len(y.Holidays))}
		for j, h := range y.Holidays {
			h.MakeUp = slices.Clone(h.MakeUp)
			out[i].Holidays[j] = h
		}
	}
	return out
}

// validate checks the rules NewTable documents. The error names the index
// of the year and holiday concerned, so that ParseTable can name the line.
func validate(name, version string, years []Year) *TableError {
	if err := checkText("table name", name, maxName, false); err != nil {
		return err
	}
	if err := checkText("version", version, maxText, true); err != nil {
		return err
	}
	if len(years) == 0 {
		return tableErr(CodeMissing, "the table has no years")
	}
	if len(years) > maxYears {
		return tableErr(CodeLimit, fmt.Sprintf("%d years, more than %d", len(years), maxYears))
	}
	// where records what each day of the table is, to find overlaps.
	type use struct {
		off    bool
		holder string
	}
	where := map[int64]use{}
	for yi, y := range years {
		at := func(err *TableError, hi int) *TableError {
			err.Year, err.yi, err.hi = y.Year, yi, hi
			return err
		}
		if y.Year < minYear || y.Year > maxYear {
			return at(tableErr(CodeYear, fmt.Sprintf("year %d is outside %d to %d", y.Year, minYear, maxYear)), -1)
		}
		if yi > 0 && y.Year != years[0].Year+yi {
			if y.Year == years[yi-1].Year {
				return at(tableErr(CodeDuplicate, fmt.Sprintf("year %d is listed twice", y.Year)), -1)
			}
			return at(tableErr(CodeYear, fmt.Sprintf("year %d does not follow %d", y.Year, years[yi-1].Year)), -1)
		}
		if err := checkText("source", y.Source, maxText, true); err != nil {
			return at(err, -1)
		}
		if len(y.Holidays) == 0 {
			return at(tableErr(CodeMissing, "the year has no holidays"), -1)
		}
		if len(y.Holidays) > maxHolidays {
			return at(tableErr(CodeLimit, fmt.Sprintf("%d holidays, more than %d", len(y.Holidays), maxHolidays)), -1)
		}
		for hi, h := range y.Holidays {
			if err := checkText("holiday name", h.Name, maxName, true); err != nil {
				return at(err, hi)
			}
			if !h.First.Valid() || !h.Last.Valid() {
				return at(tableErr(CodeDate, fmt.Sprintf("holiday %s: %v..%v is not a range of calendar dates", clip(h.Name), h.First, h.Last)), hi)
			}
			if h.Last.Before(h.First) {
				return at(tableErr(CodeDate, fmt.Sprintf("holiday %s ends on %v, before it starts on %v", clip(h.Name), h.Last, h.First)), hi)
			}
			if h.First.AddDays(maxHolidaySpan).Before(h.Last) {
				return at(tableErr(CodeDate, fmt.Sprintf("holiday %s runs more than %d days", clip(h.Name), maxHolidaySpan+1)), hi)
			}
			if h.First.Year > y.Year || h.Last.Year < y.Year {
				return at(tableErr(CodeDate, fmt.Sprintf("holiday %s (%v..%v) is not in %d", clip(h.Name), h.First, h.Last, y.Year)), hi)
			}
			if len(h.MakeUp) > maxMakeUp {
				return at(tableErr(CodeLimit, fmt.Sprintf("holiday %s has %d make-up days, more than %d", clip(h.Name), len(h.MakeUp), maxMakeUp)), hi)
			}
			for d := h.First; !d.After(h.Last); d = d.AddDays(1) {
				if u, ok := where[d.Days()]; ok {
					return at(tableErr(CodeOverlap, fmt.Sprintf("%v of holiday %s is already in %s", d, clip(h.Name), u.holder)), hi)
				}
				where[d.Days()] = use{off: true, holder: "holiday " + clip(h.Name)}
			}
			for _, m := range h.MakeUp {
				switch {
				case !m.Valid():
					return at(tableErr(CodeDate, fmt.Sprintf("make-up day %v of holiday %s is not a calendar date", m, clip(h.Name))), hi)
				case !isWeekend(m):
					return at(tableErr(CodeMakeUp, fmt.Sprintf("make-up day %v of holiday %s is a %v, not a weekend day", m, clip(h.Name), m.Weekday())), hi)
				case !m.Before(h.First) && !m.After(h.Last):
					return at(tableErr(CodeMakeUp, fmt.Sprintf("make-up day %v is inside holiday %s", m, clip(h.Name))), hi)
				case m.Before(h.First.AddDays(-maxMakeUpGap)) || m.After(h.Last.AddDays(maxMakeUpGap)):
					return at(tableErr(CodeMakeUp, fmt.Sprintf("make-up day %v is more than %d days from holiday %s", m, maxMakeUpGap, clip(h.Name))), hi)
				}
				if u, ok := where[m.Days()]; ok {
					what := "listed twice"
					if u.off {
						what = "a day off"
					}
					return at(tableErr(CodeOverlap, fmt.Sprintf("make-up day %v of holiday %s is %s (%s)", m, clip(h.Name), what, u.holder)), hi)
				}
				where[m.Days()] = use{holder: "make-up day of holiday " + clip(h.Name)}
			}
		}
	}
	return nil
}

// checkText checks a name, version or source: set, at most max bytes of
// UTF-8, printable, with spaces only where spaces is true and never at
// either end.
func checkText(what, s string, max int, spaces bool) (err *TableError) {
	defer func() {
		if err != nil {
			err.field = what
		}
	}()
	switch {
	case s == "":
		return tableErr(CodeMissing, what+" is empty")
	case len(s) > max:
		return tableErr(CodeText, fmt.Sprintf("%s is longer than %d bytes", what, max))
	case !utf8.ValidString(s):
		return tableErr(CodeText, what+" is not UTF-8")
	case s[0] == ' ' || s[len(s)-1] == ' ':
		return tableErr(CodeText, what+" starts or ends with a space")
	}
	for _, r := range s {
		if r == ' ' && spaces {
			continue
		}
		if r == ' ' || !unicode.IsPrint(r) {
			return tableErr(CodeText, fmt.Sprintf("%s %s has the character %U", what, clip(s), r))
		}
	}
	return nil
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

// Source returns the source of a covered year's data (the notice its
// arrangement comes from), or "" for a year the table does not cover.
func (t *Table) Source(year int) string {
	if i := year - t.first; i >= 0 && i < len(t.years) {
		return t.years[i].Source
	}
	return ""
}

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

// Merge returns the table of base with the years of extra added: a year
// extra covers is answered from extra, whether base covers it or not, and
// every other year from base. The two tables must be of the same calendar
// (the same name), and together cover consecutive years: base 2025 to 2027
// merges with extra 2027 or 2028, not with 2029 alone. The result's version
// is base's version, "; ", then extra's. Merge returns a [*TableError] with
// code [CodeMerge] when the tables do not fit, or any error [NewTable] gives
// for the merged data (for example a holiday of extra overlapping one of
// base across the new year).
//
// Merge is how a service loads a year published after its release of this
// module: see [ParseTable].
func Merge(base, extra *Table) (*Table, error) {
	if base == nil || extra == nil {
		return nil, tableErr(CodeMerge, "a table to merge is nil")
	}
	if base.name != extra.name {
		err := tableErr(CodeMerge, fmt.Sprintf("table %s cannot take the years of table %s", clip(base.name), clip(extra.name)))
		err.Table = base.name
		return nil, err
	}
	byYear := map[int]Year{}
	for _, y := range base.years {
		byYear[y.Year] = y
	}
	for _, y := range extra.years {
		byYear[y.Year] = y
	}
	years := make([]Year, 0, len(byYear))
	for _, y := range byYear {
		years = append(years, y)
	}
	slices.SortFunc(years, func(a, b Year) int { return a.Year - b.Year })
	for i := 1; i < len(years); i++ {
		if years[i].Year != years[i-1].Year+1 {
			err := tableErr(CodeMerge, fmt.Sprintf("the merged years leave a gap between %d and %d", years[i-1].Year, years[i].Year))
			err.Table = base.name
			return nil, err
		}
	}
	return NewTable(base.name, base.version+"; "+extra.version, years...)
}
