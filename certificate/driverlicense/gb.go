package driverlicense

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
)

// CodeBirthDate is the component code of a GB driver number whose birth
// date does not exist.
const CodeBirthDate = "driverlicense.invalid_birth_date"

// Codes reported by [CheckDVLA] in a [*MismatchError].
const (
	CodeSurnameMismatch   = "driverlicense.surname_mismatch"
	CodeInitialsMismatch  = "driverlicense.initials_mismatch"
	CodeBirthDateMismatch = "driverlicense.birth_date_mismatch"
	CodeSexMismatch       = "driverlicense.sex_mismatch"
)

// gbScheme checks a UK driving licence number: the 16-character DVLA
// driver number (Great Britain) or the 8-digit DVA number (Northern Ireland).
type gbScheme struct{ opts Options }

func (g *gbScheme) Kind() certificate.Kind { return certificate.DriverLicense }
func (g *gbScheme) Region() string         { return "GB" }

// Parse checks the structure (as described at
// ukdriving.org.uk/licencenumber.html; the DVLA does not publish how the
// check characters are computed):
//
//	1–5   surname, padded with 9
//	6     decade of birth
//	7–8   month of birth, plus 50 for women
//	9–10  day of birth
//	11    year of birth within the decade
//	12–13 initials, 9 for none
//	14    a digit, usually 9
//	15–16 two check characters (algorithm not published)
//
// The two-digit issue number printed after the driver number is dropped when
// typed with it. The month and day must exist in some year of the decade.
func (g *gbScheme) Parse(input string) (certificate.Parsed, error) {
	if err := checkRefused("GB", "GB", g.opts, input); err != nil {
		return certificate.Parsed{}, err
	}
	c := textfold.Compact(input, " -")
	p, err := parseDVLA(c)
	if err != nil {
		return certificate.Parsed{}, err
	}
	return p, nil
}

func parseDVLA(c string) (certificate.Parsed, error) {
	fail := func(reason error, detail string) (certificate.Parsed, error) {
		return certificate.Parsed{}, numberError("GB", reason, "", detail, c)
	}
	if len(c) == 8 {
		for i := 0; i < 8; i++ {
			if c[i] < '0' || c[i] > '9' {
				return fail(certificate.ErrFormat, "an 8-character number is a Northern Ireland number: 8 digits")
			}
		}
		return certificate.Parsed{Number: certificate.NewNumber(certificate.DriverLicense, "GB", c)}, nil
	}
	if len(c) == 18 && isDigit(c[16]) && isDigit(c[17]) {
		c = c[:16]
	}
	if len(c) != 16 {
		return fail(certificate.ErrLength, "want the 16-character driver number")
	}
	for i := 0; i < 16; i++ {
		ch := c[i]
		var good bool
		switch {
		case i < 5 || i == 11 || i == 12:
			good = isUpper(ch) || ch == '9'
		case i == 6:
			good = ch == '0' || ch == '1' || ch == '5' || ch == '6'
		case i < 11 || i == 13:
			good = isDigit(ch)
		default:
			good = isUpper(ch) || isDigit(ch)
		}
		if !good {
			return fail(certificate.ErrFormat, "want SSSSS DMMDDY II 9 CC")
		}
	}
	// A surname is letters then padding: no letter after a 9.
	if pad := strings.IndexByte(c[:5], '9'); pad == 0 || (pad > 0 && strings.Trim(c[pad:5], "9") != "") {
		return fail(certificate.ErrFormat, "surname field must be letters padded with 9")
	}
	month, day := int(c[6]-'0')*10+int(c[7]-'0'), int(c[8]-'0')*10+int(c[9]-'0')
	sex := certificate.Male
	if month > 50 {
		month -= 50
		sex = certificate.Female
	}
	// The century is not recorded: 2000+yy is a leap year whenever 1900+yy
	// is, so the check accepts a date that exists in either century.
	yy := int(c[5]-'0')*10 + int(c[10]-'0')
	if month < 1 || month > 12 || day < 1 || day > certificate.DaysIn(2000+yy, time.Month(month)) {
		return certificate.Parsed{}, numberError("GB", certificate.ErrComponent, CodeBirthDate, "birth date does not exist", c)
	}
	return certificate.Parsed{Number: certificate.NewNumber(certificate.DriverLicense, "GB", c), Sex: sex}, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// Holder is what a DVLA driver number is checked against. Zero fields are
// not checked.
type Holder struct {
	Surname    string
	GivenNames string // first and middle names, space separated
	Birth      certificate.Date
	Sex        certificate.Sex
}

// ErrMismatch is matched by a [*MismatchError].
var ErrMismatch = errors.New("driver number does not match the holder")

// MismatchError lists the parts of a DVLA driver number that do not match
// the holder, by code: [CodeSurnameMismatch], [CodeInitialsMismatch],
// [CodeBirthDateMismatch], [CodeSexMismatch].
type MismatchError struct {
	Codes []string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("driverlicense: %v: %s", ErrMismatch, strings.Join(e.Codes, ", "))
}

// Unwrap returns [ErrMismatch].
func (e *MismatchError) Unwrap() error { return ErrMismatch }

// CheckDVLA parses a GB driver number and checks it against the holder's
// surname, initials, birth date and sex. It returns the parse error, a
// [*MismatchError], or nil. Northern Ireland numbers encode nothing and
// always match.
//
// The surname is compared after removing accents and anything but letters;
// a surname beginning Mac may be encoded MC, and both are accepted.
func CheckDVLA(number string, h Holder) error {
	p, err := (&gbScheme{}).Parse(number)
	if err != nil {
		return err
	}
	c := p.Number.Canonical()
	if len(c) != 16 {
		return nil
	}
	var codes []string
	if h.Surname != "" {
		s := letters(h.Surname)
		alt := s
		if strings.HasPrefix(s, "MAC") {
			alt = "MC" + s[3:]
		}
		if c[:5] != pad5(s) && c[:5] != pad5(alt) {
			codes = append(codes, CodeSurnameMismatch)
		}
	}
	if names := strings.Fields(h.GivenNames); len(names) > 0 {
		want := [2]byte{'9', '9'}
		for i := 0; i < 2 && i < len(names); i++ {
			if l := letters(names[i]); l != "" {
				want[i] = l[0]
			}
		}
		if c[11] != want[0] || c[12] != want[1] {
			codes = append(codes, CodeInitialsMismatch)
		}
	}
	month := int(c[6]-'0')*10 + int(c[7]-'0')
	if !h.Birth.IsZero() {
		b := h.Birth
		if int(c[5]-'0') != b.Year/10%10 || int(c[10]-'0') != b.Year%10 || month%50 != int(b.Month) ||
			int(c[8]-'0')*10+int(c[9]-'0') != b.Day {
			codes = append(codes, CodeBirthDateMismatch)
		}
	}
	if h.Sex != certificate.SexUnspecified && (month > 50) != (h.Sex == certificate.Female) {
		codes = append(codes, CodeSexMismatch)
	}
	if len(codes) > 0 {
		return &MismatchError{Codes: codes}
	}
	return nil
}

// letters returns s in upper case without accents, keeping A–Z only.
func letters(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if r, _, err := transform.String(t, s); err == nil {
		s = r
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func pad5(s string) string {
	if len(s) >= 5 {
		return s[:5]
	}
	return s + "99999"[:5-len(s)]
}
