package binding_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/certificate"
)

func ExampleBinder() {
	ctx := context.Background()
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	binder, _ := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{})

	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	for _, account := range []string{"alice", "bob", "carol", "dave"} {
		res, _ := binder.Reserve(ctx, n, account, 3)
		fmt.Println(account, res.Held, res.Count)
	}
	res, _ := binder.Release(ctx, n, "bob") // bob's application was rejected
	fmt.Println("after release:", res.Count)
	res, _ = binder.Reserve(ctx, n, "dave", 3)
	fmt.Println("dave", res.Held, res.State)
	res, _ = binder.Confirm(ctx, n, "dave", 3) // approved
	fmt.Println("dave", res.Held, res.State)
	// Output:
	// alice true 1
	// bob true 2
	// carol true 3
	// dave false 3
	// after release: 2
	// dave true pending
	// dave true confirmed
}

func ExampleBinderOptions() {
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	binder, _ := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{
		PendingTTL: 72 * time.Hour, // abandoned applications free their slot
		Clock:      certificate.Clock{Now: func() time.Time { return now }},
	})
	n := certificate.NewNumber(certificate.Passport, "DE", "C01X00T47")
	res, _ := binder.Reserve(ctx, n, "alice", 1)
	fmt.Println("alice", res.Held)
	res, _ = binder.Reserve(ctx, n, "bob", 1)
	fmt.Println("bob", res.Held)
	now = now.Add(73 * time.Hour)
	res, _ = binder.Reserve(ctx, n, "bob", 1)
	fmt.Println("bob, three days later", res.Held)
	// Output:
	// alice true
	// bob false
	// bob, three days later true
}

func ExampleNewKeyring() {
	ctx := context.Background()
	old := binding.Secret{ID: "2025", Bytes: []byte("the secret of 2025, 32 bytes....")}
	cur := binding.Secret{ID: "2026", Bytes: []byte("the secret of 2026, 32 bytes....")}
	store := binding.NewMemory()
	n := certificate.NewNumber(certificate.HKMOTravelPermit, "HK", "H12345678")

	before, _ := binding.NewKeyring(old)
	b1, _ := binding.NewBinder(store, before, binding.BinderOptions{})
	b1.Reserve(ctx, n, "alice", 3)

	// Rotation: the new secret hashes, the old one is still looked up.
	during, _ := binding.NewKeyring(cur, old)
	b2, _ := binding.NewBinder(store, during, binding.BinderOptions{})
	res, _ := b2.Reserve(ctx, n, "bob", 3)
	fmt.Println("count during rotation:", res.Count)

	// That write relabelled the certificate's rows; the old secret can go.
	after, _ := binding.NewKeyring(cur)
	b3, _ := binding.NewBinder(store, after, binding.BinderOptions{})
	res, _ = b3.Status(ctx, n, "alice")
	fmt.Println("count after rotation:", res.Count, res.State)
	// Output:
	// count during rotation: 2
	// count after rotation: 2 pending
}

func ExampleCountingKey() {
	a, _ := binding.CountingKey(certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X"))
	b, _ := binding.CountingKey(certificate.NewNumber(certificate.IDCard, "CN", "110105491231002"))
	c, _ := binding.CountingKey(certificate.NewNumber(certificate.HKMOResidencePermit, "CN", "11010519491231002X"))
	fmt.Println(a == b, a == c)
	// Output: true true
}

// A store used directly, with keys from a [binding.Keyring]: reserve, confirm,
// and a limit that refuses the second account.
func ExampleMemory_Reserve() {
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	key, _ := keys.Key(certificate.NewNumber(certificate.Passport, "FR", "18CF12345"))
	store := binding.NewMemory()
	defer store.Close()

	r := binding.Request{Key: key, Account: "alice", Limit: 1, Now: now}
	res, _ := store.Reserve(ctx, r)
	fmt.Println(res.Held, res.State, res.Count)
	res, _ = store.Confirm(ctx, r)
	fmt.Println(res.Held, res.State, res.Count)
	r.Account = "bob"
	res, _ = store.Reserve(ctx, r)
	fmt.Println(res.Held, res.State, res.Count)
	res, _ = store.Status(ctx, key, "alice", now)
	fmt.Println(res.State, res.Count)
	// Output:
	// true pending 1
	// true confirmed 1
	// false none 1
	// confirmed 1
}

// Expired pending slots never count; Sweep deletes them to reclaim space.
func ExampleMemory_Sweep() {
	ctx := context.Background()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	key, _ := keys.Key(certificate.NewNumber(certificate.Passport, "FR", "18CF12345"))
	store := binding.NewMemory()
	_, _ = store.Reserve(ctx, binding.Request{Key: key, Account: "alice", Limit: 3, Now: now, Expires: now.Add(time.Hour)})
	_, _ = store.Reserve(ctx, binding.Request{Key: key, Account: "bob", Limit: 3, Now: now})
	later := now.Add(2 * time.Hour)
	st, _ := store.Status(ctx, key, "alice", later)
	fmt.Println(st.State, st.Count)
	n, _ := store.Sweep(ctx, later)
	fmt.Println("swept", n)
	// Output:
	// none 1
	// swept 1
}

// An account that closes frees every slot it holds, on every certificate.
func ExampleBinder_ReleaseAccount() {
	ctx := context.Background()
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	binder, _ := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{})
	card := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	passport := certificate.NewNumber(certificate.Passport, "DE", "C01X00T47")
	_, _ = binder.Reserve(ctx, card, "alice", 3)
	_, _ = binder.Confirm(ctx, passport, "alice", 3)
	n, _ := binder.ReleaseAccount(ctx, "alice")
	st, _ := binder.Status(ctx, card, "alice")
	fmt.Println(n, st.Held, st.Count)
	// Output: 2 false 0
}

// A key holds only digests: the same number gives the same digest under one
// secret, a different one under another, and never the number itself.
func ExampleKeyring_Key() {
	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	k1, _ := binding.NewKeyring(binding.Secret{ID: "a", Bytes: []byte("first secret, sixteen+ bytes")})
	k2, _ := binding.NewKeyring(binding.Secret{ID: "b", Bytes: []byte("second secret, sixteen+ bytes")}, binding.Secret{ID: "a", Bytes: []byte("first secret, sixteen+ bytes")})
	a, _ := k1.Key(n)
	b, _ := k2.Key(n)
	fmt.Println(a.SecretID, b.SecretID, a.Current == b.Current, len(b.Digests()), b.Previous[0] == a.Current)
	_, err := binding.NewKeyring(binding.Secret{ID: "c", Bytes: []byte("short")})
	fmt.Println(errors.Is(err, binding.ErrSecret))
	// Output:
	// a b false 2 true
	// true
}

// NewSecret derives the identifier from the secret's bytes.
func ExampleNewSecret() {
	s := binding.NewSecret([]byte("load me from a secret store, not source"))
	fmt.Println(len(s.ID), s.ID[0])
	fmt.Println(s.ID == binding.NewSecret([]byte("another secret entirely, 16+ bytes")).ID)
	// Output:
	// 17 107
	// false
}

// Families group kinds counted as one certificate: the three kinds a PRC
// citizen number appears on are one family.
func ExampleFamily() {
	fmt.Println(binding.Family(certificate.IDCard, "CN"))
	fmt.Println(binding.Family(certificate.HKMOResidencePermit, "CN"))
	fmt.Println(binding.Family(certificate.HKMOTravelPermit, "HK"))
	fmt.Println(binding.Family(certificate.Passport, "DE"))
	// Output:
	// cn_citizen
	// cn_citizen
	// hkmo_travel_permit
	// passport
}

// Stores call CheckRequest first; a malformed request is never stored.
func ExampleCheckRequest() {
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	key, _ := keys.Key(certificate.NewNumber(certificate.Passport, "DE", "C01X00T47"))
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for _, r := range []binding.Request{
		{Key: key, Account: "alice", Limit: 3, Now: now},
		{Key: key, Account: "alice", Limit: 0, Now: now},
		{Key: key, Account: "", Limit: 3, Now: now},
		{Key: key, Account: "alice", Limit: 3},
		{Key: key, Account: "alice", Limit: 3, Now: now, Expires: now},
	} {
		fmt.Println(errors.Is(binding.CheckRequest(r), binding.ErrRequest))
	}
	// Output:
	// false
	// true
	// true
	// true
	// true
}
