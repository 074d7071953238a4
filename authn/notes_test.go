package authn_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
)

// TestRevealNumber: a reveal needs the reviewer to hold the pending case
// and a reason; it is recorded in the history, and the case still knows the
// masked number only.
func TestRevealNumber(t *testing.T) {
	ctx := context.Background()
	store := binding.NewMemory()
	submitted := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	app := application(t, 101)
	rep, err := verifierOn(t, store, submitted).Verify(ctx, app)
	require.NoError(t, err)
	require.Equal(t, rules.Accept, rep.Verdict, "%v", rep.Codes())
	id := rep.Review.ID
	v := verifierOn(t, store, submitted.Add(time.Minute))

	_, err = v.RevealNumber(ctx, id, "rev-1", "compare the checksum")
	assert.ErrorIs(t, err, authn.ErrNotHeld, "nobody holds the case yet")
	_, err = v.Claim(ctx, "rev-1", time.Hour)
	require.NoError(t, err)
	for _, tc := range []struct {
		target, reviewer, why string
		is                    error
		reason                string
	}{
		{id, "rev-2", "compare the checksum", review.ErrLeaseHeld, "another reviewer holds the case"},
		{id, "rev-1", "  ", review.ErrInvalidNote, "a reveal needs a reason"},
		{id, "", "compare the checksum", review.ErrInvalidNote, "a reveal needs a reviewer"},
		{"no-such-case", "rev-1", "compare", review.ErrNotFound, "an unknown case"},
	} {
		before, err := v.Case(ctx, id)
		require.NoError(t, err)
		_, err = v.RevealNumber(ctx, tc.target, tc.reviewer, tc.why)
		assert.ErrorIs(t, err, tc.is, tc.reason)
		assert.NotErrorIs(t, err, authn.ErrInfrastructure, "%s is no outage", tc.reason)
		after, err := v.Case(ctx, id)
		require.NoError(t, err)
		assert.Len(t, after.History, len(before.History), "nothing recorded: %s", tc.reason)
	}

	c, err := v.RevealNumber(ctx, id, "rev-1", " the photo is blurred ")
	require.NoError(t, err)
	last := c.History[len(c.History)-1]
	assert.Equal(t, review.ActionReveal, last.Action)
	assert.Equal(t, "rev-1", last.Actor)
	assert.Equal(t, "the photo is blurred", last.Note)
	assert.Equal(t, submitted.Add(time.Minute), last.At.UTC(), "at the verifier's clock")
	assert.Equal(t, review.UnderReview, c.State, "a reveal keeps the state")
	b, err := json.Marshal(c)
	require.NoError(t, err)
	require.NotEmpty(t, app.Claim.Number)
	assert.NotContains(t, string(b), app.Claim.Number, "the case never holds the number, revealed or not")

	// After the decision an auditor may reveal, with a reason.
	_, err = v.Approve(ctx, id, "rev-1", "", review.Checklist()...)
	require.NoError(t, err)
	c, err = verifierOn(t, store, submitted.Add(48*time.Hour)).RevealNumber(ctx, id, "auditor", "complaint 17")
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State)
	assert.Equal(t, "auditor", c.History[len(c.History)-1].Actor)
}

// TestRetentionAndPurge: a decided case is retained until its retention
// ends, then listed by Retained until MarkPurged records the purge; a
// pending case is never purged.
func TestRetentionAndPurge(t *testing.T) {
	ctx := context.Background()
	store := binding.NewMemory()
	submitted := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	decided := submitted.Add(2 * time.Hour)
	const retention = 30 * 24 * time.Hour
	var ids []string
	for i := range 2 {
		rep, err := verifierOn(t, store, submitted).Verify(ctx, application(t, uint64(110+i)))
		require.NoError(t, err)
		require.Equal(t, rules.Accept, rep.Verdict, "%v", rep.Codes())
		ids = append(ids, rep.Review.ID)
	}
	v := verifierOn(t, store, decided)
	c, err := v.Note(ctx, ids[0], review.Event{Actor: "system", Action: review.ActionFilesStored})
	require.NoError(t, err)
	assert.Equal(t, decided, c.History[len(c.History)-1].At.UTC(), "a note without a time is at the verifier's clock")
	_, err = v.MarkPurged(ctx, ids[0])
	assert.ErrorIs(t, err, review.ErrStillPending, "a pending case keeps its files")
	assert.NotErrorIs(t, err, authn.ErrInfrastructure)
	_, err = v.Note(ctx, ids[0], review.Event{Actor: "system"})
	assert.ErrorIs(t, err, review.ErrInvalidNote, "a note needs an action")

	c, err = v.Reject(ctx, ids[0], "rev", review.Reason(review.CodeHeadwear, "handheld"))
	require.NoError(t, err)
	assert.Equal(t, decided, c.DecidedAt.UTC(), "the rejection sets DecidedAt")

	later := verifierOn(t, store, decided.Add(retention-time.Second))
	got, err := later.Retained(ctx, retention, review.Cursor{}, 0)
	require.NoError(t, err)
	assert.Empty(t, got, "a second before the retention ends")

	end := verifierOn(t, store, decided.Add(retention))
	got, err = end.Retained(ctx, retention, review.Cursor{}, 0)
	require.NoError(t, err)
	if assert.Len(t, got, 1, "the retention ended for the decided case, not the pending one") {
		assert.Equal(t, ids[0], got[0].ID)
	}
	c, err = end.MarkPurged(ctx, ids[0])
	require.NoError(t, err)
	assert.Equal(t, decided.Add(retention), c.FilesPurgedAt.UTC())
	assert.Equal(t, review.ActionFilesPurged, c.History[len(c.History)-1].Action)
	again, err := verifierOn(t, store, decided.Add(2*retention)).MarkPurged(ctx, ids[0])
	require.NoError(t, err)
	assert.Equal(t, c, again, "a second purge returns the case unchanged")
	got, err = end.Retained(ctx, retention, review.Cursor{}, 0)
	require.NoError(t, err)
	assert.Empty(t, got, "nothing is left to purge")
}
