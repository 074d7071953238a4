package form

import (
	"context"
	"net/http"

	"github.com/realname-go/realname/rules/precaution"
)

// accountKey is the context key of [WithAccount].
type accountKey struct{}

// WithAccount returns a copy of ctx that carries acct as the signed-in
// account of the request. A framework's session middleware puts the account
// it already found into the request's context with one call, and the
// handler takes it from there instead of calling [Options.Account]:
//
//	r = r.WithContext(form.WithAccount(r.Context(), acct))
//
// The account is used as it is: one with an empty ID answers 401, without
// falling back to [Options.Account]. The account must come from the
// caller's session or token, never from the form.
func WithAccount(ctx context.Context, acct precaution.Account) context.Context {
	return context.WithValue(ctx, accountKey{}, acct)
}

// AccountFrom returns the account [WithAccount] put into ctx, and whether
// there is one.
func AccountFrom(ctx context.Context) (precaution.Account, bool) {
	acct, ok := ctx.Value(accountKey{}).(precaution.Account)
	return acct, ok
}

// ProcessFor is [Handler.Process] for the account acct, which the caller
// took from its framework's context or session: neither the request's
// context ([WithAccount]) nor [Options.Account] is consulted. An account
// with an empty ID answers 401.
func (h *Handler) ProcessFor(w http.ResponseWriter, r *http.Request, acct precaution.Account) *Outcome {
	return h.Process(w, r.WithContext(WithAccount(r.Context(), acct)))
}

// account returns the account of r: the one [WithAccount] put into its
// context, else the one [Options.Account] finds, else [ErrNoSession].
func (h *Handler) account(r *http.Request) (precaution.Account, error) {
	if acct, ok := AccountFrom(r.Context()); ok {
		return acct, nil
	}
	if h.opt.Account == nil {
		return precaution.Account{}, ErrNoSession
	}
	return h.opt.Account(r)
}
