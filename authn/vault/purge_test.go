package vault_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

var purgeNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// purgeFixture is a case store and a vault with cases in every state, each
// with both files.
type purgeFixture struct {
	cases *binding.Memory
	files vault.Store
	ids   map[string]string // label -> case ID
}

func newPurgeFixture(t *testing.T) *purgeFixture {
	ctx := t.Context()
	f := &purgeFixture{cases: binding.NewMemory(), ids: map[string]string{}}
	files, err := vault.OpenDir(t.TempDir(), vaulttest.Keyring(t, "a"))
	require.NoError(t, err)
	f.files = files
	t.Cleanup(func() { _ = files.Close(); _ = f.cases.Close() })
	n := 0
	add := func(label string, submitted time.Duration, to review.State, decided time.Duration) {
		n++
		id := fmt.Sprintf("case%02d", n)
		at := purgeNow.Add(-submitted)
		flow := review.New(review.Options{Clock: certificate.Clock{Now: func() time.Time { return at }}, NewID: func() string { return id }})
		c, err := flow.Submit(fmt.Sprintf("acct-%d", n))
		require.NoError(t, err)
		_, err = f.cases.Open(ctx, c, nil)
		require.NoError(t, err)
		if to != review.Submitted {
			d := review.Decision{ID: id, To: to, Actor: "rev", At: purgeNow.Add(-decided)}
			if to == review.Rejected {
				d.Reasons = []rules.Violation{rules.Violate(evidence.CodeEdited, rules.Reject, true)}
			}
			_, err = f.cases.Decide(ctx, d)
			require.NoError(t, err)
		}
		for _, r := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
			_, err := files.Put(ctx, id, r, vaulttest.Content(100), vault.Meta{})
			require.NoError(t, err)
		}
		f.ids[label] = id
	}
	day := 24 * time.Hour
	add("pending, old", 90*day, review.Submitted, 0)
	add("approved 40 days ago", 45*day, review.Approved, 40*day)
	add("rejected 31 days ago", 35*day, review.Rejected, 31*day)
	add("withdrawn 60 days ago", 61*day, review.Withdrawn, 60*day)
	add("approved 29 days ago", 35*day, review.Approved, 29*day)
	add("rejected a minute ago", 2*day, review.Rejected, time.Minute)
	return f
}

func (f *purgeFixture) kept(t *testing.T, label string) bool {
	t.Helper()
	n := 0
	for _, r := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		if _, err := f.files.Stat(t.Context(), f.ids[label], r); err == nil {
			n++
		} else {
			require.ErrorIs(t, err, vault.ErrNotFound)
		}
	}
	require.NotEqual(t, 1, n, "%s: one file of two left", label)
	return n == 2
}

var (
	due    = []string{"approved 40 days ago", "rejected 31 days ago", "withdrawn 60 days ago"}
	notDue = []string{"pending, old", "approved 29 days ago", "rejected a minute ago"}
)

func (f *purgeFixture) check(t *testing.T) {
	t.Helper()
	for _, l := range due {
		assert.False(t, f.kept(t, l), "%s: files deleted", l)
		c, err := f.cases.Get(t.Context(), f.ids[l])
		require.NoError(t, err)
		assert.Equal(t, purgeNow, c.FilesPurgedAt, "%s: marked purged", l)
		last := c.History[len(c.History)-1]
		assert.Equal(t, review.ActionFilesPurged, last.Action, "%s: the history says so", l)
	}
	for _, l := range notDue {
		assert.True(t, f.kept(t, l), "%s: files kept", l)
		c, err := f.cases.Get(t.Context(), f.ids[l])
		require.NoError(t, err)
		assert.True(t, c.FilesPurgedAt.IsZero(), "%s: not marked", l)
	}
}

func TestPurge(t *testing.T) {
	f := newPurgeFixture(t)
	rep, err := vault.Purge(t.Context(), f.cases, f.files, 30*24*time.Hour, purgeNow)
	require.NoError(t, err)
	assert.Equal(t, purgeNow.Add(-30*24*time.Hour), rep.Before)
	assert.ElementsMatch(t, []string{f.ids[due[0]], f.ids[due[1]], f.ids[due[2]]}, rep.Purged)
	assert.Zero(t, rep.Failed)
	f.check(t)

	rep, err = vault.Purge(t.Context(), f.cases, f.files, 30*24*time.Hour, purgeNow)
	require.NoError(t, err)
	assert.Empty(t, rep.Purged, "a second purge finds nothing to do")

	rep, err = vault.Purge(t.Context(), f.cases, f.files, 0, purgeNow.Add(30*24*time.Hour))
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{f.ids["approved 29 days ago"], f.ids["rejected a minute ago"]}, rep.Purged,
		"a month later the default retention (30 days) purges the rest, never the pending case")
	assert.True(t, f.kept(t, "pending, old"))

	_, err = vault.Purge(t.Context(), f.cases, f.files, -time.Hour, purgeNow)
	assert.Error(t, err, "a negative retention")
}

// failingCases fails MarkPurged after ok successes, as a crash would leave
// a purge: files deleted, the case not marked.
type failingCases struct {
	review.Store
	ok    int32
	calls atomic.Int32
}

var errDown = errors.New("store down")

func (s *failingCases) MarkPurged(ctx context.Context, id string, at time.Time) (*review.Case, error) {
	if s.calls.Add(1) > s.ok {
		return nil, errDown
	}
	return s.Store.MarkPurged(ctx, id, at)
}

// failingFiles fails Delete after ok successes.
type failingFiles struct {
	vault.Store
	ok    int32
	calls atomic.Int32
}

func (s *failingFiles) Delete(ctx context.Context, id string) error {
	if s.calls.Add(1) > s.ok {
		return errDown
	}
	return s.Store.Delete(ctx, id)
}

func TestPurgeInterrupted(t *testing.T) {
	f := newPurgeFixture(t)
	rep, err := vault.Purge(t.Context(), &failingCases{Store: f.cases, ok: 1}, f.files, 30*24*time.Hour, purgeNow)
	require.ErrorIs(t, err, errDown)
	assert.Len(t, rep.Purged, 1, "one case purged before the store went down")
	assert.Equal(t, 2, rep.Failed, "two left for the next purge")
	for _, l := range due {
		assert.False(t, f.kept(t, l), "%s: files deleted before the mark failed", l)
	}
	unmarked, err := f.cases.List(t.Context(), review.Query{DecidedBefore: rep.Before, Unpurged: true})
	require.NoError(t, err)
	assert.Len(t, unmarked, 2, "the store still knows which cases to purge")

	rep, err = vault.Purge(t.Context(), f.cases, f.files, 30*24*time.Hour, purgeNow)
	require.NoError(t, err, "the next purge resumes")
	assert.Len(t, rep.Purged, 2, "and marks the two cases whose files it deleted before")
	f.check(t)
}

func TestPurgeDeleteFails(t *testing.T) {
	f := newPurgeFixture(t)
	rep, err := vault.Purge(t.Context(), f.cases, &failingFiles{Store: f.files, ok: 1}, 30*24*time.Hour, purgeNow)
	require.ErrorIs(t, err, errDown)
	require.Len(t, rep.Purged, 1)
	assert.Equal(t, 2, rep.Failed)
	kept := 0
	for _, l := range due {
		c, err := f.cases.Get(t.Context(), f.ids[l])
		require.NoError(t, err)
		if f.kept(t, l) {
			kept++
			assert.True(t, c.FilesPurgedAt.IsZero(), "%s: a case whose files could not be deleted is not marked", l)
		} else {
			assert.False(t, c.FilesPurgedAt.IsZero(), "%s: marked", l)
		}
	}
	assert.Equal(t, 2, kept)
	rep, err = vault.Purge(t.Context(), f.cases, f.files, 30*24*time.Hour, purgeNow)
	require.NoError(t, err)
	assert.Len(t, rep.Purged, 2)
	f.check(t)
}

// lyingCases lists every case, pending ones included, as a broken store
// might.
type lyingCases struct{ review.Store }

func (s lyingCases) List(ctx context.Context, q review.Query) ([]*review.Case, error) {
	if !q.After.IsZero() {
		return nil, nil
	}
	return s.Store.List(ctx, review.Query{States: []review.State{review.Submitted, review.UnderReview, review.Approved, review.Rejected, review.Withdrawn}})
}

func TestPurgeKeepsPendingWhateverTheStoreSays(t *testing.T) {
	f := newPurgeFixture(t)
	rep, err := vault.Purge(t.Context(), lyingCases{f.cases}, f.files, 30*24*time.Hour, purgeNow)
	require.Error(t, err, "the cases not due are reported")
	assert.Equal(t, len(notDue), rep.Failed)
	f.check(t)
}
