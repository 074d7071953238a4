package workday_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
)

func d(s string) certificate.Date {
	v, err := certificate.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

// Weekdays that are not working days and weekend days that are, as listed in
// the State Council notices
// 国办发明电〔2024〕12号 (2025), the notice of 2025-11-04 (2026) and the 2027
// notice (国务院办公厅关于2027年部分节假日安排的通知). These lists are
// written by hand, day by day, independently of the holiday ranges in
// china_mainland.txt.
var (
	offWeekdays = map[int][]string{
		2025: {"01-01", "01-28", "01-29", "01-30", "01-31", "02-03", "02-04", "04-04", "05-01", "05-02", "05-05", "06-02",
			"10-01", "10-02", "10-03", "10-06", "10-07", "10-08"},
		2026: {"01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "02-23", "04-06", "05-01", "05-04", "05-05",
			"06-19", "09-25", "10-01", "10-02", "10-05", "10-06", "10-07"},
		// 元旦 Fri 1 Jan; 春节 Fri 5 Feb (除夕) to Sat 13 Feb; 清明 Mon 5 Apr;
		// 劳动节 Mon 3 to Wed 5 May (1-2 May are a weekend); 端午 Wed 9 Jun
		// and 中秋 Wed 15 Sep, one day each; 国庆 Fri 1 Oct to Thu 7 Oct.
		2027: {"01-01", "02-05", "02-08", "02-09", "02-10", "02-11", "02-12", "04-05", "05-03", "05-04", "05-05",
			"06-09", "09-15", "10-01", "10-04", "10-05", "10-06", "10-07"},
	}
	makeUpDays = map[int][]string{
		2025: {"01-26", "02-08", "04-27", "09-28", "10-11"},
		2026: {"01-04", "02-14", "02-28", "05-09", "09-20", "10-10"},
		2027: {"01-31", "02-14", "05-08", "09-26", "10-09"},
	}
)

func TestChinaMainlandWholeYears(t *testing.T) {
	cal := workday.ChinaMainland()
	for year, offs := range offWeekdays {
		off := map[string]bool{}
		for _, s := range offs {
			off[s] = true
		}
		work := map[string]bool{}
		for _, s := range makeUpDays[year] {
			work[s] = true
			wd := d(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-") + s).Time(nil).Weekday()
			require.Contains(t, []time.Weekday{time.Saturday, time.Sunday}, wd, "make-up day %d-%s must be a weekend day", year, s)
		}
		for day := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() == year; day = day.AddDate(0, 0, 1) {
			key := day.Format("01-02")
			weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
			want := (!weekend && !off[key]) || work[key]
			got, err := cal.IsWorkingDay(certificate.DateOf(day))
			require.NoError(t, err)
			assert.Equal(t, want, got, "%s (%s)", day.Format("2006-01-02"), day.Weekday())
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	cn := workday.ChinaMainland()
	tests := []struct {
		reason string
		cal    workday.Calendar
		day    string
		want   bool
		err    error
	}{
		{"2025 Spring Festival eve is a day off", cn, "2025-01-28", false, nil},
		{"2025 make-up Sunday before Spring Festival", cn, "2025-01-26", true, nil},
		{"2025 make-up Saturday after Spring Festival", cn, "2025-02-08", true, nil},
		{"2025 National Day and Mid-Autumn run to 8 October", cn, "2025-10-08", false, nil},
		{"2025 make-up Saturday after National Day", cn, "2025-10-11", true, nil},
		{"2025 make-up Sunday before National Day", cn, "2025-09-28", true, nil},
		{"2026 Spring Festival starts on a Sunday", cn, "2026-02-15", false, nil},
		{"2026 Spring Festival includes Monday 23 February", cn, "2026-02-23", false, nil},
		{"2026 make-up Saturday before Spring Festival", cn, "2026-02-14", true, nil},
		{"2026 make-up Sunday before National Day", cn, "2026-09-20", true, nil},
		{"2026 Mid-Autumn Friday", cn, "2026-09-25", false, nil},
		{"an ordinary Saturday", cn, "2026-03-07", false, nil},
		{"an ordinary Wednesday", cn, "2026-03-11", true, nil},
		{"2027 New Year runs Friday to Sunday", cn, "2027-01-01", false, nil},
		{"2027 first Monday works", cn, "2027-01-04", true, nil},
		{"2027 Spring Festival eve, Friday 5 February", cn, "2027-02-05", false, nil},
		{"2027 Spring Festival runs to Saturday 13 February", cn, "2027-02-13", false, nil},
		{"2027 make-up Sunday before Spring Festival", cn, "2027-01-31", true, nil},
		{"2027 make-up Sunday after Spring Festival", cn, "2027-02-14", true, nil},
		{"2027 Qingming Monday", cn, "2027-04-05", false, nil},
		{"2027 Labour Day Wednesday 5 May", cn, "2027-05-05", false, nil},
		{"2027 make-up Saturday after Labour Day", cn, "2027-05-08", true, nil},
		{"2027 Dragon Boat is one Wednesday", cn, "2027-06-09", false, nil},
		{"2027 the day after Dragon Boat works", cn, "2027-06-10", true, nil},
		{"2027 Mid-Autumn is one Wednesday", cn, "2027-09-15", false, nil},
		{"2027 make-up Sunday before National Day", cn, "2027-09-26", true, nil},
		{"2027 National Day Thursday 7 October", cn, "2027-10-07", false, nil},
		{"2027 make-up Saturday after National Day", cn, "2027-10-09", true, nil},
		{"2028 is not published", cn, "2028-01-04", false, workday.ErrYearNotPublished},
		{"2024 is before the table", cn, "2024-12-31", false, workday.ErrYearNotPublished},
		{"weekends-only knows no holidays", workday.Weekends(), "2025-10-01", true, nil},
		{"weekends-only: make-up Saturday is still a day off", workday.Weekends(), "2025-10-11", false, nil},
		{"fallback answers 2028 with weekends", workday.WithFallback(cn, workday.Weekends()), "2028-01-04", true, nil},
		{"fallback keeps the table for 2027", workday.WithFallback(cn, workday.Weekends()), "2027-02-08", false, nil},
		{"fallback keeps the table for published years", workday.WithFallback(cn, workday.Weekends()), "2026-10-01", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			got, err := tc.cal.IsWorkingDay(d(tc.day))
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				var ye *workday.YearError
				require.True(t, errors.As(err, &ye))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDeadline(t *testing.T) {
	cn := workday.ChinaMainland()
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return v
	}
	tests := []struct {
		reason    string
		cal       workday.Calendar
		submitted string
		loc       *time.Location
		want      string
		estimated bool
	}{
		{"Monday before 2025 Spring Festival: the holiday week does not count", cn, "2025-01-27T10:00:00+08:00", shanghai, "2025-02-07", false},
		{"Friday before 2025 Spring Festival: make-up Sunday counts", cn, "2025-01-24T10:00:00+08:00", shanghai, "2025-02-05", false},
		{"Friday before 2025 National Day: make-up Sunday 28 September counts", cn, "2025-09-26T10:00:00+08:00", shanghai, "2025-09-30", false},
		{"last day before 2025 National Day: make-up Saturday 11 October is the third day", cn, "2025-09-30T18:00:00+08:00", shanghai, "2025-10-11", false},
		{"submitted during the 2025 National Day holiday", cn, "2025-10-03T09:00:00+08:00", shanghai, "2025-10-11", false},
		{"Friday before 2026 Spring Festival: make-up Saturday 14 February counts", cn, "2026-02-13T10:00:00+08:00", shanghai, "2026-02-25", false},
		{"Friday 27 February 2026: make-up Saturday 28 February counts", cn, "2026-02-27T10:00:00+08:00", shanghai, "2026-03-03", false},
		{"Friday before 2026 National Day: make-up Sunday 20 September counts", cn, "2026-09-18T10:00:00+08:00", shanghai, "2026-09-22", false},
		{"Thursday before 2026 Mid-Autumn", cn, "2026-09-24T10:00:00+08:00", shanghai, "2026-09-30", false},
		{"last day before 2026 National Day: make-up Saturday 10 October", cn, "2026-09-30T10:00:00+08:00", shanghai, "2026-10-10", false},
		{"the time zone decides the day: 01:00 in Shanghai is Friday", cn, "2025-09-25T17:00:00Z", shanghai, "2025-09-30", false},
		{"the same instant in UTC is Thursday", cn, "2025-09-25T17:00:00Z", time.UTC, "2025-09-29", false},
		{"weekends-only: a Saturday submission is due on Wednesday", workday.Weekends(), "2026-03-07T10:00:00Z", time.UTC, "2026-03-11", false},
		{"across the 2027 New Year: Thursday 31 December 2026, then Monday and Tuesday", cn, "2026-12-30T10:00:00+08:00", shanghai, "2027-01-05", false},
		{"Friday before 2027 Spring Festival: make-up Sunday 31 January counts", cn, "2027-01-29T10:00:00+08:00", shanghai, "2027-02-02", false},
		{"Thursday before 2027 Spring Festival: make-up Sunday 14 February counts", cn, "2027-02-04T10:00:00+08:00", shanghai, "2027-02-16", false},
		{"Friday 7 May 2027: make-up Saturday 8 May counts", cn, "2027-05-07T10:00:00+08:00", shanghai, "2027-05-11", false},
		{"Monday before 2027 Dragon Boat: one Wednesday off", cn, "2027-06-07T10:00:00+08:00", shanghai, "2027-06-11", false},
		{"last day before 2027 National Day: make-up Saturday 9 October", cn, "2027-09-30T10:00:00+08:00", shanghai, "2027-10-11", false},
		{"fallback into 2028 is marked as an estimate", workday.WithFallback(cn, workday.Weekends()), "2027-12-30T10:00:00+08:00", shanghai, "2028-01-04", true},
		{"fallback inside published years is exact", workday.WithFallback(cn, workday.Weekends()), "2026-12-01T10:00:00+08:00", shanghai, "2026-12-04", false},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			due, err := workday.Deadline(tc.cal, at(tc.submitted), tc.loc, 3)
			require.NoError(t, err)
			assert.Equal(t, tc.want, due.Date.String())
			assert.Equal(t, tc.estimated, due.Estimated)
			assert.True(t, due.At.Equal(d(tc.want).AddDays(1).Time(tc.loc)), "due at the end of the day: %v", due.At)
		})
	}
}

func TestDeadlineErrors(t *testing.T) {
	cn := workday.ChinaMainland()
	_, err := workday.Deadline(cn, time.Date(2027, 12, 30, 12, 0, 0, 0, time.UTC), time.UTC, 3)
	require.ErrorIs(t, err, workday.ErrYearNotPublished, "crossing into an unpublished year must not guess")

	_, err = workday.AddWorkingDays(cn, d("2026-01-05"), -1)
	require.Error(t, err, "negative counts are refused")

	got, err := workday.AddWorkingDays(cn, d("2026-01-05"), 0)
	require.NoError(t, err)
	assert.Equal(t, "2026-01-05", got.String(), "zero working days is the same day")

	never, err := workday.NewTable("never", "test", workday.Year{Year: 2025, Source: "test",
		Holidays: []workday.Holiday{{Name: "x", First: d("2025-01-01"), Last: d("2025-01-01")}}})
	require.NoError(t, err)
	_, err = workday.AddWorkingDays(alwaysOff{never}, d("2025-01-01"), 1)
	require.Error(t, err, "a calendar without working days must end, not loop")
}

type alwaysOff struct{ *workday.Table }

func (alwaysOff) IsWorkingDay(certificate.Date) (bool, error) { return false, nil }

func TestNewTableRejectsBadData(t *testing.T) {
	year := func(y int, hs ...workday.Holiday) workday.Year {
		if len(hs) == 0 {
			hs = []workday.Holiday{{Name: "x", First: certificate.Date{Year: y, Month: 3, Day: 2}, Last: certificate.Date{Year: y, Month: 3, Day: 2}}}
		}
		return workday.Year{Year: y, Source: "test", Holidays: hs}
	}
	tests := []struct {
		reason string
		years  []workday.Year
		code   workday.TableErrorCode
	}{
		{"no years", nil, workday.CodeMissing},
		{"years not consecutive", []workday.Year{year(2025), year(2027)}, workday.CodeYear},
		{"a year twice", []workday.Year{year(2025), year(2025)}, workday.CodeDuplicate},
		{"a year without holidays", []workday.Year{{Year: 2025, Source: "test"}}, workday.CodeMissing},
		{"holiday ends before it starts", []workday.Year{year(2025, workday.Holiday{Name: "x", First: d("2025-05-05"), Last: d("2025-05-01")})}, workday.CodeDate},
		{"make-up day on a weekday", []workday.Year{year(2025, workday.Holiday{Name: "x", First: d("2025-05-01"), Last: d("2025-05-05"), MakeUp: []certificate.Date{d("2025-04-28")}})}, workday.CodeMakeUp},
		{"holiday far from its year", []workday.Year{year(2025, workday.Holiday{Name: "x", First: d("2020-05-01"), Last: d("2020-05-05")})}, workday.CodeDate},
		{"holidays overlap", []workday.Year{year(2025, workday.Holiday{Name: "x", First: d("2025-05-01"), Last: d("2025-05-05")}, workday.Holiday{Name: "y", First: d("2025-05-05"), Last: d("2025-05-06")})}, workday.CodeOverlap},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := workday.NewTable("t", "v", tc.years...)
			require.ErrorIs(t, err, workday.ErrInvalidTable)
			var te *workday.TableError
			require.True(t, errors.As(err, &te))
			assert.Equal(t, tc.code, te.Code, "%v", err)
			assert.Equal(t, "t", te.Table)
		})
	}
}

func TestChinaMainlandCoverage(t *testing.T) {
	cal := workday.ChinaMainland()
	first, last := cal.Years()
	assert.Equal(t, 2025, first)
	assert.Equal(t, 2027, last)
	assert.Equal(t, workday.ChinaMainlandVersion, cal.Version())
	for year := first; year <= last; year++ {
		assert.Contains(t, cal.Source(year), fmt.Sprintf("国务院办公厅关于%d年部分节假日安排的通知", year))
	}
	assert.Contains(t, cal.Version(), "国办发明电〔2024〕12号 (2024-11-12)")
	assert.Contains(t, cal.Version(), "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)")
	assert.Contains(t, cal.Version(), "国务院办公厅关于2027年部分节假日安排的通知")
	assert.Empty(t, cal.Source(2028))
	assert.Same(t, cal, workday.ChinaMainland(), "one immutable table")
	assert.Equal(t, "CN", cal.Name())
}

func BenchmarkDeadline(b *testing.B) {
	cal := workday.ChinaMainland()
	at := time.Date(2025, 9, 30, 10, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := workday.Deadline(cal, at, time.UTC, 3); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDueJSONRoundTrip(t *testing.T) {
	submitted := time.Date(2028, 1, 4, 2, 0, 0, 0, time.UTC) // 2028 is not published: estimated
	for _, tc := range []struct {
		cal       workday.Calendar
		estimated bool
	}{{workday.Weekends(), false}, {workday.WithFallback(workday.ChinaMainland(), workday.Weekends()), true}} {
		due, err := workday.Deadline(tc.cal, submitted, certificate.DefaultLocation(), 3)
		require.NoError(t, err)
		require.Equal(t, tc.estimated, due.Estimated)
		b, err := json.Marshal(due)
		require.NoError(t, err)
		var back workday.Due
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, due.Date, back.Date)
		assert.True(t, due.At.Equal(back.At), "%s: %v, %v", b, due.At, back.At)
		assert.Equal(t, due.Estimated, back.Estimated)
		_, offset := back.At.Zone()
		assert.Equal(t, 8*3600, offset, "the offset of the zone is kept")
	}
}
