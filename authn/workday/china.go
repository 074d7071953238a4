package workday

import (
	_ "embed"
	"strings"
	"sync"
)

// ChinaMainlandVersion names the data of [ChinaMainland]: the State Council
// General Office notices on the holiday arrangements of each covered year.
// The 2027 notice's date was not read from the notice: the days come from a
// maintained calendar library released on 2026-11-06 (see
// china_mainland.txt).
const ChinaMainlandVersion = "2025-2027: 国办发明电〔2024〕12号 (2024-11-12); 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04); 国务院办公厅关于2027年部分节假日安排的通知 (published by 2026-11-06)"

// chinaMainlandText is the table of ChinaMainland, in the format of
// ParseTable.
//
//go:embed china_mainland.txt
var chinaMainlandText string

var chinaMainland = sync.OnceValue(func() *Table {
	t, err := ParseTable(strings.NewReader(chinaMainlandText))
	if err != nil || t.Version() != ChinaMainlandVersion {
		// The embedded table is fixed and checked by the tests; an error
		// here is impossible, and a calendar that knows no year is the safe
		// answer.
		return &Table{name: "CN", version: ChinaMainlandVersion}
	}
	return t
})

// ChinaMainland returns the official working-day calendar of the Chinese
// mainland for the years in its embedded table (2025 to 2027; see
// [ChinaMainlandVersion]). Other years give an error matching
// [ErrYearNotPublished]; wrap it with [WithFallback] to estimate them with
// [Weekends], or load a year published since with [ParseTable] and [Merge].
// Every call returns the same immutable table.
func ChinaMainland() *Table { return chinaMainland() }
