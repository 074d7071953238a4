package authn

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/internal/textfold"
	"github.com/realname-go/realname/rules"
)

// CodeMRZMismatch is the violation of a document whose machine-readable
// zone disagrees with what was read from its visual zone (reject,
// retryable). Params: item ("number", "birth" or "expiry").
const CodeMRZMismatch rules.Code = "application.mrz_mismatch"

// mrzRule is the check of the document's machine-readable zone, when one was
// read: it must parse, every check digit must be right (precaution 2), and
// its number and dates must agree with the rest of the document.
type mrzRule struct {
	now func() time.Time
	loc *time.Location
}

func (r mrzRule) Check(ctx context.Context, a rules.Application) ([]rules.Violation, error) {
	if err := ctx.Err(); err != nil {
		return nil, &rules.InfraError{Rule: CheckMRZ, Err: err}
	}
	text := strings.TrimSpace(a.Document.MRZ)
	if text == "" {
		return nil, nil
	}
	const field = "document.mrz"
	m, err := mrz.Parse(text, certificate.DateIn(r.now(), r.loc))
	var pe *mrz.Error
	switch {
	case errors.As(err, &pe):
		v := rules.Violate(rules.Code(pe.Code), rules.Reject, true,
			"line", strconv.Itoa(pe.Line), "position", strconv.Itoa(pe.Pos), "field", pe.Field).At(field)
		return []rules.Violation{v}, nil
	case err != nil:
		return nil, &rules.InfraError{Rule: CheckMRZ, Err: err}
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
	return out, nil
}
