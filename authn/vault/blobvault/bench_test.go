package blobvault_test

import (
	"crypto/rand"
	"encoding/hex"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"gocloud.dev/blob/s3blob"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/blobvault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
	"github.com/realname-go/realname/rules/evidence"
)

// benchPutGet stores and reads back a 3 MB file, then deletes it.
func benchPutGet(b *testing.B, url string) {
	s, err := blobvault.Open(b.Context(), url, vaulttest.Keyring(b, "a"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	benchStore(b, s)
}

func benchStore(b *testing.B, s vault.Store) {
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

// BenchmarkPutGet3MBS3 goes through HTTP to an S3-compatible server on the
// loopback (gofakes3 in memory, or REALNAME_TEST_S3_ENDPOINT).
func BenchmarkPutGet3MBS3(b *testing.B) {
	endpoint := s3EndpointB(b)
	client := s3Client(endpoint)
	name := newBucketB(b, client)
	bk, err := s3blob.OpenBucket(b.Context(), client, name, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer bk.Close()
	s, err := blobvault.New(bk, vaulttest.Keyring(b, "a"))
	if err != nil {
		b.Fatal(err)
	}
	benchStore(b, s)
}

func s3EndpointB(b *testing.B) string {
	if e := os.Getenv(envS3); e != "" {
		return e
	}
	srv := httptest.NewServer(gofakes3.New(s3mem.New(), gofakes3.WithAutoBucket(true)).Server())
	b.Cleanup(srv.Close)
	return srv.URL
}

func newBucketB(b *testing.B, client *s3.Client) string {
	var r [8]byte
	_, _ = rand.Read(r[:])
	name := "vault-bench-" + hex.EncodeToString(r[:])
	if _, err := client.CreateBucket(b.Context(), &s3.CreateBucketInput{Bucket: &name}); err != nil {
		b.Fatal(err)
	}
	return name
}
