package cn

import (
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/checksum"
	"github.com/realname-go/realname/internal/textfold"
)

// IDCardScheme is the scheme of the PRC Resident Identity Card number (公民身份号码,
// GB 11643-1999): 18 characters, the last an ISO 7064 MOD 11-2 check
// character; the legacy 15-digit number is accepted and canonicalised to 18.
// Number region "CN". The zero value uses default [Options].
type IDCardScheme struct{ opts Options }

// NewIDCard returns the identity-card scheme with opts.
func NewIDCard(opts Options) IDCardScheme { return IDCardScheme{opts: opts} }

// Kind returns [certificate.IDCard].
func (IDCardScheme) Kind() certificate.Kind { return certificate.IDCard }

// Region returns "CN".
func (IDCardScheme) Region() string { return "CN" }

// Parse validates input and returns the 18-character canonical number with
// the birth date and sex it encodes. Spaces and hyphens are ignored,
// full-width characters folded and a lower-case x upper-cased. A county code
// missing from the division table is valid with [CodeDivisionUnlisted] in
// Review (an error in strict mode). A birth date after today by the zero
// [certificate.Clock] (the system clock in China Standard Time) is
// [CodeBirthInFuture]; use [IDCardScheme.ParseOn] or
// [certificate.Registry.WithClock] to judge by another date.
func (s IDCardScheme) Parse(input string) (p certificate.Parsed, err error) {
	err = s.parse(&p, certificate.Date{}, input)
	return p, err
}

// ParseOn is [IDCardScheme.Parse] with today as the date a birth date must not be
// after; a zero today is the zero [certificate.Clock]'s. It makes IDCardScheme a
// [certificate.DatedScheme].
func (s IDCardScheme) ParseOn(today certificate.Date, input string) (p certificate.Parsed, err error) {
	err = s.parse(&p, today, input)
	return p, err
}

// parse fills p from input, or leaves p alone and returns the error.
func (s IDCardScheme) parse(p *certificate.Parsed, today certificate.Date, input string) error {
	c := input
	if !plain(c) {
		c = textfold.Compact(input, " -")
	}
	switch len(c) {
	case 18:
		return s.parse18(p, today, c, input)
	case 15:
		return s.parse15(p, today, c, input)
	}
	return numberError(certificate.IDCard, "CN", certificate.ErrLength, "", "want 18 characters (or 15 digits)", input)
}

// parse18 fills p from the 18-character number c, or leaves p alone and
// returns the error.
func (s IDCardScheme) parse18(p *certificate.Parsed, today certificate.Date, c, input string) error {
	birth, err := parseCitizen(certificate.IDCard, today, c, input)
	if err != nil {
		return err
	}
	review, err := s.checkAddress(c, birth.Year, input)
	if err != nil {
		return err
	}
	p.Number = certificate.NewNumber(certificate.IDCard, "CN", c)
	p.Birth = birth
	p.Sex = sexOf(c[16])
	p.Review = review
	return nil
}

func (s IDCardScheme) parse15(p *certificate.Parsed, today certificate.Date, c, input string) error {
	if !allDigits(c) {
		return numberError(certificate.IDCard, "CN", certificate.ErrFormat, "", "the 15-character form has digits only", input)
	}
	birth, err := birthDate(certificate.IDCard, "CN", today, 1900+atoi2(c[6:8]), atoi2(c[8:10]), atoi2(c[10:12]), input)
	if err != nil {
		return err
	}
	var b [18]byte
	copy(b[:6], c[:6])
	b[6], b[7] = '1', '9'
	copy(b[8:17], c[6:15])
	b[17], _ = checksum.Mod11_2(string(b[:17]))
	full := string(b[:])
	review, err := s.checkAddress(full, birth.Year, input)
	if err != nil {
		return err
	}
	p.Number = certificate.NewNumber(certificate.IDCard, "CN", full)
	p.Birth = birth
	p.Sex = sexOf(full[16])
	p.Review = review
	return nil
}

// checkAddress checks the address code of an identity-card number c and
// returns the review codes it raises.
func (s IDCardScheme) checkAddress(c string, birthYear int, input string) ([]string, error) {
	code, _ := parseCode(c[:6])
	switch code {
	case 810000, 820000, 830000:
		return nil, numberError(certificate.IDCard, "CN", certificate.ErrComponent, CodeAddressMismatch, "address code of a residence permit for Hong Kong, Macao or Taiwan residents", input)
	}
	if !provinceKnown(int(code / 10000)) {
		return nil, numberError(certificate.IDCard, "CN", certificate.ErrComponent, CodeUnknownProvince, "unknown province code", input)
	}
	i := divisionIndex(code)
	switch {
	case i < 0 && s.opts.StrictBirthYear:
		return nil, numberError(certificate.IDCard, "CN", certificate.ErrComponent, CodeDivisionNotInBirthYear, "address code not in the division table", input)
	case i < 0:
		return []string{CodeDivisionUnlisted}, nil
	case s.opts.StrictBirthYear && !inUse(i, birthYear):
		return nil, numberError(certificate.IDCard, "CN", certificate.ErrComponent, CodeDivisionNotInBirthYear, "address code not in use in the birth year", input)
	}
	return nil, nil
}

// parseCitizen checks the layout shared by identity cards and residence
// permits: 17 digits and a check character, a real birth date not in the
// after today, and the MOD 11-2 check. It returns the birth date.
func parseCitizen(kind certificate.Kind, today certificate.Date, c, input string) (certificate.Date, error) {
	_ = c[17]
	if !digits8(c[0:8]) || !digits8(c[8:16]) || c[16] < '0' || c[16] > '9' {
		return certificate.Date{}, numberError(kind, "CN", certificate.ErrFormat, "", "the first 17 characters are digits", input)
	}
	sum := 7*int(c[0]-'0') + 9*int(c[1]-'0') + 10*int(c[2]-'0') + 5*int(c[3]-'0') +
		8*int(c[4]-'0') + 4*int(c[5]-'0') + 2*int(c[6]-'0') + 1*int(c[7]-'0') +
		6*int(c[8]-'0') + 3*int(c[9]-'0') + 7*int(c[10]-'0') + 9*int(c[11]-'0') +
		10*int(c[12]-'0') + 5*int(c[13]-'0') + 8*int(c[14]-'0') + 4*int(c[15]-'0') +
		2*int(c[16]-'0')
	last := c[17]
	if (last < '0' || last > '9') && last != 'X' {
		return certificate.Date{}, numberError(kind, "CN", certificate.ErrFormat, "", "the check character is a digit or X", input)
	}
	year := int(c[6]-'0')*1000 + int(c[7]-'0')*100 + atoi2(c[8:10])
	birth, err := birthDate(kind, "CN", today, year, atoi2(c[10:12]), atoi2(c[12:14]), input)
	if err != nil {
		return certificate.Date{}, err
	}
	// GB 11643: weights 2^(17-i) mod 11 and check = table[Σ dᵢ·wᵢ mod 11],
	// the same as ISO 7064 MOD 11-2.
	if "10X98765432"[sum%11] != last {
		return certificate.Date{}, numberError(kind, "CN", certificate.ErrChecksum, "", "MOD 11-2 check character does not match", input)
	}
	return birth, nil
}

// plain reports whether s holds only digits and X, so that folding it would
// change nothing. Eight bytes are checked at a time.
func plain(s string) bool {
	if len(s) > 18 {
		return false
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !digits8(s[i : i+8]) {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != 'X' {
			return false
		}
	}
	return true
}

// digits8 reports whether the 8 bytes of s are all ASCII digits.
func digits8(s string) bool {
	_ = s[7]
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	const ones = 0x0101010101010101
	// A byte is a digit when it is at least '0' (x - '0' does not borrow) and
	// at most '9' (x + 0x46 does not reach 0x80), and below 0x80.
	return ((x-ones*'0')|(x+ones*0x46)|x)&(ones*0x80) == 0
}

// minBirthYear is the earliest birth year accepted; nobody born earlier holds
// a number.
const minBirthYear = 1800

// birthDate checks that y-m-d is a real date, not before minBirthYear and
// not after today (a zero today is the zero [certificate.Clock]'s).
func birthDate(kind certificate.Kind, region string, today certificate.Date, y, m, d int, input string) (certificate.Date, error) {
	date := certificate.Date{Year: y, Month: time.Month(m), Day: d}
	if y < minBirthYear || !date.Valid() {
		return certificate.Date{}, numberError(kind, region, certificate.ErrComponent, CodeBirthDate, "birth date is not a real date", input)
	}
	if future(today, date) {
		return certificate.Date{}, numberError(kind, region, certificate.ErrComponent, CodeBirthInFuture, "birth date is in the future", input)
	}
	return date, nil
}

func sexOf(c byte) certificate.Sex {
	if (c-'0')%2 == 1 {
		return certificate.Male
	}
	return certificate.Female
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi2 returns the value of two ASCII digits already checked.
func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }
