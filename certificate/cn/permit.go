package cn

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
)

// ResidencePermit is the scheme of the Residence Permits for Hong Kong and
// Macao Residents (address code 810000 or 820000) and for Taiwan Residents
// (830000): the 18-character GB 11643 layout with the MOD 11-2 check. Number
// region "CN", the mainland authority that issues them; Parsed.HolderRegion is
// HK, MO or TW. Build one with [NewHKMOResidencePermit] or
// [NewTWResidencePermit].
type ResidencePermit struct {
	kind certificate.Kind
	opts Options
}

// NewHKMOResidencePermit returns the scheme of the Residence Permit for Hong
// Kong and Macao Residents.
func NewHKMOResidencePermit(opts Options) ResidencePermit {
	return ResidencePermit{kind: certificate.HKMOResidencePermit, opts: opts}
}

// NewTWResidencePermit returns the scheme of the Residence Permit for Taiwan
// Residents.
func NewTWResidencePermit(opts Options) ResidencePermit {
	return ResidencePermit{kind: certificate.TWResidencePermit, opts: opts}
}

// Kind returns the permit's kind.
func (s ResidencePermit) Kind() certificate.Kind { return s.kind }

// Region returns "CN".
func (ResidencePermit) Region() string { return "CN" }

// Parse validates input as an 18-character permit number whose address code
// fits the kind ([CodeAddressMismatch] otherwise).
func (s ResidencePermit) Parse(input string) (certificate.Parsed, error) {
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
	birth, err := parseCitizen(kind, c, input, s.opts)
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
