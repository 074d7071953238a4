package reviewtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
)

// moved returns c after d as Apply makes it, for comparisons.
func moved(t *testing.T, c *review.Case, d review.Decision) *review.Case {
	t.Helper()
	want := clone(t, c)
	_, changed, err := review.Apply(want, d)
	require.NoError(t, err)
	require.True(t, changed)
	return want
}

func testDecideApprove(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(11)
	c := x.openPending("case-1", "acct-1", ref)
	x.reserve(ref, "other")

	d := approve("case-1", "reviewer", at(time.Hour))
	want := moved(t, c, d)
	got := x.decide(d)
	assert.Equal(t, review.Approved, got.State)
	x.equal(want, got, "Decide returns the case after the move, with the event in its history")
	x.equal(want, x.get("case-1"), "and stores it")
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 2}, x.status(ref, "acct-1"), "approval confirms the slot in the same step")
	_, err := s.Pending(x.ctx, "acct-1")
	assert.ErrorIs(t, err, review.ErrNotFound, "an approved case is no longer pending")
}

func testDecideRelease(t *testing.T, s Stores) {
	x := with(t, s)
	for i, tc := range []struct {
		review bool // first move the case to UnderReview
		d      func(id string) review.Decision
		want   review.State
		reason string
	}{
		{false, func(id string) review.Decision { return reject(id, "reviewer", at(time.Hour)) }, review.Rejected, "rejection of a submitted case"},
		{false, func(id string) review.Decision { return withdraw(id, "acct", at(time.Hour)) }, review.Withdrawn, "withdrawal of a submitted case"},
		{true, func(id string) review.Decision { return reject(id, "reviewer", at(time.Hour)) }, review.Rejected, "rejection of a case under review"},
		{true, func(id string) review.Decision { return withdraw(id, "acct", at(time.Hour)) }, review.Withdrawn, "withdrawal of a case under review"},
	} {
		ref := Ref(20 + i)
		id := "case-" + string(rune('a'+i))
		c := x.openPending(id, "acct", ref)
		x.reserve(ref, "other")
		if tc.review {
			c = x.decide(review.Decision{ID: id, To: review.UnderReview, Actor: "reviewer", At: at(time.Minute)})
			assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2}, x.status(ref, "acct"), "review keeps the slot: %s", tc.reason)
		}
		d := tc.d(id)
		want := moved(t, c, d)
		got := x.decide(d)
		assert.Equal(t, tc.want, got.State, tc.reason)
		x.equal(want, got, "the returned case: %s", tc.reason)
		x.equal(want, x.get(id), "the stored case: %s", tc.reason)
		assert.Equal(t, binding.Result{Count: 1}, x.status(ref, "acct"), "the slot is released and the count decreases: %s", tc.reason)
		_, err := s.Pending(x.ctx, "acct")
		assert.ErrorIs(t, err, review.ErrNotFound, "no pending case is left: %s", tc.reason)
	}
}

func testDecideIdempotent(t *testing.T, s Stores) {
	x := with(t, s)
	for i, tc := range []struct {
		d      func(id string) review.Decision
		reason string
	}{
		{func(id string) review.Decision { return approve(id, "reviewer", at(time.Hour)) }, "approval"},
		{func(id string) review.Decision { return reject(id, "reviewer", at(time.Hour)) }, "rejection"},
		{func(id string) review.Decision { return withdraw(id, "acct", at(time.Hour)) }, "withdrawal"},
		{func(id string) review.Decision {
			return review.Decision{ID: id, To: review.UnderReview, Actor: "reviewer", At: at(time.Hour)}
		}, "start of review"},
	} {
		ref := Ref(30 + i)
		id := "case-" + string(rune('a'+i))
		x.openPending(id, "acct", ref)
		first := x.decide(tc.d(id))
		before := x.snapshot([]review.CertificateRef{ref}, "acct")
		again := tc.d(id)
		again.At = again.At.Add(time.Hour) // a retry, sent later
		second := x.decide(again)
		x.equal(first, second, "the same decision again returns the case unchanged: %s", tc.reason)
		assert.Equal(t, before, x.snapshot([]review.CertificateRef{ref}, "acct"), "and changes nothing: %s", tc.reason)
		if first.State.Final() {
			x.decide(again) // a third time, for good measure
			assert.Equal(t, before, x.snapshot([]review.CertificateRef{ref}, "acct"), "nothing changes a third time: %s", tc.reason)
		} else {
			x.decide(withdraw(id, "acct", at(3*time.Hour)))
		}
	}
}

func testDecideIllegal(t *testing.T, s Stores) {
	x := with(t, s)
	rApproved, rWithdrawn, rRejected, rPending := Ref(40), Ref(41), Ref(42), Ref(43)
	x.openPending("approved", "acct-a", rApproved)
	x.decide(approve("approved", "reviewer", at(time.Hour)))
	x.openPending("withdrawn", "acct-w", rWithdrawn)
	x.decide(withdraw("withdrawn", "acct-w", at(time.Hour)))
	x.openPending("rejected", "acct-r", rRejected)
	x.decide(reject("rejected", "reviewer", at(time.Hour)))
	x.openPending("pending", "acct-p", rPending)
	refs := []review.CertificateRef{rApproved, rWithdrawn, rRejected, rPending}
	accounts := []string{"acct-a", "acct-w", "acct-r", "acct-p"}

	noReason := review.Decision{ID: "pending", To: review.Rejected, Actor: "reviewer", At: at(2 * time.Hour), Limit: Limit}
	for _, tc := range []struct {
		d      review.Decision
		want   error
		reason string
	}{
		{approve("approved", "second-reviewer", at(2*time.Hour)), review.ErrIllegalTransition, "approve an approved case"},
		{reject("approved", "reviewer", at(2*time.Hour)), review.ErrIllegalTransition, "reject an approved case: its confirmed slot stays"},
		{withdraw("approved", "acct-a", at(2*time.Hour)), review.ErrIllegalTransition, "withdraw an approved case: its confirmed slot stays"},
		{approve("withdrawn", "reviewer", at(2*time.Hour)), review.ErrIllegalTransition, "approve a withdrawn case: no slot comes back"},
		{approve("rejected", "reviewer", at(2*time.Hour)), review.ErrIllegalTransition, "approve a rejected case"},
		{withdraw("rejected", "acct-r", at(2*time.Hour)), review.ErrIllegalTransition, "withdraw a rejected case"},
		{noReason, review.ErrNoReason, "reject without reasons: the pending slot stays"},
		{review.Decision{ID: "pending", To: review.Submitted, Actor: "reviewer", At: at(2 * time.Hour)}, review.ErrIllegalTransition, "move back to submitted"},
		{review.Decision{ID: "approved", To: review.UnderReview, Actor: "reviewer", At: at(2 * time.Hour)}, review.ErrIllegalTransition, "reopen a decided case"},
	} {
		before := x.snapshot(refs, accounts...)
		got, err := s.Decide(x.ctx, tc.d)
		assert.ErrorIs(t, err, tc.want, tc.reason)
		assert.Nil(t, got, "no case with an error: %s", tc.reason)
		assert.Equal(t, before, x.snapshot(refs, accounts...), "nothing changes, case nor slot: %s", tc.reason)
	}
	var te *review.TransitionError
	_, err := s.Decide(x.ctx, approve("withdrawn", "reviewer", at(2*time.Hour)))
	if assert.ErrorAs(t, err, &te, "an illegal move is a *TransitionError") {
		assert.Equal(t, review.TransitionError{From: review.Withdrawn, To: review.Approved}, *te)
	}
}

func testDecideNotFound(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(44)
	x.openPending("case-1", "acct-1", ref)
	before := x.snapshot([]review.CertificateRef{ref}, "acct-1")
	for _, d := range []review.Decision{
		approve("no-such-case", "reviewer", at(time.Hour)),
		reject("no-such-case", "reviewer", at(time.Hour)),
		withdraw("", "acct-1", at(time.Hour)),
	} {
		_, err := s.Decide(x.ctx, d)
		assert.ErrorIs(t, err, review.ErrNotFound, "an unknown ID: %q", d.ID)
	}
	assert.Equal(t, before, x.snapshot([]review.CertificateRef{ref}, "acct-1"), "nothing changes")
}

// testDecideSlotMissing: the slot of a pending case was released behind its
// back (its slot request had no expiry). No decision moves the case without
// its slot; Expire still closes it.
func testDecideSlotMissing(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(45)
	c := x.openPending("case-1", "acct-1", ref)
	x.release(ref, "acct-1")
	for _, a := range []string{"other-1", "other-2"} {
		require.True(t, x.reserve(ref, a).Held)
	}
	refs := []review.CertificateRef{ref}

	for _, tc := range []struct {
		d      review.Decision
		reason string
	}{
		{approve("case-1", "reviewer", at(time.Hour)), "approval, the certificate having room"},
		{reject("case-1", "reviewer", at(time.Hour)), "rejection"},
		{withdraw("case-1", "acct-1", at(time.Hour)), "withdrawal"},
	} {
		before := x.snapshot(refs, "acct-1", "other-1")
		got, err := s.Decide(x.ctx, tc.d)
		assert.ErrorIs(t, err, review.ErrSlotMissing, tc.reason)
		assert.Nil(t, got, tc.reason)
		assert.Equal(t, before, x.snapshot(refs, "acct-1", "other-1"), "nothing changes: %s", tc.reason)
	}
	require.True(t, x.reserve(ref, "other-3").Held)
	_, err := s.Decide(x.ctx, approve("case-1", "reviewer", at(time.Hour)))
	assert.ErrorIs(t, err, review.ErrSlotMissing, "approval, the certificate full")
	x.equal(c, x.get("case-1"), "the case is unchanged")

	x.release(ref, "other-3")
	x.reserve(ref, "acct-1")
	assert.Equal(t, review.Approved, x.decide(approve("case-1", "reviewer", at(2*time.Hour))).State, "with its slot back, approval succeeds")
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 3}, x.status(ref, "acct-1"))

	other := Ref(49)
	x.openPending("case-2", "acct-2", other)
	x.release(other, "acct-2")
	n, err := s.Expire(x.ctx, at(time.Hour), at(3*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 1, n, "Expire closes a pending case whose slot is missing")
	assert.Equal(t, review.Withdrawn, x.get("case-2").State)
}

// lapsing opens a pending case whose slot request expires an hour after Base.
func (x *h) lapsing(id, account string, ref review.CertificateRef) *review.Case {
	x.t.Helper()
	c := NewCase(id, account, &ref, Base)
	res, err := x.s.Open(x.ctx, c, &review.SlotRequest{Limit: Limit, Expires: at(time.Hour)})
	require.NoError(x.t, err)
	require.True(x.t, res.Held)
	return c
}

// testDecideSlotLost: the pending slot lapsed (its slot request's expiry
// passed). Approval takes it again within the limit, ErrSlotLost when the
// certificate is full; a rejection or withdrawal has nothing left to free.
func testDecideSlotLost(t *testing.T, s Stores) {
	testSlotLapsed(t, s, false)
}

// testDecideSlotSwept: as DecideSlotLost, with the lapsed slots swept first:
// Sweep only reclaims space, so it changes no decision.
func testDecideSlotSwept(t *testing.T, s Stores) {
	testSlotLapsed(t, s, true)
}

func testSlotLapsed(t *testing.T, s Stores, sweep bool) {
	x := with(t, s)
	full, roomy, gone := Ref(46), Ref(47), Ref(48)
	c := x.lapsing("case-1", "acct-1", full)
	x.lapsing("case-2", "acct-2", roomy)
	x.lapsing("case-3", "acct-3", gone)
	later := at(2 * time.Hour)
	for _, a := range []string{"other-1", "other-2", "other-3"} {
		res, err := s.Reserve(x.ctx, binding.Request{Key: KeyOf(full), Account: a, Limit: Limit, Now: later})
		require.NoError(t, err)
		require.True(t, res.Held, "the lapsed slot no longer counts")
	}
	if sweep {
		n, err := s.Sweep(x.ctx, later)
		require.NoError(t, err)
		require.GreaterOrEqual(t, n, 2, "the lapsed slots of case-2 and case-3 are swept, and case-1's unless the reservations dropped it")
	}
	refs := []review.CertificateRef{full, roomy, gone}
	before := x.snapshot(refs, "acct-1", "acct-2", "other-1")
	got, err := s.Decide(x.ctx, approve("case-1", "reviewer", later))
	assert.ErrorIs(t, err, review.ErrSlotLost, "approval finds the slot lapsed and the certificate full")
	assert.Nil(t, got)
	assert.Equal(t, before, x.snapshot(refs, "acct-1", "acct-2", "other-1"), "nothing changes")
	x.equal(c, x.get("case-1"), "the case is unchanged")

	got = x.decide(reject("case-1", "reviewer", later))
	assert.Equal(t, review.Rejected, got.State, "the case is rejected instead, as ErrSlotLost advises")
	st, err := s.Status(x.ctx, KeyOf(full), "acct-1", later)
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Count: Limit}, st, "and the other accounts keep their slots")

	got = x.decide(approve("case-2", "reviewer", later))
	assert.Equal(t, review.Approved, got.State, "with room on the certificate, approval takes the lapsed slot again")
	st, err = s.Status(x.ctx, KeyOf(roomy), "acct-2", later)
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, st, "confirmed, with no expiry")

	got = x.decide(withdraw("case-3", "acct-3", later))
	assert.Equal(t, review.Withdrawn, got.State, "a withdrawal of a lapsed slot frees nothing and succeeds")
}

func testDecideLease(t *testing.T, s Stores) {
	x := with(t, s)
	r1, r2 := Ref(50), Ref(51)
	x.openPending("case-1", "acct-1", r1)
	x.openPending("case-2", "acct-2", r2)
	refs := []review.CertificateRef{r1, r2}

	held, err := s.Claim(x.ctx, "rev-1", Base, 10*time.Minute)
	require.NoError(t, err)
	require.Equal(t, "case-1", held.ID)

	for _, tc := range []struct {
		d      review.Decision
		reason string
	}{
		{approve("case-1", "rev-2", at(time.Minute)), "another reviewer approves under a live lease"},
		{reject("case-1", "rev-2", at(time.Minute)), "another reviewer rejects under a live lease"},
		{approve("case-1", "rev-2", at(10*time.Minute-time.Second)), "a second before the lease ends"},
	} {
		before := x.snapshot(refs, "acct-1")
		got, err := s.Decide(x.ctx, tc.d)
		assert.ErrorIs(t, err, review.ErrLeaseHeld, tc.reason)
		assert.Nil(t, got, tc.reason)
		assert.Equal(t, before, x.snapshot(refs, "acct-1"), "nothing changes: %s", tc.reason)
	}
	got := x.decide(approve("case-1", "rev-1", at(2*time.Minute)))
	assert.Equal(t, review.Approved, got.State, "the holder decides")
	assert.Empty(t, got.ClaimedBy, "a decided case is held by nobody")
	assert.True(t, got.ClaimedUntil.IsZero(), "a decided case is held by nobody")

	held, err = s.Claim(x.ctx, "rev-1", at(3*time.Minute), 10*time.Minute)
	require.NoError(t, err)
	require.Equal(t, "case-2", held.ID)
	got = x.decide(reject("case-2", "rev-2", at(13*time.Minute)))
	assert.Equal(t, review.Rejected, got.State, "once the lease has ended, anyone decides")
}
