package authn_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// durableStore opens a store of bindings and cases that outlives the
// verifier: each call opens it again, as a new process would.
type durableStore func(t *testing.T) binding.Store

func sqliteFile(t *testing.T) durableStore {
	path := filepath.Join(t.TempDir(), "realname.db")
	return func(t *testing.T) binding.Store {
		s, err := sqlite.Open(context.Background(), path, sqlite.Options{})
		require.NoError(t, err)
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
}

func postgresSchema(t *testing.T) durableStore {
	dsn := os.Getenv("REALNAME_TEST_POSTGRES_DSN")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("REALNAME_TEST_POSTGRES_DSN is unset, and CI requires the PostgreSQL tests to run")
		}
		t.Skip("REALNAME_TEST_POSTGRES_DSN is unset")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "authn_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		ctx := context.Background()
		if conn, err := pgx.Connect(ctx, dsn); err == nil {
			_, _ = conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
			_ = conn.Close(ctx)
		}
	})
	return func(t *testing.T) binding.Store {
		s, err := postgres.Open(context.Background(), dsn, postgres.Options{Schema: schema})
		require.NoError(t, err)
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
}

// verifierOn builds a verifier, as a new process would, on store at the
// time at.
func verifierOn(t *testing.T, store binding.Store, at time.Time) *authn.Verifier {
	clock := certificate.Clock{Now: func() time.Time { return at }}
	keys, err := binding.NewKeyring(binding.Secret{ID: "k1", Bytes: []byte("0123456789abcdef0123456789abcdef")})
	require.NoError(t, err)
	b, err := binding.NewBinder(store, keys, binding.BinderOptions{Clock: clock})
	require.NoError(t, err)
	v, err := authn.NewVerifier(authn.WithClock(clock), authn.WithBinder(b))
	require.NoError(t, err)
	return v
}

// TestDecideDaysLaterInAnotherProcess verifies an application with one
// verifier, then, days later, approves, rejects, withdraws or retries it by
// case ID with a new verifier on a newly opened store, and checks the case
// and the slot. Before, a decision needed the submission's in-memory report,
// and one made from a rebuilt report returned nil, approved the case and left
// the slot pending.
func TestDecideDaysLaterInAnotherProcess(t *testing.T) {
	submitted := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	later := submitted.Add(4 * 24 * time.Hour)
	reason := review.Reason(review.CodeHeadwear, "handheld")
	for _, backend := range []struct {
		name string
		open func(t *testing.T) durableStore
	}{{"sqlite", sqliteFile}, {"postgres", postgresSchema}} {
		t.Run(backend.name, func(t *testing.T) {
			for i, tc := range []struct {
				reason string
				decide func(v *authn.Verifier, id string) (*review.Case, error)
				state  review.State
				slot   binding.State
			}{
				{"approve", func(v *authn.Verifier, id string) (*review.Case, error) {
					return v.Approve(context.Background(), id, "reviewer-7", "", review.Checklist()...)
				}, review.Approved, binding.Confirmed},
				{"reject", func(v *authn.Verifier, id string) (*review.Case, error) {
					return v.Reject(context.Background(), id, "reviewer-7", reason)
				}, review.Rejected, binding.None},
				{"withdraw", func(v *authn.Verifier, id string) (*review.Case, error) {
					return v.Withdraw(context.Background(), id, "applicant")
				}, review.Withdrawn, binding.None},
			} {
				t.Run(tc.reason, func(t *testing.T) {
					open := backend.open(t)
					app := application(t, uint64(80+i))
					rep, err := verifierOn(t, open(t), submitted).Verify(context.Background(), app)
					require.NoError(t, err)
					require.Equal(t, rules.Accept, rep.Verdict, "%v", rep.Codes())
					id := rep.Review.ID

					v := verifierOn(t, open(t), later) // another process, days later
					c, err := tc.decide(v, id)
					require.NoError(t, err)
					assert.Equal(t, tc.state, c.State)
					assert.Equal(t, later, c.History[len(c.History)-1].At.UTC(), "recorded at the new process's clock")
					stored, err := v.Case(context.Background(), id)
					require.NoError(t, err)
					assert.Equal(t, tc.state, stored.State)
					slot, err := v.Slot(context.Background(), stored)
					require.NoError(t, err)
					assert.Equal(t, tc.slot, slot.State, "the slot moved with the case")

					again, err := tc.decide(v, id)
					require.NoError(t, err, "the same decision twice is idempotent")
					assert.Equal(t, len(c.History), len(again.History))
				})
			}
			t.Run("retry", func(t *testing.T) {
				open := backend.open(t)
				app := application(t, 90)
				rep, err := verifierOn(t, open(t), submitted).Verify(context.Background(), app)
				require.NoError(t, err)
				v := verifierOn(t, open(t), later)
				_, err = v.Reject(context.Background(), rep.Review.ID, "reviewer-7", reason)
				require.NoError(t, err)
				again, err := verifierOn(t, open(t), later.Add(time.Hour)).Retry(context.Background(), rep.Review.ID, app)
				require.NoError(t, err)
				assert.Equal(t, rep.Review.ID, again.Review.Previous)
				assert.Equal(t, 2, again.Review.Attempt)
				assert.Equal(t, binding.Pending, again.Binding.State, "the retry reserves the slot again")
			})
		})
	}
}

// TestApproveChecksTheChecklist: an item outside review.Checklist is
// refused and changes nothing; another account cannot retry a case and is
// not told it exists.
func TestApproveChecksTheChecklist(t *testing.T) {
	open := sqliteFile(t)
	at := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	v := verifierOn(t, open(t), at)
	app := application(t, 95)
	rep, err := v.Verify(context.Background(), app)
	require.NoError(t, err)
	_, err = v.Approve(context.Background(), rep.Review.ID, "reviewer-7", "", review.ItemFaceVisible, "looks fine")
	require.ErrorIs(t, err, authn.ErrChecklistItem)
	c, err := v.Case(context.Background(), rep.Review.ID)
	require.NoError(t, err)
	assert.Equal(t, review.Submitted, c.State, "nothing changed")

	_, err = v.Reject(context.Background(), rep.Review.ID, "reviewer-7", review.Reason(review.CodeHeadwear, "handheld"))
	require.NoError(t, err)
	other := application(t, 96)
	_, err = v.Retry(context.Background(), rep.Review.ID, other)
	require.ErrorIs(t, err, review.ErrNotFound)
}
