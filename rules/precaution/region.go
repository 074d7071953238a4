package precaution

import (
	"context"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
	"github.com/realname-go/realname/rules"
)

// RegionSource says where the issuing region of a kind of certificate comes
// from.
type RegionSource uint8

// The sources of an issuing region.
const (
	// FromDocument: [Document.IssuingRegion], else the MRZ issuing state,
	// else the region of the number scheme the applicant picked (a driving
	// licence's "US-CA" gives US).
	FromDocument RegionSource = iota
	// FromIssuingState: the MRZ issuing state ([Document.IssuingState], or
	// characters 3–5 of the MRZ), with ICAO's non-ISO codes mapped (D to DE,
	// GBD/GBN/GBO/GBP/GBS to GB); else [Document.IssuingRegion].
	FromIssuingState
	// FromScheme: the region of the number scheme the number follows
	// ([Claim.Region], or the account's region when empty).
	FromScheme
	// FromPermitLetter: the first letter of a Home Return Permit number, H
	// for HK and M for MO.
	FromPermitLetter
	// Fixed: always [KindRegion.Fixed].
	Fixed
)

// KindRegion is the issuing-region policy of one kind of certificate.
type KindRegion struct {
	Source RegionSource
	// Fixed is the issuing region when Source is [Fixed].
	Fixed language.Region
	// AlsoAccept lists account regions accepted besides the issuing region,
	// for example HK and MO for a residence permit that CN issues.
	AlsoAccept []language.Region
	// Refuse lists issuing regions refused for the kind, whatever the
	// account (CN for driving licences).
	Refuse []language.Region
}

// DefaultRegionPolicy returns the default policy of design.md §5:
//
//	kind                   issuing region                        refused
//	passport               MRZ issuing state                     specimen, organisations, stateless
//	id_card                region of the number scheme (CN)
//	hkmo_travel_permit     HK for H…, MO for M…
//	tw_travel_permit       TW
//	hkmo_residence_permit  CN (the mainland authority issues it)
//	tw_residence_permit    CN
//	driver_license         as read from the licence              CN
//
// In every kind the issuing region must equal the account's registration
// region. The map is new on each call; change it and pass it in
// [RegionOptions].
func DefaultRegionPolicy() map[certificate.Kind]KindRegion {
	cn := language.MustParseRegion("CN")
	return map[certificate.Kind]KindRegion{
		certificate.Passport:            {Source: FromIssuingState},
		certificate.IDCard:              {Source: FromScheme},
		certificate.HKMOTravelPermit:    {Source: FromPermitLetter},
		certificate.TWTravelPermit:      {Source: Fixed, Fixed: language.MustParseRegion("TW")},
		certificate.HKMOResidencePermit: {Source: Fixed, Fixed: cn},
		certificate.TWResidencePermit:   {Source: Fixed, Fixed: cn},
		certificate.DriverLicense:       {Source: FromDocument, Refuse: []language.Region{cn}},
	}
}

// RegionOptions configures [IssuingRegion]. The zero value is the default
// policy.
type RegionOptions struct {
	// Policy replaces the default policy of the kinds it names; other kinds
	// keep [DefaultRegionPolicy].
	Policy map[certificate.Kind]KindRegion
}

type regionRule struct {
	policy [8]KindRegion // indexed by kind
	hk, mo language.Region
}

// IssuingRegion returns the rule of precaution 1: the region that issued the
// certificate equals the account's registration region. It refuses ICAO's
// specimen state UTO ([CodeSpecimen]) and documents of organisations,
// stateless persons and refugees ([CodeIssuerNotState]) whenever an issuing
// state was read, whatever the kind; a region the policy refuses for the kind
// ([CodeRegionRefused], or driverlicense.issued_in_mainland for a driving
// licence issued in CN, the code the licence scheme gives its number); a region that cannot be told ([CodeRegionUnknown]);
// and a mismatch ([CodeRegionMismatch]). The kind judged is the document's, or
// the claim's when the document has none. A policy with an invalid kind or
// source, or a Fixed source without a region, is a [*ConfigError].
func IssuingRegion(opts RegionOptions) (rules.Rule[Application], error) {
	r := regionRule{hk: language.MustParseRegion("HK"), mo: language.MustParseRegion("MO")}
	def := DefaultRegionPolicy()
	for _, k := range certificate.Kinds() {
		r.policy[k] = def[k]
	}
	for _, k := range slices.Sorted(maps.Keys(opts.Policy)) {
		p := opts.Policy[k]
		switch {
		case !k.Valid():
			return nil, &rules.ConfigError{Rule: "issuing_region", Reason: "policy names an invalid kind"}
		case p.Source > Fixed:
			return nil, &rules.ConfigError{Rule: "issuing_region", Reason: "invalid region source for " + k.String()}
		case p.Source == Fixed && !p.Fixed.IsCountry():
			return nil, &rules.ConfigError{Rule: "issuing_region", Reason: "fixed source without a country for " + k.String()}
		}
		p.AlsoAccept = slices.Clone(p.AlsoAccept)
		p.Refuse = slices.Clone(p.Refuse)
		r.policy[k] = p
	}
	return r, nil
}

func (r regionRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "issuing_region"); err != nil {
		return nil, err
	}
	kind := a.Document.Kind
	if !kind.Valid() {
		kind = a.Claim.Kind
	}
	if !kind.Valid() {
		return nil, nil // KindAllowed reports it
	}
	state := a.Document.IssuingState
	if state == "" {
		state = mrzIssuingState(a.Document.MRZ)
	}
	stateRegion, v, ok := issuingStateRegion(state)
	if !ok {
		return []rules.Violation{v.At("document.issuing_state")}, nil
	}
	p := r.policy[kind]
	var issuing language.Region
	switch p.Source {
	case Fixed:
		issuing = p.Fixed
	case FromScheme:
		issuing = countryOf(a.schemeRegion())
	case FromPermitLetter:
		num := a.Document.Number
		if strings.TrimSpace(num) == "" {
			num = a.Claim.Number
		}
		issuing = r.permitRegion(num)
	case FromIssuingState:
		issuing = stateRegion
		if issuing == (language.Region{}) {
			issuing = a.Document.IssuingRegion
		}
	default: // FromDocument
		issuing = a.Document.IssuingRegion
		if issuing == (language.Region{}) {
			issuing = stateRegion
		}
		if issuing == (language.Region{}) {
			issuing = countryOf(a.Claim.Region)
		}
	}
	if issuing == (language.Region{}) {
		return []rules.Violation{rules.Violate(CodeRegionUnknown, rules.Reject, true, "kind", kind.String()).At("document.issuing_region")}, nil
	}
	if slices.Contains(p.Refuse, issuing) {
		return []rules.Violation{rules.Violate(refusedCode(kind, issuing), rules.Reject, true, "kind", kind.String(), "issuing_region", issuing.String()).At("document.issuing_region")}, nil
	}
	acct := a.Account.RegistrationRegion
	if acct == (language.Region{}) {
		return []rules.Violation{rules.Violate(CodeAccountRegionUnknown, rules.Reject, false).At("account.registration_region")}, nil
	}
	if acct == issuing || slices.Contains(p.AlsoAccept, acct) {
		return nil, nil
	}
	return []rules.Violation{rules.Violate(CodeRegionMismatch, rules.Reject, true,
		"issuing_region", issuing.String(), "account_region", acct.String()).At("document.issuing_region")}, nil
}

// refusedCode is the code of a region the policy refuses: the driving-licence
// scheme's own code for a licence issued in the Chinese mainland, so that the
// region rule and the number scheme name the same reason, else
// [CodeRegionRefused].
func refusedCode(kind certificate.Kind, issuing language.Region) rules.Code {
	if kind == certificate.DriverLicense && issuing.String() == "CN" {
		return rules.Code(driverlicense.CodeIssuedInMainland)
	}
	return CodeRegionRefused
}

// mrzIssuingState returns characters 3–5 of the first MRZ line without
// fillers; every ICAO 9303 format puts the issuing state there.
func mrzIssuingState(mrz string) string {
	mrz = strings.TrimLeft(mrz, " \t\r\n")
	if i := strings.IndexAny(mrz, "\r\n"); i >= 0 {
		mrz = mrz[:i]
	}
	if len(mrz) < 5 {
		return ""
	}
	return strings.TrimRight(mrz[2:5], "<")
}

// issuingStateRegion maps an MRZ issuing-state code to a region (facts.md
// §5.7). It returns ok false with the violation for the specimen state and
// for codes that name no state. An empty or unknown code gives the zero
// region and ok true: the caller decides from other sources.
func issuingStateRegion(code string) (language.Region, rules.Violation, bool) {
	code = strings.TrimRight(strings.ToUpper(strings.TrimSpace(code)), "<")
	switch code {
	case "":
		return language.Region{}, rules.Violation{}, true
	case "UTO":
		return language.Region{}, rules.Violate(CodeSpecimen, rules.Reject, false), false
	case "D":
		code = "DE"
	case "GBD", "GBN", "GBO", "GBP", "GBS":
		code = "GB"
	case "RKS":
		code = "XK"
	case "XXA", "XXB", "XXC", "XXX", // stateless, refugees, unspecified
		"UNO", "UNA", "UNK", "EUE", // United Nations, UNMIK, European Union
		"XBA", "XIM", "XCC", "XCE", "XCO", "XDC", "XEC", "XES", "XMP", "XOM", "XPO":
		return language.Region{}, rules.Violate(CodeIssuerNotState, rules.Reject, true, "issuer", code), false
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() {
		return language.Region{}, rules.Violation{}, true
	}
	return r, rules.Violation{}, true
}

// countryOf returns the country of a scheme region: "US-CA" gives US.
func countryOf(region string) language.Region {
	if i := strings.IndexByte(region, '-'); i >= 0 {
		region = region[:i]
	}
	if region == "" {
		return language.Region{}
	}
	r, err := language.ParseRegion(region)
	if err != nil || !r.IsCountry() {
		return language.Region{}
	}
	return r
}

// permitRegion returns HK or MO from the first letter of a Home Return
// Permit number, ignoring leading spaces and full-width forms.
func (r regionRule) permitRegion(num string) language.Region {
	num = strings.TrimSpace(num)
	switch {
	case strings.HasPrefix(num, "H"), strings.HasPrefix(num, "h"), strings.HasPrefix(num, "Ｈ"):
		return r.hk
	case strings.HasPrefix(num, "M"), strings.HasPrefix(num, "m"), strings.HasPrefix(num, "Ｍ"):
		return r.mo
	}
	return language.Region{}
}
