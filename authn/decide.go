package authn

import (
	"context"
	"errors"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
)

// ErrNumberUnknown is returned by [Verifier.Approve], [Verifier.Reject] and
// [Verifier.Withdraw] for a report decoded from JSON when a binding store is
// configured: its number is masked, so the slot it reserved cannot be
// confirmed or released. Keep the report the verifier returned, or verify
// again.
var ErrNumberUnknown = errors.New("authn: the report holds only the masked certificate number")

// ErrSlotLost is returned by [Verifier.Approve] when the account's pending
// slot expired and other accounts took the certificate meanwhile; the case
// is left as it was, and the caller may reject it with
// [binding.CodeLimitReached].
var ErrSlotLost = errors.New("authn: the binding slot is no longer available")

// StartReview records that a reviewer picked up the case.
func (v *Verifier) StartReview(rep *Report, reviewer string) error {
	if rep == nil || rep.Review == nil {
		return errors.New("authn: report without a review case")
	}
	return v.flow.StartReview(rep.Review, reviewer)
}

// Approve approves a pending case: the binding slot is confirmed first,
// then the case moves to approved. Nothing changes on error.
func (v *Verifier) Approve(ctx context.Context, rep *Report, reviewer, note string) error {
	if rep == nil || rep.Review == nil {
		return errors.New("authn: report without a review case")
	}
	trial := *rep.Review
	trial.History = append([]review.Event(nil), rep.Review.History...)
	if err := v.flow.Approve(&trial, reviewer, note); err != nil {
		return err
	}
	if err := v.confirm(ctx, rep); err != nil {
		return err
	}
	*rep.Review = trial
	v.log(ctx, "authn: approved", rep)
	return nil
}

// confirm makes the account's slot confirmed, when a store is configured.
func (v *Verifier) confirm(ctx context.Context, rep *Report) error {
	if v.limit != nil && rep.numberUnknown() {
		return ErrNumberUnknown
	}
	if v.limit == nil || rep.Number.IsZero() {
		return nil
	}
	res, err := v.cfg.binder.Confirm(ctx, rep.Number, rep.Account, v.policy.AccountLimit)
	if err != nil {
		return infra("binding confirm: %w", err)
	}
	rep.Binding = &res
	if !res.Held {
		return ErrSlotLost
	}
	return nil
}

// Reject rejects a pending case with reasons (at least one) and releases
// the account's pending slot. Nothing changes when the move is illegal.
func (v *Verifier) Reject(ctx context.Context, rep *Report, reviewer string, reasons ...rules.Violation) error {
	return v.close(ctx, rep, func(c *review.Case) error { return v.flow.Reject(c, reviewer, reasons...) }, "authn: rejected")
}

// Withdraw closes a pending case at the applicant's request and releases
// the account's pending slot.
func (v *Verifier) Withdraw(ctx context.Context, rep *Report, actor string) error {
	return v.close(ctx, rep, func(c *review.Case) error { return v.flow.Withdraw(c, actor) }, "authn: withdrawn")
}

func (v *Verifier) close(ctx context.Context, rep *Report, move func(*review.Case) error, msg string) error {
	if rep == nil || rep.Review == nil {
		return errors.New("authn: report without a review case")
	}
	trial := *rep.Review
	trial.History = append([]review.Event(nil), rep.Review.History...)
	if err := move(&trial); err != nil {
		return err
	}
	if err := v.release(ctx, rep); err != nil {
		return err
	}
	*rep.Review = trial
	v.log(ctx, msg, rep)
	return nil
}

// release frees the account's slot if it is pending; a confirmed slot
// belongs to an approved application and stays.
func (v *Verifier) release(ctx context.Context, rep *Report) error {
	if v.limit != nil && rep.numberUnknown() {
		return ErrNumberUnknown
	}
	if v.limit == nil || rep.Number.IsZero() {
		return nil
	}
	st, err := v.cfg.binder.Status(ctx, rep.Number, rep.Account)
	if err != nil {
		return infra("binding status: %w", err)
	}
	if st.State != binding.Pending {
		return nil
	}
	res, err := v.cfg.binder.Release(ctx, rep.Number, rep.Account)
	if err != nil {
		return infra("binding release: %w", err)
	}
	rep.Binding = &res
	return nil
}

// Retry verifies app as a new attempt after a rejected one: its case is
// linked to the previous case ([review.Case.Previous]) and counts the
// attempt.
func (v *Verifier) Retry(ctx context.Context, previous *Report, app *Application) (*Report, error) {
	if previous == nil || previous.Review == nil || previous.Review.State != review.Rejected {
		return nil, &review.TransitionError{From: stateOf(previous), To: review.Submitted}
	}
	return v.verify(ctx, app, previous.Review)
}

func stateOf(r *Report) review.State {
	if r == nil || r.Review == nil {
		return 0
	}
	return r.Review.State
}
