package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules"
)

// TestMigrateVersion2 upgrades a schema of migration 2, in which a case
// stored final had no decided_at: it counts as decided at its submission,
// Stats still leaves it out, and a purge finds it.
func TestMigrateVersion2(t *testing.T) {
	d := dsn(t)
	name := schema(t, d)
	ctx := context.Background()
	s, err := postgres.Open(ctx, d, postgres.Options{Schema: name})
	require.NoError(t, err)
	machine := newCase("machine", "acct-1", nil, base)
	r := []rules.Violation{review.Reason(review.CodeUnreadable, "files.certificate")}
	machine.State, machine.Reasons = review.Rejected, r
	machine.History = append(machine.History, review.Event{From: review.Submitted, To: review.Rejected, At: base, Actor: "system", Reasons: r})
	_, err = s.Open(ctx, machine, nil)
	require.NoError(t, err)
	openCase(t, s, newCase("decided", "acct-2", new(ref(900)), base))
	_, err = s.Decide(ctx, approval("decided", "rev", base.Add(time.Hour)))
	require.NoError(t, err)
	openCase(t, s, newCase("pending", "acct-3", new(ref(901)), base))
	// Back to migration 2: no new columns, no decided_at for the final case.
	for _, q := range []string{
		`DROP INDEX ` + name + `.cases_unpurged`,
		`ALTER TABLE ` + name + `.cases DROP COLUMN files_purged_at, DROP COLUMN opened_final`,
		`UPDATE ` + name + `.cases SET decided_at = NULL WHERE id = 'machine'`,
		`DELETE FROM ` + name + `.schema_migrations WHERE version = 3`,
	} {
		_, err := s.Pool().Exec(ctx, q)
		require.NoError(t, err, q)
	}
	require.NoError(t, s.Close())

	s, err = postgres.Open(ctx, d, postgres.Options{Schema: name})
	require.NoError(t, err)
	defer s.Close()
	var version int
	require.NoError(t, s.Pool().QueryRow(ctx, `SELECT max(version) FROM `+name+`.schema_migrations`).Scan(&version))
	assert.Equal(t, 3, version)
	got, err := s.Get(ctx, "machine")
	require.NoError(t, err)
	assert.True(t, got.DecidedAt.Equal(base), "decided at its submission: %v", got.DecidedAt)
	got, err = s.Get(ctx, "decided")
	require.NoError(t, err)
	assert.True(t, got.DecidedAt.Equal(base.Add(time.Hour)), "a decision keeps its time")
	st, err := s.Stats(ctx, base.Add(2*time.Hour), base.Add(-time.Hour))
	require.NoError(t, err)
	assert.Equal(t, review.Stats{Pending: 1, Decided: 1, DecidedInTime: 1}, st, "the case stored final is not counted as decided")
	list, err := s.List(ctx, review.Query{DecidedBefore: base.Add(2 * time.Hour), Unpurged: true})
	require.NoError(t, err)
	var ids []string
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	assert.ElementsMatch(t, []string{"machine", "decided"}, ids, "a purge finds both")
	_, err = s.MarkPurged(ctx, "pending", base.Add(3*time.Hour))
	assert.ErrorIs(t, err, review.ErrStillPending)
}

// TestPurgeQueryUsesIndex checks that the planner can serve the listing of
// a purge from the partial index of final, unpurged cases, in order.
func TestPurgeQueryUsesIndex(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	for i, id := range []string{"a", "b", "c", "d"} {
		openCase(t, s, newCase(id, "acct-"+id, new(ref(910+i)), base))
		_, err := s.Decide(ctx, approval(id, "rev", base.Add(time.Hour)))
		require.NoError(t, err)
	}
	conn, err := s.Pool().Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	_, err = conn.Exec(ctx, `SET enable_seqscan = off`)
	require.NoError(t, err)
	defer conn.Exec(ctx, `RESET enable_seqscan`)
	where, args, err := postgres.ListQuery(review.Query{DecidedBefore: base.Add(time.Hour), Unpurged: true, After: review.Cursor{Due: base, ID: "a"}})
	require.NoError(t, err)
	rows, err := conn.Query(ctx, `EXPLAIN SELECT id FROM `+s.Schema()+`.cases `+where, args...)
	require.NoError(t, err)
	var plan string
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		plan += line + "\n"
	}
	require.NoError(t, rows.Err())
	assert.Contains(t, plan, "cases_unpurged", plan)
	assert.NotContains(t, plan, "Sort", "the index gives the order: %s", plan)
}
