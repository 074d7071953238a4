package binding_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

// newBinder returns a binder over a real in-memory store.
func newBinder(t testing.TB, store binding.Store) *binding.Binder {
	t.Helper()
	keys, err := binding.NewKeyring(binding.Secret{ID: "t", Bytes: []byte("rules test secret, 32 bytes long")})
	require.NoError(t, err)
	b, err := binding.NewBinder(store, keys, binding.BinderOptions{
		Clock: certificate.Clock{Now: func() time.Time { return time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) }},
	})
	require.NoError(t, err)
	return b
}

// 11010519491231002X is the sample number of GB 11643-1999.
var sample = certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")

func TestAccountLimit(t *testing.T) {
	ctx := context.Background()
	rule, err := binding.AccountLimit(newBinder(t, binding.NewMemory()), binding.AccountLimitOptions{})
	require.NoError(t, err)
	for i, tc := range []struct {
		account string
		refused bool
		reason  string
	}{
		{"a", false, "first account"},
		{"b", false, "second account"},
		{"c", false, "third account, the default limit"},
		{"d", true, "a fourth account is refused"},
		{"a", false, "a holder re-submitting is not refused"},
	} {
		vs, err := rule.Check(ctx, binding.AccountClaim{Number: sample, Account: tc.account})
		require.NoError(t, err, "step %d", i)
		if !tc.refused {
			assert.Empty(t, vs, "step %d: %s", i, tc.reason)
			continue
		}
		require.Len(t, vs, 1, tc.reason)
		v := vs[0]
		assert.Equal(t, binding.CodeLimitReached, v.Code)
		assert.Equal(t, rules.Code("binding.limit_reached"), v.Code, "the code is stable")
		assert.Equal(t, "number", v.Field)
		assert.Equal(t, rules.Reject, v.Severity)
		assert.False(t, v.Retryable, "the applicant cannot fix it by retrying")
		assert.Equal(t, "3", v.Param("limit"))
		assert.Equal(t, "3", v.Param("count"))
		assert.Equal(t, "1101**********002X", v.Param("number"), "the number is masked")
		res := rules.Result{Violations: vs}
		assert.Equal(t, rules.Rejected, res.Verdict())
		assert.True(t, errors.Is(res.Err(), binding.CodeLimitReached), "errors.Is matches the code sentinel")
	}
}

func TestAccountLimitOptions(t *testing.T) {
	ctx := context.Background()
	rule, err := binding.AccountLimit(newBinder(t, binding.NewMemory()), binding.AccountLimitOptions{Limit: 1, Field: "certificate.number"})
	require.NoError(t, err)
	vs, err := rule.Check(ctx, binding.AccountClaim{Number: sample, Account: "a"})
	require.NoError(t, err)
	assert.Empty(t, vs)
	vs, err = rule.Check(ctx, binding.AccountClaim{Number: sample, Account: "b"})
	require.NoError(t, err)
	require.Len(t, vs, 1, "a limit of one refuses the second account")
	assert.Equal(t, "certificate.number", vs[0].Field)
	assert.Equal(t, "1", vs[0].Param("limit"))

	for _, tc := range []struct {
		r      binding.SlotReserver
		opts   binding.AccountLimitOptions
		reason string
	}{
		{nil, binding.AccountLimitOptions{}, "no reserver"},
		{newBinder(t, binding.NewMemory()), binding.AccountLimitOptions{Limit: -1}, "a negative limit"},
	} {
		_, err := binding.AccountLimit(tc.r, tc.opts)
		var ce *rules.ConfigError
		assert.True(t, errors.As(err, &ce), "%s is a configuration error: %v", tc.reason, err)
	}
}

func TestAccountLimitInfrastructure(t *testing.T) {
	store := binding.NewMemory()
	rule, err := binding.AccountLimit(newBinder(t, store), binding.AccountLimitOptions{})
	require.NoError(t, err)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	require.NoError(t, store.Close())

	for _, tc := range []struct {
		ctx    context.Context
		claim  binding.AccountClaim
		target error
		reason string
	}{
		{context.Background(), binding.AccountClaim{Number: sample, Account: "a"}, binding.ErrClosed, "a store that is down"},
		{cancelled, binding.AccountClaim{Number: sample, Account: "a"}, context.Canceled, "a cancelled context"},
		{context.Background(), binding.AccountClaim{Number: sample}, binding.ErrNoAccount, "a claim without an account"},
	} {
		vs, err := rule.Check(tc.ctx, tc.claim)
		assert.Empty(t, vs, "%s is never a violation", tc.reason)
		var ie *rules.InfraError
		require.True(t, errors.As(err, &ie), "%s is an infrastructure error: %v", tc.reason, err)
		assert.ErrorIs(t, err, tc.target, tc.reason)
	}

	vs, err := rule.Check(context.Background(), binding.AccountClaim{Account: "a"})
	assert.NoError(t, err, "a claim without a number has nothing to count")
	assert.Empty(t, vs)
}

func ExampleAccountLimit() {
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	binder, _ := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{})
	rule, _ := binding.AccountLimit(binder, binding.AccountLimitOptions{Limit: 2})

	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	for _, account := range []string{"alice", "bob", "carol"} {
		vs, err := rule.Check(context.Background(), binding.AccountClaim{Number: n, Account: account})
		if err != nil {
			fmt.Println("cannot check:", err)
			continue
		}
		fmt.Println(account, rules.Result{Violations: vs}.Verdict(), vs)
	}
	// Output:
	// alice accept []
	// bob accept []
	// carol reject [number: binding.limit_reached]
}
