package reviewtest_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/review/reviewtest"
)

func TestMemory(t *testing.T) {
	reviewtest.Run(t, func(t *testing.T) reviewtest.Stores { return binding.NewMemory() })
}

// brokenEnv names the broken store TestBrokenStore runs the suite against,
// in the subprocess TestSuiteCatchesBrokenStores starts.
const brokenEnv = "REVIEWTEST_BROKEN_STORE"

// Broken stores: the memory store behind a decorator that breaks one
// contract, as a careless implementation would.
var broken = map[string]func(*binding.Memory) reviewtest.Stores{
	"DecideForgetsSlot":      func(m *binding.Memory) reviewtest.Stores { return decideForgetsSlot{m} },
	"OpenIgnoresPendingCase": func(m *binding.Memory) reviewtest.Stores { return openIgnoresPendingCase{m} },
	"OpenNotAtomic":          func(m *binding.Memory) reviewtest.Stores { return openNotAtomic{m} },
	"ClaimWithoutLease":      func(m *binding.Memory) reviewtest.Stores { return claimWithoutLease{m} },
	"ListIgnoresCursor":      func(m *binding.Memory) reviewtest.Stores { return listIgnoresCursor{m} },
	"ExpireKeepsSlots":       func(m *binding.Memory) reviewtest.Stores { return expireKeepsSlots{m} },
	"StatsDeadlineInTime":    func(m *binding.Memory) reviewtest.Stores { return statsLate{m} },
	"ListIgnoresUnpurged":    func(m *binding.Memory) reviewtest.Stores { return listIgnoresUnpurged{m} },
	"PurgeWhilePending":      func(m *binding.Memory) reviewtest.Stores { return purgeWhilePending{m} },
	"RevealIgnoresLease":     func(m *binding.Memory) reviewtest.Stores { return revealIgnoresLease{m} },
}

func TestBrokenStore(t *testing.T) {
	name := os.Getenv(brokenEnv)
	if name == "" {
		t.Skip("TestSuiteCatchesBrokenStores runs this in a subprocess")
	}
	wrap, ok := broken[name]
	require.True(t, ok, "unknown broken store %q", name)
	reviewtest.Run(t, func(t *testing.T) reviewtest.Stores { return wrap(binding.NewMemory()) })
}

// TestSuiteCatchesBrokenStores runs the suite against each broken store in a
// subprocess (this test binary, running TestBrokenStore) and checks that it
// fails, in the subtests that check the broken contract.
func TestSuiteCatchesBrokenStores(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	for _, tc := range []struct {
		store  string
		fails  []string
		reason string
	}{
		{"DecideForgetsSlot", []string{"DecideApprove", "DecideRelease", "RaceApproveWithdraw"},
			"Decide moves the case but leaves its slot pending"},
		{"OpenIgnoresPendingCase", []string{"OpenOnePendingCase", "RaceOpenOneAccount"},
			"Open reports success for a second pending case of an account"},
		{"OpenNotAtomic", []string{"OpenOnePendingCase", "RaceOpenOneAccount"},
			"Open reserves the slot in one step and stores the case in another"},
		{"ClaimWithoutLease", []string{"ClaimOrder", "ClaimLease", "RaceClaim", "DecideLease"},
			"Claim hands out the head of the queue without holding it"},
		{"ListIgnoresCursor", []string{"List", "ListPages"},
			"List ignores the keyset cursor"},
		{"ExpireKeepsSlots", []string{"Expire"},
			"Expire withdraws cases but keeps their slots"},
		{"StatsDeadlineInTime", []string{"Stats"},
			"Stats counts decisions at the deadline as in time"},
		{"ListIgnoresUnpurged", []string{"ListRetention", "ListRetentionPages"},
			"List returns purged cases to a purge"},
		{"PurgeWhilePending", []string{"MarkPurged"},
			"MarkPurged records a purge of a pending case"},
		{"RevealIgnoresLease", []string{"NoteReveal"},
			"a reviewer reveals the number of a case another reviewer holds"},
	} {
		t.Run(tc.store, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(exe, "-test.run=^TestBrokenStore$", "-test.count=1", "-test.timeout=5m")
			cmd.Env = append(os.Environ(), brokenEnv+"="+tc.store)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "the suite must fail on a store where %s, and passed", tc.reason)
			failed := failedSubtests(string(out))
			if !assert.NotContains(t, string(out), "panic:", "the suite fails by its checks, not by a panic") {
				t.Logf("output:\n%s", clip(out, 8000))
			}
			for _, sub := range tc.fails {
				assert.True(t, failed[sub], "subtest %s catches a store where %s; failed: %v", sub, tc.reason, failed)
			}
		})
	}
}

// failedSubtests returns the subtests of TestBrokenStore that out reports
// failed.
func failedSubtests(out string) map[string]bool {
	failed := map[string]bool{}
	for _, m := range regexp.MustCompile(`--- FAIL: TestBrokenStore/(\S+) `).FindAllStringSubmatch(out, -1) {
		failed[m[1]] = true
	}
	return failed
}

func clip(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// decideForgetsSlot moves the case but puts its slot back to pending.
type decideForgetsSlot struct{ *binding.Memory }

func (s decideForgetsSlot) Decide(ctx context.Context, d review.Decision) (*review.Case, error) {
	c, err := s.Memory.Decide(ctx, d)
	if err != nil || c.Certificate == nil || !c.State.Final() {
		return c, err
	}
	key := reviewtest.KeyOf(*c.Certificate)
	if _, err := s.Release(ctx, key, c.Account, d.At); err != nil {
		return nil, err
	}
	if _, err := s.Reserve(ctx, binding.Request{Key: key, Account: c.Account, Limit: 1000, Now: d.At}); err != nil {
		return nil, err
	}
	return c, nil
}

// openIgnoresPendingCase answers success when the account has a pending
// case, storing nothing.
type openIgnoresPendingCase struct{ *binding.Memory }

func (s openIgnoresPendingCase) Open(ctx context.Context, c *review.Case, slot *review.SlotRequest) (review.SlotResult, error) {
	res, err := s.Memory.Open(ctx, c, slot)
	if errors.Is(err, review.ErrOpenCase) {
		return review.SlotResult{Held: c.Certificate != nil, Count: 1}, nil
	}
	return res, err
}

// openNotAtomic reserves the slot first and stores the case after, in two
// steps, so a refused case leaves its slot behind.
type openNotAtomic struct{ *binding.Memory }

func (s openNotAtomic) Open(ctx context.Context, c *review.Case, slot *review.SlotRequest) (review.SlotResult, error) {
	if c != nil && c.State.Pending() && c.Certificate != nil && slot != nil {
		r := binding.Request{Key: reviewtest.KeyOf(*c.Certificate), Account: c.Account, Limit: slot.Limit, Now: c.SubmittedAt, Expires: slot.Expires}
		if _, err := s.Reserve(ctx, r); err != nil {
			return review.SlotResult{}, err
		}
	}
	return s.Memory.Open(ctx, c, slot)
}

// claimWithoutLease returns the head of the queue, moved to UnderReview, but
// holds it for nobody.
type claimWithoutLease struct{ *binding.Memory }

func (s claimWithoutLease) Claim(ctx context.Context, reviewer string, now time.Time, lease time.Duration) (*review.Case, error) {
	head, err := s.List(ctx, review.Query{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(head) == 0 {
		return nil, review.ErrNotFound
	}
	c := head[0]
	if c.State == review.Submitted {
		if moved, err := s.Decide(ctx, review.Decision{ID: c.ID, To: review.UnderReview, Actor: reviewer, At: now}); err == nil {
			c = moved
		}
	}
	return c, nil
}

// listIgnoresCursor lists from the start whatever the cursor.
type listIgnoresCursor struct{ *binding.Memory }

func (s listIgnoresCursor) List(ctx context.Context, q review.Query) ([]*review.Case, error) {
	q.After = review.Cursor{}
	return s.Memory.List(ctx, q)
}

// expireKeepsSlots withdraws the cases and then reserves their slots again.
type expireKeepsSlots struct{ *binding.Memory }

func (s expireKeepsSlots) Expire(ctx context.Context, before, now time.Time) (int, error) {
	pending, err := s.List(ctx, review.Query{Limit: 1000})
	if err != nil {
		return 0, err
	}
	n, err := s.Memory.Expire(ctx, before, now)
	if err != nil {
		return n, err
	}
	for _, c := range pending {
		if c.Certificate != nil && c.SubmittedAt.Before(before) {
			r := binding.Request{Key: reviewtest.KeyOf(*c.Certificate), Account: c.Account, Limit: 1000, Now: now}
			if _, err := s.Reserve(ctx, r); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// statsLate counts a case decided exactly at its deadline as decided in
// time, though it was overdue by then.
type statsLate struct{ *binding.Memory }

func (s statsLate) Stats(ctx context.Context, now, since time.Time) (review.Stats, error) {
	st, err := s.Memory.Stats(ctx, now, since)
	if err != nil {
		return st, err
	}
	cases, err := s.List(ctx, review.Query{States: []review.State{review.Approved, review.Rejected}, Limit: 1000})
	if err != nil {
		return st, err
	}
	for _, c := range cases {
		last := c.History[len(c.History)-1]
		if last.Actor != "system" && last.At.Equal(c.Due.At) && !last.At.Before(since) {
			st.DecidedInTime++
		}
	}
	return st, nil
}

// listIgnoresUnpurged lists purged cases too.
type listIgnoresUnpurged struct{ *binding.Memory }

func (s listIgnoresUnpurged) List(ctx context.Context, q review.Query) ([]*review.Case, error) {
	q.Unpurged = false
	return s.Memory.List(ctx, q)
}

// purgeWhilePending records a files_purged note on a pending case instead of
// refusing.
type purgeWhilePending struct{ *binding.Memory }

func (s purgeWhilePending) MarkPurged(ctx context.Context, id string, at time.Time) (*review.Case, error) {
	c, err := s.Memory.MarkPurged(ctx, id, at)
	if errors.Is(err, review.ErrStillPending) {
		return s.Note(ctx, id, review.Event{At: at, Actor: review.PurgeActor, Action: review.ActionFilesPurged})
	}
	return c, err
}

// revealIgnoresLease records a reveal under another reviewer's lease, as if
// the holder made it.
type revealIgnoresLease struct{ *binding.Memory }

func (s revealIgnoresLease) Note(ctx context.Context, id string, ev review.Event) (*review.Case, error) {
	if c, err := s.Get(ctx, id); err == nil && c.ClaimedBy != "" && ev.Action == review.ActionReveal && ev.Actor != "" {
		ev.Actor = c.ClaimedBy
	}
	return s.Memory.Note(ctx, id, ev)
}
