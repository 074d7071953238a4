package rules

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
)

// DefaultTimeZone is the zone whose calendar date is the verification date
// unless [ValidityOptions.Location] says otherwise: China Standard Time, where
// the accepted certificates are checked. Without the system's time zone
// database it falls back to a fixed UTC+8 zone named CST, which is the same
// clock (the PRC has had no daylight saving time since 1991).
const DefaultTimeZone = "Asia/Shanghai"

// defaultLocation loads [DefaultTimeZone], or the fixed UTC+8 zone.
func defaultLocation() *time.Location {
	if loc, err := time.LoadLocation(DefaultTimeZone); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*60*60)
}

// ValidityOptions configures [CertificateValid]. The zero value is valid.
type ValidityOptions struct {
	// Now returns the verification time; nil means time.Now.
	Now func() time.Time
	// Location is the zone whose calendar date is compared with the dates on
	// the document; nil means [DefaultTimeZone].
	Location *time.Location
	// MinRemainingDays, when positive, requires the certificate to stay
	// valid that many days after the verification date (the expiry date
	// itself counts as valid); long-term certificates always pass.
	MinRemainingDays int
	// SkipPeriodCheck turns off [certificate.CheckPeriod].
	SkipPeriodCheck bool
}

type validityRule struct {
	now        func() time.Time
	loc        *time.Location
	minDays    int
	skipPeriod bool
}

// CertificateValid returns the date half of precaution 2: on the
// verification date, as a calendar date in the configured zone, the
// certificate is not expired ([CodeExpired]; the expiry date itself is
// valid) and not yet-to-start ([CodeNotYetValid]); it has an expiry date or
// is long-term ([CodeValidityMissing]); its dates are real and in order
// ([CodeValidityInvalid]); its period fits the document and the holder's
// age ([CodePeriodMismatch], after [certificate.CheckPeriod]); and, with
// [ValidityOptions.MinRemainingDays], enough validity remains
// ([CodeExpiresSoon]). A negative MinRemainingDays is a [*ConfigError].
func CertificateValid(opts ValidityOptions) (Rule[Application], error) {
	if opts.MinRemainingDays < 0 {
		return nil, &ConfigError{Rule: "certificate_valid", Reason: "negative minimum remaining validity"}
	}
	r := validityRule{now: opts.Now, loc: opts.Location, minDays: opts.MinRemainingDays, skipPeriod: opts.SkipPeriodCheck}
	if r.now == nil {
		r.now = time.Now
	}
	if r.loc == nil {
		r.loc = defaultLocation()
	}
	return r, nil
}

func (r validityRule) Check(ctx context.Context, a Application) ([]Violation, error) {
	if err := cancelled(ctx, "certificate_valid"); err != nil {
		return nil, err
	}
	v := a.Document.Validity
	if (!v.Issued.IsZero() && !v.Issued.Valid()) || (!v.Expires.IsZero() && !v.Expires.Valid()) ||
		(!v.LongTerm && !v.Issued.IsZero() && !v.Expires.IsZero() && !v.Expires.After(v.Issued)) {
		return []Violation{Violate(CodeValidityInvalid, Reject, true).At("document.validity")}, nil
	}
	if !v.LongTerm && v.Expires.IsZero() {
		return []Violation{Violate(CodeValidityMissing, Reject, true).At("document.validity")}, nil
	}
	today := certificate.DateIn(r.now(), r.loc)
	var out []Violation
	switch {
	case v.NotYetValidOn(today):
		out = append(out, Violate(CodeNotYetValid, Reject, true, "issued", v.Issued.String()).At("document.validity.issued"))
	case v.ExpiredOn(today):
		out = append(out, Violate(CodeExpired, Reject, true, "expires", v.Expires.String()).At("document.validity.expires"))
	case r.minDays > 0 && !v.LongTerm:
		if left := daysBetween(today, v.Expires); left < r.minDays {
			out = append(out, Violate(CodeExpiresSoon, Reject, true,
				"days", strconv.Itoa(left), "min_days", strconv.Itoa(r.minDays)).At("document.validity.expires"))
		}
	}
	if !r.skipPeriod && a.Document.Kind.Valid() {
		region := a.NumberRegion()
		num := certificate.NewNumber(a.Document.Kind, region, textfold.Compact(a.Document.Number, " -"))
		if err := certificate.CheckPeriod(num, a.Document.Birth, v); err != nil {
			out = append(out, periodViolation(err))
		}
	}
	return out, nil
}

// daysBetween returns the days from a to b (negative when b is before a).
func daysBetween(a, b certificate.Date) int {
	return int(b.Time(time.UTC).Sub(a.Time(time.UTC)).Hours() / 24)
}

// periodViolation turns a [certificate.CheckPeriod] error into a violation.
func periodViolation(err error) Violation {
	var pe *certificate.PeriodError
	if errors.As(err, &pe) {
		return Violate(CodePeriodMismatch, Reject, true,
			"actual", pe.Actual, "allowed", strings.Join(pe.Allowed, ", ")).At("document.validity")
	}
	return Violate(CodePeriodMismatch, Reject, true, "actual", "", "allowed", "").At("document.validity")
}
