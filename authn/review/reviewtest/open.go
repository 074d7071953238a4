package reviewtest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
)

func testOpenReservesSlot(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(1)
	c := NewCase("case-1", "acct-1", &ref, Base)
	before := canon(c)
	res := x.open(c)
	assert.Equal(t, review.SlotResult{Held: true, Count: 1, Limit: Limit}, res, "a pending case reserves its slot")
	assert.Equal(t, before, canon(c), "Open never changes c")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1}, x.status(ref, "acct-1"), "the slot is pending")

	x.equal(c, x.get("case-1"), "Get returns the case as opened, history, findings and certificate included")
	p, err := s.Pending(x.ctx, "acct-1")
	require.NoError(t, err)
	x.equal(c, p, "Pending returns the account's pending case")
	_, err = s.Pending(x.ctx, "acct-2")
	assert.ErrorIs(t, err, review.ErrNotFound, "an account without a pending case")
	_, err = s.Get(x.ctx, "no-such-case")
	assert.ErrorIs(t, err, review.ErrNotFound, "an unknown ID")

	c2 := NewCase("case-2", "acct-2", &ref, at(time.Minute))
	assert.Equal(t, review.SlotResult{Held: true, Count: 2, Limit: Limit}, x.open(c2), "the second account on the certificate counts two")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2}, x.status(ref, "acct-2"))
}

func testOpenLimitRefuses(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(2)
	x.openPending("case-1", "acct-1", ref)
	x.openPending("case-2", "acct-2", ref)
	require.True(t, x.reserve(ref, "direct").Held, "a slot taken through binding.Store counts too")

	for _, tc := range []struct {
		id, account string
		reason      string
	}{
		{"case-4", "acct-4", "the certificate is full: two cases and one direct slot"},
		{"case-5", "acct-5", "and stays full for the next account"},
	} {
		c := NewCase(tc.id, tc.account, &ref, Base)
		before := canon(c)
		res, err := s.Open(x.ctx, c, &review.SlotRequest{Limit: Limit})
		require.NoError(t, err, tc.reason)
		assert.Equal(t, review.SlotResult{Held: false, Count: Limit, Limit: Limit}, res, tc.reason)
		assert.Equal(t, before, canon(c), "Open never changes c: %s", tc.reason)
		_, err = s.Get(x.ctx, tc.id)
		assert.ErrorIs(t, err, review.ErrNotFound, "a refused case is not stored: %s", tc.reason)
		_, err = s.Pending(x.ctx, tc.account)
		assert.ErrorIs(t, err, review.ErrNotFound, "a refused account has no pending case: %s", tc.reason)
		assert.Equal(t, binding.Result{Count: Limit}, x.status(ref, tc.account), "a refused account holds no slot: %s", tc.reason)
	}

	x.release(ref, "direct")
	assert.True(t, x.open(NewCase("case-6", "acct-4", &ref, Base)).Held, "a freed slot goes to the next case")

	other := Ref(3)
	x.reserve(other, "direct")
	res, err := s.Open(x.ctx, NewCase("case-7", "acct-7", &other, Base), &review.SlotRequest{Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, review.SlotResult{Held: true, Count: 2, Limit: 2}, res, "the limit is a parameter of the request")
	res, err = s.Open(x.ctx, NewCase("case-8", "acct-8", &other, Base), &review.SlotRequest{Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, review.SlotResult{Held: false, Count: 2, Limit: 2}, res, "a limit of two refuses the third account")
}

func testOpenOnePendingCase(t *testing.T, s Stores) {
	x := with(t, s)
	r1, r2 := Ref(4), Ref(5)
	first := x.openPending("case-1", "acct-1", r1)
	refs := []review.CertificateRef{r1, r2}

	for _, tc := range []struct {
		c      *review.Case
		reason string
	}{
		{NewCase("case-2", "acct-1", &r2, at(time.Hour)), "another certificate"},
		{NewCase("case-3", "acct-1", &r1, at(time.Hour)), "the same certificate, another case ID"},
		{NewCase("case-4", "acct-1", nil, at(time.Hour)), "a case without certificate"},
	} {
		before := x.snapshot(refs, "acct-1")
		cBefore := canon(tc.c)
		var slot *review.SlotRequest
		if tc.c.Certificate != nil {
			slot = &review.SlotRequest{Limit: Limit}
		}
		res, err := s.Open(x.ctx, tc.c, slot)
		var oce *review.OpenCaseError
		if assert.ErrorAs(t, err, &oce, "a second pending case: %s", tc.reason) {
			assert.ErrorIs(t, err, review.ErrOpenCase, tc.reason)
			if assert.NotNil(t, oce.Case, tc.reason) {
				x.equal(first, oce.Case, "the error holds the pending case: %s", tc.reason)
			}
		}
		assert.False(t, res.Held, "no slot for the refused case: %s", tc.reason)
		assert.Equal(t, before, x.snapshot(refs, "acct-1"), "nothing changes: no second slot, no second case: %s", tc.reason)
		assert.Equal(t, cBefore, canon(tc.c), "Open never changes c: %s", tc.reason)
	}
	assert.Equal(t, 0, x.status(r2, "acct-1").Count, "no slot on the other certificate")

	before := x.snapshot(refs, "acct-1")
	_, err := s.Open(x.ctx, NewCase("case-1", "acct-1", &r1, Base), &review.SlotRequest{Limit: Limit})
	assert.Error(t, err, "opening the pending case again is an error")
	assert.Equal(t, before, x.snapshot(refs, "acct-1"), "and changes nothing")

	x.decide(withdraw("case-1", "acct-1", at(2*time.Hour)))
	assert.True(t, x.open(NewCase("case-2", "acct-1", &r2, at(3*time.Hour))).Held, "after the withdrawal the account opens a new case")
}

func testOpenFinalAndRetry(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(6)
	reasons := []rules.Violation{rules.Violate("id.checksum", rules.Reject, true).At("certificate.number")}

	// A case rejected at once by the machine is stored final, without slot.
	final := NewCase("case-1", "acct-1", &ref, Base)
	final.State, final.Verdict, final.Reasons, final.Findings = review.Rejected, rules.Rejected, reasons, reasons
	final.History = append(final.History, review.Event{From: review.Submitted, To: review.Rejected, At: Base, Actor: "system", Reasons: reasons})
	res, err := s.Open(x.ctx, final, nil)
	require.NoError(t, err, "a final case needs no slot request")
	assert.False(t, res.Held, "a final case takes no slot")
	assert.Equal(t, binding.Result{}, x.status(ref, "acct-1"), "a final case takes no slot")
	// Stored without DecidedAt, it was decided at its last move.
	want := clone(t, final)
	want.DecidedAt = Base
	x.equal(want, x.get("case-1"), "the final case is stored, decided at its last move")
	_, err = s.Pending(x.ctx, "acct-1")
	assert.ErrorIs(t, err, review.ErrNotFound, "a final case is not pending")

	// The account may then open a pending case, attempt 2.
	retry := NewCase("case-2", "acct-1", &ref, at(time.Hour))
	retry.Attempt, retry.Previous = 2, "case-1"
	assert.Equal(t, review.SlotResult{Held: true, Count: 1, Limit: Limit}, x.open(retry), "a retry after a rejection at once")
	x.equal(retry, x.get("case-2"), "the retry keeps its attempt and previous case")

	// A case rejected by a reviewer frees the slot; its retry takes it again.
	x.decide(reject("case-2", "reviewer", at(2*time.Hour)))
	assert.Equal(t, binding.Result{}, x.status(ref, "acct-1"), "rejection frees the slot")
	third := NewCase("case-3", "acct-1", &ref, at(3*time.Hour))
	third.Attempt, third.Previous = 3, "case-2"
	assert.Equal(t, review.SlotResult{Held: true, Count: 1, Limit: Limit}, x.open(third), "a retry after a reviewer's rejection")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1}, x.status(ref, "acct-1"))

	// A final case whose ID is stored is refused.
	dup := clone(t, final)
	dup.Account = "acct-9"
	before := x.snapshot([]review.CertificateRef{ref}, "acct-1", "acct-9")
	_, err = s.Open(x.ctx, dup, nil)
	assert.Error(t, err, "an ID already stored is refused")
	assert.Equal(t, before, x.snapshot([]review.CertificateRef{ref}, "acct-1", "acct-9"), "and nothing changes")
}

func testOpenWithoutCertificate(t *testing.T, s Stores) {
	x := with(t, s)
	c := NewCase("case-1", "acct-1", nil, Base)
	res, err := s.Open(x.ctx, c, nil)
	require.NoError(t, err, "a pending case whose number did not parse has no slot to reserve")
	assert.False(t, res.Held)
	x.equal(c, x.get("case-1"), "it is stored")
	got := x.decide(approve("case-1", "reviewer", at(time.Hour)))
	assert.Equal(t, review.Approved, got.State, "and decided without a slot")
}

func testOpenInvalid(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(7)
	_, err := s.Open(x.ctx, nil, nil)
	assert.Error(t, err, "a nil case")

	c := NewCase("case-1", "acct-1", &ref, Base)
	_, err = s.Open(x.ctx, c, nil)
	assert.Error(t, err, "a pending case with a certificate needs a slot request")
	_, err = s.Get(x.ctx, "case-1")
	assert.ErrorIs(t, err, review.ErrNotFound, "and is not stored")
	assert.Equal(t, binding.Result{}, x.status(ref, "acct-1"), "nor its slot")
}

// testIsolation checks that callers cannot change stored cases through the
// values they pass or get back.
func testIsolation(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(8)
	c := NewCase("case-1", "acct-1", &ref, Base)
	want := clone(t, c)
	x.open(c)
	c.History[0].Note = "changed"
	c.Findings[0].Params[0].Value = "changed"
	c.Certificate.Masked = "changed"
	x.equal(want, x.get("case-1"), "changing the opened value changes nothing stored")

	got := x.get("case-1")
	got.History[0].Note = "changed"
	got.History = append(got.History, review.Event{To: review.Approved})
	got.Findings[0].Params[0].Value = "changed"
	got.Certificate.Masked = "changed"
	got.State = review.Approved
	x.equal(want, x.get("case-1"), "changing a returned value changes nothing stored")

	d := reject("case-1", "reviewer", at(time.Hour))
	out := x.decide(d)
	want = x.get("case-1")
	d.Reasons[0].Code = "changed"
	out.Reasons[0].Code = "changed"
	out.History[len(out.History)-1].Reasons[0].Code = "changed"
	x.equal(want, x.get("case-1"), "changing the decision or its result changes nothing stored")
	assert.Equal(t, rules.Code(review.CodeUnreadable), want.Reasons[0].Code)
}

func testContextCancelled(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(9)
	x.openPending("case-1", "acct-1", ref)
	before := x.snapshot([]review.CertificateRef{ref}, "acct-1", "acct-2")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		call   func() error
		reason string
	}{
		{func() error {
			_, err := s.Open(ctx, NewCase("case-2", "acct-2", &ref, Base), &review.SlotRequest{Limit: Limit})
			return err
		}, "Open"},
		{func() error { _, err := s.Decide(ctx, approve("case-1", "reviewer", at(time.Hour))); return err }, "Decide"},
		{func() error { _, err := s.Claim(ctx, "reviewer", at(time.Hour), time.Hour); return err }, "Claim"},
		{func() error { _, err := s.Expire(ctx, at(time.Hour), at(time.Hour)); return err }, "Expire"},
		{func() error {
			_, err := s.Note(ctx, "case-1", review.Event{At: at(time.Hour), Actor: "reviewer", Action: "comment"})
			return err
		}, "Note"},
		{func() error { _, err := s.MarkPurged(ctx, "case-1", at(time.Hour)); return err }, "MarkPurged"},
	} {
		assert.ErrorIs(t, tc.call(), context.Canceled, "%s honours a cancelled context", tc.reason)
	}
	assert.Equal(t, before, x.snapshot([]review.CertificateRef{ref}, "acct-1", "acct-2"), "a cancelled call changes nothing")
}

func testClose(t *testing.T, s Stores) {
	require.NoError(t, s.Close())
	ref := Ref(10)
	_, err := s.Open(context.Background(), NewCase("case-1", "acct-1", &ref, Base), &review.SlotRequest{Limit: Limit})
	assert.Error(t, err, "a closed store refuses work")
	_, err = s.Get(context.Background(), "case-1")
	assert.Error(t, err, "a closed store refuses work")
	assert.False(t, errors.Is(err, review.ErrNotFound), "with an error that is not ErrNotFound")
}
