package passport

import (
	"errors"
	"fmt"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/internal/textfold"
)

// Violation codes of passport numbers.
const (
	CodeLength = "passport.invalid_length"
	CodeFormat = "passport.invalid_format"
	// CodeUnexpectedFormat is a review code: the number is a valid ICAO
	// document number but not in the weakly sourced format of its region.
	CodeUnexpectedFormat = "passport.unexpected_format"
	// CodeNotPassport is the code of [ErrNotPassport].
	CodeNotPassport = "passport.not_passport"
	// CodeHKSARNumber is a review code of [China]: the number has the
	// reported HKSAR passport format (K + 8 digits), which PRC passports
	// issued in Hong Kong carry under the issuing state CHN. The format is
	// weakly sourced (one unofficial page, cwdbkk.com), so a person checks
	// it.
	CodeHKSARNumber = "passport.hksar_number"
)

// ErrNotPassport is returned by [FromMRZ] for a zone that is not a passport
// (not TD3, or a document code that does not start with P).
var ErrNotPassport = errors.New("passport: machine-readable zone is not a passport")

// MaxLen is the longest ICAO document number that fits a TD3 number field.
const MaxLen = 9

// Schemes returns the built-in passport schemes: [Generic], [China] and the
// weakly sourced Hong Kong, Macao and Taiwan schemes.
func Schemes() []certificate.Scheme {
	return []certificate.Scheme{Generic{}, China{}, hongKong(), macao(), taiwan()}
}

// Generic is the passport scheme of every region without its own: an ICAO
// document number of one to nine characters A–Z and 0–9.
type Generic struct{}

// Kind returns [certificate.Passport].
func (Generic) Kind() certificate.Kind { return certificate.Passport }

// Region returns "", the fallback region.
func (Generic) Region() string { return "" }

// Parse folds input (full-width to ASCII, upper case, spaces and hyphens
// removed, trailing MRZ fillers dropped) and checks it is an ICAO document
// number.
func (g Generic) Parse(input string) (certificate.Parsed, error) {
	return g.ParseIn("", input)
}

// ParseIn is [Generic.Parse] for a passport issued in region, which becomes
// the region of the number. It makes Generic a [certificate.RegionalScheme].
func (Generic) ParseIn(region, input string) (certificate.Parsed, error) {
	n, err := canonical(input, region)
	if err != nil {
		return certificate.Parsed{}, err
	}
	return certificate.Parsed{Number: certificate.NewNumber(certificate.Passport, region, n)}, nil
}

// canonical folds input and checks the ICAO document-number alphabet and
// length, reporting errors for region.
func canonical(input, region string) (string, error) {
	s := textfold.Compact(input, " -")
	for len(s) > 0 && s[len(s)-1] == '<' {
		s = s[:len(s)-1]
	}
	if len(s) == 0 || len(s) > MaxLen {
		return "", certificate.NewNumberError(certificate.Passport, region, certificate.ErrLength, CodeLength,
			fmt.Sprintf("%d characters; want 1 to %d", len(s), MaxLen), input)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') {
			return "", certificate.NewNumberError(certificate.Passport, region, certificate.ErrFormat, CodeFormat,
				fmt.Sprintf("character %d is not A-Z or 0-9", i+1), input)
		}
	}
	return s, nil
}

// China is the passport scheme of the People's Republic of China (CN).
type China struct{}

// Kind returns [certificate.Passport].
func (China) Kind() certificate.Kind { return certificate.Passport }

// Region returns "CN".
func (China) Region() string { return "CN" }

// Parse accepts the PRC passport formats listed in the package
// documentation. An HKSAR passport number (K + 8 digits; its zone names
// CHN) is accepted with the review code [CodeHKSARNumber].
func (China) Parse(input string) (certificate.Parsed, error) {
	n, err := canonical(input, "CN")
	if err != nil {
		return certificate.Parsed{}, err
	}
	if hksarFormat(n) {
		return certificate.Parsed{Number: certificate.NewNumber(certificate.Passport, "CN", n), Review: []string{CodeHKSARNumber}}, nil
	}
	if !chinaFormat(n) {
		return certificate.Parsed{}, certificate.NewNumberError(certificate.Passport, "CN", certificate.ErrFormat, CodeFormat,
			"not a PRC passport number (E, E+letter, G, PE, SE, DE series)", input)
	}
	return certificate.Parsed{Number: certificate.NewNumber(certificate.Passport, "CN", n)}, nil
}

// chinaFormat reports whether s is a PRC passport number. The E and G forms
// follow validator.js (isPassportNumber, CN: ^G\d{8}$|^E(?![IO])[A-Z0-9]\d{7}$);
// the others are from unofficial secondary summaries (for example
// cwdbkk.com).
func chinaFormat(s string) bool {
	switch {
	case len(s) == 9 && s[0] == 'E' && digits(s[1:]):
		return true // E + 8 digits, 2012 – 4 April 2017
	case len(s) == 9 && s[0] == 'E' && s[1] >= 'A' && s[1] <= 'Z' && s[1] != 'I' && s[1] != 'O' && digits(s[2:]):
		return true // E + letter (not I, O) + 7 digits, since 5 April 2017
	case len(s) == 9 && s[0] == 'G' && digits(s[1:]):
		return true // G + 8 digits, ordinary non-chip
	case len(s) == 9 && (s[:2] == "14" || s[:2] == "15") && digits(s[2:]):
		return true // 14/15 + 7 digits, older ordinary
	case len(s) == 9 && (s[:2] == "PE" || s[:2] == "SE" || s[:2] == "DE") && digits(s[2:]):
		return true // public affairs, service, diplomatic
	case len(s) == 9 && s[0] == 'S' && digits(s[1:]):
		return true // older service: S + 8 digits
	case len(s) == 8 && s[0] == 'D' && digits(s[1:]):
		return true // older diplomatic: D + 7 digits
	}
	return false
}

// hksarFormat reports whether s has the reported HKSAR passport format, K + 8
// digits (weakly sourced: cwdbkk.com only).
func hksarFormat(s string) bool { return len(s) == 9 && s[0] == 'K' && digits(s[1:]) }

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// weak is a scheme whose regional format is weakly sourced: numbers outside
// it are accepted with a review code.
type weak struct {
	region string
	format func(string) bool
}

func hongKong() weak {
	return weak{"HK", hksarFormat}
}

func macao() weak {
	return weak{"MO", func(s string) bool { return len(s) == 9 && s[:2] == "MA" && digits(s[2:]) }}
}

func taiwan() weak {
	return weak{"TW", func(s string) bool { return len(s) == 9 && digits(s) }}
}

// Kind returns [certificate.Passport].
func (w weak) Kind() certificate.Kind { return certificate.Passport }

// Region returns the region of the format.
func (w weak) Region() string { return w.region }

// Parse accepts any ICAO document number, with a review code when it does
// not follow the regional format.
func (w weak) Parse(input string) (certificate.Parsed, error) {
	n, err := canonical(input, w.region)
	if err != nil {
		return certificate.Parsed{}, err
	}
	p := certificate.Parsed{Number: certificate.NewNumber(certificate.Passport, w.region, n)}
	if !w.format(n) {
		p.Review = []string{CodeUnexpectedFormat}
	}
	return p, nil
}

// FromMRZ returns the passport number of a parsed TD3 zone, checked by the
// passport scheme that reg holds for the issuing region (an empty registry
// means the schemes of this package), and the issuing region: ISO 3166-1
// alpha-2, or "" when the issuing state has none. The Parsed value carries
// the zone's date of birth and sex, and the review codes of the scheme. It
// does not look at the check digits: call [mrz.MRZ.Verify] for those.
func FromMRZ(m *mrz.MRZ, reg certificate.Registry) (certificate.Parsed, string, error) {
	if m.Format != mrz.TD3 || len(m.DocumentCode) == 0 || m.DocumentCode[0] != 'P' {
		return certificate.Parsed{}, "", ErrNotPassport
	}
	region := ""
	if r, ok := m.IssuingState.Region(); ok {
		region = r.String()
	}
	if len(reg.Schemes()) == 0 {
		reg = certificate.Registry{}.Replace(Schemes()...)
	}
	p, err := reg.Parse(certificate.Passport, region, m.DocumentNumber)
	if err != nil {
		return certificate.Parsed{}, region, err
	}
	// The number belongs to the issuing region even when the fallback
	// scheme parsed it.
	p.Number = certificate.NewNumber(certificate.Passport, region, p.Number.Canonical())
	p.Birth = m.Birth
	p.Sex = m.Sex
	return p, region, nil
}
