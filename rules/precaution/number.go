package precaution

import (
	"context"
	"errors"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
	"github.com/realname-go/realname/rules"
)

// NumberRegion returns the scheme region to parse the claim's number with:
// the region the applicant picked, else the region a kind always has (CN for
// the residence permits, TW for the Taiwan travel permit, none for the Home
// Return Permit), else the document's issuing region, else the account's.
func (a *Application) NumberRegion() string {
	if a.Claim.Region != "" {
		return a.Claim.Region
	}
	switch a.Claim.Kind {
	case certificate.HKMOResidencePermit, certificate.TWResidencePermit:
		return "CN"
	case certificate.TWTravelPermit:
		return "TW"
	case certificate.HKMOTravelPermit:
		return ""
	}
	if r := regionString(a.Document.IssuingRegion); r != "" {
		return r
	}
	return regionString(a.Account.RegistrationRegion)
}

type validNumberRule struct {
	reg   certificate.Registry
	clock certificate.Clock
}

// ValidNumber returns the rule of precaution 2 for the typed number: it must
// be a valid number of the scheme for the claim's kind and region in reg
// (length, format, check digits, components). A [*certificate.NumberError]
// becomes a violation with its own code (number.invalid_checksum, …) at
// "claim.number", with the masked number in the "number" parameter; the
// advisory codes of [certificate.Parsed.Review] become review violations. A
// kind and region without a scheme asks for review
// ([CodeNumberUnsupported]); an invalid kind is left to [KindAllowed]. Dates
// the number encodes are judged against clock (a birth date after today is
// refused), or against [Application.Now] when set.
func ValidNumber(reg certificate.Registry, clock certificate.Clock) rules.Rule[Application] {
	return validNumberRule{reg, clock}
}

func (r validNumberRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "valid_number"); err != nil {
		return nil, err
	}
	if !a.Claim.Kind.Valid() {
		return nil, nil
	}
	region := a.NumberRegion()
	p, err := r.reg.ParseOn(a.today(r.clock), a.Claim.Kind, region, a.Claim.Number)
	if err != nil {
		return []rules.Violation{NumberViolation(a.Claim.Kind, region, a.Claim.Number, err).At("claim.number")}, nil
	}
	var out []rules.Violation
	for _, code := range p.Review {
		out = append(out, rules.Violate(rules.Code(code), rules.Review, false, "number", p.Number.String()).At("claim.number"))
	}
	return out, nil
}

// NumberViolation turns an error of [certificate.Registry.Parse] on input,
// a number of kind in region, into the violation [ValidNumber] reports: the
// scheme's own code with the number masked, [CodeNumberUnsupported] when no
// scheme knows the kind and region, else [CodeNumberInvalid].
func NumberViolation(kind certificate.Kind, region, input string, err error) rules.Violation {
	if errors.Is(err, certificate.ErrUnsupported) {
		return rules.Violate(CodeNumberUnsupported, rules.Review, false, "kind", kind.String(), "region", countryOf(region).String())
	}
	masked := certificate.Mask(textfold.Compact(input, " -"))
	var ne *certificate.NumberError
	if errors.As(err, &ne) && ne.Code != "" {
		return rules.Violate(rules.Code(ne.Code), rules.Reject, true, "number", masked, "kind", kind.String())
	}
	return rules.Violate(CodeNumberInvalid, rules.Reject, true, "number", masked, "kind", kind.String())
}

type numberMatchRule struct {
	reg   certificate.Registry
	clock certificate.Clock
}

// NumberMatches returns the number half of precaution 4: the typed number
// equals the number read from the document. Both are parsed with the
// scheme of the claim and compared as canonical numbers ([certificate.Number.Equal]),
// so a typed 11010519491231002x matches 11010519491231002X and a 15-digit
// PRC number matches its 18-digit form. When either does not parse they are
// compared after width folding, upper-casing and removing spaces and
// hyphens. A document of another kind than the claim's is
// [CodeKindMismatch]; a document without a number asks for review
// ([CodeNumberUnverified]).
func NumberMatches(reg certificate.Registry, clock certificate.Clock) rules.Rule[Application] {
	return numberMatchRule{reg, clock}
}

func (r numberMatchRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "number_match"); err != nil {
		return nil, err
	}
	if k := a.Document.Kind; k.Valid() && a.Claim.Kind.Valid() && k != a.Claim.Kind {
		return []rules.Violation{rules.Violate(CodeKindMismatch, rules.Reject, true, "kind", a.Claim.Kind.String(), "document_kind", k.String()).At("claim.kind")}, nil
	}
	if strings.TrimSpace(a.Document.Number) == "" {
		return []rules.Violation{rules.Violate(CodeNumberUnverified, rules.Review, false).At("document.number")}, nil
	}
	if a.Claim.Number == a.Document.Number {
		return nil, nil // the same characters: the same number, whatever its scheme
	}
	kind := a.Claim.Kind
	region := a.NumberRegion()
	today := a.today(r.clock)
	typed, err1 := r.reg.ParseOn(today, kind, region, a.Claim.Number)
	read, err2 := r.reg.ParseOn(today, kind, region, a.Document.Number)
	if err1 == nil && err2 == nil {
		if typed.Number.Equal(read.Number) {
			return nil, nil
		}
		return []rules.Violation{rules.Violate(CodeNumberMismatch, rules.Reject, true, "number", typed.Number.String()).At("claim.number")}, nil
	}
	t, d := textfold.Compact(a.Claim.Number, " -"), textfold.Compact(a.Document.Number, " -")
	if t != "" && t == d {
		return nil, nil
	}
	return []rules.Violation{rules.Violate(CodeNumberMismatch, rules.Reject, true, "number", certificate.Mask(t)).At("claim.number")}, nil
}
