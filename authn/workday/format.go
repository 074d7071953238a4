package workday

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/realname-go/realname/certificate"
)

// Bounds of ParseTable's input.
const (
	maxTableSize = 64 << 10
	maxLine      = 2 << 10
)

const header = "workday-table 1"

// ParseTable reads a calendar table in the text format below and builds it
// with [NewTable]. It is how a service loads a year the State Council
// published after the service's release of this module: write the year in
// this format from the notice, read it at start-up, and [Merge] it into
// [ChinaMainland]. Every embedded year of ChinaMainland is itself read from
// such a file, and [Table.WriteTo] writes a table back in it.
//
// The format is UTF-8 text, one statement per line. Blank lines, and lines
// whose first character other than spaces and tabs is '#', are ignored;
// there are no comments at the end of a line. Fields are separated by spaces
// or tabs; a line may end in CRLF.
//
//	workday-table 1
//	name CN
//	version 2028: 国务院办公厅关于2028年部分节假日安排的通知 (YYYY-MM-DD)
//
//	year 2028
//	source 国务院办公厅关于2028年部分节假日安排的通知, YYYY-MM-DD
//	holiday 元旦 2028-01-01
//	holiday 春节 2028-01-25..2028-02-01 work 2028-01-23 2028-02-05
//
// The first line is the header "workday-table 1". Then, once each and before
// the first year: "name" and the table's name (one field), "version" and the
// data's version (the rest of the line). Then, for each year in increasing
// order: "year" and the year (four digits), "source" and the notice the year
// comes from (the rest of the line), and one "holiday" line per holiday: its
// name (one field, or a Go double-quoted string when it has spaces), its
// days as YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (inclusive), then optionally
// "work" and its make-up working days. The data must satisfy every rule of
// [NewTable].
//
// ParseTable reads at most 64 KiB, with lines of at most 2 KiB. Invalid data
// gives a [*TableError] (matching [ErrInvalidTable]) with a stable code and
// the line concerned; a failure of r is returned wrapped. ParseTable does not
// panic on any input.
func ParseTable(r io.Reader) (*Table, error) {
	if r == nil {
		return nil, errors.New("workday: ParseTable: nil reader")
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTableSize+1))
	if err != nil {
		return nil, fmt.Errorf("workday: reading a calendar table: %w", err)
	}
	if len(b) > maxTableSize {
		return nil, tableErr(CodeTooLarge, fmt.Sprintf("the input is larger than %d bytes", maxTableSize))
	}
	p := &parser{}
	t, perr := p.parse(b)
	if perr != nil {
		perr.Table = p.name
		return nil, perr
	}
	return t, nil
}

type parser struct {
	name, version         string
	nameLine, versionLine int
	years                 []Year
	yearLines             []int   // line of each year
	sourceLines           []int   // line of each year's source, 0 when absent
	holidayLines          [][]int // line of each holiday
}

func (p *parser) parse(b []byte) (*Table, *TableError) {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 4096), maxLine+2)
	n := 0
	seenHeader := false
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if err := checkLine(line); err != nil {
			err.Line = n
			return nil, err
		}
		line = strings.Trim(line, " \t")
		if line == "" || line[0] == '#' {
			continue
		}
		if !seenHeader {
			if strings.Join(fields(line), " ") != header {
				return nil, &TableError{Code: CodeHeader, Line: n, Detail: fmt.Sprintf("the first line is %s, not %q", clip(line), header), yi: -1, hi: -1}
			}
			seenHeader = true
			continue
		}
		if err := p.statement(line, n); err != nil {
			err.Line = n
			return nil, err
		}
		if len(p.years) > maxYears {
			return nil, &TableError{Code: CodeLimit, Line: n, Detail: fmt.Sprintf("more than %d years", maxYears), yi: -1, hi: -1}
		}
	}
	if sc.Err() != nil {
		// The only error of a scanner over bytes: a line over the limit.
		return nil, &TableError{Code: CodeTooLarge, Line: n + 1, Detail: fmt.Sprintf("a line is longer than %d bytes", maxLine), yi: -1, hi: -1}
	}
	switch {
	case !seenHeader:
		return nil, tableErr(CodeHeader, fmt.Sprintf("there is no %q line", header))
	case p.nameLine == 0:
		return nil, tableErr(CodeMissing, "there is no name line")
	case p.versionLine == 0:
		return nil, tableErr(CodeMissing, "there is no version line")
	}
	for i, y := range p.years {
		if p.sourceLines[i] == 0 {
			return nil, &TableError{Code: CodeMissing, Line: p.yearLines[i], Year: y.Year, Detail: "the year has no source line", yi: -1, hi: -1}
		}
	}
	t, err := newTable(p.name, p.version, p.years)
	if err != nil {
		err.Line = p.lineOf(err)
		return nil, err
	}
	return t, nil
}

// lineOf finds the line of the data an error of validate is about.
func (p *parser) lineOf(err *TableError) int {
	switch {
	case err.yi >= 0 && err.hi >= 0:
		return p.holidayLines[err.yi][err.hi]
	case err.yi >= 0 && err.Code == CodeText:
		return p.sourceLines[err.yi]
	case err.yi >= 0:
		return p.yearLines[err.yi]
	case err.field == "version":
		return p.versionLine
	case err.field == "table name":
		return p.nameLine
	}
	return 0
}

// checkLine refuses a line over the limit, not UTF-8, or with a control
// character other than a tab.
func checkLine(line string) *TableError {
	if len(line) > maxLine {
		return tableErr(CodeTooLarge, fmt.Sprintf("the line is longer than %d bytes", maxLine))
	}
	if !utf8.ValidString(line) {
		return tableErr(CodeEncoding, "the line is not UTF-8")
	}
	for _, r := range line {
		if r != '\t' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
			return tableErr(CodeEncoding, fmt.Sprintf("the line has the control character %U", r))
		}
	}
	return nil
}

func isBlank(r rune) bool { return r == ' ' || r == '\t' }

func fields(s string) []string { return strings.FieldsFunc(s, isBlank) }

// cut splits a line into its keyword and the rest, trimmed.
func cut(line string) (keyword, rest string) {
	i := strings.IndexFunc(line, isBlank)
	if i < 0 {
		return line, ""
	}
	return line[:i], strings.Trim(line[i:], " \t")
}

func syntaxErr(format string, a ...any) *TableError {
	return tableErr(CodeSyntax, fmt.Sprintf(format, a...))
}

func (p *parser) statement(line string, n int) *TableError {
	keyword, rest := cut(line)
	inYear := len(p.years) > 0
	switch keyword {
	case "name":
		switch {
		case inYear:
			return syntaxErr("the name line comes after a year")
		case p.nameLine != 0:
			return tableErr(CodeDuplicate, "a second name line")
		case len(fields(rest)) != 1:
			return syntaxErr("the name line needs one field, the name")
		}
		p.name, p.nameLine = rest, n
	case "version":
		switch {
		case inYear:
			return syntaxErr("the version line comes after a year")
		case p.versionLine != 0:
			return tableErr(CodeDuplicate, "a second version line")
		case rest == "":
			return tableErr(CodeMissing, "the version line has no version")
		}
		p.version, p.versionLine = rest, n
	case "year":
		y, ok := parseYear(rest)
		if !ok {
			return tableErr(CodeYear, fmt.Sprintf("the year %s is not four digits", clip(rest)))
		}
		if n := len(p.years); n > 0 && y <= p.years[n-1].Year {
			if y == p.years[n-1].Year {
				return tableErr(CodeDuplicate, fmt.Sprintf("year %d again", y))
			}
			return tableErr(CodeYear, fmt.Sprintf("year %d comes after %d", y, p.years[n-1].Year))
		}
		p.years = append(p.years, Year{Year: y})
		p.yearLines = append(p.yearLines, n)
		p.sourceLines = append(p.sourceLines, 0)
		p.holidayLines = append(p.holidayLines, nil)
	case "source":
		switch {
		case !inYear:
			return syntaxErr("a source line before the first year")
		case p.sourceLines[len(p.years)-1] != 0:
			return tableErr(CodeDuplicate, "a second source line in the year")
		case rest == "":
			return tableErr(CodeMissing, "the source line has no source")
		}
		p.years[len(p.years)-1].Source = rest
		p.sourceLines[len(p.years)-1] = n
	case "holiday":
		if !inYear {
			return syntaxErr("a holiday line before the first year")
		}
		h, err := parseHoliday(rest)
		if err != nil {
			return err
		}
		y := &p.years[len(p.years)-1]
		if len(y.Holidays) >= maxHolidays {
			return tableErr(CodeLimit, fmt.Sprintf("more than %d holidays in %d", maxHolidays, y.Year))
		}
		y.Holidays = append(y.Holidays, h)
		p.holidayLines[len(p.years)-1] = append(p.holidayLines[len(p.years)-1], n)
	case header[:strings.IndexByte(header, ' ')]:
		return tableErr(CodeDuplicate, "a second header line")
	default:
		return syntaxErr("unknown keyword %s", clip(keyword))
	}
	return nil
}

func parseYear(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func parseHoliday(rest string) (Holiday, *TableError) {
	var h Holiday
	name := ""
	if strings.HasPrefix(rest, `"`) {
		q, err := strconv.QuotedPrefix(rest)
		if err != nil || q[0] != '"' {
			return h, syntaxErr("the holiday name %s is not a closed Go string", clip(rest))
		}
		name, _ = strconv.Unquote(q)
		rest = rest[len(q):]
		if rest != "" && !isBlank(rune(rest[0])) {
			return h, syntaxErr("no space after the holiday name")
		}
	} else {
		name, rest = cut(rest)
	}
	f := fields(rest)
	if name == "" || len(f) == 0 {
		return h, syntaxErr("a holiday line needs a name and a range of days")
	}
	first, last, err := parseRange(f[0])
	if err != nil {
		return h, err
	}
	h = Holiday{Name: name, First: first, Last: last}
	if len(f) == 1 {
		return h, nil
	}
	if f[1] != "work" {
		return h, syntaxErr("after the days of holiday %s comes %s, not \"work\"", clip(name), clip(f[1]))
	}
	if len(f) == 2 {
		return h, syntaxErr("\"work\" with no make-up days")
	}
	if len(f)-2 > maxMakeUp {
		return h, tableErr(CodeLimit, fmt.Sprintf("holiday %s has %d make-up days, more than %d", clip(name), len(f)-2, maxMakeUp))
	}
	for _, s := range f[2:] {
		d, err := parseDate(s)
		if err != nil {
			return h, err
		}
		h.MakeUp = append(h.MakeUp, d)
	}
	return h, nil
}

func parseRange(s string) (first, last certificate.Date, err *TableError) {
	a, b, isRange := strings.Cut(s, "..")
	if first, err = parseDate(a); err != nil {
		return
	}
	if !isRange {
		return first, first, nil
	}
	last, err = parseDate(b)
	return
}

func parseDate(s string) (certificate.Date, *TableError) {
	d, err := certificate.ParseDate(s)
	if err != nil {
		return d, tableErr(CodeDate, fmt.Sprintf("%s is not a date YYYY-MM-DD", clip(s)))
	}
	return d, nil
}

// WriteTo writes the table in the format [ParseTable] reads, without
// comments: ParseTable reads back the same table. It implements
// [io.WriterTo].
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	b.WriteString(header + "\n")
	b.WriteString("name " + t.name + "\n")
	b.WriteString("version " + t.version + "\n")
	for _, y := range t.years {
		fmt.Fprintf(&b, "\nyear %04d\nsource %s\n", y.Year, y.Source)
		for _, h := range y.Holidays {
			name := h.Name
			if strings.ContainsAny(name, " \t") || strings.HasPrefix(name, `"`) {
				name = strconv.Quote(name)
			}
			b.WriteString("holiday " + name + " " + h.First.String())
			if h.Last != h.First {
				b.WriteString(".." + h.Last.String())
			}
			if len(h.MakeUp) > 0 {
				b.WriteString(" work")
				for _, m := range h.MakeUp {
					b.WriteString(" " + m.String())
				}
			}
			b.WriteString("\n")
		}
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
