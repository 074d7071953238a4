package bindingtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/certificate"
)

// Goroutines is how many goroutines the concurrency tests race on one
// certificate.
const Goroutines = 64

// base is the clock of every test: stores must use the request's time.
var base = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

// Run runs the conformance suite against stores made by newStore, which must
// return a new, empty store for each call (register cleanup with t.Cleanup).
// Each subtest closes the store it made.
func Run(t *testing.T, newStore func(t *testing.T) binding.Store) {
	t.Helper()
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, s binding.Store)
	}{
		{"ReserveUpToLimit", testReserveUpToLimit},
		{"ReserveIsIdempotent", testReserveIsIdempotent},
		{"ReleaseFreesSlot", testReleaseFreesSlot},
		{"Confirm", testConfirm},
		{"Expiry", testExpiry},
		{"LimitIsAParameter", testLimitIsAParameter},
		{"CertificatesAreIndependent", testCertificatesAreIndependent},
		{"ReleaseAccount", testReleaseAccount},
		{"Sweep", testSweep},
		{"KeyRotation", testKeyRotation},
		{"InvalidRequests", testInvalidRequests},
		{"ContextCancelled", testContextCancelled},
		{"RaceDistinctAccounts", testRaceDistinctAccounts},
		{"RaceRepeatedAccounts", testRaceRepeatedAccounts},
		{"RaceChurn", testRaceChurn},
		{"Close", testClose},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			require.NotNil(t, s, "newStore returned nil")
			if tc.name != "Close" {
				t.Cleanup(func() { _ = s.Close() })
			}
			tc.fn(t, s)
		})
	}
}

// Secret returns the fixed secret of [Keys]. It is public: use it in tests only.
func Secret() binding.Secret {
	return binding.Secret{ID: "test-1", Bytes: []byte("bindingtest secret, not for use!")}
}

// Keys returns a keyring with [Secret].
func Keys(t testing.TB) *binding.Keyring {
	t.Helper()
	k, err := binding.NewKeyring(Secret())
	require.NoError(t, err)
	return k
}

// Number returns the i-th synthetic passport number used by the suite.
func Number(i int) certificate.Number {
	return certificate.NewNumber(certificate.Passport, "DE", fmt.Sprintf("C%08d", i))
}

// KeyOf returns the key of the i-th synthetic number under Keys.
func KeyOf(t testing.TB, i int) binding.Key {
	t.Helper()
	k, err := Keys(t).Key(Number(i))
	require.NoError(t, err)
	return k
}

func req(key binding.Key, account string, limit int) binding.Request {
	return binding.Request{Key: key, Account: account, Limit: limit, Now: base}
}

func reserve(t *testing.T, s binding.Store, r binding.Request) binding.Result {
	t.Helper()
	res, err := s.Reserve(context.Background(), r)
	require.NoError(t, err)
	return res
}

func status(t *testing.T, s binding.Store, key binding.Key, account string, now time.Time) binding.Result {
	t.Helper()
	res, err := s.Status(context.Background(), key, account, now)
	require.NoError(t, err)
	return res
}

func testReserveUpToLimit(t *testing.T, s binding.Store) {
	key := KeyOf(t, 1)
	for i, tc := range []struct {
		account string
		want    binding.Result
		reason  string
	}{
		{"acct-1", binding.Result{Held: true, State: binding.Pending, Count: 1, Limit: 3}, "first account takes a slot"},
		{"acct-2", binding.Result{Held: true, State: binding.Pending, Count: 2, Limit: 3}, "second account takes a slot"},
		{"acct-3", binding.Result{Held: true, State: binding.Pending, Count: 3, Limit: 3}, "third account takes the last slot"},
		{"acct-4", binding.Result{Held: false, State: binding.None, Count: 3, Limit: 3}, "fourth account is refused"},
		{"acct-5", binding.Result{Held: false, State: binding.None, Count: 3, Limit: 3}, "and so is a fifth"},
	} {
		assert.Equal(t, tc.want, reserve(t, s, req(key, tc.account, 3)), "step %d: %s", i, tc.reason)
	}
	assert.Equal(t, binding.Result{Count: 3}, status(t, s, key, "acct-4", base), "a refused account holds nothing")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 3}, status(t, s, key, "acct-2", base))
}

func testReserveIsIdempotent(t *testing.T, s binding.Store) {
	key := KeyOf(t, 2)
	for range 3 {
		got := reserve(t, s, req(key, "same", 3))
		assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1, Limit: 3}, got, "re-reserving never takes a second slot")
	}
	reserve(t, s, req(key, "b", 3))
	reserve(t, s, req(key, "c", 3))
	got := reserve(t, s, req(key, "same", 3))
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 3, Limit: 3}, got, "a holder re-reserves at the limit")
}

func testReleaseFreesSlot(t *testing.T, s binding.Store) {
	ctx := context.Background()
	key := KeyOf(t, 3)
	for _, a := range []string{"a", "b", "c"} {
		require.True(t, reserve(t, s, req(key, a, 3)).Held)
	}
	require.False(t, reserve(t, s, req(key, "d", 3)).Held)

	res, err := s.Release(ctx, key, "b", base)
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Count: 2}, res, "release reports the remaining count")

	res, err = s.Release(ctx, key, "b", base)
	require.NoError(t, err, "releasing twice is not an error")
	assert.Equal(t, binding.Result{Count: 2}, res)

	res, err = s.Release(ctx, key, "never", base)
	require.NoError(t, err, "releasing a slot never held is not an error")
	assert.Equal(t, 2, res.Count)

	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 3, Limit: 3}, reserve(t, s, req(key, "d", 3)), "the freed slot goes to the next account")
	assert.False(t, reserve(t, s, req(key, "b", 3)).Held, "the released account is refused once the slot is taken")
}

func testConfirm(t *testing.T, s binding.Store) {
	ctx := context.Background()
	key := KeyOf(t, 4)
	reserve(t, s, req(key, "a", 3))
	res, err := s.Confirm(ctx, req(key, "a", 3))
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1, Limit: 3}, res, "approval confirms a pending slot")

	assert.Equal(t, binding.Confirmed, reserve(t, s, req(key, "a", 3)).State, "re-reserving never downgrades a confirmed slot")

	res, err = s.Confirm(ctx, req(key, "b", 3))
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 2, Limit: 3}, res, "confirm without a reservation takes a slot")

	reserve(t, s, req(key, "c", 3))
	res, err = s.Confirm(ctx, req(key, "d", 3))
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: false, State: binding.None, Count: 3, Limit: 3}, res, "confirm respects the limit")

	res, err = s.Release(ctx, key, "a", base)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Count, "a confirmed slot is released too")
}

func testExpiry(t *testing.T, s binding.Store) {
	ctx := context.Background()
	key := KeyOf(t, 5)
	withExpiry := func(account string, now time.Time, ttl time.Duration) binding.Request {
		r := req(key, account, 2)
		r.Now, r.Expires = now, now.Add(ttl)
		return r
	}
	require.True(t, reserve(t, s, withExpiry("a", base, time.Hour)).Held)
	require.True(t, reserve(t, s, withExpiry("b", base, time.Hour)).Held)
	assert.False(t, reserve(t, s, withExpiry("c", base.Add(59*time.Minute), time.Hour)).Held, "slots are held until they expire")

	// Re-reserving refreshes a pending slot's expiry; confirming clears it.
	require.True(t, reserve(t, s, withExpiry("a", base.Add(30*time.Minute), time.Hour)).Held)
	_, err := s.Confirm(ctx, binding.Request{Key: key, Account: "a", Limit: 2, Now: base.Add(40 * time.Minute)})
	require.NoError(t, err)

	later := base.Add(61 * time.Minute)
	assert.Equal(t, binding.Result{Count: 1}, status(t, s, key, "b", later), "an expired slot does not count")
	assert.Equal(t, binding.Result{Held: true, State: binding.Confirmed, Count: 1}, status(t, s, key, "a", base.Add(1000*time.Hour)), "a confirmed slot never expires")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2, Limit: 2}, reserve(t, s, withExpiry("c", later, time.Hour)), "an expired slot is free for another account")
	assert.Equal(t, binding.Result{Held: false, Count: 2, Limit: 2}, reserve(t, s, withExpiry("b", later, time.Hour)), "the expired account is refused once its slot is taken")

	r := req(key, "d", 2)
	r.Now = later.Add(time.Hour)
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2, Limit: 2}, reserve(t, s, r), "a slot is free at the instant it expires")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2}, status(t, s, key, "d", base.Add(10000*time.Hour)))
}

func testLimitIsAParameter(t *testing.T, s binding.Store) {
	for _, tc := range []struct {
		limit  int
		reason string
	}{
		{1, "one account per certificate"},
		{5, "a more generous policy"},
	} {
		key := KeyOf(t, 100+tc.limit)
		held := 0
		for i := range tc.limit + 2 {
			if reserve(t, s, req(key, fmt.Sprintf("acct-%d", i), tc.limit)).Held {
				held++
			}
		}
		assert.Equal(t, tc.limit, held, tc.reason)
	}
	key := KeyOf(t, 6)
	for _, a := range []string{"a", "b", "c"} {
		reserve(t, s, req(key, a, 3))
	}
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 3, Limit: 2}, reserve(t, s, req(key, "a", 2)), "lowering the limit keeps existing holders")
	assert.Equal(t, binding.Result{Held: false, Count: 3, Limit: 2}, reserve(t, s, req(key, "d", 2)), "but refuses new ones")
}

func testCertificatesAreIndependent(t *testing.T, s binding.Store) {
	k1, k2 := KeyOf(t, 7), KeyOf(t, 8)
	for _, a := range []string{"a", "b", "c"} {
		reserve(t, s, req(k1, a, 3))
	}
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1, Limit: 3}, reserve(t, s, req(k2, "z", 3)), "another certificate has its own slots")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2, Limit: 3}, reserve(t, s, req(k2, "a", 3)), "one account may hold several certificates")
	assert.Equal(t, 3, status(t, s, k1, "z", base).Count)
}

func testReleaseAccount(t *testing.T, s binding.Store) {
	ctx := context.Background()
	for i := 10; i < 13; i++ {
		reserve(t, s, req(KeyOf(t, i), "closing", 3))
		reserve(t, s, req(KeyOf(t, i), "staying", 3))
	}
	n, err := s.ReleaseAccount(ctx, "closing")
	require.NoError(t, err)
	assert.Equal(t, 3, n, "every slot of the account is freed")
	for i := 10; i < 13; i++ {
		assert.Equal(t, binding.Result{Count: 1}, status(t, s, KeyOf(t, i), "closing", base))
	}
	n, err = s.ReleaseAccount(ctx, "closing")
	require.NoError(t, err)
	assert.Zero(t, n, "a second close frees nothing")
}

func testSweep(t *testing.T, s binding.Store) {
	ctx := context.Background()
	key := KeyOf(t, 14)
	for i, ttl := range []time.Duration{time.Minute, 2 * time.Minute, 0} {
		r := req(key, fmt.Sprintf("a%d", i), 3)
		if ttl > 0 {
			r.Expires = base.Add(ttl)
		}
		reserve(t, s, r)
	}
	n, err := s.Sweep(ctx, base.Add(90*time.Second))
	require.NoError(t, err)
	assert.Equal(t, 1, n, "only the slot expired by then is deleted")
	n, err = s.Sweep(ctx, base.Add(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.Equal(t, 1, status(t, s, key, "a2", base.Add(time.Hour)).Count)
}

func testKeyRotation(t *testing.T, s binding.Store) {
	ctx := context.Background()
	oldSecret := binding.Secret{ID: "2025", Bytes: []byte("the retired secret, 32 bytes....")}
	newSecret := binding.Secret{ID: "2026", Bytes: []byte("the current secret, 32 bytes....")}
	before, err := binding.NewKeyring(oldSecret)
	require.NoError(t, err)
	during, err := binding.NewKeyring(newSecret, oldSecret)
	require.NoError(t, err)
	after, err := binding.NewKeyring(newSecret)
	require.NoError(t, err)
	n := Number(15)
	kb, err := before.Key(n)
	require.NoError(t, err)
	kd, err := during.Key(n)
	require.NoError(t, err)
	ka, err := after.Key(n)
	require.NoError(t, err)
	require.NotEqual(t, kb.Current, kd.Current)

	reserve(t, s, req(kb, "a", 3))
	reserve(t, s, req(kb, "b", 3))
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 2}, status(t, s, kd, "a", base), "rows under the retired secret are found")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 3, Limit: 3}, reserve(t, s, req(kd, "c", 3)), "and counted")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 3, Limit: 3}, reserve(t, s, req(kd, "a", 3)), "a holder under the retired secret stays idempotent")
	assert.False(t, reserve(t, s, req(kd, "d", 3)).Held, "the limit spans both secrets")
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 3}, status(t, s, ka, "b", base), "a write relabelled the certificate's rows with the current secret")
	res, err := s.Release(ctx, ka, "b", base)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Count)
}

func testInvalidRequests(t *testing.T, s binding.Store) {
	ctx := context.Background()
	key := KeyOf(t, 16)
	for _, tc := range []struct {
		r           binding.Request
		reserveOnly bool // Confirm ignores the expiry
		reason      string
	}{
		{binding.Request{Key: key, Account: "", Limit: 3, Now: base}, false, "empty account"},
		{binding.Request{Key: key, Account: string(make([]byte, binding.MaxAccountLen+1)), Limit: 3, Now: base}, false, "overlong account"},
		{binding.Request{Key: key, Account: "a", Limit: 0, Now: base}, false, "limit below one"},
		{binding.Request{Key: key, Account: "a", Limit: 3}, false, "zero time"},
		{binding.Request{Key: binding.Key{Current: key.Current}, Account: "a", Limit: 3, Now: base}, false, "no secret identifier"},
		{binding.Request{Key: key, Account: "a", Limit: 3, Now: base, Expires: base}, true, "expiry not after now"},
	} {
		_, err := s.Reserve(ctx, tc.r)
		assert.ErrorIs(t, err, binding.ErrRequest, "Reserve: %s", tc.reason)
		if !tc.reserveOnly {
			_, err = s.Confirm(ctx, tc.r)
			assert.ErrorIs(t, err, binding.ErrRequest, "Confirm: %s", tc.reason)
		}
	}
	_, err := s.Release(ctx, key, "", base)
	assert.ErrorIs(t, err, binding.ErrRequest, "Release with an empty account")
	_, err = s.ReleaseAccount(ctx, "")
	assert.ErrorIs(t, err, binding.ErrRequest, "ReleaseAccount with an empty account")
	assert.Equal(t, 0, status(t, s, key, "a", base).Count, "nothing was stored")
}

func testContextCancelled(t *testing.T, s binding.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	key := KeyOf(t, 17)
	_, err := s.Reserve(ctx, req(key, "a", 3))
	assert.ErrorIs(t, err, context.Canceled, "Reserve honours a cancelled context")
	_, err = s.Confirm(ctx, req(key, "a", 3))
	assert.ErrorIs(t, err, context.Canceled, "Confirm honours a cancelled context")
	_, err = s.Release(ctx, key, "a", base)
	assert.ErrorIs(t, err, context.Canceled, "Release honours a cancelled context")
	assert.Equal(t, 0, status(t, s, key, "a", base).Count, "a cancelled call stores nothing")
}

// race starts n goroutines together and waits for them.
func race(n int, fn func(i int)) {
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Go(func() {
			start.Wait()
			fn(i)
		})
	}
	start.Done()
	done.Wait()
}

func testRaceDistinctAccounts(t *testing.T, s binding.Store) {
	key := KeyOf(t, 18)
	results := make([]binding.Result, Goroutines)
	errs := make([]error, Goroutines)
	race(Goroutines, func(i int) {
		results[i], errs[i] = s.Reserve(context.Background(), req(key, fmt.Sprintf("acct-%02d", i), 3))
	})
	held := 0
	for i := range Goroutines {
		require.NoError(t, errs[i])
		if results[i].Held {
			held++
		}
		assert.LessOrEqual(t, results[i].Count, 3, "no caller ever sees more than the limit")
	}
	assert.Equal(t, 3, held, "exactly limit of %d racing accounts hold the certificate", Goroutines)
	assert.Equal(t, 3, status(t, s, key, "x", base).Count)
}

func testRaceRepeatedAccounts(t *testing.T, s binding.Store) {
	key := KeyOf(t, 19)
	errs := make([]error, Goroutines)
	held := make([]string, Goroutines)
	race(Goroutines, func(i int) {
		a := fmt.Sprintf("acct-%d", i%8)
		var r binding.Result
		r, errs[i] = s.Reserve(context.Background(), req(key, a, 3))
		if r.Held {
			held[i] = a
		}
	})
	distinct := map[string]bool{}
	for i := range Goroutines {
		require.NoError(t, errs[i])
		if held[i] != "" {
			distinct[held[i]] = true
		}
	}
	assert.Len(t, distinct, 3, "8 accounts resubmitting 8 times each: exactly 3 accounts hold slots")
	assert.Equal(t, 3, status(t, s, key, "x", base).Count, "and each holds one slot")
}

func testRaceChurn(t *testing.T, s binding.Store) {
	key := KeyOf(t, 20)
	const rounds = 8
	errs := make([]error, Goroutines)
	race(Goroutines, func(i int) {
		ctx := context.Background()
		a := fmt.Sprintf("acct-%d", i%16)
		for j := range rounds {
			var r binding.Result
			var err error
			if (i+j)%3 == 2 {
				r, err = s.Release(ctx, key, a, base)
			} else {
				r, err = s.Reserve(ctx, req(key, a, 3))
			}
			if err == nil && r.Count > 3 {
				err = fmt.Errorf("count %d above the limit", r.Count)
			}
			if err != nil {
				errs[i] = err
				return
			}
		}
	})
	for _, err := range errs {
		require.NoError(t, err)
	}
	got := 0
	for i := range 16 {
		if status(t, s, key, fmt.Sprintf("acct-%d", i), base).Held {
			got++
		}
	}
	assert.LessOrEqual(t, got, 3, "reserves and releases racing never exceed the limit")
	assert.Equal(t, got, status(t, s, key, "x", base).Count, "the count equals the accounts holding a slot")
}

func testClose(t *testing.T, s binding.Store) {
	require.NoError(t, s.Close())
	_, err := s.Reserve(context.Background(), req(KeyOf(t, 21), "a", 3))
	assert.Error(t, err, "a closed store refuses work")
	assert.False(t, errors.Is(err, binding.ErrRequest), "with an error that is not about the request")
}
