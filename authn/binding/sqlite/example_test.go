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
