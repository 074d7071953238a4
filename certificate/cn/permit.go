package cn

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
)

// ResidencePermitScheme is the scheme of the Residence Permits for Hong Kong and
// Macao Residents (address code 810000 or 820000) and for Taiwan Residents
// (830000): the 18-character GB 11643 layout with the MOD 11-2 check. Number
// region "CN", the mainland authority that issues them; Parsed.HolderRegion is
// HK, MO or TW. Build one with [NewHKMOResidencePermit] or
// [NewTWResidencePermit].
type ResidencePermitScheme struct {
	kind certificate.Kind
}

// NewHKMOResidencePermit returns the scheme of the Residence Permit for Hong
// Kong and Macao Residents. No option applies to permits at present; opts is
// taken for symmetry with [NewIDCard].
func NewHKMOResidencePermit(opts Options) ResidencePermitScheme {
	return ResidencePermitScheme{kind: certificate.HKMOResidencePermit}
}

// NewTWResidencePermit returns the scheme of the Residence Permit for Taiwan
// Residents. No option applies to permits at present.
func NewTWResidencePermit(opts Options) ResidencePermitScheme {
	return ResidencePermitScheme{kind: certificate.TWResidencePermit}
}

// Kind returns the permit's kind.
func (s ResidencePermitScheme) Kind() certificate.Kind { return s.kind }

// Region returns "CN".
func (ResidencePermitScheme) Region() string { return "CN" }

// Parse validates input as an 18-character permit number whose address code
// fits the kind ([CodeAddressMismatch] otherwise). A birth date after today
// by the zero [certificate.Clock] is [CodeBirthInFuture]; use
// [ResidencePermitScheme.ParseOn] or [certificate.Registry.WithClock] to judge by
// another date.
func (s ResidencePermitScheme) Parse(input string) (certificate.Parsed, error) {
	return s.ParseOn(certificate.Date{}, input)
}

// ParseOn is [ResidencePermitScheme.Parse] with today as the date a birth date must
// not be after; a zero today is the zero [certificate.Clock]'s. It makes
// ResidencePermitScheme a [certificate.DatedScheme].
func (s ResidencePermitScheme) ParseOn(today certificate.Date, input string) (certificate.Parsed, error) {
	kind := s.kind
	if kind != certificate.TWResidencePermit {
		kind = certificate.HKMOResidencePermit
	}
	c := input
	if !plain(c) {
		c = textfold.Compact(input, " -")
	}
	if len(c) != 18 {
		return certificate.Parsed{}, numberError(kind, "CN", certificate.ErrLength, "", "want 18 characters", input)
	}
	birth, err := parseCitizen(kind, today, c, input)
	if err != nil {
		return certificate.Parsed{}, err
	}
	var holder string
	switch code, _ := parseCode(c[:6]); {
	case kind == certificate.HKMOResidencePermit && code == 810000:
		holder = "HK"
	case kind == certificate.HKMOResidencePermit && code == 820000:
		holder = "MO"
	case kind == certificate.TWResidencePermit && code == 830000:
		holder = "TW"
	default:
		want := "810000 or 820000"
		if kind == certificate.TWResidencePermit {
			want = "830000"
		}
		return certificate.Parsed{}, numberError(kind, "CN", certificate.ErrComponent, CodeAddressMismatch, "address code must be "+want, input)
	}
	return certificate.Parsed{
		Number:       certificate.NewNumber(kind, "CN", c),
		Birth:        birth,
		Sex:          sexOf(c[16]),
		HolderRegion: holder,
	}, nil
}
