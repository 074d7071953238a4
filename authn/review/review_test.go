package review_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// clock is a test clock that moves only when told.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newWorkflow(start time.Time) (review.Workflow, *clock) {
	c := &clock{t: start}
	n := 0
	shanghai := time.FixedZone("CST", 8*3600)
	return review.New(review.Options{
		Clock:    certificate.Clock{Now: c.now, Location: shanghai},
		Calendar: workday.ChinaMainland(),
		NewID:    func() string { n++; return fmt.Sprintf("case-%d", n) },
	}), c
}

var reason = rules.Violation{Code: "certificate.expired", Field: "certificate.expires", Severity: rules.Reject, Retryable: true}

func TestTransitions(t *testing.T) {
	type step func(w review.Workflow, c *review.Case) error
	start := func(w review.Workflow, c *review.Case) error { return w.StartReview(c, "r1") }
	approve := func(w review.Workflow, c *review.Case) error { return w.Approve(c, "r1", "ok") }
	reject := func(w review.Workflow, c *review.Case) error { return w.Reject(c, "r1", reason) }
	withdraw := func(w review.Workflow, c *review.Case) error { return w.Withdraw(c, "acct") }
	tests := []struct {
		reason string
		steps  []step
		final  review.State
		bad    bool // the last step is illegal
	}{
		{"review then approve", []step{start, approve}, review.Approved, false},
		{"review then reject", []step{start, reject}, review.Rejected, false},
		{"automatic approval from submitted", []step{approve}, review.Approved, false},
		{"automatic rejection from submitted", []step{reject}, review.Rejected, false},
		{"withdraw while submitted", []step{withdraw}, review.Withdrawn, false},
		{"withdraw while under review", []step{start, withdraw}, review.Withdrawn, false},
		{"cannot start review twice", []step{start, start}, review.UnderReview, true},
		{"cannot approve after rejection", []step{start, reject, approve}, review.Rejected, true},
		{"cannot reject after approval", []step{approve, reject}, review.Approved, true},
		{"cannot withdraw after approval", []step{approve, withdraw}, review.Approved, true},
		{"cannot review a withdrawn case", []step{withdraw, start}, review.Withdrawn, true},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			w, _ := newWorkflow(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
			c, err := w.Submit("acct")
			require.NoError(t, err)
			for i, s := range tc.steps {
				err = s(w, c)
				if i < len(tc.steps)-1 || !tc.bad {
					require.NoError(t, err, "step %d", i)
				}
			}
			if tc.bad {
				require.ErrorIs(t, err, review.ErrIllegalTransition)
				var te *review.TransitionError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, tc.final, te.From)
				assert.Len(t, c.History, len(tc.steps), "a refused move adds no history")
			} else {
				assert.Len(t, c.History, len(tc.steps)+1)
			}
			assert.Equal(t, tc.final, c.State)
		})
	}
}

func TestRejectNeedsReason(t *testing.T) {
	w, _ := newWorkflow(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	c, err := w.Submit("acct")
	require.NoError(t, err)
	require.ErrorIs(t, w.Reject(c, "r1"), review.ErrNoReason)
	assert.Equal(t, review.Submitted, c.State)
}

func TestHistoryAndRetry(t *testing.T) {
	// Submitted the Friday before the 2026 Spring Festival (Shanghai time).
	w, clk := newWorkflow(time.Date(2026, 2, 13, 2, 0, 0, 0, time.UTC))
	c, err := w.Submit("acct-1")
	require.NoError(t, err)
	assert.Equal(t, "2026-02-25", c.Due.Date.String(), "make-up Saturday 14 Feb, then 24 and 25 Feb after the holiday")
	clk.advance(time.Hour)
	require.NoError(t, w.StartReview(c, "reviewer-7"))
	clk.advance(time.Hour)
	require.NoError(t, w.Reject(c, "reviewer-7", reason))

	require.Len(t, c.History, 3)
	assert.Equal(t, review.Submitted, c.History[0].To)
	assert.Equal(t, time.Date(2026, 2, 13, 3, 0, 0, 0, time.UTC), c.History[1].At, "times come from the injected clock")
	assert.Equal(t, "reviewer-7", c.History[2].Actor)
	assert.Equal(t, []rules.Violation{reason}, c.Reasons)

	clk.advance(10 * 24 * time.Hour) // 23 Feb, last day of the holiday
	again, err := w.Retry(c)
	require.NoError(t, err)
	assert.Equal(t, c.ID, again.Previous, "a retry links to the rejected attempt")
	assert.NotEqual(t, c.ID, again.ID)
	assert.Equal(t, 2, again.Attempt)
	assert.Equal(t, "acct-1", again.Account)
	assert.Equal(t, review.Submitted, again.State)
	assert.Empty(t, again.Reasons)
	assert.Equal(t, "2026-02-26", again.Due.Date.String(), "submitted on 23 Feb (holiday): 24, 25, 26 Feb")

	_, err = w.Retry(again)
	require.ErrorIs(t, err, review.ErrIllegalTransition, "only a rejected case can be retried")
}

func TestOverdue(t *testing.T) {
	w, clk := newWorkflow(time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)) // Monday 09:00 in Shanghai
	c, err := w.Submit("acct")
	require.NoError(t, err)
	assert.Equal(t, "2026-03-05", c.Due.Date.String())
	clk.t = time.Date(2026, 3, 5, 15, 59, 0, 0, time.UTC) // 23:59 Thursday in Shanghai
	assert.False(t, w.Overdue(c))
	clk.t = time.Date(2026, 3, 5, 16, 0, 0, 0, time.UTC) // midnight
	assert.True(t, w.Overdue(c))
	require.NoError(t, w.Approve(c, "r", ""))
	assert.False(t, w.Overdue(c), "a decided case is never overdue")
}

func TestSubmitOutsidePublishedCalendar(t *testing.T) {
	w, _ := newWorkflow(time.Date(2035, 12, 30, 2, 0, 0, 0, time.UTC)) // 2036 is not published
	_, err := w.Submit("acct")
	require.ErrorIs(t, err, workday.ErrYearNotPublished, "the workflow does not guess a deadline")
}

func TestStateText(t *testing.T) {
	for _, s := range []review.State{review.Submitted, review.UnderReview, review.Approved, review.Rejected, review.Withdrawn} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back review.State
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	var s review.State
	require.Error(t, s.UnmarshalText([]byte("done")))
	_, err := review.State(0).MarshalText()
	require.Error(t, err)
}

func TestCaseJSON(t *testing.T) {
	w, _ := newWorkflow(time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC))
	c, err := w.Submit("acct")
	require.NoError(t, err)
	require.NoError(t, w.StartReview(c, "r"))
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back review.Case
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, review.UnderReview, back.State)
	assert.Equal(t, c.Due.Date, back.Due.Date)
	assert.Contains(t, string(b), `"state":"under_review"`)

	// A rejected retry: every field set, reasons with parameters.
	require.NoError(t, w.Reject(c, "r", review.Reason(review.CodeHeadwear, "handheld"),
		rules.Violate(review.CodeUnreadable, rules.Reject, true, "side", "back").At("certificate")))
	retry, err := w.Retry(c)
	require.NoError(t, err)
	require.NoError(t, w.Reject(retry, "r", review.Reason(review.CodeNotOriginal, "handheld")))
	for _, c := range []*review.Case{c, retry} {
		b, err := json.Marshal(c)
		require.NoError(t, err)
		var back review.Case
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, inUTC(*c), inUTC(back), "the case decodes to what was encoded")
		again, err := json.Marshal(back)
		require.NoError(t, err)
		assert.JSONEq(t, string(b), string(again))
	}
	assert.Error(t, json.Unmarshal([]byte(`{"state":"lost"}`), &back), "an unknown state is refused")
}

// inUTC returns c with its times in UTC, since JSON keeps a time's offset
// but not its zone's name.
func inUTC(c review.Case) review.Case {
	c.SubmittedAt = c.SubmittedAt.UTC()
	c.Due.At = c.Due.At.UTC()
	c.History = append([]review.Event(nil), c.History...)
	for i := range c.History {
		c.History[i].At = c.History[i].At.UTC()
	}
	return c
}
