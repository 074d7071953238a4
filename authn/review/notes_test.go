package review_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
)

var t0 = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

func pendingCase() *review.Case {
	return &review.Case{ID: "c1", Account: "a1", State: review.Submitted, SubmittedAt: t0,
		History: []review.Event{{To: review.Submitted, At: t0, Actor: "a1"}}}
}

func TestAddNote(t *testing.T) {
	c := pendingCase()
	c.ClaimedBy, c.ClaimedUntil = "rev-1", t0.Add(time.Hour)
	for _, tc := range []struct {
		ev     review.Event
		is     error
		reason string
	}{
		{review.Event{At: t0, Actor: "x"}, review.ErrInvalidNote, "no action"},
		{review.Event{Action: "comment", Actor: "x"}, review.ErrInvalidNote, "no time"},
		{review.Event{At: t0, Action: review.ActionReveal, Note: "why"}, review.ErrInvalidNote, "a reveal without an actor"},
		{review.Event{At: t0, Action: review.ActionReveal, Actor: "rev-1"}, review.ErrInvalidNote, "a reveal without a reason"},
		{review.Event{At: t0.Add(time.Minute), Action: review.ActionReveal, Actor: "rev-2", Note: "why"}, review.ErrLeaseHeld, "a reveal under another's lease"},
	} {
		before := *c
		assert.ErrorIs(t, review.AddNote(c, tc.ev), tc.is, tc.reason)
		assert.Equal(t, before, *c, "unchanged: %s", tc.reason)
	}
	checklist := []string{"x"}
	require.NoError(t, review.AddNote(c, review.Event{From: review.Approved, To: review.Approved, At: t0.Add(time.Hour), Action: review.ActionReveal, Actor: "rev-2", Note: "the lease ended", Checklist: checklist}))
	checklist[0] = "changed"
	last := c.History[len(c.History)-1]
	assert.Equal(t, review.Submitted, last.From, "From is the case's state")
	assert.Equal(t, review.Submitted, last.To, "To is the case's state")
	assert.Equal(t, []string{"x"}, last.Checklist, "the note keeps its own copy")
	assert.True(t, last.IsNote())
	assert.Equal(t, review.Submitted, c.State)
	assert.Equal(t, "rev-1", c.ClaimedBy, "a note keeps the claim")

	m, ok := review.LastMove(c)
	require.True(t, ok)
	assert.Equal(t, c.History[0], m, "the last move skips notes")
	_, ok = review.LastMove(&review.Case{})
	assert.False(t, ok, "no history, no move")
}

func TestApplyIdempotentAfterNotes(t *testing.T) {
	c := pendingCase()
	d := review.Decision{ID: "c1", To: review.Approved, Actor: "rev-1", At: t0.Add(time.Hour)}
	_, changed, err := review.Apply(c, d)
	require.NoError(t, err)
	require.True(t, changed)
	assert.True(t, c.DecidedAt.Equal(d.At), "Apply sets DecidedAt on a final move")
	require.NoError(t, review.AddNote(c, review.Event{At: t0.Add(2 * time.Hour), Actor: "auditor", Action: "comment"}))
	n := len(c.History)
	_, changed, err = review.Apply(c, d)
	require.NoError(t, err, "the same decision after a note")
	assert.False(t, changed)
	assert.Len(t, c.History, n)
	_, _, err = review.Apply(c, review.Decision{ID: "c1", To: review.Approved, Actor: "auditor", At: t0.Add(3 * time.Hour)})
	assert.ErrorIs(t, err, review.ErrIllegalTransition, "the note's actor did not decide")

	c = pendingCase()
	_, _, err = review.Apply(c, review.Decision{ID: "c1", To: review.UnderReview, Actor: "rev-1", At: t0.Add(time.Minute)})
	require.NoError(t, err)
	assert.True(t, c.DecidedAt.IsZero(), "a move to UnderReview decides nothing")
}

func TestPurge(t *testing.T) {
	c := pendingCase()
	changed, err := review.Purge(c, t0.Add(time.Hour))
	assert.ErrorIs(t, err, review.ErrStillPending)
	assert.False(t, changed)
	assert.True(t, c.FilesPurgedAt.IsZero())

	w, _ := newWorkflow(t0)
	require.NoError(t, w.Reject(c, "rev", rules.Violation{Code: "review.headwear", Severity: rules.Reject}))
	assert.True(t, c.DecidedAt.Equal(t0), "the workflow sets DecidedAt")
	_, err = review.Purge(c, time.Time{})
	assert.Error(t, err, "a purge needs a time")
	changed, err = review.Purge(c, t0.Add(time.Hour))
	require.NoError(t, err)
	assert.True(t, changed)
	assert.True(t, c.FilesPurgedAt.Equal(t0.Add(time.Hour)))
	last := c.History[len(c.History)-1]
	assert.Equal(t, review.Event{From: review.Rejected, To: review.Rejected, At: t0.Add(time.Hour), Actor: review.PurgeActor, Action: review.ActionFilesPurged}, last)
	n := len(c.History)
	changed, err = review.Purge(c, t0.Add(2*time.Hour))
	require.NoError(t, err)
	assert.False(t, changed, "a second purge changes nothing")
	assert.Len(t, c.History, n)
	assert.True(t, c.FilesPurgedAt.Equal(t0.Add(time.Hour)))

	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"decided_at":"2026-11-02T09:30:00Z"`)
	assert.Contains(t, string(b), `"files_purged_at":"2026-11-02T10:30:00Z"`)
	assert.Contains(t, string(b), `"action":"files_purged"`)
	b, err = json.Marshal(pendingCase())
	require.NoError(t, err)
	assert.NotContains(t, string(b), "decided_at", "omitted while zero")
	assert.NotContains(t, string(b), "files_purged_at", "omitted while zero")
	assert.NotContains(t, string(b), "action", "a move has no action")
}

func TestDecidedTime(t *testing.T) {
	c := pendingCase()
	c.DecidedAt = t0
	assert.True(t, review.DecidedTime(c).IsZero(), "a pending case is not decided")
	c.State = review.Rejected
	c.DecidedAt = time.Time{}
	c.History = append(c.History, review.Event{From: review.Submitted, To: review.Rejected, At: t0.Add(time.Second)},
		review.Event{From: review.Rejected, To: review.Rejected, At: t0.Add(time.Hour), Action: "comment"})
	assert.True(t, review.DecidedTime(c).Equal(t0.Add(time.Second)), "the last move, not the note")
	c.DecidedAt = t0.Add(time.Minute)
	assert.True(t, review.DecidedTime(c).Equal(t0.Add(time.Minute)), "DecidedAt when set")
	c.DecidedAt, c.History = time.Time{}, nil
	assert.True(t, review.DecidedTime(c).Equal(t0), "the submission without a history")
}

func TestQueryDecidedBefore(t *testing.T) {
	s, err := review.Query{DecidedBefore: t0}.Selected()
	require.NoError(t, err)
	assert.Equal(t, []review.State{review.Approved, review.Rejected, review.Withdrawn}, s, "DecidedBefore without states selects the final ones")
	s, err = review.Query{DecidedBefore: t0, States: []review.State{review.Rejected}}.Selected()
	require.NoError(t, err)
	assert.Equal(t, []review.State{review.Rejected}, s)
	s, err = review.Query{Unpurged: true}.Selected()
	require.NoError(t, err)
	assert.Equal(t, []review.State{review.Submitted, review.UnderReview}, s, "Unpurged alone keeps the default")
}
