package workday

import (
	"time"

	"github.com/realname-go/realname/certificate"
)

// ChinaMainlandVersion names the data of [ChinaMainland]: the State Council
// General Office notices on the holiday arrangements of each covered year.
const ChinaMainlandVersion = "2025-2026: 国办发明电〔2024〕12号 (2024-11-12); 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)"

// ChinaMainland returns the official working-day calendar of the Chinese
// mainland for the years in its table (2025 and 2026; see
// [ChinaMainlandVersion]). Other years give an error matching
// [ErrYearNotPublished]; wrap it with [WithFallback] to estimate them with
// [Weekends].
func ChinaMainland() *Table {
	t, err := NewTable("CN", ChinaMainlandVersion, chinaYears()...)
	if err != nil {
		// The table below is fixed and checked by the tests; an error here is
		// impossible, and a calendar that knows no year is the safe answer.
		return &Table{name: "CN", version: ChinaMainlandVersion}
	}
	return t
}

func day(y int, m time.Month, d int) certificate.Date {
	return certificate.Date{Year: y, Month: m, Day: d}
}

// chinaYears is the arrangement of each published year, as announced.
func chinaYears() []Year {
	return []Year{
		{
			Year:   2025,
			Source: "国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024-11-12",
			Holidays: []Holiday{
				{Name: "元旦", First: day(2025, 1, 1), Last: day(2025, 1, 1)},
				{Name: "春节", First: day(2025, 1, 28), Last: day(2025, 2, 4), MakeUp: []certificate.Date{day(2025, 1, 26), day(2025, 2, 8)}},
				{Name: "清明节", First: day(2025, 4, 4), Last: day(2025, 4, 6)},
				{Name: "劳动节", First: day(2025, 5, 1), Last: day(2025, 5, 5), MakeUp: []certificate.Date{day(2025, 4, 27)}},
				{Name: "端午节", First: day(2025, 5, 31), Last: day(2025, 6, 2)},
				{Name: "国庆节、中秋节", First: day(2025, 10, 1), Last: day(2025, 10, 8), MakeUp: []certificate.Date{day(2025, 9, 28), day(2025, 10, 11)}},
			},
		},
		{
			Year:   2026,
			Source: "国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04",
			Holidays: []Holiday{
				{Name: "元旦", First: day(2026, 1, 1), Last: day(2026, 1, 3), MakeUp: []certificate.Date{day(2026, 1, 4)}},
				{Name: "春节", First: day(2026, 2, 15), Last: day(2026, 2, 23), MakeUp: []certificate.Date{day(2026, 2, 14), day(2026, 2, 28)}},
				{Name: "清明节", First: day(2026, 4, 4), Last: day(2026, 4, 6)},
				{Name: "劳动节", First: day(2026, 5, 1), Last: day(2026, 5, 5), MakeUp: []certificate.Date{day(2026, 5, 9)}},
				{Name: "端午节", First: day(2026, 6, 19), Last: day(2026, 6, 21)},
				{Name: "中秋节", First: day(2026, 9, 25), Last: day(2026, 9, 27)},
				{Name: "国庆节", First: day(2026, 10, 1), Last: day(2026, 10, 7), MakeUp: []certificate.Date{day(2026, 9, 20), day(2026, 10, 10)}},
			},
		},
	}
}
