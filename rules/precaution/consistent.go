package precaution

import (
	"context"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// Codes of a document that does not agree with itself.
const (
	// CodeBirthContradicts: the birth date read from the document differs
	// from the one its number encodes (reject, retryable). A genuine PRC
	// identity card or residence permit cannot disagree with itself, so
	// either the reading is wrong (a clearer image fixes it) or the card was
	// altered.
	CodeBirthContradicts rules.Code = "certificate.birth_contradicts_number"
	// CodeSexContradicts: the sex read from the document differs from the
	// one its number encodes (reject, retryable), for the same reasons.
	CodeSexContradicts rules.Code = "certificate.sex_contradicts_number"
)

type consistentRule struct {
	reg   certificate.Registry
	clock certificate.Clock
}

// Consistent returns the check that what the document states twice agrees:
// the birth date and sex read from it ([Document.Birth], [Document.Sex])
// equal those its number encodes, when the number's scheme encodes them (the
// PRC identity card and residence permits, and the national identity numbers
// that record them). The number is the document's, else the typed one; a
// number that does not parse is left to [ValidNumber]. The zone's agreement
// with the data page is [ZoneAgrees]'s, and the validity period judged from
// the birth date in the number is [CertificateValid]'s.
func Consistent(reg certificate.Registry, clock certificate.Clock) rules.Rule[Application] {
	return consistentRule{reg, clock}
}

func (r consistentRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, CheckConsistency); err != nil {
		return nil, err
	}
	d := &a.Document
	if d.Birth.IsZero() && d.Sex == certificate.SexUnspecified {
		return nil, nil
	}
	kind, num := d.Kind, d.Number
	if !kind.Valid() {
		kind = a.Claim.Kind
	}
	if num == "" {
		num = a.Claim.Number
	}
	if !kind.Valid() || num == "" {
		return nil, nil
	}
	p, err := r.reg.ParseOn(a.today(r.clock), kind, a.NumberRegion(), num)
	if err != nil {
		return nil, nil
	}
	var out []rules.Violation
	if !d.Birth.IsZero() && !p.Birth.IsZero() && d.Birth != p.Birth {
		out = append(out, rules.Violate(CodeBirthContradicts, rules.Reject, true,
			"birth", d.Birth.String(), "number", p.Number.String()).At("document.birth"))
	}
	if d.Sex != certificate.SexUnspecified && p.Sex != certificate.SexUnspecified && d.Sex != p.Sex {
		out = append(out, rules.Violate(CodeSexContradicts, rules.Reject, true,
			"number", p.Number.String()).At("document.sex"))
	}
	return out, nil
}
