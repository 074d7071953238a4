package blobvault_test

import (
	"context"
	"fmt"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/blobvault"
	"github.com/realname-go/realname/rules/evidence"
)

// A service opens the evidence store its configuration names by URL:
// "file:///var/lib/realname/evidence" on one machine, "s3://bucket?…" once
// it outgrows it, "mem://" in a test.
func ExampleOpen() {
	ctx := context.Background()
	key, _ := vault.DeriveKey([]byte("the service's secret, 16+ bytes"))
	keys, _ := vault.NewKeyring(key)
	files, err := blobvault.Open(ctx, "mem://", keys)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer files.Close()

	m, err := files.Put(ctx, "c1", evidence.Certificate, []byte("scan"), vault.Meta{Name: "scan.png"})
	fmt.Println(m.Name, err)
	ids, err := files.Cases(ctx)
	fmt.Println(ids, err)
	// Output:
	// scan.png <nil>
	// [c1] <nil>
}
