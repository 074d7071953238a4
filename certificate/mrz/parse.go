package mrz

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/checksum"
)

// MaxExpiryYears is how far after today an expiry date may lie; a two-digit
// year further ahead is read in the previous century.
const MaxExpiryYears = 50

// Parse parses and verifies a machine-readable zone: two lines (TD2, TD3,
// MRV-A, MRV-B) or three (TD1), separated by "\n" or "\r\n". White space
// around the zone is ignored; any other character outside A–Z, 0–9 and '<',
// lower-case letters included, is an error naming its line and position.
// Nothing is corrected.
//
// today is the reference date for two-digit years: the date of birth is the
// latest date not after today, the date of expiry lies within 50 years
// before or after today ([MaxExpiryYears]).
//
// Parse returns an [*Error] when the text is not a zone (size, characters,
// layout, document code) with a zero MRZ, and an [*Error] together with the
// fields it could read when a field is wrong (an impossible date, a sex
// character outside M, F, X and '<', an unknown state code). Check digits are
// not errors: they are reported by [MRZ.Checks], [MRZ.Valid] and
// [MRZ.Verify].
func Parse(text string, today certificate.Date) (MRZ, error) {
	if len(text) > MaxInput {
		return MRZ{}, newError(ErrSize, CodeSize, "", 0, 0, fmt.Sprintf("more than %d bytes", MaxInput))
	}
	if !today.Valid() {
		return MRZ{}, fmt.Errorf("mrz: reference date %v is not a calendar date", today)
	}
	var m MRZ
	n, err := splitLines(strings.TrimSpace(text), &m.lines)
	if err != nil {
		return MRZ{}, err
	}
	l := m.lines
	switch {
	case n == 3 && len(l[0]) == 30 && len(l[1]) == 30 && len(l[2]) == 30:
		m.Format = TD1
	case n == 2 && len(l[0]) == 44 && len(l[1]) == 44:
		m.Format = TD3
		if l[0][0] == 'V' {
			m.Format = MRVA
		}
	case n == 2 && len(l[0]) == 36 && len(l[1]) == 36:
		m.Format = TD2
		if l[0][0] == 'V' {
			m.Format = MRVB
		}
	default:
		return MRZ{}, newError(ErrLayout, CodeLayout, "", 0, 0, describeLayout(l[:n]))
	}
	if err := m.checkDocumentCode(); err != nil {
		return MRZ{}, err
	}
	p := fieldParser{today: today}
	switch m.Format {
	case TD1:
		p.td1(&m)
	case TD2, MRVB:
		p.twoLine(&m, 36)
	default:
		p.twoLine(&m, 44)
	}
	if p.err != nil {
		return m, p.err
	}
	return m, nil
}

// splitLines splits text into at most three lines, dropping a '\r' before
// each '\n', and checks every character.
func splitLines(text string, lines *[3]string) (int, error) {
	if text == "" {
		return 0, newError(ErrLayout, CodeLayout, "", 0, 0, "no lines")
	}
	n := 0
	for {
		i := strings.IndexByte(text, '\n')
		line := text
		if i >= 0 {
			line = text[:i]
		}
		line = strings.TrimSuffix(line, "\r")
		if n == len(lines) {
			return 0, newError(ErrLayout, CodeLayout, "", 0, 0, "more than 3 lines")
		}
		if err := checkCharacters(line, n+1); err != nil {
			return 0, err
		}
		lines[n] = line
		n++
		if i < 0 {
			return n, nil
		}
		text = text[i+1:]
	}
}

func checkCharacters(line string, lineNo int) error {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(line[i:])
		pos := utf8.RuneCountInString(line[:i]) + 1
		detail := fmt.Sprintf("%q (U+%04X)", r, r)
		if c >= 'a' && c <= 'z' {
			detail += ", lower case"
		}
		return newError(ErrCharacter, CodeCharacter, "", lineNo, pos, detail)
	}
	return nil
}

func describeLayout(lines []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d line", len(lines))
	if len(lines) != 1 {
		b.WriteByte('s')
	}
	b.WriteString(" of ")
	for i, l := range lines {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d", len(l))
	}
	b.WriteString(" characters; want 3×30 (TD1), 2×36 (TD2, MRV-B) or 2×44 (TD3, MRV-A)")
	return b.String()
}

// checkDocumentCode checks the two-character document code: P for passports
// (TD3), V for visas, A, C or I for cards (TD1, TD2); the second character is
// a letter or the filler.
func (m *MRZ) checkDocumentCode() error {
	code := m.lines[0][:2]
	ok := false
	switch m.Format {
	case TD3:
		ok = code[0] == 'P'
	case MRVA, MRVB:
		ok = code[0] == 'V'
	case TD1, TD2:
		ok = code[0] == 'A' || code[0] == 'C' || code[0] == 'I'
	}
	if !ok {
		return newError(ErrDocumentCode, CodeDocumentCode, "document_code", 1, 1,
			fmt.Sprintf("%q does not start a %s document code", code[:1], m.Format))
	}
	if c := code[1]; c != '<' && (c < 'A' || c > 'Z') {
		return newError(ErrDocumentCode, CodeDocumentCode, "document_code", 1, 2, "second character is not a letter or <")
	}
	m.DocumentCode = trimFiller(code)
	return nil
}

// fieldParser reads the fields of a zone and keeps the first field error.
type fieldParser struct {
	today certificate.Date
	err   error
}

func (p *fieldParser) fail(err *Error) {
	if p.err == nil {
		p.err = err
	}
}

// twoLine reads TD2, TD3, MRV-A and MRV-B, whose second lines share the
// layout up to the optional data; width is 36 or 44.
func (p *fieldParser) twoLine(m *MRZ, width int) {
	l1, l2 := m.lines[0], m.lines[1]
	m.IssuingState = p.state(l1[2:5], "issuing_state", 1, 3)
	m.Primary, m.Secondary, m.Truncated = parseName(l1[5:])
	m.Nationality = p.state(l2[10:13], "nationality", 2, 11)
	m.Birth, m.BirthUnknown = p.birth(l2[13:19], 2, 14)
	p.sex(m, l2[20], 2, 21)
	m.Expiry = p.expiry(l2[21:27], 2, 22)
	m.setCheck(BirthDate, verifyDigit(l2[13:19], l2[19]))
	m.setCheck(ExpiryDate, verifyDigit(l2[21:27], l2[27]))
	switch m.Format {
	case TD3:
		m.DocumentNumber = trimFiller(l2[0:9])
		m.setCheck(DocumentNumber, verifyDigit(l2[0:9], l2[9]))
		m.Optional1 = strings.Trim(l2[28:42], "<")
		m.setCheck(OptionalData, verifyOptional(l2[28:42], l2[42]))
		m.setCheck(Composite, verifySegments(l2[43], l2[0:10], l2[13:20], l2[21:43]))
	case TD2:
		var rest string
		m.DocumentNumber, rest = p.number(m, l2[0:9], l2[9], l2[28:35])
		m.Optional1 = strings.Trim(rest, "<")
		m.setCheck(Composite, verifySegments(l2[35], l2[0:10], l2[13:20], l2[21:35]))
	default: // visas: no composite check digit
		m.DocumentNumber = trimFiller(l2[0:9])
		m.setCheck(DocumentNumber, verifyDigit(l2[0:9], l2[9]))
		m.Optional1 = strings.Trim(l2[28:width], "<")
	}
}

// td1 reads a three-line TD1 zone.
func (p *fieldParser) td1(m *MRZ) {
	l1, l2, l3 := m.lines[0], m.lines[1], m.lines[2]
	m.IssuingState = p.state(l1[2:5], "issuing_state", 1, 3)
	var rest string
	m.DocumentNumber, rest = p.number(m, l1[5:14], l1[14], l1[15:30])
	m.Optional1 = strings.Trim(rest, "<")
	m.Birth, m.BirthUnknown = p.birth(l2[0:6], 2, 1)
	m.setCheck(BirthDate, verifyDigit(l2[0:6], l2[6]))
	p.sex(m, l2[7], 2, 8)
	m.Expiry = p.expiry(l2[8:14], 2, 9)
	m.setCheck(ExpiryDate, verifyDigit(l2[8:14], l2[14]))
	m.Nationality = p.state(l2[15:18], "nationality", 2, 16)
	m.Optional2 = strings.Trim(l2[18:29], "<")
	m.setCheck(Composite, verifySegments(l2[29], l1[5:30], l2[0:7], l2[8:15], l2[18:29]))
	m.Primary, m.Secondary, m.Truncated = parseName(l3)
}

// number reads the document number of a TD1 or TD2 zone. A number longer
// than nine characters has '<' in place of its check digit and continues,
// with its check digit, at the start of the optional data, up to the first
// filler (ICAO Doc 9303 Part 5 §4.2.4, Part 6 §4.2.4). It returns the number
// and the rest of the optional data.
func (p *fieldParser) number(m *MRZ, field string, digit byte, optional string) (string, string) {
	if digit != '<' || optional[0] == '<' {
		m.setCheck(DocumentNumber, verifyDigit(field, digit))
		return trimFiller(field), optional
	}
	end := strings.IndexByte(optional, '<')
	if end < 0 {
		end = len(optional)
	}
	ext := optional[:end]
	tail := ext[:len(ext)-1]
	m.setCheck(DocumentNumber, verifySegments(ext[len(ext)-1], field, tail))
	return field + tail, optional[end:]
}

func (p *fieldParser) state(field, name string, line, pos int) State {
	s, ok := ParseState(field)
	if !ok {
		p.fail(newError(ErrState, CodeState, name, line, pos, fmt.Sprintf("%q is not an ICAO or ISO 3166-1 alpha-3 code", field)))
		return State{code: trimFiller(field)}
	}
	return s
}

func (p *fieldParser) sex(m *MRZ, c byte, line, pos int) {
	m.SexCode = c
	switch c {
	case 'M':
		m.Sex = certificate.Male
	case 'F':
		m.Sex = certificate.Female
	case '<', 'X':
	default:
		p.fail(newError(ErrSex, CodeSex, "sex", line, pos, fmt.Sprintf("%q", c)))
	}
}

// yymmdd reads six digits; ok is false when any is not a digit.
func yymmdd(field string) (yy, mm, dd int, ok bool) {
	for i := 0; i < 6; i++ {
		if field[i] < '0' || field[i] > '9' {
			return 0, 0, 0, false
		}
	}
	d := func(i int) int { return int(field[i]-'0')*10 + int(field[i+1]-'0') }
	return d(0), d(2), d(4), true
}

// birth reads the date of birth: the latest date with these digits that is
// not after today. Fillers mark an unknown date (ICAO Doc 9303 Part 3 §4.4).
func (p *fieldParser) birth(field string, line, pos int) (certificate.Date, bool) {
	if strings.IndexByte(field, '<') >= 0 {
		if strings.Trim(field, "<0123456789") == "" {
			return certificate.Date{}, true
		}
	}
	yy, mm, dd, ok := yymmdd(field)
	if !ok {
		p.fail(newError(ErrDate, CodeDate, "birth_date", line, pos, "not six digits"))
		return certificate.Date{}, false
	}
	year := p.today.Year - p.today.Year%100 + yy
	d := certificate.Date{Year: year, Month: time.Month(mm), Day: dd}
	if d.After(p.today) {
		d.Year -= 100
	}
	if !d.Valid() {
		p.fail(newError(ErrDate, CodeDate, "birth_date", line, pos, "not a calendar date"))
		return certificate.Date{}, false
	}
	return d, false
}

// expiry reads the date of expiry: the date with these digits within
// MaxExpiryYears of today. An all-filler field means no expiry date.
func (p *fieldParser) expiry(field string, line, pos int) certificate.Date {
	if field == "<<<<<<" {
		return certificate.Date{}
	}
	yy, mm, dd, ok := yymmdd(field)
	if !ok {
		p.fail(newError(ErrDate, CodeDate, "expiry_date", line, pos, "not six digits"))
		return certificate.Date{}
	}
	year := p.today.Year - p.today.Year%100 + yy
	switch {
	case year > p.today.Year+MaxExpiryYears:
		year -= 100
	case year <= p.today.Year-MaxExpiryYears:
		year += 100
	}
	d := certificate.Date{Year: year, Month: time.Month(mm), Day: dd}
	if !d.Valid() {
		p.fail(newError(ErrDate, CodeDate, "expiry_date", line, pos, "not a calendar date"))
		return certificate.Date{}
	}
	return d
}

// parseName splits a name field into primary and secondary identifiers at
// the first "<<", turning the remaining fillers into single spaces. The name
// is truncated when it reaches the end of its field.
func parseName(field string) (primary, secondary string, truncated bool) {
	truncated = field[len(field)-1] != '<'
	f := trimFiller(field)
	if i := strings.Index(f, "<<"); i >= 0 {
		primary, secondary = f[:i], strings.TrimLeft(f[i+2:], "<")
	} else {
		primary = f
	}
	hasP := strings.IndexByte(primary, '<') >= 0
	hasS := strings.IndexByte(secondary, '<') >= 0
	if !hasP && !hasS {
		return primary, secondary, truncated
	}
	// One allocation for both identifiers.
	var b strings.Builder
	b.Grow(len(primary) + len(secondary))
	writeSpaced(&b, primary)
	np := b.Len()
	writeSpaced(&b, secondary)
	all := b.String()
	return all[:np], all[np:], truncated
}

// writeSpaced writes s with each run of fillers as one space.
func writeSpaced(b *strings.Builder, s string) {
	s = strings.Trim(s, "<")
	filler := false
	for i := 0; i < len(s); i++ {
		if s[i] == '<' {
			filler = true
			continue
		}
		if filler {
			b.WriteByte(' ')
			filler = false
		}
		b.WriteByte(s[i])
	}
}

// verifyOptional checks the TD3 personal-number check digit, which may be a
// filler when the personal number is all fillers.
func verifyOptional(data string, digit byte) bool {
	if digit == '<' && strings.Trim(data, "<") == "" {
		return true
	}
	return verifyDigit(data, digit)
}

// verifySegments reports whether digit is the ICAO check digit of the
// segments read as one string, without joining them.
func verifySegments(digit byte, segments ...string) bool {
	weights := [3]int{7, 3, 1}
	sum, i := 0, 0
	for _, s := range segments {
		for j := 0; j < len(s); j++ {
			v, ok := checksum.ICAOValue(s[j])
			if !ok {
				return false
			}
			sum += v * weights[i%3]
			i++
		}
	}
	return digit == byte('0'+sum%10)
}
