package precaution

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
	"github.com/realname-go/realname/rules"
)

// ValidityOptions configures [CertificateValid]. The zero value is valid.
type ValidityOptions struct {
	// MinRemainingDays, when positive, requires the certificate to stay
	// valid that many days after the verification date (the expiry date
	// itself counts as valid); long-term certificates always pass.
	MinRemainingDays int
	// SkipPeriodCheck turns off [certificate.CheckPeriod].
	SkipPeriodCheck bool
}

type validityRule struct {
	clock      certificate.Clock
	minDays    int
	skipPeriod bool
}

// CertificateValid returns the date half of precaution 2: on the
// verification date (the calendar date of clock, or of [Application.Now],
// in the clock's zone), the
// certificate is not expired ([CodeExpired]; the expiry date itself is
// valid) and not yet-to-start ([CodeNotYetValid]); it has an expiry date or
// is long-term ([CodeValidityMissing]); its dates are real and in order
// ([CodeValidityInvalid]); its period fits the document and the holder's
// age ([CodePeriodMismatch], after [certificate.CheckPeriod]); and, with
// [ValidityOptions.MinRemainingDays], enough validity remains
// ([CodeExpiresSoon]). A negative MinRemainingDays is a [*rules.ConfigError].
func CertificateValid(clock certificate.Clock, opts ValidityOptions) (rules.Rule[Application], error) {
	if opts.MinRemainingDays < 0 {
		return nil, &rules.ConfigError{Rule: "certificate_valid", Reason: "negative minimum remaining validity"}
	}
	return validityRule{clock: clock, minDays: opts.MinRemainingDays, skipPeriod: opts.SkipPeriodCheck}, nil
}

func (r validityRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, "certificate_valid"); err != nil {
		return nil, err
	}
	v := a.Document.Validity
	if (!v.Issued.IsZero() && !v.Issued.Valid()) || (!v.Expires.IsZero() && !v.Expires.Valid()) ||
		(!v.LongTerm && !v.Issued.IsZero() && !v.Expires.IsZero() && !v.Expires.After(v.Issued)) {
		return []rules.Violation{rules.Violate(CodeValidityInvalid, rules.Reject, true).At("document.validity")}, nil
	}
	if !v.LongTerm && v.Expires.IsZero() {
		return []rules.Violation{rules.Violate(CodeValidityMissing, rules.Reject, true).At("document.validity")}, nil
	}
	today := a.today(r.clock)
	var out []rules.Violation
	switch {
	case v.NotYetValidOn(today):
		out = append(out, rules.Violate(CodeNotYetValid, rules.Reject, true, "issued", v.Issued.String()).At("document.validity.issued"))
	case v.ExpiredOn(today):
		out = append(out, rules.Violate(CodeExpired, rules.Reject, true, "expires", v.Expires.String()).At("document.validity.expires"))
	case r.minDays > 0 && !v.LongTerm:
		if left := daysBetween(today, v.Expires); left < r.minDays {
			out = append(out, rules.Violate(CodeExpiresSoon, rules.Reject, true,
				"days", strconv.Itoa(left), "min_days", strconv.Itoa(r.minDays)).At("document.validity.expires"))
		}
	}
	if !r.skipPeriod && a.Document.Kind.Valid() {
		region := a.NumberRegion()
		num := certificate.NewNumber(a.Document.Kind, region, textfold.Compact(a.Document.Number, " -"))
		if err := certificate.CheckPeriod(num, a.birth(), v); err != nil {
			out = append(out, periodViolation(err))
		}
	}
	return out, nil
}

// daysBetween returns the days from a to b (negative when b is before a).
func daysBetween(a, b certificate.Date) int {
	return int(b.Days() - a.Days())
}

// periodViolation turns a [certificate.CheckPeriod] error into a violation.
func periodViolation(err error) rules.Violation {
	var pe *certificate.PeriodError
	if errors.As(err, &pe) {
		return rules.Violate(CodePeriodMismatch, rules.Reject, true,
			"actual", pe.Actual, "allowed", strings.Join(pe.Allowed, ", ")).At("document.validity")
	}
	return rules.Violate(CodePeriodMismatch, rules.Reject, true, "actual", "", "allowed", "").At("document.validity")
}
