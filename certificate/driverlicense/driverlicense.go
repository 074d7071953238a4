package driverlicense

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
)

// Codes this package uses in a [*certificate.NumberError] (with reason
// [certificate.ErrComponent]) besides the four generic codes.
const (
	// CodeRegionRequired: no issuing region was given, or a US licence was
	// given without its state.
	CodeRegionRequired = "driverlicense.region_required"
	// CodeInvalidRegion: the issuing region is not an ISO 3166 code.
	CodeInvalidRegion = "driverlicense.invalid_region"
	// CodeIssuedInMainland: the licence was issued in the Chinese mainland,
	// which real-name authentication does not accept.
	CodeIssuedInMainland = "driverlicense.issued_in_mainland"
	// CodeRegionRefused: the issuing region is refused by [Options.Refuse].
	CodeRegionRefused = "driverlicense.region_refused"
)

// Generic numbers: letters and digits, this long.
const (
	minGeneric = 4
	maxGeneric = 20
)

// Options adjust the schemes. The zero value accepts every region but the
// Chinese mainland, Hong Kong, Macao and Taiwan included.
type Options struct {
	// Refuse lists further issuing regions (ISO 3166-1 alpha-2) whose
	// licences are refused with [CodeRegionRefused], for example
	// []string{"HK", "MO", "TW"}. Licences issued in CN are always refused.
	Refuse []string
}

func (o Options) refused(country string) bool {
	for _, r := range o.Refuse {
		if strings.EqualFold(r, country) {
			return true
		}
	}
	return false
}

// Schemes returns a new slice with the driving-licence schemes and the zero
// [Options]: the UK DVLA number (GB), one scheme per US jurisdiction
// (US-AL … US-WY, US-DC, US-GU, US-PR), one for "US" that asks for the
// state, one for CN that refuses, and a generic scheme registered for the
// empty region that serves every other region.
func Schemes() []certificate.Scheme { return SchemesWith(Options{}) }

// SchemesWith returns the schemes of [Schemes] configured by o.
func SchemesWith(o Options) []certificate.Scheme {
	o.Refuse = append([]string(nil), o.Refuse...)
	us := make([]*usScheme, 0, len(usFormats))
	for _, f := range usFormats {
		us = append(us, &usScheme{region: "US-" + f.state, m: newUSMatcher(f), opts: o})
	}
	g := &generic{opts: o, us: us}
	out := []certificate.Scheme{
		g,
		&fixed{region: "CN", g: g},
		&fixed{region: "US", g: g},
		&gbScheme{opts: o},
	}
	for _, u := range us {
		out = append(out, u)
	}
	return out
}

func numberError(region string, reason error, code, detail, input string) error {
	return certificate.NewNumberError(certificate.DriverLicense, region, reason, code, detail, input)
}

// checkRegion normalises the issuing region (upper case; CN-HK, CN-MO and
// CN-TW become HK, MO and TW) and refuses what must be refused. It returns
// the region and its country part.
func checkRegion(region string, o Options, input string) (string, string, error) {
	region = strings.ToUpper(strings.TrimSpace(region))
	switch region {
	case "CN-HK", "CN-MO", "CN-TW":
		region = region[3:]
	}
	if region == "" {
		return "", "", numberError("", certificate.ErrComponent, CodeRegionRequired, "the issuing region is required", input)
	}
	country, sub, hasSub := strings.Cut(region, "-")
	r, err := language.ParseRegion(country)
	if err != nil || len(country) != 2 || !r.IsCountry() || r.String() != country || (hasSub && !validSubdivision(sub)) {
		return "", "", numberError(truncate(region), certificate.ErrComponent, CodeInvalidRegion, "not an ISO 3166 region", input)
	}
	if err := checkRefused(region, country, o, input); err != nil {
		return "", "", err
	}
	return region, country, nil
}

// checkRefused refuses the mainland and the regions of o.Refuse.
func checkRefused(region, country string, o Options, input string) error {
	if country == "CN" {
		return numberError(region, certificate.ErrComponent, CodeIssuedInMainland, "licences issued in the Chinese mainland are not accepted", input)
	}
	if len(o.Refuse) > 0 && (o.refused(country) || o.refused(region)) {
		return numberError(region, certificate.ErrComponent, CodeRegionRefused, "licences issued in this region are not accepted", input)
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 8 {
		return s[:8]
	}
	return s
}

// validSubdivision reports whether s can be the part after the hyphen of an
// ISO 3166-2 code: one to three letters or digits.
func validSubdivision(s string) bool {
	if len(s) < 1 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// parseGeneric checks a licence number with no known national format: 4 to
// 20 letters and digits once spaces, hyphens, dots, slashes and brackets are
// removed (a Hong Kong licence carries the HKID number, A123456(7)).
func parseGeneric(region, input string) (certificate.Parsed, error) {
	c := textfold.Compact(input, " -./()[]")
	if len(c) < minGeneric || len(c) > maxGeneric {
		return certificate.Parsed{}, numberError(region, certificate.ErrLength, "", "want 4 to 20 letters and digits", c)
	}
	for i := 0; i < len(c); i++ {
		ch := c[i]
		if !(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9') {
			return certificate.Parsed{}, numberError(region, certificate.ErrFormat, "", "want letters and digits only", c)
		}
	}
	return certificate.Parsed{Number: certificate.NewNumber(certificate.DriverLicense, region, c)}, nil
}

// generic is registered for the empty region and serves every region with
// no scheme of its own.
type generic struct {
	opts Options
	us   []*usScheme
}

func (g *generic) Kind() certificate.Kind { return certificate.DriverLicense }
func (g *generic) Region() string         { return "" }

// Parse has no issuing region to go by: it reports [CodeRegionRequired].
func (g *generic) Parse(input string) (certificate.Parsed, error) {
	return g.ParseIn("", input)
}

// ParseIn checks the issuing region, then the number: the UK and US
// formats for GB and US-XX, the generic format otherwise.
func (g *generic) ParseIn(region, input string) (certificate.Parsed, error) {
	region, country, err := checkRegion(region, g.opts, input)
	if err != nil {
		return certificate.Parsed{}, err
	}
	switch {
	case country == "GB": // GB-ENG, GB-SCT, GB-WLS, GB-NIR: one UK licence
		return (&gbScheme{opts: g.opts}).Parse(input)
	case country == "US":
		for _, u := range g.us {
			if u.region == region {
				return u.Parse(input)
			}
		}
		if region == "US" {
			return certificate.Parsed{}, numberError(region, certificate.ErrComponent, CodeRegionRequired, "a US licence needs its state, for example US-CA", input)
		}
		return certificate.Parsed{}, numberError(region, certificate.ErrComponent, CodeInvalidRegion, "no such US jurisdiction", input)
	}
	return parseGeneric(region, input)
}

// fixed is registered for one region and answers through the generic
// rules: CN is refused, and US asks for the state.
type fixed struct {
	region string
	g      *generic
}

func (f *fixed) Kind() certificate.Kind { return certificate.DriverLicense }
func (f *fixed) Region() string         { return f.region }
func (f *fixed) Parse(input string) (certificate.Parsed, error) {
	return f.g.ParseIn(f.region, input)
}

// usScheme checks one US jurisdiction's format.
type usScheme struct {
	region string // "US-CA"
	m      *usMatcher
	opts   Options
}

func (u *usScheme) Kind() certificate.Kind { return certificate.DriverLicense }
func (u *usScheme) Region() string         { return u.region }

// Parse checks the jurisdiction's published format: letters, digits (and
// the asterisk Washington uses), hyphens and spaces removed.
func (u *usScheme) Parse(input string) (certificate.Parsed, error) {
	region := u.region
	if err := checkRefused(region, "US", u.opts, input); err != nil {
		return certificate.Parsed{}, err
	}
	c := textfold.Compact(input, " -")
	if len(c) == 0 || len(c) > 24 {
		return certificate.Parsed{}, numberError(region, certificate.ErrLength, "", "want "+u.m.f.description, c)
	}
	if !u.m.match(c) {
		return certificate.Parsed{}, numberError(region, certificate.ErrFormat, "", "want "+u.m.f.description, c)
	}
	return certificate.Parsed{Number: certificate.NewNumber(certificate.DriverLicense, region, c)}, nil
}
