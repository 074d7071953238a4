package workday_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
)

func embedded(t testing.TB) string {
	b, err := os.ReadFile("china_mainland.txt")
	require.NoError(t, err)
	return string(b)
}

// withoutComments drops comments and blank lines, as WriteTo writes none.
func withoutComments(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func write(t testing.TB, tb *workday.Table) string {
	var b bytes.Buffer
	n, err := tb.WriteTo(&b)
	require.NoError(t, err)
	require.Equal(t, int64(b.Len()), n)
	return b.String()
}

// The embedded file is in the canonical form WriteTo writes, apart from
// comments, and the table ChinaMainland returns is the file's.
func TestChinaMainlandFileIsCanonical(t *testing.T) {
	text := embedded(t)
	tb, err := workday.ParseTable(strings.NewReader(text))
	require.NoError(t, err)
	assert.Equal(t, workday.ChinaMainlandVersion, tb.Version(), "the version line of china_mainland.txt is ChinaMainlandVersion")
	out := write(t, tb)
	assert.Equal(t, withoutComments(text), withoutComments(out))
	assert.Equal(t, out, write(t, workday.ChinaMainland()))

	back, err := workday.ParseTable(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, out, write(t, back), "WriteTo then ParseTable gives the same table")
}

const table2028 = `workday-table 1
name CN
version 2028: test data
year 2028
source not a published notice: test data
holiday 元旦 2028-01-01..2028-01-03
`

func TestParseTableAccepts(t *testing.T) {
	tests := []struct {
		reason string
		text   string
	}{
		{"minimal", table2028},
		{"comments, blank lines, tabs and CRLF", "# a comment\r\n\r\n  workday-table\t1\r\nname CN\r\n\t# indented comment\r\nversion  v 1 \r\nyear 2028\r\nsource s\r\nholiday\t元旦\t2028-01-01..2028-01-03\r\n"},
		{"a byte order mark", "\uFEFF" + table2028},
		{"no final newline", strings.TrimSuffix(table2028, "\n")},
		{"a quoted name with spaces", strings.Replace(table2028, "元旦", `"New Year's Day"`, 1)},
		{"a quoted name with escapes", strings.Replace(table2028, "元旦", `"\u5143\u65e6 day"`, 1)},
		{"a name that is not Chinese", strings.Replace(table2028, "元旦", "NewYear", 1)},
		{"a one-day holiday and make-up days", table2028 + "holiday 春节 2028-01-25..2028-02-01 work 2028-01-23 2028-02-05\nholiday x 2028-06-07\n"},
		{"New Year from December", strings.Replace(table2028, "2028-01-01..2028-01-03", "2027-12-31..2028-01-01", 1)},
		{"two years", table2028 + "year 2029\nsource s\nholiday 元旦 2029-01-01\n"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			tb, err := workday.ParseTable(strings.NewReader(tc.text))
			require.NoError(t, err)
			assert.Equal(t, "CN", tb.Name())
			back, err := workday.ParseTable(strings.NewReader(write(t, tb)))
			require.NoError(t, err, write(t, tb))
			assert.Equal(t, write(t, tb), write(t, back))
		})
	}

	tb, err := workday.ParseTable(strings.NewReader(tests[1].text))
	require.NoError(t, err)
	assert.Equal(t, "v 1", tb.Version(), "the version is the rest of the line, trimmed")
	assert.Equal(t, "s", tb.Source(2028))
	tb, err = workday.ParseTable(strings.NewReader(tests[4].text))
	require.NoError(t, err)
	assert.Contains(t, write(t, tb), `holiday "New Year's Day" 2028-01-01..2028-01-03`, "a name with spaces is written quoted")
}

func TestParseTableRejects(t *testing.T) {
	long := strings.Repeat("x", 3000)
	tests := []struct {
		reason string
		text   string
		code   workday.TableErrorCode
		line   int
	}{
		{"empty", "", workday.CodeHeader, 0},
		{"only comments", "# nothing\n\n", workday.CodeHeader, 0},
		{"no header", "name CN\n", workday.CodeHeader, 1},
		{"another format version", "workday-table 2\n", workday.CodeHeader, 1},
		{"a second header", "workday-table 1\nworkday-table 1\n", workday.CodeDuplicate, 2},
		{"no name", "workday-table 1\nversion v\nyear 2028\nsource s\nholiday a 2028-01-01\n", workday.CodeMissing, 0},
		{"no version", "workday-table 1\nname CN\nyear 2028\nsource s\nholiday a 2028-01-01\n", workday.CodeMissing, 0},
		{"no years", "workday-table 1\nname CN\nversion v\n", workday.CodeMissing, 0},
		{"a name with two fields", strings.Replace(table2028, "name CN", "name C N", 1), workday.CodeSyntax, 2},
		{"a name with no field", strings.Replace(table2028, "name CN", "name", 1), workday.CodeSyntax, 2},
		{"two names", strings.Replace(table2028, "name CN", "name CN\nname CN", 1), workday.CodeDuplicate, 3},
		{"two versions", strings.Replace(table2028, "version 2028: test data", "version a\nversion b", 1), workday.CodeDuplicate, 4},
		{"an empty version", strings.Replace(table2028, "version 2028: test data", "version", 1), workday.CodeMissing, 3},
		{"a name after a year", table2028 + "name CN\n", workday.CodeSyntax, 7},
		{"a version after a year", table2028 + "version v\n", workday.CodeSyntax, 7},
		{"unknown keyword", table2028 + "holidays x 2028-05-01\n", workday.CodeSyntax, 7},
		{"a source before a year", strings.Replace(table2028, "year 2028\n", "source x\nyear 2028\n", 1), workday.CodeSyntax, 4},
		{"a holiday before a year", strings.Replace(table2028, "year 2028\n", "holiday a 2028-05-01\nyear 2028\n", 1), workday.CodeSyntax, 4},
		{"a year without a source", strings.Replace(table2028, "source not a published notice: test data\n", "", 1), workday.CodeMissing, 4},
		{"two sources", strings.Replace(table2028, "source ", "source a\nsource ", 1), workday.CodeDuplicate, 6},
		{"an empty source", strings.Replace(table2028, "source not a published notice: test data", "source", 1), workday.CodeMissing, 5},
		{"a year without holidays", strings.Replace(table2028, "holiday 元旦 2028-01-01..2028-01-03\n", "", 1), workday.CodeMissing, 4},
		{"a year of two digits", strings.Replace(table2028, "year 2028", "year 28", 1), workday.CodeYear, 4},
		{"a year with a sign", strings.Replace(table2028, "year 2028", "year +028", 1), workday.CodeYear, 4},
		{"a year out of range", "workday-table 1\nname CN\nversion v\nyear 2200\nsource s\nholiday a 2200-01-01\n", workday.CodeYear, 4},
		{"a year twice", table2028 + "year 2028\n", workday.CodeDuplicate, 7},
		{"years backwards", table2028 + "year 2027\n", workday.CodeYear, 7},
		{"a gap between years", table2028 + "year 2030\nsource s\nholiday a 2030-01-01\n", workday.CodeYear, 7},
		{"a holiday without days", table2028 + "holiday 清明节\n", workday.CodeSyntax, 7},
		{"a holiday without a name", table2028 + "holiday 2028-04-01\n", workday.CodeSyntax, 7},
		{"an unclosed quoted name", table2028 + "holiday \"a b 2028-04-01\n", workday.CodeSyntax, 7},
		{"a quoted name run into the days", table2028 + "holiday \"a b\"2028-04-01\n", workday.CodeSyntax, 7},
		{"a quoted name with a control character", table2028 + "holiday \"a\\tb\" 2028-04-01\n", workday.CodeText, 7},
		{"an empty quoted name", table2028 + "holiday \"\" 2028-04-01\n", workday.CodeSyntax, 7},
		{"not a date", table2028 + "holiday 清明节 2028-04-31\n", workday.CodeDate, 7},
		{"a date with a short year", table2028 + "holiday 清明节 28-04-03\n", workday.CodeDate, 7},
		{"an open range", table2028 + "holiday 清明节 2028-04-03..\n", workday.CodeDate, 7},
		{"a three-dot range", table2028 + "holiday 清明节 2028-04-03...2028-04-05\n", workday.CodeDate, 7},
		{"a reversed range", table2028 + "holiday 清明节 2028-04-05..2028-04-03\n", workday.CodeDate, 7},
		{"a holiday of 33 days", table2028 + "holiday x 2028-04-01..2028-05-03\n", workday.CodeDate, 7},
		{"a holiday of another year", table2028 + "holiday x 2029-04-01\n", workday.CodeDate, 7},
		{"a holiday wholly in the year before", table2028 + "holiday x 2027-12-01\n", workday.CodeDate, 7},
		{"something else than work", table2028 + "holiday x 2028-04-03 play 2028-04-08\n", workday.CodeSyntax, 7},
		{"work and no days", table2028 + "holiday x 2028-04-03 work\n", workday.CodeSyntax, 7},
		{"a make-up day that is no date", table2028 + "holiday x 2028-04-03 work 2028-02-30\n", workday.CodeDate, 7},
		{"a make-up day on a weekday", table2028 + "holiday x 2028-04-03 work 2028-04-05\n", workday.CodeMakeUp, 7},
		{"a make-up day inside its holiday", table2028 + "holiday x 2028-04-01..2028-04-03 work 2028-04-02\n", workday.CodeMakeUp, 7},
		{"a make-up day far away", table2028 + "holiday x 2028-04-03 work 2028-06-03\n", workday.CodeMakeUp, 7},
		{"a make-up day listed twice", table2028 + "holiday x 2028-04-03 work 2028-04-08 2028-04-08\n", workday.CodeOverlap, 7},
		{"overlapping holidays", table2028 + "holiday x 2027-12-31..2028-01-01\n", workday.CodeOverlap, 7},
		{"a make-up day another holiday takes off", table2028 + "holiday x 2028-04-03 work 2028-04-08\nholiday y 2028-04-08..2028-04-10\n", workday.CodeOverlap, 8},
		{"a day off another holiday works", table2028 + "holiday x 2028-04-08..2028-04-10\nholiday y 2028-04-03 work 2028-04-08\n", workday.CodeOverlap, 8},
		{"nine make-up days", table2028 + "holiday x 2028-04-12 work 2028-04-01 2028-04-02 2028-04-08 2028-04-09 2028-04-15 2028-04-16 2028-04-22 2028-04-23 2028-04-29\n", workday.CodeLimit, 7},
		{"seventeen holidays", table2028 + strings.Repeat("holiday x 2028-03-01\n", 16), workday.CodeLimit, 22},
		{"not UTF-8", table2028 + "holiday \xff 2028-04-03\n", workday.CodeEncoding, 7},
		{"a NUL byte", table2028 + "holiday x\x00 2028-04-03\n", workday.CodeEncoding, 7},
		{"a lone carriage return", table2028 + "holiday x 2028-04-03\rholiday y 2028-04-05\n", workday.CodeEncoding, 7},
		{"a C1 control character", table2028 + "holiday x\u0085 2028-04-03\n", workday.CodeEncoding, 7},
		{"a version with an invisible character", strings.Replace(table2028, "test data", "test\u200bdata", 1), workday.CodeText, 3},
		{"a name too long", strings.Replace(table2028, "name CN", "name "+strings.Repeat("N", 65), 1), workday.CodeText, 2},
		{"a source too long", strings.Replace(table2028, "source not", "source "+strings.Repeat("s", 1100), 1), workday.CodeText, 5},
		{"a line too long", table2028 + "# " + long + "\n", workday.CodeTooLarge, 7},
		{"input too large", table2028 + strings.Repeat("# "+strings.Repeat("x", 1000)+"\n", 70), workday.CodeTooLarge, 0},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			tb, err := workday.ParseTable(strings.NewReader(tc.text))
			require.Error(t, err)
			assert.Nil(t, tb)
			require.ErrorIs(t, err, workday.ErrInvalidTable)
			var te *workday.TableError
			require.True(t, errors.As(err, &te), "%T", err)
			assert.Equal(t, tc.code, te.Code, "%v", err)
			assert.Equal(t, tc.line, te.Line, "%v", err)
			assert.Contains(t, err.Error(), "["+string(tc.code)+"]")
			assert.Less(t, len(err.Error()), 400, "the message is bounded")
		})
	}
}

func TestParseTableReader(t *testing.T) {
	_, err := workday.ParseTable(nil)
	require.Error(t, err)

	boom := errors.New("boom")
	_, err = workday.ParseTable(iotest.ErrReader(boom))
	require.ErrorIs(t, err, boom)
	assert.NotErrorIs(t, err, workday.ErrInvalidTable, "a failing reader is no invalid table")

	// The reader is not read past the limit.
	r := &countingReader{r: io.MultiReader(strings.NewReader(table2028), endless{})}
	_, err = workday.ParseTable(r)
	require.ErrorIs(t, err, workday.ErrInvalidTable)
	assert.LessOrEqual(t, r.n, int64(64<<10+4096))
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	return len(p), nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestNewTableErrors(t *testing.T) {
	ok := workday.Year{Year: 2028, Source: "s", Holidays: []workday.Holiday{{Name: "x", First: d("2028-01-03"), Last: d("2028-01-03")}}}
	tests := []struct {
		reason string
		name   string
		years  []workday.Year
		code   workday.TableErrorCode
	}{
		{"an empty name", "", []workday.Year{ok}, workday.CodeMissing},
		{"a name with a space", "C N", []workday.Year{ok}, workday.CodeText},
		{"a name with a newline", "CN\n", []workday.Year{ok}, workday.CodeText},
		{"no source", "CN", []workday.Year{{Year: 2028, Holidays: ok.Holidays}}, workday.CodeMissing},
		{"a source with a newline", "CN", []workday.Year{{Year: 2028, Source: "a\nb", Holidays: ok.Holidays}}, workday.CodeText},
		{"a holiday name with a trailing space", "CN", []workday.Year{{Year: 2028, Source: "s", Holidays: []workday.Holiday{{Name: "x ", First: d("2028-01-03"), Last: d("2028-01-03")}}}}, workday.CodeText},
		{"a zero date", "CN", []workday.Year{{Year: 2028, Source: "s", Holidays: []workday.Holiday{{Name: "x", Last: d("2028-01-03")}}}}, workday.CodeDate},
		{"65 years", "CN", func() []workday.Year {
			var ys []workday.Year
			for y := 1950; y < 1950+65; y++ {
				ys = append(ys, workday.Year{Year: y, Source: "s", Holidays: []workday.Holiday{{Name: "x", First: certificate.Date{Year: y, Month: 3, Day: 1}, Last: certificate.Date{Year: y, Month: 3, Day: 1}}}})
			}
			return ys
		}(), workday.CodeLimit},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := workday.NewTable(tc.name, "v", tc.years...)
			var te *workday.TableError
			require.True(t, errors.As(err, &te), "%v", err)
			assert.Equal(t, tc.code, te.Code, "%v", err)
			assert.Zero(t, te.Line)
		})
	}
	_, err := workday.NewTable("CN", "", ok)
	require.ErrorIs(t, err, workday.ErrInvalidTable, "a table names its version")
}

// NewTable keeps its own copy: changing the years afterwards changes nothing.
func TestNewTableCopies(t *testing.T) {
	y := workday.Year{Year: 2028, Source: "s", Holidays: []workday.Holiday{{Name: "x", First: d("2028-01-03"), Last: d("2028-01-03"), MakeUp: []certificate.Date{d("2028-01-08")}}}}
	tb, err := workday.NewTable("CN", "v", y)
	require.NoError(t, err)
	before := write(t, tb)
	y.Holidays[0].MakeUp[0] = d("2028-01-09")
	y.Holidays[0].Name = "changed"
	assert.Equal(t, before, write(t, tb))
}

func load(t testing.TB, text string) *workday.Table {
	tb, err := workday.ParseTable(strings.NewReader(text))
	require.NoError(t, err)
	return tb
}

func TestMerge(t *testing.T) {
	cn := workday.ChinaMainland()
	extra := load(t, table2028)
	merged, err := workday.Merge(cn, extra)
	require.NoError(t, err)
	first, last := merged.Years()
	assert.Equal(t, 2025, first)
	assert.Equal(t, 2028, last)
	assert.Equal(t, "CN", merged.Name())
	assert.Equal(t, workday.ChinaMainlandVersion+"; 2028: test data", merged.Version())
	assert.Equal(t, cn.Source(2027), merged.Source(2027))
	assert.Equal(t, "not a published notice: test data", merged.Source(2028))

	// Every embedded day answers as before; 2028 answers from the loaded year.
	for day := d("2025-01-01"); day.Year <= 2027; day = day.AddDays(1) {
		want, err := cn.IsWorkingDay(day)
		require.NoError(t, err)
		got, err := merged.IsWorkingDay(day)
		require.NoError(t, err)
		require.Equal(t, want, got, "%v", day)
	}
	ok, err := merged.IsWorkingDay(d("2028-01-03"))
	require.NoError(t, err)
	assert.False(t, ok, "Monday 3 January 2028 is in the loaded New Year holiday")
	_, err = merged.IsWorkingDay(d("2029-01-02"))
	require.ErrorIs(t, err, workday.ErrYearNotPublished)

	// A deadline across the new year is exact with the loaded year, an
	// estimate without it.
	at := time.Date(2027, 12, 30, 10, 0, 0, 0, certificate.DefaultLocation())
	due, err := workday.Deadline(workday.WithFallback(merged, workday.Weekends()), at, nil, 3)
	require.NoError(t, err)
	assert.Equal(t, "2028-01-05", due.Date.String())
	assert.False(t, due.Estimated)
	due, err = workday.Deadline(workday.WithFallback(cn, workday.Weekends()), at, nil, 3)
	require.NoError(t, err)
	assert.Equal(t, "2028-01-04", due.Date.String())
	assert.True(t, due.Estimated)

	// The merged table writes and reads back.
	back := load(t, write(t, merged))
	assert.Equal(t, write(t, merged), write(t, back))

	// ChinaMainland is unchanged.
	_, last = cn.Years()
	assert.Equal(t, 2027, last)
}

func TestMergeOverridesAYear(t *testing.T) {
	corrected := load(t, `workday-table 1
name CN
version 2027 corrected: test data
year 2027
source test data
holiday 元旦 2027-01-01..2027-01-04
`)
	merged, err := workday.Merge(workday.ChinaMainland(), corrected)
	require.NoError(t, err)
	first, last := merged.Years()
	assert.Equal(t, [2]int{2025, 2027}, [2]int{first, last})
	assert.Equal(t, "test data", merged.Source(2027))
	ok, err := merged.IsWorkingDay(d("2027-01-04"))
	require.NoError(t, err)
	assert.False(t, ok)
	ok, err = merged.IsWorkingDay(d("2027-02-08"))
	require.NoError(t, err)
	assert.True(t, ok, "the loaded 2027 replaces the embedded one whole")
}

func TestMergeRejects(t *testing.T) {
	cn := workday.ChinaMainland()
	tests := []struct {
		reason      string
		base, extra *workday.Table
		code        workday.TableErrorCode
	}{
		{"nil base", nil, cn, workday.CodeMerge},
		{"nil extra", cn, nil, workday.CodeMerge},
		{"another calendar", cn, load(t, strings.Replace(table2028, "name CN", "name acme", 1)), workday.CodeMerge},
		{"a gap", cn, load(t, strings.ReplaceAll(table2028, "2028", "2029")), workday.CodeMerge},
		{"a holiday overlapping across the new year", load(t, table2028+"holiday x 2028-12-30..2028-12-31\n"), load(t, "workday-table 1\nname CN\nversion v\nyear 2029\nsource s\nholiday 元旦 2028-12-31..2029-01-01\n"), workday.CodeOverlap},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := workday.Merge(tc.base, tc.extra)
			require.ErrorIs(t, err, workday.ErrInvalidTable)
			var te *workday.TableError
			require.True(t, errors.As(err, &te))
			assert.Equal(t, tc.code, te.Code, "%v", err)
		})
	}
}

func FuzzParseTable(f *testing.F) {
	f.Add(embedded(f))
	f.Add(table2028)
	f.Add(table2028 + "holiday \"New Year's Day\" 2028-04-03..2028-04-05 work 2028-04-08\n")
	f.Add("workday-table 1\r\nname CN\r\nversion v\r\nyear 2028\r\nsource s\r\nholiday a 2027-12-31..2028-01-01 work 2028-01-08\r\n")
	f.Add("workday-table 1\nname CN\nversion v\nyear 2199\nsource s\nholiday a 2199-12-31\n")
	f.Add("workday-table 1\nname CN\nversion v\nyear 2028\nsource s\nholiday \"\\u00\" 2028-01-01\n")
	f.Add("\uFEFFworkday-table 1\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		tb, err := workday.ParseTable(strings.NewReader(text))
		if err != nil {
			require.Nil(t, tb)
			var te *workday.TableError
			require.True(t, errors.As(err, &te), "%T %v", err, err)
			require.Contains(t, []workday.TableErrorCode{workday.CodeTooLarge, workday.CodeEncoding, workday.CodeHeader, workday.CodeSyntax,
				workday.CodeMissing, workday.CodeDuplicate, workday.CodeText, workday.CodeYear, workday.CodeDate, workday.CodeMakeUp,
				workday.CodeOverlap, workday.CodeLimit}, te.Code)
			require.Less(t, len(err.Error()), 1024)
			return
		}
		first, last := tb.Years()
		require.LessOrEqual(t, first, last)
		require.LessOrEqual(t, last-first, 63)
		for y := first; y <= last; y++ {
			require.NotEmpty(t, tb.Source(y))
		}
		// Every day of the covered years answers; the days around them do
		// not.
		for day := (certificate.Date{Year: first, Month: 1, Day: 1}); day.Year <= last; day = day.AddDays(1) {
			_, err := tb.IsWorkingDay(day)
			require.NoError(t, err)
		}
		_, err = tb.IsWorkingDay(certificate.Date{Year: last + 1, Month: 1, Day: 1})
		require.ErrorIs(t, err, workday.ErrYearNotPublished)
		// It writes, and reads back the same.
		out := write(t, tb)
		back, err := workday.ParseTable(strings.NewReader(out))
		require.NoError(t, err, out)
		require.Equal(t, out, write(t, back))
	})
}
