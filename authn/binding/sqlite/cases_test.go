package sqlite

// Tests of the case store: the review.Store contract on one file, the case
// and its slot moving together, the queue index and the migration of a
// version-1 file.

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/bindingtest"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/review/reviewtest"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

var ctx = context.Background()

// newStore opens a store on a fresh file that the test closes.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "cases.db"), Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// certKey returns the key of the i-th synthetic certificate.
func certKey(t testing.TB, i int) binding.Key {
	t.Helper()
	return bindingtest.KeyOf(t, i)
}

func refOf(key binding.Key) *review.CertificateRef {
	return &review.CertificateRef{Digest: review.Digest(key.Current), SecretID: key.SecretID,
		Masked: "C0******9", Kind: certificate.Passport, Region: "DE"}
}

// newCase returns a submitted case of account on the synthetic certificate
// cert (none when cert < 0), submitted at and due days later.
func newCase(t testing.TB, id, account string, cert int, at time.Time, days int) *review.Case {
	t.Helper()
	var ref *review.CertificateRef
	if cert >= 0 {
		ref = refOf(certKey(t, cert))
	}
	return makeCase(id, account, ref, at, days)
}

var slot3 = &review.SlotRequest{Limit: 3}

func mustOpen(t testing.TB, s *Store, c *review.Case, slot *review.SlotRequest) review.SlotResult {
	t.Helper()
	res, err := s.Open(ctx, c, slot)
	require.NoError(t, err)
	return res
}

func slotOf(t testing.TB, s *Store, cert int, account string, at time.Time) binding.Result {
	t.Helper()
	res, err := s.Status(ctx, certKey(t, cert), account, at)
	require.NoError(t, err)
	return res
}

func get(t testing.TB, s *Store, id string) *review.Case {
	t.Helper()
	c, err := s.Get(ctx, id)
	require.NoError(t, err)
	return c
}

func approve(id, actor string, at time.Time) review.Decision {
	return review.Decision{ID: id, To: review.Approved, Actor: actor, At: at, Limit: 3, Checklist: review.Checklist()}
}

func reject(id, actor string, at time.Time) review.Decision {
	return review.Decision{ID: id, To: review.Rejected, Actor: actor, At: at, Limit: 3,
		Reasons: []rules.Violation{{Code: "file.blurry", Field: "files.certificate", Retryable: true}}}
}

// TestReviewConformance runs the conformance suite of review.Store, each
// subtest on a fresh file.
func TestReviewConformance(t *testing.T) {
	reviewtest.Run(t, func(t *testing.T) reviewtest.Stores {
		s, err := Open(ctx, filepath.Join(t.TempDir(), "cases.db"), Options{})
		require.NoError(t, err)
		return s
	})
}

func TestCaseOpenReservesSlot(t *testing.T) {
	s := newStore(t)
	c := newCase(t, "c1", "alice", 1, now, 3)
	res := mustOpen(t, s, c, slot3)
	assert.Equal(t, review.SlotResult{Held: true, Count: 1, Limit: 3}, res)
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1}, slotOf(t, s, 1, "alice", now), "the slot is reserved with the case")
	assert.Equal(t, c, get(t, s, "c1"), "the case reads back as stored")
	p, err := s.Pending(ctx, "alice")
	require.NoError(t, err)
	assert.Equal(t, c, p)
	_, err = s.Pending(ctx, "bob")
	assert.ErrorIs(t, err, review.ErrNotFound)
	_, err = s.Get(ctx, "nope")
	assert.ErrorIs(t, err, review.ErrNotFound)

	// A case without a certificate takes no slot; a final case neither.
	bare := newCase(t, "c2", "bob", -1, now, 3)
	assert.Equal(t, review.SlotResult{}, mustOpen(t, s, bare, nil))
	assert.Equal(t, bare, get(t, s, "c2"))
	final := newCase(t, "c3", "carol", 1, now, 3)
	final.State, final.Verdict = review.Rejected, rules.Rejected
	final.Reasons = []rules.Violation{{Code: "number.checksum"}}
	assert.Equal(t, review.SlotResult{}, mustOpen(t, s, final, nil))
	assert.Equal(t, binding.Result{Count: 1}, slotOf(t, s, 1, "carol", now), "a case stored final takes no slot")

	_, err = s.Open(ctx, newCase(t, "c4", "dave", 1, now, 3), nil)
	assert.ErrorIs(t, err, binding.ErrRequest, "a pending case with a certificate needs a slot request")
	_, err = s.Open(ctx, newCase(t, "c1", "erin", -1, now, 3), nil)
	assert.Error(t, err, "a case ID is stored once")
}

func TestCaseOpenRefusedByLimit(t *testing.T) {
	s := newStore(t)
	for i := range 3 {
		mustOpen(t, s, newCase(t, fmt.Sprint("c", i), fmt.Sprint("a", i), 1, now, 3), slot3)
	}
	res := mustOpen(t, s, newCase(t, "c9", "late", 1, now, 3), slot3)
	assert.Equal(t, review.SlotResult{Held: false, Count: 3, Limit: 3}, res, "the limit refuses a fourth account")
	_, err := s.Get(ctx, "c9")
	assert.ErrorIs(t, err, review.ErrNotFound, "and no case is stored")
	_, err = s.Pending(ctx, "late")
	assert.ErrorIs(t, err, review.ErrNotFound)
}

func TestCaseOnePendingPerAccount(t *testing.T) {
	s := newStore(t)
	first := newCase(t, "c1", "alice", 1, now, 3)
	mustOpen(t, s, first, slot3)
	_, err := s.Open(ctx, newCase(t, "c2", "alice", 2, now, 3), slot3)
	var oce *review.OpenCaseError
	require.ErrorAs(t, err, &oce)
	assert.ErrorIs(t, err, review.ErrOpenCase)
	assert.Equal(t, first, oce.Case, "the error holds the pending case")
	assert.Equal(t, binding.Result{}, slotOf(t, s, 2, "alice", now), "the refused case reserved nothing")
	_, err = s.Open(ctx, first, slot3)
	assert.ErrorAs(t, err, &oce, "opening the same case twice")

	// Once decided, the account may open another.
	_, err = s.Decide(ctx, reject("c1", "rev", now.Add(time.Hour)))
	require.NoError(t, err)
	retry := newCase(t, "c2", "alice", 1, now.Add(2*time.Hour), 3)
	retry.Attempt, retry.Previous = 2, "c1"
	assert.True(t, mustOpen(t, s, retry, slot3).Held)
	assert.Equal(t, retry, get(t, s, "c2"))
}

func TestCaseDecide(t *testing.T) {
	s := newStore(t)
	mustOpen(t, s, newCase(t, "c1", "alice", 1, now, 3), slot3)
	mustOpen(t, s, newCase(t, "c2", "bob", 1, now, 3), slot3)
	later := now.Add(time.Hour)

	c, err := s.Decide(ctx, approve("c1", "rev", later))
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
	assert.Equal(t, review.Checklist(), c.History[len(c.History)-1].Checklist)
	assert.Equal(t, c, get(t, s, "c1"), "the decision is stored")
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 2}, slotOf(t, s, 1, "alice", later), "approval confirms the slot")

	again, err := s.Decide(ctx, approve("c1", "rev", later.Add(time.Minute)))
	require.NoError(t, err, "the same decision again")
	assert.Equal(t, c, again, "changes nothing")
	_, err = s.Decide(ctx, reject("c1", "rev", later))
	assert.ErrorIs(t, err, review.ErrIllegalTransition)

	_, err = s.Decide(ctx, review.Decision{ID: "c2", To: review.Rejected, Actor: "rev", At: later})
	assert.ErrorIs(t, err, review.ErrNoReason)
	assert.Equal(t, review.Submitted, get(t, s, "c2").State)
	c, err = s.Decide(ctx, reject("c2", "rev", later))
	require.NoError(t, err)
	assert.Equal(t, review.Rejected, c.State)
	assert.Equal(t, binding.Result{Count: 1}, slotOf(t, s, 1, "bob", later), "rejection releases the slot")

	_, err = s.Decide(ctx, approve("nope", "rev", later))
	assert.ErrorIs(t, err, review.ErrNotFound)

	// Withdrawal releases; a move to UnderReview keeps the slot.
	mustOpen(t, s, newCase(t, "c3", "carol", 2, now, 3), slot3)
	_, err = s.Decide(ctx, review.Decision{ID: "c3", To: review.UnderReview, Actor: "rev", At: later})
	require.NoError(t, err)
	assert.True(t, slotOf(t, s, 2, "carol", later).Held)
	_, err = s.Decide(ctx, review.Decision{ID: "c3", To: review.Withdrawn, Actor: "carol", At: later})
	require.NoError(t, err)
	assert.False(t, slotOf(t, s, 2, "carol", later).Held)

	// A case without a certificate moves alone.
	mustOpen(t, s, newCase(t, "c4", "dave", -1, now, 3), nil)
	c, err = s.Decide(ctx, approve("c4", "rev", later))
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
}

func TestCaseSlotMissing(t *testing.T) {
	s := newStore(t)
	for i, d := range []review.Decision{approve("c0", "rev", now), reject("c1", "rev", now)} {
		c := newCase(t, fmt.Sprint("c", i), fmt.Sprint("a", i), 1, now, 3)
		mustOpen(t, s, c, slot3)
		_, err := s.Release(ctx, certKey(t, 1), c.Account, now)
		require.NoError(t, err)
		_, err = s.Decide(ctx, d)
		assert.ErrorIs(t, err, review.ErrSlotMissing, "%s without its slot", d.To)
		assert.Equal(t, c, get(t, s, c.ID), "the case did not move")
		assert.Equal(t, binding.Result{}, slotOf(t, s, 1, c.Account, now), "no slot appeared")
	}
}

func TestCaseSlotLost(t *testing.T) {
	s := newStore(t)
	expiring := &review.SlotRequest{Limit: 3, Expires: now.Add(time.Hour)}
	mustOpen(t, s, newCase(t, "c1", "alice", 1, now, 3), expiring)
	mustOpen(t, s, newCase(t, "c2", "bob", 2, now, 3), expiring)
	later := now.Add(2 * time.Hour)
	// Three other accounts take certificate 1 after alice's slot expired.
	for i := range 3 {
		_, err := s.Confirm(ctx, binding.Request{Key: certKey(t, 1), Account: fmt.Sprint("other", i), Limit: 3, Now: later})
		require.NoError(t, err)
	}
	before := get(t, s, "c1")
	_, err := s.Decide(ctx, approve("c1", "rev", later))
	assert.ErrorIs(t, err, review.ErrSlotLost)
	assert.Equal(t, before, get(t, s, "c1"), "the case did not move")
	c, err := s.Decide(ctx, reject("c1", "rev", later))
	require.NoError(t, err, "reject it instead")
	assert.Equal(t, review.Rejected, c.State)

	// Bob's slot expired too, but certificate 2 has room: approval takes it.
	c, err = s.Decide(ctx, approve("c2", "rev", later))
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, slotOf(t, s, 2, "bob", later))
}

func TestCaseLease(t *testing.T) {
	s := newStore(t)
	mustOpen(t, s, newCase(t, "c1", "alice", 1, now, 3), slot3)
	c, err := s.Claim(ctx, "r1", now, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, "c1", c.ID)
	assert.Equal(t, review.UnderReview, c.State, "a claim starts the review")
	assert.Equal(t, "r1", c.ClaimedBy)
	assert.True(t, c.ClaimedUntil.Equal(now.Add(time.Hour)))
	assert.Equal(t, c, get(t, s, "c1"))

	_, err = s.Decide(ctx, approve("c1", "r2", now.Add(30*time.Minute)))
	assert.ErrorIs(t, err, review.ErrLeaseHeld, "r1 holds the case")
	assert.Equal(t, c, get(t, s, "c1"))
	_, err = s.Claim(ctx, "r2", now.Add(30*time.Minute), time.Hour)
	assert.ErrorIs(t, err, review.ErrNotFound, "nothing else is free")

	// The lease ends at now+1h: r2 may then decide.
	d, err := s.Decide(ctx, approve("c1", "r2", now.Add(time.Hour)))
	require.NoError(t, err)
	assert.Equal(t, review.Approved, d.State)
	assert.Empty(t, d.ClaimedBy, "a final case is held by nobody")
	assert.True(t, d.ClaimedUntil.IsZero())
}

func TestCaseClaimOrder(t *testing.T) {
	s := newStore(t)
	// Due order: c-b and c-a share a deadline (ID breaks the tie), c-z is later.
	mustOpen(t, s, newCase(t, "c-z", "z", 3, now, 5), slot3)
	mustOpen(t, s, newCase(t, "c-b", "b", 2, now, 2), slot3)
	mustOpen(t, s, newCase(t, "c-a", "a", 1, now.Add(time.Hour), 2), slot3)
	claim := func(r string, at time.Time) string {
		t.Helper()
		c, err := s.Claim(ctx, r, at, time.Hour)
		if errors.Is(err, review.ErrNotFound) {
			return ""
		}
		require.NoError(t, err)
		return c.ID
	}
	assert.Equal(t, "c-a", claim("r1", now))
	assert.Equal(t, "c-a", claim("r1", now.Add(time.Minute)), "a reviewer who holds a case gets it again")
	assert.Equal(t, "c-b", claim("r2", now))
	assert.Equal(t, "c-z", claim("r3", now))
	assert.Equal(t, "", claim("r4", now))
	assert.Equal(t, "c-b", claim("r4", now.Add(time.Hour)), "r2's lease ended at now+1h")
	assert.Equal(t, "c-z", claim("r2", now.Add(time.Hour)), "r2 lost c-b; r3's lease ended too")
	_, err := s.Decide(ctx, approve("c-b", "r2", now.Add(time.Hour)))
	assert.ErrorIs(t, err, review.ErrLeaseHeld, "r4 holds it now")
	c := get(t, s, "c-b")
	assert.Len(t, c.History, 2, "the second claim of a case under review adds no event")

	_, err = s.Claim(ctx, "", now, time.Hour)
	assert.ErrorIs(t, err, binding.ErrRequest)
	_, err = s.Claim(ctx, "r", now, 0)
	assert.ErrorIs(t, err, binding.ErrRequest)
}

func TestCaseClaimRace(t *testing.T) {
	s := newStore(t)
	const cases, reviewers = 40, 16
	for i := range cases {
		mustOpen(t, s, newCase(t, fmt.Sprintf("c%02d", i), fmt.Sprint("a", i), i, now, 1+i%4), slot3)
	}
	var mu sync.Mutex
	claimed := map[string]string{}
	var wg sync.WaitGroup
	for r := range reviewers {
		wg.Go(func() {
			reviewer := fmt.Sprint("r", r)
			for {
				c, err := s.Claim(ctx, reviewer, now, time.Hour)
				if errors.Is(err, review.ErrNotFound) {
					return
				}
				if !assert.NoError(t, err) {
					return
				}
				mu.Lock()
				if prev, ok := claimed[c.ID]; ok {
					t.Errorf("case %s claimed by %s and %s", c.ID, prev, reviewer)
				}
				claimed[c.ID] = reviewer
				mu.Unlock()
				_, err = s.Decide(ctx, approve(c.ID, reviewer, now.Add(time.Minute)))
				if !assert.NoError(t, err) {
					return
				}
			}
		})
	}
	wg.Wait()
	assert.Len(t, claimed, cases, "every case was claimed exactly once")
	st, err := s.Stats(ctx, now.Add(time.Minute), now)
	require.NoError(t, err)
	assert.Equal(t, review.Stats{Decided: cases, DecidedInTime: cases}, st)
}

func TestCaseList(t *testing.T) {
	s := newStore(t)
	const n = 23
	for i := range n {
		c := newCase(t, fmt.Sprintf("c%02d", i), fmt.Sprint("a", i), i, now, 1+i%5)
		if i%3 == 0 {
			c.Kind, c.Region = certificate.IDCard, "CN"
		}
		mustOpen(t, s, c, slot3)
	}
	_, err := s.Decide(ctx, approve("c00", "rev", now))
	require.NoError(t, err)
	_, err = s.Decide(ctx, reject("c01", "rev", now))
	require.NoError(t, err)

	var all []*review.Case
	q := review.Query{Limit: 4}
	for {
		page, err := s.List(ctx, q)
		require.NoError(t, err)
		all = append(all, page...)
		if len(page) < q.Limit {
			break
		}
		q.After = review.CursorOf(page[len(page)-1])
	}
	require.Len(t, all, n-2, "the zero query pages through every pending case")
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		assert.True(t, a.Due.At.Before(b.Due.At) || a.Due.At.Equal(b.Due.At) && a.ID < b.ID, "(deadline, ID) order at %d", i)
	}

	final, err := s.List(ctx, review.Query{States: []review.State{review.Approved, review.Rejected}})
	require.NoError(t, err)
	require.Len(t, final, 2)
	one, err := s.List(ctx, review.Query{Account: "a5"})
	require.NoError(t, err)
	require.Len(t, one, 1)
	assert.Equal(t, "c05", one[0].ID)
	cn, err := s.List(ctx, review.Query{Kind: certificate.IDCard, Region: "CN", Limit: 1000})
	require.NoError(t, err)
	assert.Len(t, cn, 7, "c03 … c21 (c00 is decided)")
	overdue, err := s.List(ctx, review.Query{OverdueAt: now.Truncate(24*time.Hour).AddDate(0, 0, 3), States: []review.State{review.Submitted, review.Approved}})
	require.NoError(t, err)
	for _, c := range overdue {
		assert.True(t, c.State.Pending(), "overdue cases are pending")
		assert.LessOrEqual(t, c.Due.At.Compare(now.Truncate(24*time.Hour).AddDate(0, 0, 3)), 0)
	}
	assert.Len(t, overdue, 8, "due in 1 or 2 days: i%5 in {0,1}, less c00 and c01")
	_, err = s.List(ctx, review.Query{States: []review.State{9}})
	assert.ErrorIs(t, err, binding.ErrRequest)
}

func TestCaseStats(t *testing.T) {
	s := newStore(t)
	for i := range 4 {
		mustOpen(t, s, newCase(t, fmt.Sprint("c", i), fmt.Sprint("a", i), i, now, 1), slot3)
	}
	due := get(t, s, "c0").Due.At
	_, err := s.Decide(ctx, approve("c0", "rev", due.Add(-time.Minute)))
	require.NoError(t, err)
	_, err = s.Decide(ctx, reject("c1", "rev", due))
	require.NoError(t, err)
	_, err = s.Decide(ctx, review.Decision{ID: "c2", To: review.Withdrawn, Actor: "a2", At: now})
	require.NoError(t, err)
	st, err := s.Stats(ctx, due, now)
	require.NoError(t, err)
	assert.Equal(t, review.Stats{Pending: 1, Overdue: 1, Decided: 2, DecidedInTime: 1}, st)
	assert.InDelta(t, 0.5, st.InTimeShare(), 1e-9)
	st, err = s.Stats(ctx, now, due.Add(time.Second))
	require.NoError(t, err)
	assert.Equal(t, review.Stats{Pending: 1}, st, "before the deadline nothing is overdue; nothing decided since")
}

func TestCaseExpire(t *testing.T) {
	s := newStore(t)
	mustOpen(t, s, newCase(t, "old", "alice", 1, now, 3), slot3)
	mustOpen(t, s, newCase(t, "bare", "bob", -1, now, 3), nil)
	mustOpen(t, s, newCase(t, "new", "carol", 1, now.Add(48*time.Hour), 3), slot3)
	_, err := s.Claim(ctx, "r1", now, 72*time.Hour)
	require.NoError(t, err)
	later := now.Add(72 * time.Hour)
	n, err := s.Expire(ctx, now.Add(24*time.Hour), later)
	require.NoError(t, err)
	assert.Equal(t, 2, n, "the two cases submitted before the cut")
	for _, id := range []string{"old", "bare"} {
		c := get(t, s, id)
		assert.Equal(t, review.Withdrawn, c.State)
		last := c.History[len(c.History)-1]
		assert.Equal(t, "system", last.Actor)
		assert.Equal(t, "expired", last.Note)
		assert.True(t, last.At.Equal(later))
	}
	assert.Equal(t, binding.Result{Count: 1}, slotOf(t, s, 1, "alice", later), "the expired case's slot is released")
	assert.Equal(t, review.Submitted, get(t, s, "new").State)
	n, err = s.Expire(ctx, now.Add(24*time.Hour), later)
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestCaseRelabel(t *testing.T) {
	s := newStore(t)
	oldKey := certKey(t, 1)
	mustOpen(t, s, newCase(t, "c1", "alice", 1, now, 3), slot3)

	// Rotate: a new secret, the old one retired. Bob's reservation under the
	// new key relabels alice's slot, and her case with it.
	keys, err := binding.NewKeyring(binding.Secret{ID: "test-2", Bytes: []byte("the next bindingtest secret ...")}, bindingtest.Secret())
	require.NoError(t, err)
	newKey, err := keys.Key(bindingtest.Number(1))
	require.NoError(t, err)
	require.Equal(t, oldKey.Current, newKey.Previous[0])
	res, err := s.Reserve(ctx, binding.Request{Key: newKey, Account: "bob", Limit: 3, Now: now})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Count, "alice's slot counts under the new digest")

	c := get(t, s, "c1")
	assert.Equal(t, review.Digest(newKey.Current), c.Certificate.Digest, "the case follows its slot")
	assert.Equal(t, "test-2", c.Certificate.SecretID)
	c, err = s.Decide(ctx, approve("c1", "rev", now))
	require.NoError(t, err, "and the decision finds the slot")
	st, err := s.Status(ctx, newKey, "alice", now)
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 2}, st)
	assert.Equal(t, review.Approved, c.State)
}

// A decision made days later by another Open of the file moves the case and
// its slot together.
func TestCaseDecidedByLaterOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "later.db")
	first, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	mustOpen(t, first, newCase(t, "c1", "alice", 1, now, 3), slot3)
	mustOpen(t, first, newCase(t, "c2", "bob", 1, now, 3), slot3)
	require.NoError(t, first.Close())

	days := now.Add(4 * 24 * time.Hour)
	second, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	defer second.Close()
	st, err := second.Stats(ctx, days, now)
	require.NoError(t, err)
	assert.Equal(t, review.Stats{Pending: 2, Overdue: 2}, st, "both cases are overdue four days later")
	c, err := second.Claim(ctx, "rev", days, time.Hour)
	require.NoError(t, err)
	c, err = second.Decide(ctx, approve(c.ID, "rev", days))
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
	_, err = second.Decide(ctx, reject("c2", "rev", days))
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, slotOf(t, second, 1, c.Account, days))
	assert.Equal(t, binding.Result{Count: 1}, slotOf(t, second, 1, "bob", days))
	st, err = second.Stats(ctx, days, now)
	require.NoError(t, err)
	assert.Equal(t, review.Stats{Decided: 2}, st, "decided, late")
	agree(t, second, days)
}

// agree checks that cases and slots tell the same story at now: every
// pending case with a certificate holds a live slot, every approved one a
// confirmed slot, and no slot belongs to a rejected or withdrawn case.
func agree(t *testing.T, s *Store, at time.Time) {
	t.Helper()
	for _, q := range []struct {
		query  string
		reason string
	}{
		{`SELECT count(*) FROM cases c WHERE c.state IN (1, 2) AND c.cert IS NOT NULL AND NOT EXISTS
			(SELECT 1 FROM bindings b WHERE b.cert = c.cert AND b.account = c.account AND (b.expires_at IS NULL OR b.expires_at > ?))`,
			"pending cases without a live slot"},
		{`SELECT count(*) FROM cases c WHERE c.state = 3 AND c.cert IS NOT NULL AND ? IS NOT NULL AND NOT EXISTS
			(SELECT 1 FROM bindings b WHERE b.cert = c.cert AND b.account = c.account AND b.state = 2)`,
			"approved cases without a confirmed slot"},
		{`SELECT count(*) FROM bindings b WHERE ? IS NOT NULL AND NOT EXISTS
			(SELECT 1 FROM cases c WHERE c.cert = b.cert AND c.account = b.account AND c.state IN (1, 2, 3))`,
			"slots without a pending or approved case"},
		{`SELECT count(*) FROM (SELECT cert FROM bindings WHERE expires_at IS NULL OR expires_at > ? GROUP BY cert HAVING count(*) > 3)`,
			"certificates over the limit"},
	} {
		var n int
		require.NoError(t, s.db.QueryRow(q.query, ms(at)).Scan(&n))
		assert.Zero(t, n, q.reason)
	}
}

// TestQueueUsesIndex checks with EXPLAIN QUERY PLAN that the queue queries
// walk the queue index and sort nothing.
func TestQueueUsesIndex(t *testing.T) {
	s := newStore(t)
	for i := range 50 {
		c := newCase(t, fmt.Sprint("c", i), fmt.Sprint("a", i), -1, now, i%7)
		mustOpen(t, s, c, nil)
	}
	_, err := s.db.Exec(`ANALYZE`)
	require.NoError(t, err)
	listed, args, err := listQuery(review.Query{After: review.Cursor{Due: now, ID: "c1"}})
	require.NoError(t, err)
	first, firstArgs, err := listQuery(review.Query{})
	require.NoError(t, err)
	overdue, overdueArgs, err := listQuery(review.Query{OverdueAt: now, States: []review.State{review.Submitted}})
	require.NoError(t, err)
	for _, q := range []struct {
		name, query string
		args        []any
	}{
		{"claim", firstCase(whereFree), []any{ms(now)}},
		{"first page", caseQuery(first), firstArgs},
		{"next page", caseQuery(listed), args},
		{"overdue submitted", caseQuery(overdue), overdueArgs},
		{"expire", caseQuery(whereAbandoned), []any{ms(now)}},
	} {
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q.query, q.args...)
		require.NoError(t, err)
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			require.NoError(t, rows.Scan(&id, &parent, &notused, &detail))
			plan = append(plan, detail)
		}
		require.NoError(t, rows.Err())
		rows.Close()
		text := strings.Join(plan, "\n")
		assert.Contains(t, text, "USING INDEX cases_queue", "%s: %s", q.name, text)
		assert.NotContains(t, text, "TEMP B-TREE", "%s sorts nothing: %s", q.name, text)
		if q.name == "next page" {
			assert.Contains(t, text, "SEARCH cases USING INDEX cases_queue ((due_at,id)>(?,?))", "the cursor seeks into the index: %s", text)
		}
	}
}

// TestMigrateVersion1 opens a file made by the bindings-only schema: its
// slots stay and the cases table appears.
func TestMigrateVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	s, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	_, err = s.Reserve(ctx, binding.Request{Key: certKey(t, 1), Account: "alice", Limit: 3, Now: now})
	require.NoError(t, err)
	_, err = s.db.Exec(`DROP TABLE cases; PRAGMA user_version = 1`)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s, err = Open(ctx, path, Options{})
	require.NoError(t, err)
	defer s.Close()
	var v int
	require.NoError(t, s.db.QueryRow(`PRAGMA user_version`).Scan(&v))
	assert.Equal(t, 3, v)
	assert.True(t, slotOf(t, s, 1, "alice", now).Held, "the version-1 slot is kept")
	assert.True(t, mustOpen(t, s, newCase(t, "c1", "bob", 1, now, 3), slot3).Held)
	assert.Equal(t, 2, slotOf(t, s, 1, "bob", now).Count)
}
