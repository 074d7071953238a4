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
	// Confirmed and Pending split Count into the accounts whose slot is
	// confirmed (an approved application: the account is authenticated)
	// and those whose slot is pending (an application under review), when
	// the reserver tells them apart. The split is known when they add up
	// to Count; a reserver that leaves them zero with Count above zero
	// does not tell. [Binder.ReserveSlot] does not: the stores' results
	// ([Result], review.SlotResult) carry Count only.
	Confirmed int
	Pending   int
}

// Split reports whether s tells how many of its Count accounts are
// confirmed and how many pending: whether Confirmed and Pending, neither
// negative, add up to Count.
func (s Slot) Split() bool {
	return s.Confirmed >= 0 && s.Pending >= 0 && s.Confirmed+s.Pending == s.Count
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
// violation [CodeLimitReached] (reject, not retryable) made by
// [LimitViolationOf] from the reserver's [Slot]. A store failure is an
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
	if s.Limit == 0 {
		s.Limit = a.limit
	}
	return []rules.Violation{LimitViolationOf(a.field, s, c.Number)}, nil
}

// LimitViolation is the violation of a refused reservation when only the
// number of accounts holding a slot is known: [LimitViolationOf] with a
// [Slot] of count accounts that does not tell confirmed from pending ones,
// so "confirmed" and "pending" are "?". Prefer LimitViolationOf with the
// split: the message then tells authenticated accounts from applications
// under review.
func LimitViolation(field string, limit, count int, n certificate.Number) rules.Violation {
	return LimitViolationOf(field, Slot{Count: count, Limit: limit}, n)
}

// LimitViolationOf is the violation of the refused reservation s:
// [CodeLimitReached] at field (reject, not retryable) with the parameters
// "limit", "count" (the accounts holding a slot), "confirmed" and "pending"
// (how many of them are authenticated and how many have an application
// under review; both "?" when s does not tell, see [Slot.Split]) and the
// masked "number".
func LimitViolationOf(field string, s Slot, n certificate.Number) rules.Violation {
	confirmed, pending := "?", "?"
	if s.Split() {
		confirmed, pending = strconv.Itoa(s.Confirmed), strconv.Itoa(s.Pending)
	}
	return rules.Violation{
		Code:  CodeLimitReached,
		Field: field,
		Params: []rules.Param{
			{Name: "limit", Value: strconv.Itoa(s.Limit)},
			{Name: "count", Value: strconv.Itoa(s.Count)},
			{Name: "confirmed", Value: confirmed},
			{Name: "pending", Value: pending},
			{Name: "number", Value: n.String()},
		},
		Severity:  rules.Reject,
		Retryable: false,
	}
}
