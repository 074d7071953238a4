package workday_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
)

// TestChinaMainlandAgreesWithLunarGo checks every day of the embedded years
// against the State Council arrangements as carried by
// github.com/6tail/lunar-go (HolidayUtil), a maintained Chinese calendar
// library kept apart from this package's data. lunar-go is a test-only
// dependency: no file of the package imports it, so the module's users do
// not link it.
func TestChinaMainlandAgreesWithLunarGo(t *testing.T) {
	cal := workday.ChinaMainland()
	for _, year := range []int{2025, 2026, 2027} {
		require.NotZero(t, HolidayUtil.GetHolidaysByYear(year).Len(), "lunar-go has no data for %d", year)
		days, differ := 0, 0
		for day := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() == year; day = day.AddDate(0, 0, 1) {
			days++
			want := day.Weekday() != time.Saturday && day.Weekday() != time.Sunday
			why := "weekday rule"
			if h := HolidayUtil.GetHolidayByYmd(year, int(day.Month()), day.Day()); h != nil {
				want = h.IsWork()
				why = fmt.Sprintf("lunar-go: %v", h)
			}
			got, err := cal.IsWorkingDay(certificate.DateOf(day))
			require.NoError(t, err)
			if !assert.Equal(t, want, got, "%s (%s), %s", day.Format("2006-01-02"), day.Weekday(), why) {
				differ++
			}
		}
		assert.Equal(t, time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).YearDay(), days)
		assert.Zero(t, differ, "%d days of %d differ", differ, year)
	}
}
