package blobvault_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/stretchr/testify/require"
	"gocloud.dev/blob"
	"gocloud.dev/blob/memblob"
	"gocloud.dev/blob/s3blob"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/blobvault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
)

// blobRaw is the objects of a blob bucket.
type blobRaw struct{ b *blob.Bucket }

func (r blobRaw) Keys(ctx context.Context) ([]string, error) {
	var keys []string
	it := r.b.List(nil)
	for {
		o, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return keys, nil
		}
		if err != nil {
			return nil, err
		}
		keys = append(keys, o.Key)
	}
}

func (r blobRaw) Read(ctx context.Context, key string) ([]byte, error) { return r.b.ReadAll(ctx, key) }

func (r blobRaw) Write(ctx context.Context, key string, b []byte) error {
	return r.b.WriteAll(ctx, key, b, nil)
}

func (r blobRaw) Attributes(ctx context.Context, key string) (map[string]string, error) {
	a, err := r.b.Attributes(ctx, key)
	if err != nil {
		return nil, err
	}
	return a.Metadata, nil
}

func TestMemConformance(t *testing.T) {
	vaulttest.Run(t, func(t *testing.T) vaulttest.Storage {
		b := memblob.OpenBucket(nil)
		t.Cleanup(func() { _ = b.Close() })
		return vaulttest.Storage{
			Open: func(keys *vault.Keyring) (vault.Store, error) { return blobvault.New(b, keys) },
			Raw:  blobRaw{b},
		}
	})
}

// TestFileURLConformance runs the suite on the store of a file:// URL,
// opened as a service opens it: a vault.Dir.
func TestFileURLConformance(t *testing.T) {
	vaulttest.Run(t, func(t *testing.T) vaulttest.Storage {
		dir := t.TempDir()
		return vaulttest.Storage{
			Open: func(keys *vault.Keyring) (vault.Store, error) {
				return blobvault.Open(context.Background(), "file://"+(&url.URL{Path: filepath.ToSlash(dir)}).EscapedPath(), keys)
			},
			Raw: vaulttest.Dir(dir),
		}
	})
}

// envS3 names the endpoint of an S3-compatible server for the tests, as
// .ci/run exports it (http://127.0.0.1:PORT); without it the tests start
// one (gofakes3) on 127.0.0.1 themselves.
const envS3 = "REALNAME_TEST_S3_ENDPOINT"

// s3Endpoint returns the URL of a real S3-compatible server on the
// loopback: the one of envS3, or one served by this process over TCP.
func s3Endpoint(t *testing.T) string {
	if e := os.Getenv(envS3); e != "" {
		return e
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not set in CI: .ci/run starts the S3 server and exports it", envS3)
	}
	srv := httptest.NewServer(gofakes3.New(s3mem.New(), gofakes3.WithAutoBucket(true)).Server())
	t.Cleanup(srv.Close)
	return srv.URL
}

// s3Client returns a client of the server at endpoint with test
// credentials, path-style, without the optional checksums.
func s3Client(endpoint string) *s3.Client {
	return s3.NewFromConfig(aws.Config{
		Region:                     "us-east-1",
		Credentials:                credentials.NewStaticCredentialsProvider("test", "test", ""),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	}, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(endpoint)
		o.UsePathStyle = true
	})
}

// newBucket creates a bucket of a random name.
func newBucket(t *testing.T, client *s3.Client) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	name := "vault-" + hex.EncodeToString(b[:])
	_, err := client.CreateBucket(t.Context(), &s3.CreateBucketInput{Bucket: aws.String(name)})
	require.NoError(t, err)
	return name
}

func TestS3Conformance(t *testing.T) {
	endpoint := s3Endpoint(t)
	client := s3Client(endpoint)
	vaulttest.Run(t, func(t *testing.T) vaulttest.Storage {
		name := newBucket(t, client)
		raw, err := s3blob.OpenBucket(t.Context(), client, name, nil)
		require.NoError(t, err)
		t.Cleanup(func() { _ = raw.Close() })
		return vaulttest.Storage{
			Open: func(keys *vault.Keyring) (vault.Store, error) {
				b, err := s3blob.OpenBucket(context.Background(), client, name, nil)
				if err != nil {
					return nil, err
				}
				s, err := blobvault.New(b, keys)
				return closing{s, b}, err
			},
			Raw: blobRaw{raw},
		}
	})
}

// closing closes its bucket with the store.
type closing struct {
	*blobvault.Bucket
	b *blob.Bucket
}

func (c closing) Close() error { return c.b.Close() }

// TestS3URL opens the S3 store by URL, as a service configures it, with
// credentials from the environment.
func TestS3URL(t *testing.T) {
	endpoint := s3Endpoint(t)
	name := newBucket(t, s3Client(endpoint))
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	u := "s3://" + name + "?region=us-east-1&use_path_style=true&request_checksum_calculation=when_required&response_checksum_validation=when_required&endpoint=" + url.QueryEscape(endpoint)
	s, err := blobvault.Open(t.Context(), u, vaulttest.Keyring(t, "a"))
	require.NoError(t, err)
	require.IsType(t, &blobvault.Bucket{}, s)
	defer s.Close()
	content := vaulttest.Content(3 << 20)
	_, err = s.Put(t.Context(), "c1", 1, content, vault.Meta{})
	require.NoError(t, err)
	got, _, err := s.Get(t.Context(), "c1", 1)
	require.NoError(t, err)
	require.Equal(t, content, got)
	require.NoError(t, s.Delete(t.Context(), "c1"))
	require.NoError(t, s.Delete(t.Context(), "c1"))
}
