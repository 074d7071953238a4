package authn

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
)

// ErrSlotLost is returned by [Verifier.Approve] when the account's pending
// slot is gone and other accounts took the certificate meanwhile; the case
// is left as it was, and the caller may reject it with
// [binding.CodeLimitReached]. It is [review.ErrSlotLost].
var ErrSlotLost = review.ErrSlotLost

// ErrNotHeld is returned by [Verifier.RevealNumber] when the reviewer does
// not hold the pending case under a live lease ([Verifier.Claim]).
var ErrNotHeld = errors.New("authn: the reviewer does not hold the case")

// ErrChecklistItem is returned by [Verifier.Approve] for a checklist item
// that is not one of [review.Checklist].
var ErrChecklistItem = errors.New("authn: not an item of the reviewer's checklist")

// Decisions are made by case ID, from any process and on any day: the case
// and its binding slot live in the store ([WithBinder]), and each decision
// moves both in one transaction. The same decision twice is answered with
// the case as it is; an illegal move changes nothing and returns a
// [*review.TransitionError]. Every decision is recorded at the verifier's
// clock.

// Case returns the stored case with the ID ([review.ErrNotFound] when none).
func (v *Verifier) Case(ctx context.Context, id string) (*review.Case, error) {
	return v.cases.Get(ctx, id)
}

// PendingCase returns the account's pending case ([review.ErrNotFound] when
// none).
func (v *Verifier) PendingCase(ctx context.Context, account string) (*review.Case, error) {
	return v.cases.Pending(ctx, account)
}

// StartReview records that reviewer picked up the case.
func (v *Verifier) StartReview(ctx context.Context, id, reviewer string) (*review.Case, error) {
	return v.decide(ctx, review.Decision{ID: id, To: review.UnderReview, Actor: reviewer}, "authn: under review")
}

// Approve approves a pending case and confirms its binding slot, in one
// transaction. checklist lists what the reviewer ticked (see
// [review.Checklist]); note is free text. Nothing changes on error.
func (v *Verifier) Approve(ctx context.Context, id, reviewer, note string, checklist ...string) (*review.Case, error) {
	for _, item := range checklist {
		if !slices.Contains(review.Checklist(), item) {
			return nil, fmt.Errorf("%w: %q", ErrChecklistItem, item)
		}
	}
	return v.decide(ctx, review.Decision{ID: id, To: review.Approved, Actor: reviewer, Note: note, Checklist: checklist}, "authn: approved")
}

// Reject rejects a pending case with reasons (at least one) and releases its
// binding slot, in one transaction. The applicant may retry ([Verifier.Retry]).
func (v *Verifier) Reject(ctx context.Context, id, reviewer string, reasons ...rules.Violation) (*review.Case, error) {
	return v.decide(ctx, review.Decision{ID: id, To: review.Rejected, Actor: reviewer, Reasons: reasons}, "authn: rejected")
}

// Withdraw closes a pending case at the applicant's request and releases its
// binding slot, in one transaction.
func (v *Verifier) Withdraw(ctx context.Context, id, actor string) (*review.Case, error) {
	return v.decide(ctx, review.Decision{ID: id, To: review.Withdrawn, Actor: actor}, "authn: withdrawn")
}

// Decide applies any decision to its case; the methods above are shorthands.
// A zero d.At is the verifier's clock and a zero d.Limit the policy's
// account limit.
func (v *Verifier) Decide(ctx context.Context, d review.Decision) (*review.Case, error) {
	return v.decide(ctx, d, "authn: decided")
}

func (v *Verifier) decide(ctx context.Context, d review.Decision, msg string) (*review.Case, error) {
	if d.At.IsZero() {
		d.At = v.cfg.clock.Time()
	}
	if d.Limit == 0 {
		d.Limit = v.policy.AccountLimit
	}
	if d.Limit == 0 {
		d.Limit = 1 << 20 // no limit in the policy: confirming never refuses
	}
	c, err := v.cases.Decide(ctx, d)
	if err != nil {
		return nil, v.decisionError(err)
	}
	v.logCase(ctx, msg, c)
	return c, nil
}

// decisionError passes the store's answers about the decision itself
// through, and marks everything else an infrastructure failure.
func (v *Verifier) decisionError(err error) error {
	var te *review.TransitionError
	switch {
	case errors.As(err, &te), errors.Is(err, review.ErrNotFound), errors.Is(err, review.ErrNoReason),
		errors.Is(err, review.ErrSlotMissing), errors.Is(err, review.ErrSlotLost), errors.Is(err, review.ErrLeaseHeld),
		errors.Is(err, review.ErrInvalidNote), errors.Is(err, review.ErrStillPending):
		return err
	}
	return infra("decide: %w", err)
}

// Retry verifies app as a new attempt after the rejected case previousID:
// its case is linked to the previous one ([review.Case.Previous]) and counts
// the attempt. Only a rejected case of the same account may be retried;
// another account's case is [review.ErrNotFound].
func (v *Verifier) Retry(ctx context.Context, previousID string, app *Application) (*Report, error) {
	prev, err := v.cases.Get(ctx, previousID)
	if err != nil {
		if errors.Is(err, review.ErrNotFound) {
			return nil, err
		}
		return nil, infra("previous case: %w", err)
	}
	if app == nil || prev.Account != app.Account.ID {
		// Another account's case is answered as no case at all: whether it
		// exists is not told.
		return nil, review.ErrNotFound
	}
	if prev.State != review.Rejected {
		return nil, &review.TransitionError{From: prev.State, To: review.Submitted}
	}
	return v.verify(ctx, app, prev)
}

// Claim gives reviewer the pending case due first that nobody holds, and
// holds it for reviewer for lease ([review.Store.Claim]).
func (v *Verifier) Claim(ctx context.Context, reviewer string, lease time.Duration) (*review.Case, error) {
	c, err := v.cases.Claim(ctx, reviewer, v.cfg.clock.Time(), lease)
	if err != nil && !errors.Is(err, review.ErrNotFound) {
		return nil, infra("claim: %w", err)
	}
	return c, err
}

// Queue lists the cases q selects, by deadline ([review.Store.List]).
func (v *Verifier) Queue(ctx context.Context, q review.Query) ([]*review.Case, error) {
	return v.cases.List(ctx, q)
}

// Stats returns the pending and overdue cases now and the share decided in
// time since since ([review.Store.Stats]).
func (v *Verifier) Stats(ctx context.Context, since time.Time) (review.Stats, error) {
	return v.cases.Stats(ctx, v.cfg.clock.Time(), since)
}

// Expire withdraws the pending cases submitted more than age ago, releasing
// their slots with them: the policy a service sets for applications their
// applicants abandoned ([review.Store.Expire]). It returns how many it
// closed.
func (v *Verifier) Expire(ctx context.Context, age time.Duration) (int, error) {
	now := v.cfg.clock.Time()
	return v.cases.Expire(ctx, now.Add(-age), now)
}

// RevealNumber records in the case's history that reviewer deliberately
// revealed the certificate number, and why (an [review.ActionReveal] note at
// the verifier's clock), and returns the case. A pending case must be held
// by reviewer under a live lease ([ErrNotHeld]; the store refuses a reveal
// under another reviewer's lease with [review.ErrLeaseHeld] atomically); a
// decided case may be revealed by anyone, for an audit. why must not be
// empty.
//
// The number itself is stored nowhere by this package: the case knows only
// the masked number (Certificate.Masked). RevealNumber records the intent;
// the caller shows the number from the application data it keeps for the
// desk (the form server's keeper holds what the applicant typed until the
// case's purge), or, when nothing holds it any more, only the masked value.
func (v *Verifier) RevealNumber(ctx context.Context, id, reviewer, why string) (*review.Case, error) {
	why = strings.TrimSpace(why)
	if reviewer == "" || why == "" {
		return nil, fmt.Errorf("%w: a reveal needs a reviewer and a reason", review.ErrInvalidNote)
	}
	now := v.cfg.clock.Time()
	c, err := v.cases.Get(ctx, id)
	if err != nil {
		return nil, v.decisionError(err)
	}
	if c.State.Pending() && (c.ClaimedBy != reviewer || !c.ClaimedUntil.After(now)) {
		if c.ClaimedBy != "" && c.ClaimedBy != reviewer && c.ClaimedUntil.After(now) {
			return nil, review.ErrLeaseHeld
		}
		return nil, ErrNotHeld
	}
	c, err = v.cases.Note(ctx, id, review.Event{At: now, Actor: reviewer, Action: review.ActionReveal, Note: why})
	if err != nil {
		return nil, v.decisionError(err)
	}
	v.logCase(ctx, "authn: number revealed", c)
	return c, nil
}

// Note appends the note ev to the case's history without changing its state
// ([review.Store.Note]); a zero ev.At is the verifier's clock.
func (v *Verifier) Note(ctx context.Context, id string, ev review.Event) (*review.Case, error) {
	if ev.At.IsZero() {
		ev.At = v.cfg.clock.Time()
	}
	c, err := v.cases.Note(ctx, id, ev)
	if err != nil {
		return nil, v.decisionError(err)
	}
	return c, nil
}

// MarkPurged records, at the verifier's clock, that the decided case's
// evidence files were deleted ([review.Store.MarkPurged]): a pending case is
// [review.ErrStillPending], and a case purged already is returned unchanged.
func (v *Verifier) MarkPurged(ctx context.Context, id string) (*review.Case, error) {
	c, err := v.cases.MarkPurged(ctx, id, v.cfg.clock.Time())
	if err != nil {
		return nil, v.decisionError(err)
	}
	return c, nil
}

// Retained lists, by deadline, the decided cases whose files are still kept
// although their retention ended: decided at or before now minus retention
// and not purged ([review.Query.DecidedBefore], [review.Query.Unpurged]).
// Page with after, the cursor of the last case of the previous page; limit
// as [review.Query.Limit].
func (v *Verifier) Retained(ctx context.Context, retention time.Duration, after review.Cursor, limit int) ([]*review.Case, error) {
	q := review.Query{DecidedBefore: v.cfg.clock.Time().Add(-retention), Unpurged: true, After: after, Limit: limit}
	cs, err := v.cases.List(ctx, q)
	if err != nil {
		return nil, infra("retained cases: %w", err)
	}
	return cs, nil
}

// Cases returns the verifier's case store.
func (v *Verifier) Cases() review.Store { return v.cases }

// Slot returns the binding slot of the case's account on its certificate as
// the store holds it now: pending while the case is, confirmed once it is
// approved, none after a rejection or withdrawal. A case without a
// certificate, or a verifier without a binder, has the zero result.
func (v *Verifier) Slot(ctx context.Context, c *review.Case) (binding.Result, error) {
	if c == nil || c.Certificate == nil || v.cfg.binder == nil {
		return binding.Result{}, nil
	}
	key := binding.Key{Current: binding.Digest(c.Certificate.Digest), SecretID: c.Certificate.SecretID}
	res, err := v.cfg.binder.Store().Status(ctx, key, c.Account, v.cfg.clock.Time())
	if err != nil {
		return binding.Result{}, infra("binding status: %w", err)
	}
	res.Limit = v.policy.AccountLimit
	return res, nil
}
