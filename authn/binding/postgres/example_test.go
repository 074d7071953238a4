package postgres_test

import (
	"context"
	"fmt"
	"os"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/certificate"
)

// ExampleOpen needs a PostgreSQL server, so it is compiled but not run.
func ExampleOpen() {
	ctx := context.Background()
	store, err := postgres.Open(ctx, os.Getenv("DATABASE_URL"), postgres.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()
	keys, _ := binding.NewKeyring(binding.NewSecret([]byte(os.Getenv("REALNAME_BINDING_KEY"))))
	binder, _ := binding.NewBinder(store, keys, binding.BinderOptions{})

	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	res, err := binder.Reserve(ctx, n, "alice", 3)
	fmt.Println(res.Held, res.Count, err)
}
