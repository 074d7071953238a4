package rules

import (
	"time"

	"github.com/realname-go/realname/certificate"
)

// PrecautionOptions configures [Precautions]. The zero value is valid except
// for Numbers, which an empty registry leaves able to judge no number.
type PrecautionOptions struct {
	// Numbers parses certificate numbers.
	Numbers certificate.Registry
	// Now is the clock of every rule that needs one; nil means time.Now.
	Now func() time.Time
	// Location is the zone of the verification date; nil means
	// [DefaultTimeZone].
	Location *time.Location
	Account  AccountOptions
	Kinds    KindPolicy
	Name     NameOptions
	Regions  RegionOptions
	Validity ValidityOptions // Now and Location above win when set
	Match    MatchOptions
}

// Precautions returns every typed-value precaution composed with [All], in
// this order: account eligibility ("account"), the allowed kind, the typed
// name ("claim.name"), the issuing region, the number's validity, the
// certificate's dates, and the name and number match. Evidence files and the
// per-certificate account limit plug in beside it. Configuration errors of
// any rule are returned.
func Precautions(o PrecautionOptions) (Rule[Application], error) {
	kinds, err := KindAllowed(o.Kinds)
	if err != nil {
		return nil, err
	}
	region, err := IssuingRegion(o.Regions)
	if err != nil {
		return nil, err
	}
	vo := o.Validity
	if o.Now != nil {
		vo.Now = o.Now
	}
	if o.Location != nil {
		vo.Location = o.Location
	}
	validity, err := CertificateValid(vo)
	if err != nil {
		return nil, err
	}
	return All(
		Field("account", func(a Application) Account { return a.Account }, AccountEligible(o.Account)),
		kinds,
		Field("claim.name", func(a Application) string { return a.Claim.Name }, NameWellFormed(o.Name)),
		region,
		ValidNumber(o.Numbers),
		validity,
		NameMatches(o.Match),
		NumberMatches(o.Numbers),
	), nil
}
