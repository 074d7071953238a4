package vault_test

import (
	"testing"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
	"github.com/realname-go/realname/rules/evidence"
)

// benchPutGet stores and reads back a 3 MB file, then deletes it.
func benchPutGet(b *testing.B, url string) {
	s, err := vault.Open(b.Context(), url, vaulttest.Keyring(b, "a"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	content := vaulttest.Content(3 << 20)
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Put(b.Context(), "bench", evidence.Certificate, content, vault.Meta{}); err != nil {
			b.Fatal(err)
		}
		got, _, err := s.Get(b.Context(), "bench", evidence.Certificate)
		if err != nil || len(got) != len(content) {
			b.Fatal(err)
		}
		if err := s.Delete(b.Context(), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPutGet3MBMem(b *testing.B)  { benchPutGet(b, "mem://") }
func BenchmarkPutGet3MBFile(b *testing.B) { benchPutGet(b, "file://"+b.TempDir()) }
