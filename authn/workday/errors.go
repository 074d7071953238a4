package workday

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// ErrInvalidTable is matched by every [*TableError]: the error [NewTable],
// [ParseTable] and [Merge] return for data that is not a valid calendar
// table.
var ErrInvalidTable = errors.New("workday: invalid calendar table")

// TableErrorCode says what kind of fault a [*TableError] is. The codes are
// stable, for logs and alerts. They name faults of calendar data, met by an
// operator loading a table, not violations of an application: no message
// catalogue translates them.
type TableErrorCode string

// The codes of a [*TableError].
const (
	// The input of ParseTable is larger than 64 KiB, or a line is longer
	// than 2 KiB.
	CodeTooLarge TableErrorCode = "too_large"
	// The input is not UTF-8, or has a control character other than a tab.
	CodeEncoding TableErrorCode = "encoding"
	// The first line is not "workday-table 1".
	CodeHeader TableErrorCode = "header"
	// A line does not follow the format: unknown keyword, missing or extra
	// field, a keyword out of place.
	CodeSyntax TableErrorCode = "syntax"
	// A required line or value is absent: name, version, a year's source,
	// a year's holidays, any year at all.
	CodeMissing TableErrorCode = "missing"
	// A line that may appear once appears again.
	CodeDuplicate TableErrorCode = "duplicate"
	// A name, version or source is empty, too long or not printable.
	CodeText TableErrorCode = "text"
	// A year is out of range (1900 to 2199) or the years are not
	// consecutive and increasing.
	CodeYear TableErrorCode = "year"
	// A date is not a calendar date, or a holiday's range is reversed,
	// longer than 32 days, or does not reach into its year.
	CodeDate TableErrorCode = "date"
	// A make-up working day is not a Saturday or Sunday, lies inside its
	// holiday, or is more than 31 days away from it.
	CodeMakeUp TableErrorCode = "makeup"
	// Two holidays share a day, a make-up day is also a day off, or a
	// make-up day is listed twice.
	CodeOverlap TableErrorCode = "overlap"
	// Too many years (64), holidays in a year (16) or make-up days of a
	// holiday (8).
	CodeLimit TableErrorCode = "limit"
	// Merge was given tables of different calendars, a nil table, or
	// tables whose years would leave a gap.
	CodeMerge TableErrorCode = "merge"
)

// TableError says why data is not a valid calendar table. It matches
// [ErrInvalidTable].
type TableError struct {
	Code   TableErrorCode // for example CodeDate, "date"
	Table  string         // the table's name, when known
	Line   int            // 1-based line of ParseTable's input; 0 when not from a line
	Year   int            // the year concerned; 0 when none
	Detail string         // what was wrong

	// The year and holiday indexes of the validated data (-1: none) and
	// the text checked, for ParseTable to find the line.
	yi, hi int
	field  string
}

func tableErr(code TableErrorCode, detail string) *TableError {
	return &TableError{Code: code, Detail: detail, yi: -1, hi: -1}
}

// Error returns a message naming the table, line, year and code.
func (e *TableError) Error() string {
	msg := "workday: invalid calendar table"
	if e.Table != "" {
		msg += " " + strconv.Quote(e.Table)
	}
	if e.Line > 0 {
		msg += fmt.Sprintf(", line %d", e.Line)
	}
	if e.Year != 0 {
		msg += fmt.Sprintf(", year %d", e.Year)
	}
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg + " [" + string(e.Code) + "]"
}

// Unwrap returns [ErrInvalidTable].
func (e *TableError) Unwrap() error { return ErrInvalidTable }

// clip bounds text from the input that an error message repeats.
func clip(s string) string {
	const n = 32
	if len(s) <= n {
		return strconv.Quote(s)
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strconv.Quote(s[:i]) + "…"
}
