package workday_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
)

// A review submitted on the last working day before the 2025 National Day
// holiday is due on the make-up Saturday of 11 October.
func ExampleDeadline() {
	shanghai := time.FixedZone("CST", 8*3600)
	submitted := time.Date(2025, 9, 30, 18, 0, 0, 0, shanghai)
	due, err := workday.Deadline(workday.ChinaMainland(), submitted, shanghai, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(due.Date, due.At.Format(time.RFC3339))
	// Output: 2025-10-11 2025-10-12T00:00:00+08:00
}

// The official calendar does not guess years the State Council has not
// published; WithFallback estimates them and says so.
func ExampleWithFallback() {
	cn := workday.ChinaMainland()
	submitted := time.Date(2027, 12, 30, 12, 0, 0, 0, time.UTC)
	_, err := workday.Deadline(cn, submitted, time.UTC, 3)
	fmt.Println(errors.Is(err, workday.ErrYearNotPublished))

	due, _ := workday.Deadline(workday.WithFallback(cn, workday.Weekends()), submitted, time.UTC, 3)
	fmt.Println(due.Date, due.Estimated)
	// Output:
	// true
	// 2028-01-04 true
}

func ExampleWeekends() {
	next, _ := workday.AddWorkingDays(workday.Weekends(), mustDate("2026-03-06"), 1)
	fmt.Println(next)
	// Output: 2026-03-09
}

func ExampleChinaMainland() {
	cal := workday.ChinaMainland()
	for _, s := range []string{"2026-02-14", "2026-02-16", "2026-02-21"} {
		ok, _ := cal.IsWorkingDay(mustDate(s))
		fmt.Println(s, ok)
	}
	// Output:
	// 2026-02-14 true
	// 2026-02-16 false
	// 2026-02-21 false
}

func mustDate(s string) certificate.Date { return d(s) }

// A company calendar with one holiday and its make-up Saturday, for the
// [Calendar] interface.
func ExampleNewTable() {
	cal, err := workday.NewTable("acme", "acme-2026-v1", workday.Year{
		Year:   2026,
		Source: "Acme staff notice 2026-01",
		Holidays: []workday.Holiday{{
			Name:   "Founders' Day",
			First:  mustDate("2026-06-01"),
			Last:   mustDate("2026-06-02"),
			MakeUp: []certificate.Date{mustDate("2026-06-06")},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Friday 29 May, then Wednesday to Friday, then the make-up Saturday.
	due, _ := workday.AddWorkingDays(cal, mustDate("2026-05-29"), 4)
	fmt.Println(due)
	// Output: 2026-06-06
}

// A day of a year the table does not cover is an error, never a guess.
func ExampleTable_IsWorkingDay() {
	cal := workday.ChinaMainland()
	ok, err := cal.IsWorkingDay(mustDate("2025-10-08"))
	fmt.Println(ok, err)
	_, err = cal.IsWorkingDay(mustDate("2031-01-02"))
	var ye *workday.YearError
	fmt.Println(errors.As(err, &ye), ye.Year)
	// Output:
	// false <nil>
	// true 2031
}

// Name, Version and Years say which published data a table holds.
func ExampleTable_Years() {
	cal := workday.ChinaMainland()
	first, last := cal.Years()
	fmt.Println(cal.Name(), first, last, cal.Version() != "")
	// Output: CN 2025 2027 true
}

// Three working days after the Friday before the 2026 Spring Festival: the
// make-up Saturday of 14 February counts, the festival week does not.
func ExampleAddWorkingDays() {
	due, err := workday.AddWorkingDays(workday.ChinaMainland(), mustDate("2026-02-13"), 3)
	fmt.Println(due, err)
	// Output: 2026-02-25 <nil>
}

// A service loads a year published after its release of this module (here
// an invented 2028, not a published notice) and merges it into the
// embedded calendar: a deadline across the new year is then exact instead of
// an error or an estimate.
func ExampleParseTable() {
	const next = `# Example data for 2028, not a published notice.
workday-table 1
name CN
version 2028: example data, not a published notice
year 2028
source example data, not a published notice
holiday 元旦 2028-01-01..2028-01-03
`
	extra, err := workday.ParseTable(strings.NewReader(next))
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, err := workday.Merge(workday.ChinaMainland(), extra)
	if err != nil {
		fmt.Println(err)
		return
	}
	first, last := cal.Years()
	fmt.Println(first, last)

	submitted := time.Date(2027, 12, 30, 10, 0, 0, 0, certificate.DefaultLocation())
	due, err := workday.Deadline(cal, submitted, nil, 3)
	fmt.Println(due.Date, due.Estimated, err)
	// Output:
	// 2025 2028
	// 2028-01-05 false <nil>
}

// A table that does not hold together is refused with a stable code and the
// line to fix.
func ExampleTableError() {
	const bad = `workday-table 1
name CN
version 2028: example data
year 2028
source example data
holiday 元旦 2028-01-01..2028-01-03 work 2028-01-05
`
	_, err := workday.ParseTable(strings.NewReader(bad))
	var te *workday.TableError
	if errors.As(err, &te) {
		fmt.Println(te.Code, te.Line, errors.Is(err, workday.ErrInvalidTable))
	}
	fmt.Println(err)
	// Output:
	// makeup 6 true
	// workday: invalid calendar table "CN", line 6, year 2028: make-up day 2028-01-05 of holiday "元旦" is a Wednesday, not a weekend day [makeup]
}

// Merge refuses years that would leave a gap: a 2029 table needs 2028 first.
func ExampleMerge() {
	extra, err := workday.ParseTable(strings.NewReader("workday-table 1\nname CN\nversion v\nyear 2029\nsource s\nholiday 元旦 2029-01-01\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = workday.Merge(workday.ChinaMainland(), extra)
	fmt.Println(err)
	// Output: workday: invalid calendar table "CN": the merged years leave a gap between 2027 and 2029 [merge]
}

// WriteTo writes a table in the format ParseTable reads: a way to start the
// file for a new year from the last one.
func ExampleTable_WriteTo() {
	cal, err := workday.NewTable("acme", "acme-2026-v1", workday.Year{
		Year:   2026,
		Source: "Acme staff notice 2026-01",
		Holidays: []workday.Holiday{{
			Name:   "Founders' Day",
			First:  mustDate("2026-06-01"),
			Last:   mustDate("2026-06-02"),
			MakeUp: []certificate.Date{mustDate("2026-06-06")},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := cal.WriteTo(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// workday-table 1
	// name acme
	// version acme-2026-v1
	//
	// year 2026
	// source Acme staff notice 2026-01
	// holiday "Founders' Day" 2026-06-01..2026-06-02 work 2026-06-06
}
