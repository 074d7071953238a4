package reviewtest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/review"
)

// due sets the deadline of c to t.
func due(c *review.Case, t time.Time) *review.Case {
	c.Due.At = t
	d := t.Add(-time.Nanosecond)
	c.Due.Date.Year, c.Due.Date.Month, c.Due.Date.Day = d.Year(), d.Month(), d.Day()
	return c
}

// day returns the end of the n-th day after Base.
func day(n int) time.Time {
	return time.Date(Base.Year(), Base.Month(), Base.Day()+n+1, 0, 0, 0, 0, time.UTC)
}

func testClaimOrder(t *testing.T, s Stores) {
	x := with(t, s)
	for _, c := range []*review.Case{
		due(NewCase("c-0", "acct-0", new(Ref(50)), Base), day(4)),
		due(NewCase("c-2", "acct-2", new(Ref(51)), Base), day(3)),
		due(NewCase("c-1", "acct-1", new(Ref(52)), Base), day(3)),
		due(NewCase("c-3", "acct-3", new(Ref(53)), Base), day(2)),
		due(NewCase("c-n", "acct-n", nil, Base), day(5)),
		due(NewCase("c-u", "acct-u", new(Ref(54)), Base), day(6)),
	} {
		x.open(c)
	}
	final := due(NewCase("c-f", "acct-f", new(Ref(55)), Base), day(1))
	final.State = review.Withdrawn
	final.History = append(final.History, review.Event{From: review.Submitted, To: review.Withdrawn, At: Base, Actor: "acct-f"})
	x.open(final)
	// c-u is under review but held by nobody.
	x.decide(review.Decision{ID: "c-u", To: review.UnderReview, Actor: "lead", At: at(time.Minute)})

	now, lease := at(time.Hour), 30*time.Minute
	for i, tc := range []struct {
		id     string
		reason string
	}{
		{"c-3", "the earliest deadline first"},
		{"c-1", "equal deadlines: the smaller ID first"},
		{"c-2", "then the larger ID"},
		{"c-0", "then the next deadline"},
		{"c-n", "a case without certificate is claimed too"},
		{"c-u", "a case under review held by nobody is claimed, without a second move"},
	} {
		reviewer := fmt.Sprintf("rev-%d", i)
		before := x.get(tc.id)
		got, err := s.Claim(x.ctx, reviewer, now, lease)
		require.NoError(t, err, tc.reason)
		require.Equal(t, tc.id, got.ID, tc.reason)
		assert.Equal(t, review.UnderReview, got.State, "a claimed case is under review: %s", tc.reason)
		assert.Equal(t, reviewer, got.ClaimedBy, tc.reason)
		assert.True(t, got.ClaimedUntil.Equal(now.Add(lease)), "held until now+lease, not %v: %s", got.ClaimedUntil, tc.reason)
		if before.State == review.Submitted {
			require.Len(t, got.History, len(before.History)+1, "a submitted case moves to UnderReview: %s", tc.reason)
			ev := got.History[len(got.History)-1]
			assert.Equal(t, review.Submitted, ev.From, tc.reason)
			assert.Equal(t, review.UnderReview, ev.To, tc.reason)
			assert.Equal(t, reviewer, ev.Actor, "the move is the reviewer's: %s", tc.reason)
			assert.True(t, ev.At.Equal(now), "at now: %s", tc.reason)
		} else {
			assert.Len(t, got.History, len(before.History), "a case under review does not move: %s", tc.reason)
		}
		x.equal(got, x.get(tc.id), "the claim is stored: %s", tc.reason)
	}
	_, err := s.Claim(x.ctx, "rev-last", now, lease)
	assert.ErrorIs(t, err, review.ErrNotFound, "every pending case is held, and final cases are never claimed")
}

func testClaimLease(t *testing.T, s Stores) {
	x := with(t, s)
	x.open(due(NewCase("a", "acct-a", new(Ref(56)), Base), day(2)))
	x.open(due(NewCase("b", "acct-b", new(Ref(57)), Base), day(3)))
	lease := 10 * time.Minute

	claim := func(reviewer string, now time.Time, want, reason string) *review.Case {
		t.Helper()
		got, err := s.Claim(x.ctx, reviewer, now, lease)
		if want == "" {
			assert.ErrorIs(t, err, review.ErrNotFound, reason)
			return nil
		}
		require.NoError(t, err, reason)
		assert.Equal(t, want, got.ID, reason)
		assert.Equal(t, reviewer, got.ClaimedBy, reason)
		assert.True(t, got.ClaimedUntil.Equal(now.Add(lease)), "held until now+lease: %s", reason)
		return got
	}

	first := claim("rev-1", Base, "a", "the earliest deadline")
	again := claim("rev-1", at(5*time.Minute), "a", "a reviewer holding a live case gets it again, its lease renewed")
	assert.Len(t, again.History, len(first.History), "claiming again adds no event")
	claim("rev-2", at(5*time.Minute), "b", "another reviewer gets the next case")
	claim("rev-3", at(6*time.Minute), "", "every case is held")
	stolen := claim("rev-3", at(15*time.Minute), "a", "a lease that ended at or before now returns the case to the queue")
	assert.Len(t, stolen.History, len(first.History), "taking over a case under review adds no event")
	claim("rev-1", at(16*time.Minute), "b", "rev-1 lost a; b's lease ended too")
	x.open(due(NewCase("z", "acct-z", new(Ref(58)), Base), day(1)))
	claim("rev-1", at(17*time.Minute), "b", "a reviewer holding a live case gets it again before an earlier free one")
	_, err := s.Decide(x.ctx, approve("a", "rev-1", at(17*time.Minute)))
	assert.ErrorIs(t, err, review.ErrLeaseHeld, "the old holder cannot decide a case taken over")
	x.decide(approve("b", "rev-1", at(18*time.Minute)))
	claim("rev-1", at(18*time.Minute), "z", "after deciding, the reviewer gets the next free case")
}

func testRaceClaim(t *testing.T, s Stores) {
	x := with(t, s)
	const n = 48
	for i := range n {
		x.open(due(NewCase(fmt.Sprintf("case-%02d", i), fmt.Sprintf("acct-%02d", i), new(Ref(100+i)), Base), day(1+i%5)))
	}
	claimed := make([][]string, Claimers)
	errs := make([]error, Claimers)
	now := at(time.Hour)
	race(Claimers, func(i int) {
		reviewer := fmt.Sprintf("rev-%02d", i)
		for range n + 1 {
			c, err := s.Claim(x.ctx, reviewer, now, time.Hour)
			if errors.Is(err, review.ErrNotFound) {
				return
			}
			if err != nil {
				errs[i] = err
				return
			}
			claimed[i] = append(claimed[i], c.ID)
			if c.ClaimedBy != reviewer {
				errs[i] = fmt.Errorf("%s claimed %s held by %q", reviewer, c.ID, c.ClaimedBy)
				return
			}
			if _, err := s.Decide(x.ctx, approve(c.ID, reviewer, now)); err != nil {
				errs[i] = fmt.Errorf("%s deciding %s: %w", reviewer, c.ID, err)
				return
			}
		}
		errs[i] = errors.New(reviewer + " never ran out of cases")
	})
	for _, err := range errs {
		assert.NoError(t, err)
	}
	count := map[string]int{}
	for _, ids := range claimed {
		for _, id := range ids {
			count[id]++
		}
	}
	assert.Len(t, count, n, "%d reviewers claiming at once: every case is claimed", Claimers)
	for id, k := range count {
		assert.Equal(t, 1, k, "case %s is claimed exactly once", id)
	}
	cases, err := listAll(x.ctx, s)
	require.NoError(t, err)
	for _, c := range cases {
		assert.Equal(t, review.Approved, c.State, "case %s was decided by its one claimer", c.ID)
		assert.Len(t, c.History, 3, "case %s: submitted, under review, approved", c.ID)
	}
}
