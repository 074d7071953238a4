package postgres_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/workday"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// The tests of this file race several stores, each with its own pool, on one
// schema, as replicas of a service do, and check the rows the cases and the
// slots leave behind.

// base is the clock of the case tests, a Monday.
var base = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

const limit = 3

// bare returns the schema name of s, unquoted.
func bare(s *postgres.Store) string { return strings.Trim(s.Schema(), `"`) }

// replicas returns n stores on the schema of s, each with a pool of its own.
func replicas(t testing.TB, s *postgres.Store, n int) []*postgres.Store {
	t.Helper()
	out := []*postgres.Store{s}
	for range n - 1 {
		r, err := postgres.Open(context.Background(), dsn(t), postgres.Options{Schema: bare(s)})
		require.NoError(t, err)
		t.Cleanup(func() { _ = r.Close() })
		out = append(out, r)
	}
	return out
}

// ref returns the i-th certificate of these tests, under secret "s1".
func ref(i int) review.CertificateRef {
	return review.CertificateRef{
		Digest:   review.Digest(sha256.Sum256(fmt.Appendf(nil, "postgres case test %d", i))),
		SecretID: "s1",
		Masked:   fmt.Sprintf("E%02d*****%d", i%100, i%10),
		Kind:     certificate.Passport,
		Region:   "DE",
	}
}

func keyOf(r review.CertificateRef) binding.Key {
	return binding.Key{Current: binding.Digest(r.Digest), SecretID: r.SecretID}
}

// newCase returns a submitted case of account on r (nil: no certificate),
// due three days after at.
func newCase(id, account string, r *review.CertificateRef, at time.Time) *review.Case {
	d := at.AddDate(0, 0, 3)
	c := &review.Case{
		ID: id, Account: account, Attempt: 1, State: review.Submitted, SubmittedAt: at,
		Due:     workday.Due{Date: certificate.DateOf(d), At: time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, time.UTC)},
		History: []review.Event{{To: review.Submitted, At: at, Actor: account}},
		Kind:    certificate.Passport, Region: "DE", Verdict: rules.NeedsReview,
	}
	if r != nil {
		cp := *r
		c.Certificate = &cp
	}
	return c
}

func openCase(t testing.TB, s *postgres.Store, c *review.Case) review.SlotResult {
	t.Helper()
	res, err := s.Open(context.Background(), c, &review.SlotRequest{Limit: limit})
	require.NoError(t, err, "Open(%s)", c.ID)
	return res
}

func approval(id, actor string, at time.Time) review.Decision {
	return review.Decision{ID: id, To: review.Approved, Actor: actor, At: at, Limit: limit}
}

func rejection(id, actor string, at time.Time) review.Decision {
	return review.Decision{ID: id, To: review.Rejected, Actor: actor, At: at, Limit: limit,
		Reasons: []rules.Violation{review.Reason(review.CodeUnreadable, "files.certificate")}}
}

func withdrawal(id, actor string, at time.Time) review.Decision {
	return review.Decision{ID: id, To: review.Withdrawn, Actor: actor, At: at, Limit: limit}
}

// agree checks, on the rows themselves, that cases and slots agree, for
// schemas whose slots were all taken through cases: an account holds a slot
// on a certificate exactly when its case on it is pending (a pending slot) or
// approved (a confirmed one); no certificate has more than limit slots; an
// account has at most one pending case; a final case is held by nobody.
func agree(t testing.TB, s *postgres.Store) {
	t.Helper()
	ctx := context.Background()
	q := s.Schema()
	var n int
	require.NoError(t, s.Pool().QueryRow(ctx, `SELECT count(*) FROM (
		SELECT c.id FROM `+q+`.cases c
		LEFT JOIN `+q+`.bindings b ON b.cert = c.cert AND b.account = c.account
		WHERE c.cert IS NOT NULL AND (
			(c.state IN (1, 2) AND b.state IS DISTINCT FROM 1) OR
			(c.state = 3 AND b.state IS DISTINCT FROM 2) OR
			(c.state IN (4, 5) AND b.state IS NOT NULL
				AND NOT EXISTS (SELECT FROM `+q+`.cases o WHERE o.cert = c.cert AND o.account = c.account AND o.state IN (1, 2, 3))))
	) x`).Scan(&n))
	assert.Zero(t, n, "cases whose slot disagrees with their state")
	require.NoError(t, s.Pool().QueryRow(ctx, `SELECT count(*) FROM `+q+`.bindings b WHERE NOT EXISTS (
		SELECT FROM `+q+`.cases c WHERE c.cert = b.cert AND c.account = b.account AND c.state IN (1, 2, 3))`).Scan(&n))
	assert.Zero(t, n, "slots without a pending or approved case")
	require.NoError(t, s.Pool().QueryRow(ctx, `SELECT count(*) FROM (SELECT cert FROM `+q+`.bindings
		GROUP BY cert HAVING count(*) > $1) x`, limit).Scan(&n))
	assert.Zero(t, n, "certificates over the limit")
	require.NoError(t, s.Pool().QueryRow(ctx, `SELECT count(*) FROM (SELECT account FROM `+q+`.cases
		WHERE state IN (1, 2) GROUP BY account HAVING count(*) > 1) x`).Scan(&n))
	assert.Zero(t, n, "accounts with two pending cases")
	require.NoError(t, s.Pool().QueryRow(ctx, `SELECT count(*) FROM `+q+`.cases WHERE state > 2 AND claimed_by IS NOT NULL`).Scan(&n))
	assert.Zero(t, n, "final cases held by a reviewer")
}

// TestReviewPoolsClaimOnce races 16 reviewers on four stores with their own
// pools, each claiming and approving until the queue is empty: every case is
// claimed exactly once, by a reviewer who then decides it, and every slot
// ends confirmed.
func TestReviewPoolsClaimOnce(t *testing.T) {
	stores := replicas(t, open(t), 4)
	ctx := context.Background()
	const cases, reviewers = 200, 16
	for i := range cases {
		c := newCase(fmt.Sprintf("case-%03d", i), fmt.Sprintf("acct-%03d", i), new(ref(i)), base)
		c.Due.At = c.Due.At.Add(time.Duration(i%7) * time.Hour) // deadlines out of ID order
		require.True(t, openCase(t, stores[i%len(stores)], c).Held)
	}
	now := base.Add(time.Hour)
	claimed := make([][]string, reviewers)
	errs := make([]error, reviewers)
	var start sync.WaitGroup
	start.Add(1)
	var wg sync.WaitGroup
	for r := range reviewers {
		wg.Go(func() {
			start.Wait()
			s := stores[r%len(stores)]
			name := fmt.Sprintf("rev-%02d", r)
			for range cases + 1 {
				c, err := s.Claim(ctx, name, now, time.Hour)
				if errors.Is(err, review.ErrNotFound) {
					return
				}
				if err == nil && c.ClaimedBy != name {
					err = fmt.Errorf("claimed %s held by %q", c.ID, c.ClaimedBy)
				}
				if err != nil {
					errs[r] = err
					return
				}
				claimed[r] = append(claimed[r], c.ID)
				// Decide through another replica than the claim's.
				if _, err := stores[(r+1)%len(stores)].Decide(ctx, approval(c.ID, name, now)); err != nil {
					errs[r] = fmt.Errorf("approve %s: %w", c.ID, err)
					return
				}
			}
			errs[r] = errors.New("never ran out of cases")
		})
	}
	start.Done()
	wg.Wait()
	for r, err := range errs {
		require.NoError(t, err, "reviewer %d", r)
	}
	times := map[string]int{}
	for _, ids := range claimed {
		for _, id := range ids {
			times[id]++
		}
	}
	assert.Len(t, times, cases, "every case is claimed")
	for id, n := range times {
		assert.Equal(t, 1, n, "case %s is claimed exactly once", id)
	}
	var confirmed int
	require.NoError(t, stores[0].Pool().QueryRow(ctx, `SELECT count(*) FROM `+stores[0].Schema()+`.bindings WHERE state = 2`).Scan(&confirmed))
	assert.Equal(t, cases, confirmed, "every approval confirmed its slot")
	st, err := stores[0].Stats(ctx, now, base)
	require.NoError(t, err)
	assert.Equal(t, review.Stats{Decided: cases, DecidedInTime: cases}, st)
	agree(t, stores[0])
}

// TestReviewPoolsLimit churns cases of 24 accounts on one certificate through
// four pools: opens, claims, approvals, rejections and withdrawals race, and
// a watcher reads the certificate's slots all along. The limit is never
// exceeded, no caller sees more, and cases and slots agree at the end.
func TestReviewPoolsLimit(t *testing.T) {
	stores := replicas(t, open(t), 4)
	ctx := context.Background()
	r := ref(1)
	const accounts, rounds = 24, 8
	stop := make(chan struct{})
	var over atomic.Int64
	var watched sync.WaitGroup
	watched.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			var n int
			if err := stores[0].Pool().QueryRow(ctx, `SELECT count(*) FROM `+stores[0].Schema()+`.bindings WHERE cert = $1`, r.Digest[:]).Scan(&n); err == nil && n > limit {
				over.Add(1)
			}
		}
	})
	errs := make([]error, accounts)
	var wg sync.WaitGroup
	for a := range accounts {
		wg.Go(func() {
			account := fmt.Sprintf("acct-%02d", a)
			for k := range rounds {
				s := stores[(a+k)%len(stores)]
				at := base.Add(time.Duration(k) * time.Minute)
				id := fmt.Sprintf("case-%02d-%d", a, k)
				res, err := s.Open(ctx, newCase(id, account, &r, at), &review.SlotRequest{Limit: limit})
				var oce *review.OpenCaseError
				switch {
				case errors.As(err, &oce):
					id = oce.Case.ID // decide the pending case instead
				case err != nil:
					errs[a] = err
					return
				case res.Count > limit:
					errs[a] = fmt.Errorf("Open saw %d slots", res.Count)
					return
				case !res.Held:
					continue
				}
				d := stores[(a+k+1)%len(stores)]
				var dec review.Decision
				switch (a + k) % 4 {
				case 0:
					dec = approval(id, "rev", at.Add(time.Second))
				case 1:
					dec = rejection(id, "rev", at.Add(time.Second))
				default:
					dec = withdrawal(id, account, at.Add(time.Second))
				}
				_, err = d.Decide(ctx, dec)
				if err != nil && !errors.Is(err, review.ErrIllegalTransition) {
					errs[a] = fmt.Errorf("decide %s: %w", id, err)
					return
				}
				if dec.To == review.Approved && err == nil {
					return // the account keeps its confirmed slot
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	watched.Wait()
	for a, err := range errs {
		require.NoError(t, err, "account %d", a)
	}
	assert.Zero(t, over.Load(), "the watcher never saw more than the limit of slots")
	agree(t, stores[0])
}

// TestReviewPoolsDecideRace races, for each of 24 cases, an approval, a
// rejection and a withdrawal from three pools: exactly one move wins and the
// slot follows it.
func TestReviewPoolsDecideRace(t *testing.T) {
	stores := replicas(t, open(t), 3)
	ctx := context.Background()
	const n = 24
	for i := range n {
		require.True(t, openCase(t, stores[0], newCase(fmt.Sprintf("case-%02d", i), fmt.Sprintf("acct-%02d", i), new(ref(100+i)), base)).Held)
	}
	now := base.Add(time.Hour)
	errs := make([][3]error, n)
	var wg sync.WaitGroup
	for i := range n {
		id, account := fmt.Sprintf("case-%02d", i), fmt.Sprintf("acct-%02d", i)
		wg.Go(func() { _, errs[i][0] = stores[i%3].Decide(ctx, approval(id, "rev", now)) })
		wg.Go(func() { _, errs[i][1] = stores[(i+1)%3].Decide(ctx, rejection(id, "lead", now)) })
		wg.Go(func() { _, errs[i][2] = stores[(i+2)%3].Decide(ctx, withdrawal(id, account, now)) })
	}
	wg.Wait()
	for i := range n {
		wins := 0
		for k, err := range errs[i] {
			switch {
			case err == nil:
				wins++
			case errors.Is(err, review.ErrIllegalTransition):
			default:
				t.Errorf("case %d, move %d: %v", i, k, err)
			}
		}
		c, err := stores[0].Get(ctx, fmt.Sprintf("case-%02d", i))
		require.NoError(t, err)
		assert.True(t, c.State.Final(), "case %d is decided", i)
		assert.Equal(t, 1, wins, "case %d: exactly one move wins: %v", i, errs[i])
	}
	agree(t, stores[0])
}

// TestReviewDecideFromLaterStore opens cases through one store, closes it,
// and decides them through a store opened later with another pool: the case
// and its slot move together.
func TestReviewDecideFromLaterStore(t *testing.T) {
	first := open(t)
	ctx := context.Background()
	r1, r2 := ref(200), ref(201)
	require.True(t, openCase(t, first, newCase("case-1", "acct-1", &r1, base)).Held)
	require.True(t, openCase(t, first, newCase("case-2", "acct-2", &r2, base)).Held)
	claimed, err := first.Claim(ctx, "rev", base.Add(time.Minute), time.Hour)
	require.NoError(t, err)
	require.Equal(t, "case-1", claimed.ID)
	name := bare(first)
	require.NoError(t, first.Close())

	later, err := postgres.Open(ctx, dsn(t), postgres.Options{Schema: name})
	require.NoError(t, err)
	defer later.Close()
	got, err := later.Decide(ctx, approval("case-1", "rev", base.Add(2*time.Minute)))
	require.NoError(t, err)
	assert.Equal(t, review.Approved, got.State)
	st, err := later.Status(ctx, keyOf(r1), "acct-1", base)
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, st, "the approval confirmed the slot")
	got, err = later.Decide(ctx, rejection("case-2", "rev", base.Add(2*time.Minute)))
	require.NoError(t, err)
	assert.Equal(t, review.Rejected, got.State)
	st, err = later.Status(ctx, keyOf(r2), "acct-2", base)
	require.NoError(t, err)
	assert.Equal(t, binding.Result{}, st, "the rejection released the slot")

	third := replicas(t, later, 2)[1]
	c, err := third.Get(ctx, "case-1")
	require.NoError(t, err)
	assert.Equal(t, review.Approved, c.State, "a third store reads the decision")
	assert.Len(t, c.History, 3, "submitted, claimed, approved")
	agree(t, later)
}

// TestReviewRelabelRace approves cases while other replicas, already on a
// newer secret, reserve slots on the same certificates and so relabel their
// rows and the cases with them. Decisions lock the certificate before the
// case's row, as the relabelling does, so nothing deadlocks; each approval
// confirms the slot under whichever digest its case has when it commits.
func TestReviewRelabelRace(t *testing.T) {
	stores := replicas(t, open(t), 4)
	ctx := context.Background()
	const n = 32
	rotated := func(i int) binding.Key {
		r := ref(1000 + i)
		return binding.Key{Current: binding.Digest(r.Digest), SecretID: "s2", Previous: []binding.Digest{binding.Digest(ref(300 + i).Digest)}}
	}
	for i := range n {
		require.True(t, openCase(t, stores[0], newCase(fmt.Sprintf("case-%02d", i), fmt.Sprintf("acct-%02d", i), new(ref(300+i)), base)).Held)
	}
	errs := make([]error, 2*n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, errs[2*i] = stores[i%4].Decide(ctx, approval(fmt.Sprintf("case-%02d", i), "rev", base.Add(time.Hour)))
		})
		wg.Go(func() {
			_, errs[2*i+1] = stores[(i+1)%4].Reserve(ctx, binding.Request{Key: rotated(i), Account: "other", Limit: limit, Now: base})
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "call %d", i)
	}
	for i := range n {
		c, err := stores[0].Get(ctx, fmt.Sprintf("case-%02d", i))
		require.NoError(t, err)
		assert.Equal(t, review.Approved, c.State)
		key := rotated(i)
		assert.Equal(t, review.Digest(key.Current), c.Certificate.Digest, "case %d is relabelled", i)
		assert.Equal(t, "s2", c.Certificate.SecretID, "case %d is relabelled", i)
		st, err := stores[0].Status(ctx, key, c.Account, base)
		require.NoError(t, err)
		assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 2}, st, "case %d: its slot is confirmed under the new digest", i)
	}
	var old int
	require.NoError(t, stores[0].Pool().QueryRow(ctx, `SELECT count(*) FROM `+stores[0].Schema()+`.bindings WHERE secret_id = 's1'`).Scan(&old))
	assert.Zero(t, old, "no row is left under the old secret")
}

// TestReviewExpireRace runs Expire from two pools while reviewers claim and
// decide through two others: expiry and decisions never deadlock, each case
// ends either decided or expired, and the slots agree.
func TestReviewExpireRace(t *testing.T) {
	stores := replicas(t, open(t), 4)
	ctx := context.Background()
	const n = 120
	for i := range n {
		// Three accounts share each certificate, so expiries and decisions
		// meet on the certificates' locks.
		require.True(t, openCase(t, stores[0], newCase(fmt.Sprintf("case-%03d", i), fmt.Sprintf("acct-%03d", i), new(ref(400+i%(n/limit))), base)).Held)
	}
	now := base.Add(time.Hour)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for e := range 2 {
		wg.Go(func() {
			for range 20 {
				if _, err := stores[e].Expire(ctx, base.Add(time.Second), now); err != nil {
					errs <- fmt.Errorf("expire: %w", err)
					return
				}
			}
		})
	}
	for r := range 4 {
		wg.Go(func() {
			s := stores[2+r%2]
			name := fmt.Sprintf("rev-%d", r)
			for {
				c, err := s.Claim(ctx, name, now, time.Hour)
				if errors.Is(err, review.ErrNotFound) {
					return
				}
				if err != nil {
					errs <- fmt.Errorf("claim: %w", err)
					return
				}
				d := approval(c.ID, name, now)
				if r%2 == 1 {
					d = rejection(c.ID, name, now)
				}
				if _, err := s.Decide(ctx, d); err != nil && !errors.Is(err, review.ErrIllegalTransition) {
					errs <- fmt.Errorf("decide %s: %w", c.ID, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	pending, err := stores[0].List(ctx, review.Query{})
	require.NoError(t, err)
	assert.Empty(t, pending, "every case is decided or expired")
	agree(t, stores[0])
}

// TestReviewOtherIsolation opens the store on connections whose default is
// REPEATABLE READ: the case store's transactions ask for READ COMMITTED, so
// it works; the binding calls, single statements, still refuse.
func TestReviewOtherIsolation(t *testing.T) {
	d := dsn(t)
	name := schema(t, d)
	sep := "?"
	if strings.Contains(d, "?") {
		sep = "&"
	}
	s, err := postgres.Open(context.Background(), d+sep+"default_transaction_isolation=repeatable%20read", postgres.Options{Schema: name})
	require.NoError(t, err)
	defer s.Close()
	ctx := context.Background()
	r := ref(500)
	require.True(t, openCase(t, s, newCase("case-1", "acct-1", &r, base)).Held)
	c, err := s.Claim(ctx, "rev", base, time.Hour)
	require.NoError(t, err)
	_, err = s.Decide(ctx, approval(c.ID, "rev", base))
	require.NoError(t, err)
	_, err = s.Expire(ctx, base.Add(time.Hour), base.Add(time.Hour))
	require.NoError(t, err)
	agree(t, s)
}

// TestMigrateFromBindings upgrades a schema holding only the bindings of
// migration 1, with rows in it, to the case store.
func TestMigrateFromBindings(t *testing.T) {
	d := dsn(t)
	name := schema(t, d)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, d)
	require.NoError(t, err)
	defer conn.Close(ctx)
	body, err := os.ReadFile("migrations/001_bindings.sql")
	require.NoError(t, err)
	for _, q := range []string{
		`CREATE SCHEMA ` + name,
		`CREATE TABLE ` + name + `.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
		strings.ReplaceAll(string(body), "{{schema}}", name),
		`INSERT INTO ` + name + `.schema_migrations (version) VALUES (1)`,
	} {
		_, err := conn.Exec(ctx, q)
		require.NoError(t, err)
	}
	old := ref(600)
	_, err = conn.Exec(ctx, `SELECT `+name+`.take($1, NULL, 's1', 'early', 3, $2, NULL, 1::smallint)`, old.Digest[:], base)
	require.NoError(t, err)

	s, err := postgres.Open(ctx, d, postgres.Options{Schema: name})
	require.NoError(t, err)
	defer s.Close()
	var version int
	require.NoError(t, s.Pool().QueryRow(ctx, `SELECT max(version) FROM `+s.Schema()+`.schema_migrations`).Scan(&version))
	assert.Equal(t, 3, version)
	res := openCase(t, s, newCase("case-1", "acct-1", &old, base))
	assert.Equal(t, review.SlotResult{Held: true, Count: 2, Limit: limit}, res, "the slot taken before the upgrade counts")
	newer := binding.Key{Current: binding.Digest(ref(601).Digest), SecretID: "s2", Previous: []binding.Digest{binding.Digest(old.Digest)}}
	_, err = s.Reserve(ctx, binding.Request{Key: newer, Account: "late", Limit: limit, Now: base})
	require.NoError(t, err)
	c, err := s.Get(ctx, "case-1")
	require.NoError(t, err)
	assert.Equal(t, review.Digest(newer.Current), c.Certificate.Digest, "the upgraded lock function relabels cases")
	agreeSlots, err := s.Decide(ctx, approval("case-1", "rev", base))
	require.NoError(t, err)
	assert.Equal(t, review.Approved, agreeSlots.State)
	st, err := s.Status(ctx, newer, "acct-1", base)
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 3}, st)
}

// TestReviewOpenHeld opens a case already held by a reviewer, as a restore
// would: the reviewer's next claim gives it back.
func TestReviewOpenHeld(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	early := newCase("early", "acct-1", nil, base)
	early.Due.At = early.Due.At.Add(-24 * time.Hour)
	openCase(t, s, early)
	held := newCase("held", "acct-2", nil, base)
	held.State, held.ClaimedBy, held.ClaimedUntil = review.UnderReview, "rev", base.Add(time.Hour)
	openCase(t, s, held)
	c, err := s.Claim(ctx, "rev", base, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, "held", c.ID, "the reviewer's live case before an earlier free one")
	c, err = s.Claim(ctx, "other", base, time.Hour)
	require.NoError(t, err)
	assert.Equal(t, "early", c.ID)
}
