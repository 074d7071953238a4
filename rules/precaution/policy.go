package precaution

import (
	"context"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
	"github.com/realname-go/realname/rules"
)

// Names of the precautions, as [Checks] returns them and authn reports them.
// The numbers are those of the precautions every application must meet.
const (
	CheckAccount     = "account.eligible"       // 8: no partner program, not authenticated yet
	CheckKind        = "claim.kind"             // the kind is allowed for the account's region
	CheckTypedName   = "claim.name"             // the typed name is well formed
	CheckRegion      = "certificate.region"     // 1: issuing region = registration region
	CheckNumber      = "certificate.number"     // 2: the number is valid
	CheckValidity    = "certificate.validity"   // 2: not expired, not yet-to-start, period fits
	CheckZone        = "certificate.mrz"        // 2: the machine-readable zone, when read, is valid and agrees
	CheckConsistency = "certificate.consistent" // 2: what the document states twice agrees
	CheckNameMatch   = "claim.name_match"       // 4: typed name = document name
	CheckNumberMatch = "claim.number_match"     // 4: typed number = document number
)

// Options configures [Checks] and [New]. The zero value is valid except for
// Numbers, which an empty registry leaves able to judge no number.
type Options struct {
	// Numbers parses certificate numbers.
	Numbers certificate.Registry
	// Clock is the one clock and time zone of every check that needs a
	// date: the number schemes (a birth date after today), the validity
	// period and the machine-readable zone. The zero value is the system
	// clock with calendar dates in China Standard Time.
	// [Application.Now] overrides the time for one application.
	Clock    certificate.Clock
	Account  AccountOptions
	Kinds    KindPolicy
	Name     NameOptions
	Regions  RegionOptions
	Validity ValidityOptions
	Match    MatchOptions
}

// Check is one named precaution over an application.
type Check struct {
	Name string
	Rule rules.Rule[Application]
}

// Checks returns the precautions in the order they run, each under its
// name: [CheckAccount], [CheckKind], [CheckTypedName], [CheckRegion],
// [CheckNumber], [CheckValidity], [CheckZone], [CheckConsistency],
// [CheckNameMatch], [CheckNumberMatch] and [CheckZoneRead] (which judges
// [Application.Zone] and passes when no reader looked). This is the one assembly of the
// built-in checks: [New] composes it, and the verifier of package authn runs
// it check by check to report each. A configuration error of any check is
// returned.
func Checks(o Options) ([]Check, error) {
	kinds, err := KindAllowed(o.Kinds)
	if err != nil {
		return nil, err
	}
	region, err := IssuingRegion(o.Regions)
	if err != nil {
		return nil, err
	}
	validity, err := CertificateValid(o.Clock, o.Validity)
	if err != nil {
		return nil, err
	}
	checks := []Check{
		{CheckAccount, rules.Field("account", func(a Application) Account { return a.Account }, AccountEligible(o.Account))},
		{CheckKind, kinds},
		{CheckTypedName, rules.Field("claim.name", func(a Application) string { return a.Claim.Name }, NameWellFormed(o.Name))},
		{CheckRegion, region},
		{CheckNumber, ValidNumber(o.Numbers, o.Clock)},
		{CheckValidity, validity},
		{CheckZone, ZoneAgrees(o.Clock)},
		{CheckConsistency, Consistent(o.Numbers, o.Clock)},
		{CheckNameMatch, NameMatches(o.Match)},
		{CheckNumberMatch, NumberMatches(o.Numbers, o.Clock)},
		{CheckZoneRead, ZoneMatches(o.Numbers, o.Clock, o.Match)},
	}
	for _, c := range checks {
		if err := rules.CheckConfig(c.Rule); err != nil {
			return nil, err
		}
	}
	return checks, nil
}

// New returns every precaution of [Checks] composed with [rules.All], with
// the codes that two checks judge from different sides reported once (see
// [ReportedOnce]). Evidence files and the per-certificate account limit plug
// in beside it.
func New(o Options) (rules.Rule[Application], error) {
	checks, err := Checks(o)
	if err != nil {
		return nil, err
	}
	all := make([]rules.Rule[Application], len(checks))
	for i, c := range checks {
		all[i] = c.Rule
	}
	return onceEach{rules.All(all...)}, nil
}

// ReportedOnce reports whether an application shows code at most once
// (per item, for [CodeMRZMismatch]) although more than one check finds it:
// a driving licence issued in the Chinese mainland is refused by the
// issuing-region check (at document.issuing_region) and, when its number
// is read in the CN scheme, by the number check (at claim.number); a date
// typed on the form that differs from the zone read from the image is found
// by the zone check, once the zone filled the document, and by the
// zone-read check. The applicant sees the reason once.
func ReportedOnce(code rules.Code) bool {
	return code == driverlicense.CodeIssuedInMainland || code == CodeMRZMismatch
}

// DropRepeats returns vs without the violations whose code [ReportedOnce]
// names and seen already holds (for [CodeMRZMismatch], the code with the
// same "item"), and records them in seen. A nil seen is a configuration
// mistake of the caller and keeps every violation.
func DropRepeats(seen map[rules.Code]bool, vs []rules.Violation) []rules.Violation {
	if seen == nil {
		return vs
	}
	out := vs[:0:0]
	for _, v := range vs {
		if ReportedOnce(v.Code) {
			key := v.Code
			if v.Code == CodeMRZMismatch {
				key += rules.Code("\x00" + v.Param("item"))
			}
			if seen[key] {
				continue
			}
			seen[key] = true
		}
		out = append(out, v)
	}
	return out
}

// onceEach applies [DropRepeats] to the violations of its rule.
type onceEach struct{ r rules.Rule[Application] }

func (o onceEach) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	vs, err := o.r.Check(ctx, a)
	if err != nil || len(vs) < 2 {
		return vs, err
	}
	return DropRepeats(map[rules.Code]bool{}, vs), nil
}

// today returns the date of the judgement of a: the calendar date of
// [Application.Now] in the clock's zone when set, else the clock's today.
func (a *Application) today(c certificate.Clock) certificate.Date {
	if !a.Now.IsZero() {
		return certificate.DateIn(a.Now, c.Zone())
	}
	return c.Today()
}
