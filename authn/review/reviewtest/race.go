package reviewtest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
)

func testRaceOpenOneCertificate(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(600)
	results := make([]review.SlotResult, Goroutines)
	errs := make([]error, Goroutines)
	race(Goroutines, func(i int) {
		c := NewCase(fmt.Sprintf("case-%02d", i), fmt.Sprintf("acct-%02d", i), &ref, Base)
		results[i], errs[i] = s.Open(x.ctx, c, &review.SlotRequest{Limit: Limit})
	})
	held := map[string]bool{}
	for i := range Goroutines {
		require.NoError(t, errs[i])
		assert.LessOrEqual(t, results[i].Count, Limit, "no caller ever sees more than the limit")
		if results[i].Held {
			held[fmt.Sprintf("case-%02d", i)] = true
		}
	}
	assert.Len(t, held, Limit, "%d accounts opening at once on one certificate: exactly the limit hold it", Goroutines)
	pending, err := s.List(x.ctx, review.Query{})
	require.NoError(t, err)
	assert.Len(t, pending, Limit, "exactly the limit of cases are stored")
	for _, c := range pending {
		assert.True(t, held[c.ID], "stored case %s is one that was told it holds its slot", c.ID)
	}
	assert.Equal(t, Limit, x.status(ref, "nobody").Count, "and exactly the limit of slots")
}

func testRaceOpenOneAccount(t *testing.T, s Stores) {
	x := with(t, s)
	const n = Goroutines / 2
	errs := make([]error, n)
	results := make([]review.SlotResult, n)
	race(n, func(i int) {
		ref := Ref(700 + i)
		results[i], errs[i] = s.Open(x.ctx, NewCase(fmt.Sprintf("case-%02d", i), "acct", &ref, Base), &review.SlotRequest{Limit: Limit})
	})
	opened := -1
	for i, err := range errs {
		if err == nil {
			assert.Equal(t, -1, opened, "one account opening %d cases at once: only one opens", n)
			assert.True(t, results[i].Held)
			opened = i
			continue
		}
		assert.ErrorIs(t, err, review.ErrOpenCase, "the others find the one pending case")
	}
	require.NotEqual(t, -1, opened, "one case opens")
	slots := 0
	for i := range n {
		if x.status(Ref(700+i), "acct").Held {
			slots++
			assert.Equal(t, opened, i, "the slot is the opened case's")
		}
	}
	assert.Equal(t, 1, slots, "the account holds one slot")
}

// testRaceDecideTwoReviewers: two actors decide one case at once. One move is
// applied; the other gets an error, or the idempotent answer when it is the
// same decision.
func testRaceDecideTwoReviewers(t *testing.T, s Stores) {
	x := with(t, s)
	const n = 16
	for i := range 2 * n {
		x.openPending(fmt.Sprintf("case-%02d", i), fmt.Sprintf("acct-%02d", i), Ref(800+i))
	}
	decisions := func(i int) [2]review.Decision {
		id := fmt.Sprintf("case-%02d", i)
		if i < n {
			return [2]review.Decision{approve(id, "rev-a", at(time.Hour)), reject(id, "rev-b", at(time.Hour))}
		}
		return [2]review.Decision{approve(id, "rev-a", at(time.Hour)), approve(id, "rev-a", at(time.Hour))}
	}
	got := make([][2]*review.Case, 2*n)
	errs := make([][2]error, 2*n)
	race(4*n, func(g int) {
		i, k := g/2, g%2
		got[i][k], errs[i][k] = s.Decide(x.ctx, decisions(i)[k])
	})
	for i := range 2 * n {
		stored := x.get(fmt.Sprintf("case-%02d", i))
		assert.Len(t, stored.History, 2, "case %d: exactly one move is applied", i)
		if i < n {
			ok := 0
			for k := range 2 {
				if errs[i][k] == nil {
					ok++
					assert.Equal(t, decisions(i)[k].To, stored.State, "case %d: the winner's move is stored", i)
				} else {
					assert.ErrorIs(t, errs[i][k], review.ErrIllegalTransition, "case %d: the loser finds the case decided", i)
				}
			}
			assert.Equal(t, 1, ok, "case %d: approve and reject at once: one wins", i)
		} else {
			for k := range 2 {
				if assert.NoError(t, errs[i][k], "case %d: the same decision twice at once", i) {
					x.equal(stored, got[i][k], "case %d: both get the case after the one move", i)
				}
			}
		}
	}
}

// testRaceApproveWithdraw: the applicant withdraws while a reviewer approves.
// The case and its slot agree at the end.
func testRaceApproveWithdraw(t *testing.T, s Stores) {
	x := with(t, s)
	const n = 16
	for i := range n {
		x.openPending(fmt.Sprintf("case-%02d", i), fmt.Sprintf("acct-%02d", i), Ref(900+i))
	}
	errs := make([][2]error, n)
	race(2*n, func(g int) {
		i, k := g/2, g%2
		id, acct := fmt.Sprintf("case-%02d", i), fmt.Sprintf("acct-%02d", i)
		if k == 0 {
			_, errs[i][k] = s.Decide(x.ctx, approve(id, "reviewer", at(time.Hour)))
		} else {
			_, errs[i][k] = s.Decide(x.ctx, withdraw(id, acct, at(time.Hour)))
		}
	})
	for i := range n {
		e := errs[i]
		assert.True(t, (e[0] == nil) != (e[1] == nil), "case %d: exactly one of approve and withdraw succeeds: %v", i, e)
		c := x.get(fmt.Sprintf("case-%02d", i))
		st := x.status(*c.Certificate, c.Account)
		switch c.State {
		case review.Approved:
			assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, st, "case %d: approved, so confirmed", i)
		case review.Withdrawn:
			assert.Equal(t, binding.Result{}, st, "case %d: withdrawn, so released", i)
		default:
			t.Errorf("case %d is %s after approve and withdraw", i, c.State)
		}
	}
}

// testRaceChurn: accounts open and withdraw cases on one certificate at once.
// The limit holds at every step, and cases and slots agree at the end.
func testRaceChurn(t *testing.T, s Stores) {
	x := with(t, s)
	ref := Ref(1000)
	const rounds = 6
	errs := make([]error, Goroutines)
	race(Goroutines, func(i int) {
		acct := fmt.Sprintf("acct-%02d", i%16)
		for r := range rounds {
			id := fmt.Sprintf("case-%02d-%d", i, r)
			res, err := s.Open(x.ctx, NewCase(id, acct, &ref, at(time.Duration(r)*time.Minute)), &review.SlotRequest{Limit: Limit})
			if errors.Is(err, review.ErrOpenCase) {
				continue // the account's other goroutine holds its pending case
			}
			if err == nil && res.Count > Limit {
				err = fmt.Errorf("count %d above the limit", res.Count)
			}
			if err != nil {
				errs[i] = err
				return
			}
			if !res.Held {
				continue
			}
			if (i+r)%2 == 0 {
				_, err = s.Decide(x.ctx, withdraw(id, acct, at(time.Duration(r)*time.Minute+time.Second)))
			} else {
				_, err = s.Decide(x.ctx, reject(id, "reviewer", at(time.Duration(r)*time.Minute+time.Second)))
			}
			if err != nil {
				errs[i] = fmt.Errorf("deciding %s: %w", id, err)
				return
			}
		}
	})
	for _, err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, 0, x.status(ref, "nobody").Count, "every case was closed, so every slot is free")
}
