package workday_test

import (
	"errors"
	"fmt"
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
	submitted := time.Date(2026, 12, 30, 12, 0, 0, 0, time.UTC)
	_, err := workday.Deadline(cn, submitted, time.UTC, 3)
	fmt.Println(errors.Is(err, workday.ErrYearNotPublished))

	due, _ := workday.Deadline(workday.WithFallback(cn, workday.Weekends()), submitted, time.UTC, 3)
	fmt.Println(due.Date, due.Estimated)
	// Output:
	// true
	// 2027-01-04 true
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
	// Output: CN 2025 2026 true
}

// Three working days after the Friday before the 2026 Spring Festival: the
// make-up Saturday of 14 February counts, the festival week does not.
func ExampleAddWorkingDays() {
	due, err := workday.AddWorkingDays(workday.ChinaMainland(), mustDate("2026-02-13"), 3)
	fmt.Println(due, err)
	// Output: 2026-02-25 <nil>
}
