package precaution

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/internal/textfold"
	"github.com/realname-go/realname/rules"
)

// CodeMRZMismatch is the violation of a document whose machine-readable
// zone disagrees with what was read from its visual zone (reject,
// retryable). Params: item ("number", "birth", "expiry" or "sex").
const CodeMRZMismatch rules.Code = "application.mrz_mismatch"

// zoneRule is the check of the document's machine-readable zone.
type zoneRule struct{ clock certificate.Clock }

// ZoneAgrees returns the check of the document's machine-readable zone
// ([Document.MRZ]), when one was read: it must parse (dates judged against
// clock, or [Application.Now]), every check digit must be right (precaution
// 2), and its number, birth date, expiry date and sex must agree with the
// rest of the document ([CodeMRZMismatch] with the item). A document without
// a zone passes.
func ZoneAgrees(clock certificate.Clock) rules.Rule[Application] { return zoneRule{clock} }

func (r zoneRule) Check(ctx context.Context, a Application) ([]rules.Violation, error) {
	if err := rules.Cancelled(ctx, CheckZone); err != nil {
		return nil, err
	}
	text := strings.TrimSpace(a.Document.MRZ)
	if text == "" {
		return nil, nil
	}
	const field = "document.mrz"
	m, err := mrz.Parse(text, a.today(r.clock))
	var pe *mrz.Error
	switch {
	case errors.As(err, &pe):
		v := rules.Violate(rules.Code(pe.Code), rules.Reject, true,
			"line", strconv.Itoa(pe.Line), "position", strconv.Itoa(pe.Pos), "field", pe.Field).At(field)
		return []rules.Violation{v}, nil
	case err != nil:
		return nil, &rules.InfraError{Rule: CheckZone, Err: err}
	}
	var out []rules.Violation
	for c, ok := range m.Checks() {
		if !ok {
			out = append(out, rules.Violate(rules.Code(c.Code()), rules.Reject, true).At(field))
		}
	}
	mismatch := func(item string) {
		out = append(out, rules.Violate(CodeMRZMismatch, rules.Reject, true, "item", item).At(field))
	}
	d := a.Document
	if n := textfold.Compact(d.Number, " -<"); n != "" && n != m.DocumentNumber {
		mismatch("number")
	}
	if !d.Birth.IsZero() && !m.Birth.IsZero() && d.Birth != m.Birth {
		mismatch("birth")
	}
	if !d.Validity.Expires.IsZero() && !m.Expiry.IsZero() && d.Validity.Expires != m.Expiry {
		mismatch("expiry")
	}
	if d.Sex != certificate.SexUnspecified && m.Sex != certificate.SexUnspecified && d.Sex != m.Sex {
		mismatch("sex")
	}
	return out, nil
}
