package sqlite

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
)

// finalCase returns c rejected at once by the machine at its submission.
func finalCase(c *review.Case) *review.Case {
	r := []rules.Violation{rules.Violate("id.checksum", rules.Reject, true)}
	c.State, c.Reasons = review.Rejected, r
	c.History = append(c.History, review.Event{From: review.Submitted, To: review.Rejected, At: c.SubmittedAt, Actor: "system", Reasons: r})
	return c
}

// TestPurgeQueryUsesIndex checks with EXPLAIN QUERY PLAN that the listing of
// a purge walks the partial index of final, unpurged cases and sorts
// nothing.
func TestPurgeQueryUsesIndex(t *testing.T) {
	s := newStore(t)
	for i := range 60 {
		c := mustOpenFinal(t, s, finalCase(newCase(t, fmt.Sprint("f", i), fmt.Sprint("a", i), -1, now, i%7)))
		if i%2 == 0 {
			_, err := s.MarkPurged(ctx, c.ID, now.Add(time.Hour))
			require.NoError(t, err)
		}
	}
	for i := range 20 {
		mustOpen(t, s, newCase(t, fmt.Sprint("p", i), fmt.Sprint("b", i), -1, now, i%5), nil)
	}
	_, err := s.db.Exec(`ANALYZE`)
	require.NoError(t, err)
	for _, q := range []review.Query{
		{DecidedBefore: now, Unpurged: true},
		{DecidedBefore: now, Unpurged: true, After: review.Cursor{Due: now, ID: "f1"}},
		{DecidedBefore: now, Unpurged: true, States: []review.State{review.Rejected}},
	} {
		where, args, err := listQuery(q)
		require.NoError(t, err)
		text := plan(t, s, caseQuery(where), args...)
		assert.Contains(t, text, "USING INDEX cases_unpurged", "%+v: %s", q, text)
		assert.NotContains(t, text, "TEMP B-TREE", "%+v sorts nothing: %s", q, text)
	}
}

func mustOpenFinal(t testing.TB, s *Store, c *review.Case) *review.Case {
	t.Helper()
	mustOpen(t, s, c, nil)
	return c
}

func plan(t testing.TB, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+query, args...)
	require.NoError(t, err)
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &notused, &detail))
		lines = append(lines, detail)
	}
	require.NoError(t, rows.Err())
	return strings.Join(lines, "\n")
}

// TestMigrateVersion2 upgrades a file of the version-2 schema, in which a
// case stored final had no decided_at: it counts as decided at its
// submission, Stats still leaves it out, and a purge finds it.
func TestMigrateVersion2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	s, err := Open(ctx, path, Options{})
	require.NoError(t, err)
	mustOpen(t, s, finalCase(newCase(t, "machine", "alice", 1, now, 3)), nil)
	mustOpen(t, s, newCase(t, "decided", "bob", 2, now, 3), slot3)
	_, err = s.Decide(ctx, review.Decision{ID: "decided", To: review.Approved, Actor: "rev", At: now.Add(time.Hour), Limit: 3})
	require.NoError(t, err)
	mustOpen(t, s, newCase(t, "pending", "carol", 3, now, 3), slot3)
	// Back to version 2: no new columns, no decided_at for the final case.
	_, err = s.db.Exec(`DROP INDEX cases_unpurged;
		ALTER TABLE cases DROP COLUMN files_purged_at;
		ALTER TABLE cases DROP COLUMN opened_final;
		UPDATE cases SET decided_at = NULL WHERE id = 'machine';
		PRAGMA user_version = 2`)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s, err = Open(ctx, path, Options{})
	require.NoError(t, err)
	defer s.Close()
	var v int
	require.NoError(t, s.db.QueryRow(`PRAGMA user_version`).Scan(&v))
	assert.Equal(t, 3, v)
	machine, err := s.Get(ctx, "machine")
	require.NoError(t, err)
	assert.True(t, machine.DecidedAt.Equal(now.Truncate(time.Millisecond)), "decided at its submission: %v", machine.DecidedAt)
	decided, err := s.Get(ctx, "decided")
	require.NoError(t, err)
	assert.True(t, decided.DecidedAt.Equal(now.Add(time.Hour).Truncate(time.Millisecond)), "a decision keeps its time")
	st, err := s.Stats(ctx, now.Add(2*time.Hour), now.Add(-time.Hour))
	require.NoError(t, err)
	assert.Equal(t, review.Stats{Pending: 1, Decided: 1, DecidedInTime: 1}, st, "the case stored final is not counted as decided")
	got, err := s.List(ctx, review.Query{DecidedBefore: now.Add(2 * time.Hour), Unpurged: true})
	require.NoError(t, err)
	var ids []string
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	assert.ElementsMatch(t, []string{"machine", "decided"}, ids, "a purge finds both")
	_, err = s.MarkPurged(ctx, "machine", now.Add(3*time.Hour))
	require.NoError(t, err)
	_, err = s.MarkPurged(ctx, "pending", now.Add(3*time.Hour))
	assert.ErrorIs(t, err, review.ErrStillPending)
}
