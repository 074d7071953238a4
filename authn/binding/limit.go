package binding

import (
	"context"
	"errors"
	"strconv"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// CodeLimitReached is the violation of a certificate that already
// authenticates as many accounts as the limit allows.
const CodeLimitReached rules.Code = "binding.limit_reached"

// DefaultAccountLimit is how many accounts one certificate may authenticate
// unless the policy says otherwise.
const DefaultAccountLimit = 3

// AccountClaim is what the account-limit rule judges: a parsed certificate
// number and the account that wants to authenticate with it.
type AccountClaim struct {
	Number  certificate.Number
	Account string
}

// Slot is the outcome of a reservation: whether the account holds a slot on
// the certificate afterwards, how many accounts hold one, and the limit.
type Slot struct {
	Held  bool
	Count int
	Limit int
}

// SlotReserver is the small part of a binding store the account-limit rule
// needs; the stores in authn/binding satisfy it through their Binder.
//
// ReserveSlot reserves a slot on the certificate n for account, unless limit
// other accounts already hold one. It must be atomic across goroutines and
// processes, idempotent for an account that already holds a slot, and safe for
// concurrent use. An error means the reservation could not be evaluated; it
// is never a refusal.
type SlotReserver interface {
	ReserveSlot(ctx context.Context, n certificate.Number, account string, limit int) (Slot, error)
}

// AccountLimitOptions configures [AccountLimit]. The zero value is the
// default policy.
type AccountLimitOptions struct {
	// Limit is how many accounts one certificate may authenticate; 0 means
	// [DefaultAccountLimit].
	Limit int
	// Field is the field path violations name; "" means "number".
	Field string
}

// ErrNoAccount is the evaluation error of a claim without an account.
var ErrNoAccount = errors.New("binding: account-limit claim has no account")

// AccountLimit returns the rule "one certificate authenticates at most Limit
// accounts". Checking a claim reserves a slot through r, so it is the step that
// takes the slot: run it last, after the rules that can reject for other
// reasons, and release the slot (through the store) when the application is
// rejected or withdrawn.
//
// A claim whose number is zero has nothing to count and yields no violation
// (the number rules report a missing number). A refused reservation is the
// violation [CodeLimitReached] (reject, not retryable) with the parameters
// "limit", "count" and the masked "number". A store failure is an
// [*InfraError], never a violation.
func AccountLimit(r SlotReserver, opts AccountLimitOptions) (rules.Rule[AccountClaim], error) {
	const name = "binding.limit"
	if r == nil {
		return nil, &rules.ConfigError{Rule: name, Reason: "nil slot reserver"}
	}
	if opts.Limit < 0 {
		return nil, &rules.ConfigError{Rule: name, Reason: "negative limit " + strconv.Itoa(opts.Limit)}
	}
	if opts.Limit == 0 {
		opts.Limit = DefaultAccountLimit
	}
	if opts.Field == "" {
		opts.Field = "number"
	}
	return accountLimit{r: r, limit: opts.Limit, field: opts.Field}, nil
}

type accountLimit struct {
	r     SlotReserver
	limit int
	field string
}

func (a accountLimit) Check(ctx context.Context, c AccountClaim) ([]rules.Violation, error) {
	const name = "binding.limit"
	if c.Number.IsZero() {
		return nil, nil
	}
	if c.Account == "" {
		return nil, &rules.InfraError{Rule: name, Err: ErrNoAccount}
	}
	if err := ctx.Err(); err != nil {
		return nil, &rules.InfraError{Rule: name, Err: err}
	}
	s, err := a.r.ReserveSlot(ctx, c.Number, c.Account, a.limit)
	if err != nil {
		return nil, &rules.InfraError{Rule: name, Err: err}
	}
	if s.Held {
		return nil, nil
	}
	limit := s.Limit
	if limit == 0 {
		limit = a.limit
	}
	return []rules.Violation{LimitViolation(a.field, limit, s.Count, c.Number)}, nil
}

// LimitViolation is the violation of a refused reservation: [CodeLimitReached]
// at field (reject, not retryable) with the parameters "limit", "count" and
// the masked "number".
func LimitViolation(field string, limit, count int, n certificate.Number) rules.Violation {
	return rules.Violation{
		Code:  CodeLimitReached,
		Field: field,
		Params: []rules.Param{
			{Name: "limit", Value: strconv.Itoa(limit)},
			{Name: "count", Value: strconv.Itoa(count)},
			{Name: "number", Value: n.String()},
		},
		Severity:  rules.Reject,
		Retryable: false,
	}
}
