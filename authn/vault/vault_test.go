package vault_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
	"github.com/realname-go/realname/rules/evidence"
)

func TestKeyring(t *testing.T) {
	a, b := vaulttest.Key(t, "a"), vaulttest.Key(t, "b")
	k, err := vault.NewKeyring(a, b)
	require.NoError(t, err)
	assert.Equal(t, a.ID, k.Current())
	assert.Equal(t, []string{a.ID, b.ID}, k.IDs())
	assert.Regexp(t, `^v[0-9a-f]{16}$`, a.ID)
	assert.NotEqual(t, a.ID, b.ID)

	for name, keys := range map[string][]vault.Key{
		"short key":    {{ID: "k1", Bytes: make([]byte, 16)}},
		"no ID":        {{Bytes: make([]byte, 32)}},
		"long ID":      {{ID: strings.Repeat("x", 33), Bytes: make([]byte, 32)}},
		"space in ID":  {{ID: "a b", Bytes: make([]byte, 32)}},
		"repeated ID":  {a, {ID: a.ID, Bytes: b.Bytes}},
		"previous bad": {a, {ID: "x", Bytes: nil}},
	} {
		_, err := vault.NewKeyring(keys[0], keys[1:]...)
		assert.ErrorIs(t, err, vault.ErrKey, name)
	}
	_, err = vault.NewKey(make([]byte, 31))
	assert.ErrorIs(t, err, vault.ErrKey)

	d1, err := vault.DeriveKey([]byte("0123456789abcdef0123456789abcdef"))
	require.NoError(t, err)
	d2, err := vault.DeriveKey([]byte("0123456789abcdef0123456789abcdef"))
	require.NoError(t, err)
	assert.Equal(t, d1, d2, "derivation is deterministic")
	assert.NotEqual(t, []byte("0123456789abcdef0123456789abcdef"), d1.Bytes, "the derived key is not the secret")
	_, err = vault.DeriveKey([]byte("short"))
	assert.ErrorIs(t, err, vault.ErrKey)
}

func TestKeyringCopiesBytes(t *testing.T) {
	raw := bytes.Repeat([]byte{7}, 32)
	k, err := vault.NewKey(raw)
	require.NoError(t, err)
	ring, err := vault.NewKeyring(k)
	require.NoError(t, err)
	s, err := vault.OpenDir(t.TempDir(), ring)
	require.NoError(t, err)
	_, err = s.Put(t.Context(), "c", evidence.Certificate, []byte("x"), vault.Meta{})
	require.NoError(t, err)
	clear(raw)
	clear(k.Bytes)
	_, _, err = s.Get(t.Context(), "c", evidence.Certificate)
	assert.NoError(t, err, "the keyring keeps its own copy of the key")
}

func TestDisplayName(t *testing.T) {
	for in, want := range map[string]string{
		`C:\fakepath\证件.JPG`:     "证件.JPG",
		"/tmp/a/b.png":           "b.png",
		"gpj\u202e.exe":          "gpj.exe",
		" a\x00b\r\n.jpg ":       "ab.jpg",
		strings.Repeat("x", 100): strings.Repeat("x", 43) + "…" + strings.Repeat("x", 20),
		"\xff\xfe":               "",
	} {
		assert.Equal(t, want, evidence.DisplayName(in), "%q", in)
	}
}

func TestOpenDir(t *testing.T) {
	keys := vaulttest.Keyring(t, "a")
	_, err := vault.OpenDir(t.TempDir(), nil)
	assert.Error(t, err, "no keyring")
	_, err = vault.OpenDir("", keys)
	assert.Error(t, err, "no directory")
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	_, err = vault.OpenDir(file, keys)
	assert.Error(t, err, "a file")

	dir := filepath.Join(t.TempDir(), "evidence", "files")
	s, err := vault.OpenDir(dir, keys)
	require.NoError(t, err, "the directory is created")
	defer s.Close()
	assert.Equal(t, dir, s.Path())
	_, err = s.Put(t.Context(), "0123abcd", evidence.Handheld, []byte("photo"), vault.Meta{})
	require.NoError(t, err)
	st, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o700), st.Mode().Perm(), "the directory is its owner's")
	var files []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		info, err := d.Info()
		require.NoError(t, err)
		if d.IsDir() {
			assert.Equal(t, fs.FileMode(0o700), info.Mode().Perm(), p)
		} else {
			assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm(), p)
			files = append(files, strings.TrimPrefix(p, dir+string(filepath.Separator)))
		}
		return nil
	}))
	assert.Equal(t, []string{filepath.FromSlash("evidence/v1/0123abcd/handheld")}, files,
		"one file, no sidecar of attributes, no temporary file left")
	ids, err := s.Cases(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"0123abcd"}, ids)

	rel, err := vault.OpenDir(mustRel(t, dir), keys)
	require.NoError(t, err, "a relative directory")
	defer rel.Close()
	assert.Equal(t, dir, rel.Path(), "made absolute")
	_, err = rel.Stat(t.Context(), "0123abcd", evidence.Handheld)
	assert.NoError(t, err, "the same directory")
}

func mustRel(t *testing.T, dir string) string {
	wd, err := os.Getwd()
	require.NoError(t, err)
	r, err := filepath.Rel(wd, dir)
	require.NoError(t, err)
	return r
}

// TestFileExclusiveAcrossStores races Puts through separate stores on one
// directory, as separate processes would: link(2) lets exactly one win.
func TestFileExclusiveAcrossStores(t *testing.T) {
	dir := t.TempDir()
	keys := vaulttest.Keyring(t, "a")
	const n = 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		s, err := vault.OpenDir(dir, keys)
		require.NoError(t, err)
		defer s.Close()
		wg.Go(func() {
			<-start
			_, errs[i] = s.Put(t.Context(), "race", evidence.Certificate, vaulttest.Content(256<<10), vault.Meta{})
		})
	}
	close(start)
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else {
			assert.ErrorIs(t, err, vault.ErrExists)
		}
	}
	assert.Equal(t, 1, won)
}

func TestClosed(t *testing.T) {
	s, err := vault.OpenDir(t.TempDir(), vaulttest.Keyring(t, "a"))
	require.NoError(t, err)
	_, err = s.Put(t.Context(), "c", evidence.Certificate, []byte("x"), vault.Meta{})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "twice")
	_, err = s.Put(t.Context(), "c", evidence.Certificate, []byte("x"), vault.Meta{})
	assert.True(t, errors.Is(err, vault.ErrClosed), "%v", err)
	_, _, err = s.Get(t.Context(), "c", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrClosed)
	_, err = s.Stat(t.Context(), "c", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrClosed)
	assert.ErrorIs(t, s.Delete(t.Context(), "c"), vault.ErrClosed)
	_, err = s.Cases(t.Context())
	assert.ErrorIs(t, err, vault.ErrClosed)
	_, err = s.RewrapAll(t.Context())
	assert.ErrorIs(t, err, vault.ErrClosed)
}

func TestRewrapAll(t *testing.T) {
	dir := t.TempDir()
	old, err := vault.OpenDir(dir, vaulttest.Keyring(t, "old"))
	require.NoError(t, err)
	defer old.Close()
	for _, id := range []string{"c1", "c2", "c3"} {
		_, err := old.Put(t.Context(), id, evidence.Certificate, []byte("scan "+id), vault.Meta{})
		require.NoError(t, err)
	}
	_, err = old.Put(t.Context(), "c1", evidence.Handheld, []byte("photo"), vault.Meta{})
	require.NoError(t, err)

	rotated, err := vault.OpenDir(dir, vaulttest.Keyring(t, "new", "old"))
	require.NoError(t, err)
	defer rotated.Close()
	_, err = rotated.Put(t.Context(), "c4", evidence.Certificate, []byte("scan c4"), vault.Meta{})
	require.NoError(t, err)
	n, err := rotated.RewrapAll(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 4, n, "the four files under the old key; c4 is under the new one already")
	n, err = rotated.RewrapAll(t.Context())
	require.NoError(t, err)
	assert.Zero(t, n)

	newOnly, err := vault.OpenDir(dir, vaulttest.Keyring(t, "new"))
	require.NoError(t, err)
	defer newOnly.Close()
	for _, id := range []string{"c1", "c2", "c3", "c4"} {
		b, _, err := newOnly.Get(t.Context(), id, evidence.Certificate)
		require.NoError(t, err, "the old key can leave the keyring")
		assert.Equal(t, "scan "+id, string(b))
	}
}
