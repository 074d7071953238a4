package vault_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"time"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/rules/evidence"
)

// A service opens its evidence directory with a keyring, stores the two
// files of a case under review, and the desk reads them back.
func ExampleOpenDir() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "evidence")
	defer os.RemoveAll(dir)

	secret := make([]byte, vault.KeySize) // keep it in a secret store
	_, _ = rand.Read(secret)
	key, _ := vault.NewKey(secret)
	keys, _ := vault.NewKeyring(key)
	files, err := vault.OpenDir(dir, keys)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer files.Close()

	photo := []byte("\xff\xd8\xff the handheld photo")
	m, err := files.Put(ctx, "5f1c0a2e", evidence.Handheld, photo, vault.Meta{Name: `C:\fakepath\me.jpg`, Format: evidence.JPEG})
	fmt.Println(m.Name, m.Size, err)
	_, err = files.Put(ctx, "5f1c0a2e", evidence.Handheld, photo, vault.Meta{})
	fmt.Println(err)
	got, _, err := files.Get(ctx, "5f1c0a2e", evidence.Handheld)
	fmt.Println(bytes.Equal(got, photo), err)
	// Output:
	// me.jpg 22 <nil>
	// vault: the case already has this file
	// true <nil>
}

// A rotation: the new key is current and the old one previous, so files
// wrapped by either open; Rewrap moves an old file to the new key.
func ExampleNewKeyring() {
	ctx := context.Background()
	oldKey, _ := vault.NewKey(bytes.Repeat([]byte{1}, vault.KeySize))
	newKey, _ := vault.NewKey(bytes.Repeat([]byte{2}, vault.KeySize))

	dir, _ := os.MkdirTemp("", "evidence")
	defer os.RemoveAll(dir)

	before, _ := vault.NewKeyring(oldKey)
	files, _ := vault.OpenDir(dir, before)
	_, _ = files.Put(ctx, "c1", evidence.Certificate, []byte("scan"), vault.Meta{})

	after, _ := vault.NewKeyring(newKey, oldKey)
	rotated, _ := vault.OpenDir(dir, after)
	m, err := rotated.Stat(ctx, "c1", evidence.Certificate)
	fmt.Println(m.KeyID == oldKey.ID, err)
	changed, err := rotated.Rewrap(ctx, "c1", evidence.Certificate)
	fmt.Println(changed, err)
	m, _ = rotated.Stat(ctx, "c1", evidence.Certificate)
	fmt.Println(m.KeyID == newKey.ID)
	// Output:
	// true <nil>
	// true <nil>
	// true
}

// The purge a service runs daily: the files of cases decided more than the
// retention ago are deleted, and the cases marked.
func ExamplePurge() {
	ctx := context.Background()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	cases := binding.NewMemory()
	key, _ := vault.DeriveKey([]byte("the service's secret, 16+ bytes"))
	keys, _ := vault.NewKeyring(key)
	dir, _ := os.MkdirTemp("", "evidence")
	defer os.RemoveAll(dir)
	files, _ := vault.OpenDir(dir, keys)

	flow := review.New(review.Options{NewID: func() string { return "c1" }}).At(now.AddDate(0, -2, 0))
	c, _ := flow.Submit("acct-1")
	_, _ = cases.Open(ctx, c, nil)
	_, _ = files.Put(ctx, "c1", evidence.Certificate, []byte("scan"), vault.Meta{})
	_, _ = cases.Decide(ctx, review.Decision{ID: "c1", To: review.Approved, Actor: "rev", At: now.AddDate(0, -1, -5)})

	rep, err := vault.Purge(ctx, cases, files, vault.DefaultRetention, now)
	fmt.Println(rep.Purged, err)
	_, err = files.Stat(ctx, "c1", evidence.Certificate)
	fmt.Println(err)
	// Output:
	// [c1] <nil>
	// vault: no such file
}
