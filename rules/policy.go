package rules

import (
	"context"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
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
// certificate's dates, and the name and number match. A driving licence
// issued in the Chinese mainland is reported once, with the code
// driverlicense.issued_in_mainland, though both the region and the number
// rule refuse it. Evidence files and the
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
	return onceEach{All(
		Field("account", func(a Application) Account { return a.Account }, AccountEligible(o.Account)),
		kinds,
		Field("claim.name", func(a Application) string { return a.Claim.Name }, NameWellFormed(o.Name)),
		region,
		ValidNumber(o.Numbers),
		validity,
		NameMatches(o.Match),
		NumberMatches(o.Numbers),
	)}, nil
}

// onceEach drops the later violations of a code that two precautions judge
// from different sides: a driving licence issued in the Chinese mainland is
// refused by the issuing-region rule (at document.issuing_region) and, when
// its number is read in the CN scheme, by the number rule (at claim.number).
// The applicant sees the reason once.
type onceEach struct{ r Rule[Application] }

func (o onceEach) Check(ctx context.Context, a Application) ([]Violation, error) {
	vs, err := o.r.Check(ctx, a)
	if err != nil || len(vs) < 2 {
		return vs, err
	}
	const mainland = driverlicense.CodeIssuedInMainland
	seen := false
	out := vs[:0:0]
	for _, v := range vs {
		if v.Code == mainland {
			if seen {
				continue
			}
			seen = true
		}
		out = append(out, v)
	}
	return out, nil
}
