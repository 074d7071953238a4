package precaution

import (
	"context"
	"errors"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
	"github.com/realname-go/realname/internal/textfold"
	"github.com/realname-go/realname/rules"
)

type dvlaRule struct{}

// DVLAMatches returns an optional rule for UK driving licences: the typed
// driver number encodes the holder's surname, initials, birth date and sex
// (the 16-character driver number of the Driver and Vehicle Licensing
// Agency, described at https://www.ukdriving.org.uk/licencenumber.html), and
// they must agree with the document's
// [Document.Surname], [Document.GivenNames], [Document.Birth] and
// [Document.Sex] ([driverlicense.CheckDVLA]). Each part that disagrees is a
// violation at "claim.number" with the code and severity of the message
// catalog: driverlicense.surname_mismatch and driverlicense.initials_mismatch
// ask for review (names change and are transliterated),
// driverlicense.birth_date_mismatch and driverlicense.sex_mismatch reject.
// Document fields left zero are not compared.
//
// It judges only driving licences whose scheme region ([Claim.Region], else
// [Document.IssuingRegion]) is GB or a GB subdivision; a number that does
// not parse is left to [ValidNumber]. [New] and [Checks] do not include it:
// compose it with [rules.All].
func DVLAMatches() rules.Rule[Application] { return dvlaRule{} }

func (dvlaRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "dvla_match"); err != nil {
		return nil, err
	}
	if a.Claim.Kind != certificate.DriverLicense {
		return nil, nil
	}
	region := a.Claim.Region
	if region == "" {
		region = regionString(a.Document.IssuingRegion)
	}
	if country, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(region)), "-"); country != "GB" {
		return nil, nil
	}
	err := driverlicense.CheckDVLA(a.Claim.Number, driverlicense.Holder{
		Surname:    a.Document.Surname,
		GivenNames: a.Document.GivenNames,
		Birth:      a.Document.Birth,
		Sex:        a.Document.Sex,
	})
	var me *driverlicense.MismatchError
	if !errors.As(err, &me) {
		return nil, nil // valid and matching, or invalid: ValidNumber reports it
	}
	masked := certificate.Mask(textfold.Compact(a.Claim.Number, " -"))
	out := make([]rules.Violation, 0, len(me.Codes))
	for _, code := range me.Codes {
		sev := rules.Reject
		if code == driverlicense.CodeSurnameMismatch || code == driverlicense.CodeInitialsMismatch {
			sev = rules.Review
		}
		out = append(out, rules.Violate(rules.Code(code), sev, sev == rules.Reject, "number", masked).At("claim.number"))
	}
	return out, nil
}
