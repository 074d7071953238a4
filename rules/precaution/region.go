package precaution

import (
	"context"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules"
)

// RegionSource says where the issuing region of a kind of certificate comes
// from.
type RegionSource uint8

// The sources of an issuing region.
const (
	// FromDocument: [Document.IssuingRegion], else the MRZ issuing state,
	// else the region of the number scheme the applicant picked (a driving
	// licence's "US-CA" gives US). An issuing state that was read but names
	// no region is [CodeRegionUnknown], or mrz.state_withdrawn (review) for a
	// code ISO 3166-1 withdrew.
	FromDocument RegionSource = iota
	// FromIssuingState: the MRZ issuing state ([Document.IssuingState], or
	// characters 3–5 of the MRZ) as package certificate/mrz reads it, with
	// ICAO's non-ISO codes mapped (D to DE, GBD/GBN/GBO/GBP/GBS to GB, RKS
	// and XKX to XK); when no state was read, [Document.IssuingRegion];
	// when nothing at all was read, the region picked ([Claim.Region]). A
	// state that was read but names no region is [CodeRegionUnknown], or
	// mrz.state_withdrawn (review: a person looks) for a code ISO 3166-1
	// withdrew, such as YUG.
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

// DefaultRegionPolicy returns the default policy:
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
// certificate equals the account's registration region. Issuing-state codes
// are read with [mrz.ParseState], the table of the codes of ICAO Doc 9303
// Part 3 that the zone check uses too. Whatever the kind, when an issuing
// state was read it refuses ICAO's specimen state UTO ([CodeSpecimen]) and
// documents of organisations (the European Union among them), stateless
// persons, refugees and persons of unspecified nationality
// ([CodeIssuerNotState], with the code in the "issuer" parameter). It then
// refuses a region that cannot be told ([CodeRegionUnknown]; a code ISO
// 3166-1 withdrew, such as YUG, asks for review with certificate/mrz's code
// mrz.state_withdrawn instead); a region the policy refuses for the kind
// ([CodeRegionRefused], or driverlicense.issued_in_mainland for a driving
// licence issued in CN, the code the licence scheme gives its number); and
// a mismatch ([CodeRegionMismatch]). The kind judged is the document's, or the claim's
// when the document has none. A policy with an invalid kind or source, or a
// Fixed source without a region, is a [*rules.ConfigError].
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
	st := judgeState(a.Document.IssuingState)
	if !st.read {
		st = judgeState(mrzIssuingState(a.Document.MRZ))
	}
	if st.refusal.Code != "" {
		return []rules.Violation{st.refusal.At("document.issuing_state")}, nil
	}
	unknownState := func() []rules.Violation {
		if st.withdrawn {
			return []rules.Violation{rules.Violate(codeStateWithdrawn, rules.Review, false, "issuer", st.code).At("document.issuing_state")}
		}
		return []rules.Violation{rules.Violate(CodeRegionUnknown, rules.Reject, true,
			"kind", kind.String(), "issuer", st.code).At("document.issuing_state")}
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
		switch {
		case st.unknown:
			return unknownState(), nil
		case st.read:
			issuing = st.region
		default:
			issuing = a.Document.IssuingRegion
			if issuing == (language.Region{}) && nothingRead(&a.Document) {
				// Nothing read the certificate: the region picked stands in,
				// and a person compares the certificate (the matches ask
				// for review), rather than refusing what nobody read.
				issuing = countryOf(a.Claim.Region)
			}
		}
	default: // FromDocument
		issuing = a.Document.IssuingRegion
		if issuing == (language.Region{}) {
			switch {
			case st.unknown:
				return unknownState(), nil
			case st.read:
				issuing = st.region
			default:
				issuing = countryOf(a.Claim.Region)
			}
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

// mrzIssuingState returns characters 3–5 of the first line of a
// machine-readable zone, fillers included; every ICAO Doc 9303 format (TD1,
// TD2, TD3 and the visas) puts the issuing state there.
func mrzIssuingState(zone string) string {
	zone = strings.TrimLeft(zone, " \t\r\n")
	if i := strings.IndexAny(zone, "\r\n"); i >= 0 {
		zone = zone[:i]
	}
	if len(zone) < 5 {
		return ""
	}
	return zone[2:5]
}

// codeStateWithdrawn is certificate/mrz's code of a state code withdrawn
// from ISO 3166-1 (review; its message is in [Messages]).
var codeStateWithdrawn = rules.Code(mrz.ClassWithdrawn.Code())

// stateVerdict is what the region rule makes of an issuing-state code.
type stateVerdict struct {
	code      string          // the code, upper-cased, fillers removed
	read      bool            // a code was read
	region    language.Region // the ISO 3166-1 country it names, when read and known
	unknown   bool            // read, but it names no region certificate/mrz knows
	withdrawn bool            // unknown because ISO 3166-1 withdrew the code
	refusal   rules.Violation // non-zero for the specimen state and codes that name no state
}

// judgeState asks package certificate/mrz ([mrz.ParseState]) what an
// issuing-state code stands for, so that the zone and the region rule read
// the codes of ICAO Doc 9303 Part 3 from one table:
//
//   - a code with an ISO 3166-1 country (GBR; ICAO's own D for Germany, the
//     GBD, GBN, GBO, GBP and GBS codes for the United Kingdom, RKS and XKX
//     for Kosovo) gives that country;
//   - the specimen state UTO is refused with [CodeSpecimen];
//   - codes of organisations (UNO, XPO, any other X code ICAO reserves, and
//     EUE, the European Union, which ISO 3166-1 reserves but which is no
//     country), of stateless persons (XXA), refugees (XXB, XXC) and
//     unspecified nationality (XXX) are refused with [CodeIssuerNotState];
//   - a code ISO 3166-1 has withdrawn (ANT, NTZ, YUG, …) names no region
//     today: a person looks (mrz.state_withdrawn, review);
//   - a code certificate/mrz does not know names no region:
//     [CodeRegionUnknown];
//   - an empty code (only fillers, or nothing) was not read.
//
// Lower-case letters and surrounding spaces are forgiven: the zone check,
// not this rule, reports characters a zone may not hold.
func judgeState(code string) stateVerdict {
	code = strings.TrimRight(strings.ToUpper(strings.TrimSpace(code)), "<")
	if code == "" {
		return stateVerdict{}
	}
	v := stateVerdict{code: code, read: true}
	if len(code) > 3 {
		v.unknown = true
		return v
	}
	s, ok := mrz.ParseState((code + "<<")[:3]) // the field as a zone writes it: "D<<"
	if !ok {
		v.unknown = true
		return v
	}
	if s.Class() == mrz.ClassSpecimen {
		v.refusal = rules.Violate(CodeSpecimen, rules.Reject, false)
		return v
	}
	if r, ok := s.Region(); ok && r.IsCountry() {
		v.region = r
		return v
	}
	switch s.Class() {
	case mrz.ClassState, mrz.ClassMapped, mrz.ClassOrganisation, mrz.ClassStateless, mrz.ClassRefugee, mrz.ClassUnspecified:
		// A region that is no country (EUE: the European Union), or none.
		v.refusal = rules.Violate(CodeIssuerNotState, rules.Reject, true, "issuer", code)
		return v
	}
	v.unknown, v.withdrawn = true, s.Class() == mrz.ClassWithdrawn
	return v
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

// nothingRead reports whether d holds nothing read from the certificate
// (its Source aside).
func nothingRead(d *Document) bool {
	c := *d
	c.Source = SourceUnknown
	return c == Document{}
}
