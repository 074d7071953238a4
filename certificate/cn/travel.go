package cn

import (
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
)

// HKMOTravelPermitScheme is the scheme of the Mainland Travel Permit for Hong Kong
// and Macao Residents (港澳居民来往内地通行证): H (Hong Kong) or M (Macao) and
// the 8-digit lifelong number; the 1999–2012 eleven-character form (two more
// digits counting issues) is canonicalised to its nine-character lifelong
// number; HA or MA and 7 digits is the card for non-Chinese citizens (since
// 2024). The number region, like Parsed.HolderRegion, is HK for H and MO for
// M. The scheme accepts any account region: [HKMOTravelPermitScheme.Region] is "".
type HKMOTravelPermitScheme struct{}

// Kind returns [certificate.HKMOTravelPermit].
func (HKMOTravelPermitScheme) Kind() certificate.Kind { return certificate.HKMOTravelPermit }

// Region returns "": one scheme serves both Hong Kong and Macao numbers.
func (HKMOTravelPermitScheme) Region() string { return "" }

// Parse validates input; spaces, hyphens and brackets are ignored.
func (HKMOTravelPermitScheme) Parse(input string) (certificate.Parsed, error) {
	const kind = certificate.HKMOTravelPermit
	c := input
	if !upperAlnum(c) {
		c = textfold.Compact(input, " -()")
	}
	region := ""
	if len(c) > 0 {
		switch c[0] {
		case 'H':
			region = "HK"
		case 'M':
			region = "MO"
		}
	}
	if len(c) != 9 && len(c) != 11 {
		return certificate.Parsed{}, numberError(kind, region, certificate.ErrLength, "", "want 9 characters (or 11 on the 1999 card)", input)
	}
	if region == "" {
		return certificate.Parsed{}, numberError(kind, region, certificate.ErrFormat, "", "the number starts with H or M", input)
	}
	switch {
	case len(c) == 9 && c[1] == 'A' && allDigits(c[2:]):
		// Card for non-Chinese citizens: HA/MA and 7 digits.
	case allDigits(c[1:]):
		c = c[:9]
	default:
		return certificate.Parsed{}, numberError(kind, region, certificate.ErrFormat, "", "H or M, then 8 digits", input)
	}
	return certificate.Parsed{Number: certificate.NewNumber(kind, region, c), HolderRegion: region}, nil
}

// TWTravelPermitScheme is the scheme of the Mainland Travel Permit for Taiwan
// Residents (台湾居民来往大陆通行证): the 8-digit lifelong number. The legacy
// booklet number (the 8 digits, a 2-digit issue count and an optional
// issuing-authority code, often bracketed) is canonicalised to the 8 digits.
// Number region and Parsed.HolderRegion "TW".
type TWTravelPermitScheme struct{}

// Kind returns [certificate.TWTravelPermit].
func (TWTravelPermitScheme) Kind() certificate.Kind { return certificate.TWTravelPermit }

// Region returns "TW".
func (TWTravelPermitScheme) Region() string { return "TW" }

// Parse validates input; spaces, hyphens and brackets are ignored.
func (TWTravelPermitScheme) Parse(input string) (certificate.Parsed, error) {
	const kind = certificate.TWTravelPermit
	c := input
	if !upperAlnum(c) {
		c = textfold.Compact(input, " -()")
	}
	switch len(c) {
	case 8, 10, 11:
	default:
		return certificate.Parsed{}, numberError(kind, "TW", certificate.ErrLength, "", "want 8 digits (or 10 and an authority code on the old booklet)", input)
	}
	n := min(len(c), 10)
	if !allDigits(c[:n]) {
		return certificate.Parsed{}, numberError(kind, "TW", certificate.ErrFormat, "", "digits only, except the authority code", input)
	}
	if len(c) == 11 {
		if a := c[10]; (a < '0' || a > '9') && (a < 'A' || a > 'Z') {
			return certificate.Parsed{}, numberError(kind, "TW", certificate.ErrFormat, "", "the authority code is a letter or digit", input)
		}
	}
	return certificate.Parsed{Number: certificate.NewNumber(kind, "TW", c[:8]), HolderRegion: "TW"}, nil
}

// upperAlnum reports whether s is short and holds only digits and upper-case
// letters, so that folding it would change nothing.
func upperAlnum(s string) bool {
	if len(s) > 11 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// Schemes returns every scheme of this package with opts: the identity card,
// the two residence permits and the two travel permits.
func Schemes(opts Options) []certificate.Scheme {
	return []certificate.Scheme{
		NewIDCard(opts),
		NewHKMOResidencePermit(opts),
		NewTWResidencePermit(opts),
		HKMOTravelPermitScheme{},
		TWTravelPermitScheme{},
	}
}
