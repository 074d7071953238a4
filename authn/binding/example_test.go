package binding_test

import (
	"context"
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
		Now:        func() time.Time { return now },
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
