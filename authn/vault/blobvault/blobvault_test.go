package blobvault_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/blob/memblob"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/blobvault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
	"github.com/realname-go/realname/rules/evidence"
)

func TestOpenURLs(t *testing.T) {
	keys := vaulttest.Keyring(t, "a")
	for _, u := range []string{"file://", "file://host/dir", "nope://x", "::"} {
		_, err := blobvault.Open(t.Context(), u, keys)
		assert.Error(t, err, u)
	}
	_, err := blobvault.Open(t.Context(), "mem://", nil)
	assert.Error(t, err, "no keyring")
	_, err = blobvault.New(nil, keys)
	assert.Error(t, err, "no bucket")

	mem, err := blobvault.Open(t.Context(), "mem://", keys)
	require.NoError(t, err)
	defer mem.Close()
	assert.IsType(t, &blobvault.Bucket{}, mem)

	dir := filepath.Join(t.TempDir(), "evidence", "files")
	s, err := blobvault.Open(t.Context(), "file://"+filepath.ToSlash(dir), keys)
	require.NoError(t, err, "the directory is created")
	defer s.Close()
	d, ok := s.(*vault.Dir)
	require.True(t, ok, "a file URL is a vault.Dir, not a fileblob bucket: %T", s)
	assert.Equal(t, dir, d.Path())
	_, err = s.Put(t.Context(), "0123abcd", evidence.Handheld, []byte("photo"), vault.Meta{})
	require.NoError(t, err)

	rel, err := blobvault.Open(t.Context(), "file://./"+filepath.ToSlash(mustRel(t, dir)), keys)
	require.NoError(t, err, "a relative directory")
	defer rel.Close()
	_, err = rel.Stat(t.Context(), "0123abcd", evidence.Handheld)
	assert.NoError(t, err, "the same directory")
	local, err := blobvault.Open(t.Context(), "file://localhost"+filepath.ToSlash(dir), keys)
	require.NoError(t, err, "file://localhost/dir")
	defer local.Close()
	_, err = local.Stat(t.Context(), "0123abcd", evidence.Handheld)
	assert.NoError(t, err, "the same directory")
}

func mustRel(t *testing.T, dir string) string {
	wd, err := os.Getwd()
	require.NoError(t, err)
	r, err := filepath.Rel(wd, dir)
	require.NoError(t, err)
	return r
}

// TestDirBucketLayout: a directory of vault.Dir read as a bucket, and a
// bucket's objects written to a directory, open: the layout is one, so
// files move between a directory and an object store by copying them.
func TestDirBucketLayout(t *testing.T) {
	keys := vaulttest.Keyring(t, "a")
	dir := t.TempDir()
	d, err := vault.OpenDir(dir, keys)
	require.NoError(t, err)
	defer d.Close()
	content := vaulttest.Content(10 << 10)
	_, err = d.Put(t.Context(), "c1", evidence.Certificate, content, vault.Meta{Name: "scan.jpg"})
	require.NoError(t, err)

	fb, err := fileblob.OpenBucket(dir, &fileblob.Options{Metadata: fileblob.MetadataDontWrite, NoTempDir: true})
	require.NoError(t, err)
	defer fb.Close()
	asBucket, err := blobvault.New(fb, keys)
	require.NoError(t, err)
	got, m, err := asBucket.Get(t.Context(), "c1", evidence.Certificate)
	require.NoError(t, err, "the directory's file opens as a bucket's object")
	assert.Equal(t, content, got)
	assert.Equal(t, "scan.jpg", m.Name)
	ids, err := asBucket.Cases(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"c1"}, ids)

	mb := memblob.OpenBucket(nil)
	defer mb.Close()
	b, err := blobvault.New(mb, keys)
	require.NoError(t, err)
	_, err = b.Put(t.Context(), "c2", evidence.Handheld, content, vault.Meta{})
	require.NoError(t, err)
	obj, err := mb.ReadAll(t.Context(), vault.ObjectKey("c2", evidence.Handheld))
	require.NoError(t, err)
	require.NoError(t, vaulttest.Dir(dir).Write(t.Context(), vault.ObjectKey("c2", evidence.Handheld), obj))
	got, _, err = d.Get(t.Context(), "c2", evidence.Handheld)
	require.NoError(t, err, "a bucket's object copied to the directory opens")
	assert.Equal(t, content, got)
}

func TestBucketClosed(t *testing.T) {
	mb := memblob.OpenBucket(nil)
	defer mb.Close()
	s, err := blobvault.New(mb, vaulttest.Keyring(t, "a"))
	require.NoError(t, err)
	require.NoError(t, s.Close())
	_, err = s.Put(t.Context(), "c", evidence.Certificate, []byte("x"), vault.Meta{})
	assert.True(t, errors.Is(err, vault.ErrClosed), "%v", err)
	assert.ErrorIs(t, s.Delete(t.Context(), "c"), vault.ErrClosed)
	_, err = s.Cases(t.Context())
	assert.ErrorIs(t, err, vault.ErrClosed)
	assert.NoError(t, mb.WriteAll(t.Context(), "k", nil, nil), "a bucket given to New stays open")
}

func TestBucketRewrapAll(t *testing.T) {
	mb := memblob.OpenBucket(nil)
	defer mb.Close()
	old, err := blobvault.New(mb, vaulttest.Keyring(t, "old"))
	require.NoError(t, err)
	for _, id := range []string{"c1", "c2"} {
		_, err := old.Put(t.Context(), id, evidence.Certificate, []byte("scan "+id), vault.Meta{})
		require.NoError(t, err)
	}
	rotated, err := blobvault.New(mb, vaulttest.Keyring(t, "new", "old"))
	require.NoError(t, err)
	n, err := rotated.RewrapAll(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 2, n)
	n, err = rotated.RewrapAll(t.Context())
	require.NoError(t, err)
	assert.Zero(t, n)
	newOnly, err := blobvault.New(mb, vaulttest.Keyring(t, "new"))
	require.NoError(t, err)
	for _, id := range []string{"c1", "c2"} {
		b, _, err := newOnly.Get(t.Context(), id, evidence.Certificate)
		require.NoError(t, err, "the old key can leave the keyring")
		assert.Equal(t, "scan "+id, string(b))
	}
}
