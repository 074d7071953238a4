package nationalid

import (
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
)

// Component codes this package uses in a [*certificate.NumberError] besides
// the four generic codes of the certificate package.
const (
	// CodeBirthDate: the birth date the number encodes does not exist.
	CodeBirthDate = "nationalid.invalid_birth_date"
	// CodePlace: the place (state, province, governorate, birthplace)
	// code the number encodes is not assigned.
	CodePlace = "nationalid.invalid_place_code"
	// CodeSex: the digit or letter that records sex (and, for some schemes,
	// the century) has a value no number uses.
	CodeSex = "nationalid.invalid_sex_code"
	// CodeUnverifiable is a review code: the number is well formed but was
	// issued under rules whose check digit is not public (South Korean
	// numbers assigned since October 2020).
	CodeUnverifiable = "nationalid.checksum_unverifiable"
)

// Options adjust the schemes. The zero value is ready to use; there are no
// options at present. The date that places two-digit birth years comes from
// the caller: see [certificate.DatedScheme].
type Options struct{}

// placeYear returns the latest year ending in yy (0–99) that is not after
// today's year. A zero today is the zero [certificate.Clock]'s.
func placeYear(today certificate.Date, yy int) int {
	if today.IsZero() {
		today = certificate.Clock{}.Today()
	}
	t := today.Year
	y := t - t%100 + yy
	if y > t {
		y -= 100
	}
	return y
}

// Regions returns the regions with a national identity number scheme, in
// alphabetical order.
func Regions() []string {
	out := make([]string, 0, len(defs))
	for _, d := range defs {
		out = append(out, d.region)
	}
	return out
}

// Schemes returns a new slice with one scheme per region in [Regions], all
// of kind [certificate.IDCard], using the zero [Options].
func Schemes() []certificate.Scheme { return SchemesWith(Options{}) }

// SchemesWith returns the schemes of [Schemes] configured by o.
func SchemesWith(o Options) []certificate.Scheme {
	out := make([]certificate.Scheme, 0, len(defs))
	for _, d := range defs {
		out = append(out, newScheme(d, o))
	}
	return out
}

func newScheme(d def, o Options) certificate.Scheme {
	s := &scheme{def: d}
	// Bytes that make textfold.Compact change its input: the separators,
	// white space, lower case and non-ASCII.
	mark := func(c byte) { s.fold[c/64] |= 1 << (c % 64) }
	for i := 0; i < len(d.drop); i++ {
		mark(d.drop[i])
	}
	for _, c := range []byte{' ', '\t', '\n', '\r', '\v', '\f'} {
		mark(c)
	}
	for c := byte('a'); c <= 'z'; c++ {
		mark(c)
	}
	for c := 0x80; c <= 0xff; c++ {
		mark(byte(c))
	}
	if d.dated {
		return &datedScheme{s}
	}
	return s
}

// Scheme returns the scheme for region (ISO 3166-1 alpha-2, upper case) with
// options o, and whether there is one.
func Scheme(region string, o Options) (certificate.Scheme, bool) {
	for _, d := range defs {
		if d.region == region {
			return newScheme(d, o), true
		}
	}
	return nil, false
}

// def describes one region's number.
type def struct {
	region string
	// drop lists the separators people type that the canonical form omits.
	drop string
	// parse checks the compacted input; today places two-digit years.
	parse func(s string, today certificate.Date) (result, *failure)
	// dated is set when parse uses today: the scheme is then a
	// certificate.DatedScheme.
	dated bool
}

// result is what a valid number yields; canonical is a substring of the
// compacted input or a new string.
type result struct {
	canonical string
	birth     certificate.Date
	sex       certificate.Sex
	review    string
}

// failure is why a number is invalid.
type failure struct {
	reason error
	code   string
	detail string
}

func errLength(detail string) *failure {
	return &failure{reason: certificate.ErrLength, detail: detail}
}

func errFormat(detail string) *failure {
	return &failure{reason: certificate.ErrFormat, detail: detail}
}

func errChecksum() *failure {
	return &failure{reason: certificate.ErrChecksum, detail: "check digit does not match"}
}

func errComponent(detail string) *failure {
	return &failure{reason: certificate.ErrComponent, detail: detail}
}

func errBirth() *failure {
	return &failure{reason: certificate.ErrComponent, code: CodeBirthDate, detail: "birth date does not exist"}
}

func errPlace() *failure {
	return &failure{reason: certificate.ErrComponent, code: CodePlace, detail: "place code is not assigned"}
}

func errSex(detail string) *failure {
	return &failure{reason: certificate.ErrComponent, code: CodeSex, detail: detail}
}

type scheme struct {
	def  def
	fold [4]uint64 // bitmap of the bytes that need textfold.Compact
}

// datedScheme is the scheme of a region whose numbers give two-digit birth
// years: it places them by the date given to ParseOn.
type datedScheme struct{ *scheme }

// ParseOn is Parse with two-digit birth years placed by today: the birth
// year is the latest year with those digits that is not after today's year.
// A zero today is the zero [certificate.Clock]'s.
func (s *datedScheme) ParseOn(today certificate.Date, input string) (certificate.Parsed, error) {
	return s.parse(today, input)
}

// compact returns input folded, without calling textfold when it is clean.
func (s *scheme) compact(input string) string {
	if len(input) > textfold.MaxInput {
		return textfold.Compact(input, s.def.drop)
	}
	for i := 0; i < len(input); i++ {
		c := input[i]
		if s.fold[c/64]&(1<<(c%64)) != 0 {
			return textfold.Compact(input, s.def.drop)
		}
	}
	return input
}

func (s *scheme) Kind() certificate.Kind { return certificate.IDCard }
func (s *scheme) Region() string         { return s.def.region }

// Parse validates input as people type it: full-width characters, lower
// case and the separators the region prints are accepted. Two-digit birth
// years are placed by the zero [certificate.Clock]'s today.
func (s *scheme) Parse(input string) (certificate.Parsed, error) {
	return s.parse(certificate.Date{}, input)
}

func (s *scheme) parse(today certificate.Date, input string) (certificate.Parsed, error) {
	c := s.compact(input)
	if len(c) == 0 {
		return certificate.Parsed{}, certificate.NewNumberError(certificate.IDCard, s.def.region, certificate.ErrLength, "", "empty number", c)
	}
	if len(c) > 32 {
		return certificate.Parsed{}, certificate.NewNumberError(certificate.IDCard, s.def.region, certificate.ErrLength, "", "too long", c[:32])
	}
	r, f := s.def.parse(c, today)
	if f != nil {
		return certificate.Parsed{}, certificate.NewNumberError(certificate.IDCard, s.def.region, f.reason, f.code, f.detail, c)
	}
	p := certificate.Parsed{
		Number: certificate.NewNumber(certificate.IDCard, s.def.region, r.canonical),
		Birth:  r.birth,
		Sex:    r.sex,
	}
	if r.review != "" {
		p.Review = []string{r.review}
	}
	return p, nil
}

// Helpers shared by the region files. All take ASCII produced by Compact.

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// num returns the value of the decimal digits s (which must be digits).
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func mkdate(y, m, d int) (certificate.Date, bool) {
	return certificate.NewDate(y, time.Month(m), d)
}

// sexOdd returns Male for an odd digit, Female for an even one.
func sexOdd(c byte) certificate.Sex {
	if (c-'0')%2 == 1 {
		return certificate.Male
	}
	return certificate.Female
}
