package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/certificate"
)

func ExampleOpen() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "bindings")
	defer os.RemoveAll(dir)

	store, err := sqlite.Open(ctx, filepath.Join(dir, "bindings.db"), sqlite.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	binder, _ := binding.NewBinder(store, keys, binding.BinderOptions{})

	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	for _, account := range []string{"alice", "bob", "carol", "dave"} {
		res, _ := binder.Reserve(ctx, n, account, 3)
		fmt.Println(account, res.Held, res.Count)
	}
	// Output:
	// alice true 1
	// bob true 2
	// carol true 3
	// dave false 3
}

// The store survives the process: a second Open of the same file sees the
// slots the first one took, and an account that closes frees them.
func ExampleStore_ReleaseAccount() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "bindings")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "bindings.db")
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte("load me from a secret store, not source")))
	n := certificate.NewNumber(certificate.Passport, "DE", "C01X00T47")

	first, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	b1, _ := binding.NewBinder(first, keys, binding.BinderOptions{})
	_, _ = b1.Confirm(ctx, n, "alice", 3)
	_, _ = b1.Reserve(ctx, n, "bob", 3)
	first.Close()

	second, _ := sqlite.Open(ctx, path, sqlite.Options{})
	defer second.Close()
	b2, _ := binding.NewBinder(second, keys, binding.BinderOptions{})
	st, _ := b2.Status(ctx, n, "alice")
	fmt.Println(st.State, st.Count)
	freed, _ := second.ReleaseAccount(ctx, "alice")
	st, _ = b2.Status(ctx, n, "alice")
	fmt.Println(freed, st.State, st.Count)
	// Output:
	// confirmed 2
	// 1 none 1
}
