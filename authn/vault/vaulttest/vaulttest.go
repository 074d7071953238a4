package vaulttest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io/fs"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

// Storage is one empty place to keep files: a directory, a memory bucket,
// a bucket of an S3 server.
type Storage struct {
	// Open returns a store over the storage with the keyring keys. Every
	// call must see the same objects; the suite closes the stores.
	Open func(keys *vault.Keyring) (vault.Store, error)
	// Raw is the storage's objects as the store writes them, for the
	// checks that read the stored bytes, change them or move them.
	Raw Raw
}

// Raw is the objects of a storage, beneath the store: [Dir] for a
// directory; a gocloud.dev/blob bucket is one in a few lines (List,
// ReadAll, WriteAll, Attributes), as blobvault's tests show.
type Raw interface {
	// Keys returns the names of every object, as [vault.ObjectKey] makes
	// them ('/'-separated), in any order.
	Keys(ctx context.Context) ([]string, error)
	// Read returns an object's bytes.
	Read(ctx context.Context, key string) ([]byte, error)
	// Write writes an object, replacing any of the same name.
	Write(ctx context.Context, key string, b []byte) error
	// Attributes returns what the storage keeps beside an object's bytes
	// (metadata, extended attributes): nil when there is no such thing.
	Attributes(ctx context.Context, key string) (map[string]string, error)
}

// Dir is the [Raw] objects of a directory, as [vault.Dir] keeps them:
// every regular file under it, temporary ones included.
type Dir string

// Keys implements [Raw].
func (d Dir) Keys(context.Context) ([]string, error) {
	var keys []string
	err := filepath.WalkDir(string(d), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(string(d), p)
		keys = append(keys, filepath.ToSlash(rel))
		return err
	})
	return keys, err
}

// Read implements [Raw].
func (d Dir) Read(_ context.Context, key string) ([]byte, error) {
	return os.ReadFile(filepath.Join(string(d), filepath.FromSlash(key)))
}

// Write implements [Raw].
func (d Dir) Write(_ context.Context, key string, b []byte) error {
	p := filepath.Join(string(d), filepath.FromSlash(key))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o600)
}

// Attributes implements [Raw]: a file has none the store writes.
func (d Dir) Attributes(context.Context, string) (map[string]string, error) { return nil, nil }

// Rewrapper is a store that can move a file to the keyring's current key,
// as [vault.Dir] can.
type Rewrapper interface {
	Rewrap(ctx context.Context, caseID string, role evidence.Role) (bool, error)
}

// Run runs the suite; newStorage returns a fresh, empty storage for each
// subtest and cleans it up with t.Cleanup.
func Run(t *testing.T, newStorage func(t *testing.T) Storage) {
	tests := []struct {
		name string
		fn   func(*testing.T, Storage)
	}{
		{"RoundTrip", testRoundTrip},
		{"Exists", testExists},
		{"Delete", testDelete},
		{"Invalid", testInvalid},
		{"NoPlaintext", testNoPlaintext},
		{"Tamper", testTamper},
		{"Moved", testMoved},
		{"Rotation", testRotation},
		{"ConcurrentPut", testConcurrentPut},
		{"LongMeta", testLongMeta},
		{"Cancelled", testCancelled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStorage(t)) })
	}
}

// Key returns a key made of a label, for tests.
func Key(t testing.TB, label string) vault.Key {
	sum := sha256.Sum256([]byte("vaulttest " + label))
	k, err := vault.NewKey(sum[:])
	require.NoError(t, err)
	return k
}

// Keyring returns a keyring of the keys named by labels, the first current.
func Keyring(t testing.TB, labels ...string) *vault.Keyring {
	keys := make([]vault.Key, len(labels))
	for i, l := range labels {
		keys[i] = Key(t, l)
	}
	k, err := vault.NewKeyring(keys[0], keys[1:]...)
	require.NoError(t, err)
	return k
}

// Content returns n bytes that look like nothing (random) behind a JPEG's
// first bytes.
func Content(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	copy(b, "\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	return b
}

func open(t *testing.T, s Storage, keys *vault.Keyring) vault.Store {
	t.Helper()
	st, err := s.Open(keys)
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// personalName is a file name the stored bytes must not show.
const personalName = "张伟-110101199003074578-身份证.jpg"

func meta() vault.Meta {
	return vault.Meta{
		Name:   "C:\\Users\\zw\\" + personalName,
		Format: evidence.JPEG,
		Violations: []rules.Violation{
			rules.Violate(evidence.CodeEdited, rules.Review, false, "role", "certificate", "file_name", personalName),
		},
		StoredAt: time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CST", 8*3600)),
	}
}

func ctx(t *testing.T) context.Context { return t.Context() }

func testRoundTrip(t *testing.T, s Storage) {
	keys := Keyring(t, "a")
	st := open(t, s, keys)
	content := Content(100 << 10)
	got, err := st.Put(ctx(t), "case-1", evidence.Certificate, content, meta())
	require.NoError(t, err)
	want := meta()
	want.Case, want.Role, want.Name = "case-1", evidence.Certificate, personalName
	want.Size, want.Digest, want.KeyID = int64(len(content)), sha256.Sum256(content), keys.Current()
	want.StoredAt = want.StoredAt.UTC()
	assert.Equal(t, want, got, "Put returns the Meta stored: the name without its directory, size, digest, key")

	b, m, err := st.Get(ctx(t), "case-1", evidence.Certificate)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(content, b), "Get returns the content")
	assert.Equal(t, want, m, "Get returns the Meta")
	m, err = st.Stat(ctx(t), "case-1", evidence.Certificate)
	require.NoError(t, err)
	assert.Equal(t, want, m, "Stat returns the Meta")

	_, _, err = st.Get(ctx(t), "case-1", evidence.Handheld)
	assert.ErrorIs(t, err, vault.ErrNotFound, "the other role has no file")
	_, err = st.Stat(ctx(t), "case-2", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrNotFound, "another case has no file")

	empty, err := st.Put(ctx(t), "case-1", evidence.Handheld, []byte{}, vault.Meta{})
	require.NoError(t, err, "an empty file is stored")
	assert.False(t, empty.StoredAt.IsZero(), "StoredAt defaults to now")
	b, _, err = st.Get(ctx(t), "case-1", evidence.Handheld)
	require.NoError(t, err)
	assert.Empty(t, b)
}

func testExists(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	first := Content(1000)
	_, err := st.Put(ctx(t), "c1", evidence.Handheld, first, meta())
	require.NoError(t, err)
	_, err = st.Put(ctx(t), "c1", evidence.Handheld, Content(1000), meta())
	assert.ErrorIs(t, err, vault.ErrExists, "a second file for the same case and role")
	b, _, err := st.Get(ctx(t), "c1", evidence.Handheld)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(first, b), "the first file stays")
}

func testDelete(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	require.NoError(t, st.Delete(ctx(t), "nothing-here"), "a case without files")
	_, err := st.Put(ctx(t), "c1", evidence.Certificate, Content(10), meta())
	require.NoError(t, err)
	_, err = st.Put(ctx(t), "c2", evidence.Certificate, Content(10), meta())
	require.NoError(t, err)
	require.NoError(t, st.Delete(ctx(t), "c1"), "a case with one of its files")
	require.NoError(t, st.Delete(ctx(t), "c1"), "again")
	_, _, err = st.Get(ctx(t), "c1", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrNotFound)
	_, err = st.Stat(ctx(t), "c2", evidence.Certificate)
	assert.NoError(t, err, "another case keeps its file")

	for _, r := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		_, err = st.Put(ctx(t), "c3", r, Content(10), meta())
		require.NoError(t, err)
	}
	require.NoError(t, st.Delete(ctx(t), "c3"), "a case with both files")
	for _, r := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		_, err = st.Stat(ctx(t), "c3", r)
		assert.ErrorIs(t, err, vault.ErrNotFound, "both files are gone")
	}
	keys := rawKeys(t, s)
	for _, k := range keys {
		assert.NotContains(t, k, "c1", "no object of a deleted case is left")
		assert.NotContains(t, k, "c3", "no object of a deleted case is left")
	}
}

func testInvalid(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	for _, id := range []string{"", "../etc", "a/b", "a b", strings.Repeat("x", 65), "ä", "a\x00"} {
		_, err := st.Put(ctx(t), id, evidence.Certificate, Content(10), meta())
		assert.ErrorIs(t, err, vault.ErrInvalid, "Put case %q", id)
		_, _, err = st.Get(ctx(t), id, evidence.Certificate)
		assert.ErrorIs(t, err, vault.ErrInvalid, "Get case %q", id)
		assert.ErrorIs(t, st.Delete(ctx(t), id), vault.ErrInvalid, "Delete case %q", id)
	}
	_, err := st.Put(ctx(t), "c1", 0, Content(10), meta())
	assert.ErrorIs(t, err, vault.ErrInvalid, "no role")
	_, err = st.Stat(ctx(t), "c1", evidence.Role(9))
	assert.ErrorIs(t, err, vault.ErrInvalid, "an unknown role")
	assert.Empty(t, rawKeys(t, s), "nothing was written")
}

// rawKeys lists every object of the storage.
func rawKeys(t *testing.T, s Storage) []string {
	t.Helper()
	keys, err := s.Raw.Keys(ctx(t))
	require.NoError(t, err)
	return keys
}

func rawObject(t *testing.T, s Storage, caseID string, role evidence.Role) (string, []byte) {
	t.Helper()
	for _, k := range rawKeys(t, s) {
		if strings.Contains(k, caseID) && strings.HasSuffix(k, role.String()) {
			b, err := s.Raw.Read(ctx(t), k)
			require.NoError(t, err)
			return k, b
		}
	}
	t.Fatalf("no object of case %s, role %s among %q", caseID, role, rawKeys(t, s))
	return "", nil
}

// window is the length of the plaintext runs the stored bytes must not
// contain.
const window = 32

func testNoPlaintext(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	// Text-like content, with long runs of one byte, is what a weak
	// encryption would show.
	content := append(bytes.Repeat([]byte("0123456789ABCDEF"), 4<<10), make([]byte, 64<<10)...)
	content = append(content, Content(64<<10)...)
	m, err := st.Put(ctx(t), "c1", evidence.Certificate, content, meta())
	require.NoError(t, err)
	_, err = st.Put(ctx(t), "c1", evidence.Handheld, content, meta())
	require.NoError(t, err)

	windows := map[[window]byte]bool{}
	for i := 0; i+window <= len(content); i++ {
		windows[[window]byte(content[i:i+window])] = true
	}
	secrets := []string{personalName, "110101199003074578", m.Digest.String(), string(m.Digest[:]), string(evidence.CodeEdited)}
	keys := rawKeys(t, s)
	require.Len(t, keys, 2, "one object per file: %q", keys)
	var stored [][]byte
	for _, k := range keys {
		for _, x := range secrets {
			assert.NotContains(t, k, x, "the object name holds no personal data")
		}
		attrs, err := s.Raw.Attributes(ctx(t), k)
		require.NoError(t, err)
		for mk, mv := range attrs {
			for _, x := range secrets {
				assert.NotContains(t, mk+"="+mv, x, "the object's attributes hold no personal data")
			}
		}
		b, err := s.Raw.Read(ctx(t), k)
		require.NoError(t, err)
		assert.Greater(t, len(b), len(content), "the object holds the sealed content")
		for i := 0; i+window <= len(b); i++ {
			if windows[[window]byte(b[i:i+window])] {
				t.Fatalf("%s: bytes %d to %d are %d bytes of the plaintext", k, i, i+window, window)
			}
		}
		for _, x := range secrets {
			assert.False(t, bytes.Contains(b, []byte(x)), "%s holds %q", k, x)
		}
		stored = append(stored, b)
	}
	assert.False(t, bytes.Equal(stored[0][40:], stored[1][40:]), "the same content sealed twice differs (own data key, random nonces)")
}

func testTamper(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	_, err := st.Put(ctx(t), "c1", evidence.Certificate, Content(20<<10), meta())
	require.NoError(t, err)
	key, orig := rawObject(t, s, "c1", evidence.Certificate)
	n := len(orig)
	keyEnd := 2 + int(orig[1]) + 12 + 48
	// The version, the key ID, the wrapped key, the Meta's length, the
	// Meta, the content's nonce, the content, its tag.
	cases := map[string]func([]byte) []byte{
		"version":     flip(0),
		"key id":      flip(3),
		"wrapped key": flip(keyEnd - 5),
		"meta length": flip(keyEnd + 3),
		"meta":        flip(keyEnd + 4 + 12 + 5),
		"content":     flip(n / 2),
		"tag":         flip(n - 1),
		"random":      flip(mrand.IntN(n)),
		"truncated":   func(b []byte) []byte { return b[:n-1] },
		"header only": func(b []byte) []byte { return b[:40] },
		"extended":    func(b []byte) []byte { return append(b, 0) },
		"empty":       func([]byte) []byte { return nil },
	}
	for name, change := range cases {
		b := change(bytes.Clone(orig))
		require.NoError(t, s.Raw.Write(ctx(t), key, b))
		_, _, err := st.Get(ctx(t), "c1", evidence.Certificate)
		var ce *vault.CorruptError
		if assert.ErrorAs(t, err, &ce, "Get of a file with a changed %s", name) {
			assert.ErrorIs(t, err, vault.ErrCorrupt)
			assert.Equal(t, "c1", ce.Case)
			assert.Equal(t, evidence.Certificate, ce.Role)
		}
	}
	for _, name := range []string{"version", "key id", "wrapped key", "meta length", "meta", "header only", "empty"} {
		require.NoError(t, s.Raw.Write(ctx(t), key, cases[name](bytes.Clone(orig))))
		_, err := st.Stat(ctx(t), "c1", evidence.Certificate)
		assert.ErrorIs(t, err, vault.ErrCorrupt, "Stat of a file with a changed %s", name)
	}
	require.NoError(t, s.Raw.Write(ctx(t), key, orig))
	_, _, err = st.Get(ctx(t), "c1", evidence.Certificate)
	assert.NoError(t, err, "the file as stored opens")
}

func flip(i int) func([]byte) []byte {
	return func(b []byte) []byte {
		b[i] ^= 0x01
		return b
	}
}

func testMoved(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	_, err := st.Put(ctx(t), "c1", evidence.Certificate, Content(1000), meta())
	require.NoError(t, err)
	_, err = st.Put(ctx(t), "c2", evidence.Certificate, Content(1000), meta())
	require.NoError(t, err)
	_, orig := rawObject(t, s, "c1", evidence.Certificate)
	other, _ := rawObject(t, s, "c2", evidence.Certificate)
	// c1's certificate copied over c2's, and next to it as c1's handheld.
	require.NoError(t, s.Raw.Write(ctx(t), other, orig))
	_, _, err = st.Get(ctx(t), "c2", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrCorrupt, "a file copied to another case does not open")
	_, err = st.Stat(ctx(t), "c2", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrCorrupt, "nor does its Meta")
	handheld := strings.TrimSuffix(other, "c2/certificate") + "c1/handheld"
	require.True(t, strings.HasSuffix(other, "c2/certificate"), "objects are named CASE/ROLE: %s", other)
	require.NoError(t, s.Raw.Write(ctx(t), handheld, orig))
	_, _, err = st.Get(ctx(t), "c1", evidence.Handheld)
	assert.ErrorIs(t, err, vault.ErrCorrupt, "a file copied to another role does not open")
}

func testRotation(t *testing.T, s Storage) {
	old := open(t, s, Keyring(t, "old"))
	content := Content(5000)
	m, err := old.Put(ctx(t), "c1", evidence.Certificate, content, meta())
	require.NoError(t, err)
	assert.Equal(t, Key(t, "old").ID, m.KeyID)

	rotated := open(t, s, Keyring(t, "new", "old"))
	b, m, err := rotated.Get(ctx(t), "c1", evidence.Certificate)
	require.NoError(t, err, "a retired key still opens its files")
	assert.True(t, bytes.Equal(content, b))
	assert.Equal(t, Key(t, "old").ID, m.KeyID, "the file names the key that wraps it")
	m, err = rotated.Put(ctx(t), "c1", evidence.Handheld, content, meta())
	require.NoError(t, err)
	assert.Equal(t, Key(t, "new").ID, m.KeyID, "the current key wraps new files")

	newOnly := open(t, s, Keyring(t, "new"))
	_, err = newOnly.Stat(ctx(t), "c1", evidence.Handheld)
	assert.NoError(t, err)
	_, _, err = newOnly.Get(ctx(t), "c1", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrCorrupt, "a key dropped from the keyring no longer opens its files")
	_, _, err = open(t, s, Keyring(t, "other")).Get(ctx(t), "c1", evidence.Handheld)
	assert.ErrorIs(t, err, vault.ErrCorrupt, "another keyring opens nothing")

	rw, ok := rotated.(Rewrapper)
	if !ok {
		return
	}
	changed, err := rw.Rewrap(ctx(t), "c1", evidence.Certificate)
	require.NoError(t, err)
	assert.True(t, changed, "the old file moves to the new key")
	changed, err = rw.Rewrap(ctx(t), "c1", evidence.Certificate)
	require.NoError(t, err)
	assert.False(t, changed, "a file under the current key stays")
	b, m, err = newOnly.Get(ctx(t), "c1", evidence.Certificate)
	require.NoError(t, err, "after Rewrap the new key alone opens it")
	assert.True(t, bytes.Equal(content, b))
	assert.Equal(t, Key(t, "new").ID, m.KeyID)
	assert.Equal(t, meta().Violations, m.Violations, "the Meta is kept")
	_, err = rw.Rewrap(ctx(t), "c9", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrNotFound)
}

func testConcurrentPut(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	const n = 8
	contents := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		contents[i] = Content(64 << 10)
		wg.Go(func() {
			<-start
			_, errs[i] = st.Put(ctx(t), "race", evidence.Handheld, contents[i], meta())
		})
	}
	close(start)
	wg.Wait()
	winner := -1
	for i, err := range errs {
		if err == nil {
			assert.Equal(t, -1, winner, "Puts %d and %d both won", winner, i)
			winner = i
			continue
		}
		assert.ErrorIs(t, err, vault.ErrExists, "the losers' error")
	}
	require.NotEqual(t, -1, winner, "one Put wins")
	b, _, err := st.Get(ctx(t), "race", evidence.Handheld)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(contents[winner], b), "the winner's file is stored")
}

func testLongMeta(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	m := meta()
	for i := range 100 {
		m.Violations = append(m.Violations, rules.Violate(rules.Code(fmt.Sprintf("test.code_%03d", i)), rules.Review, false, "file_name", personalName))
	}
	_, err := st.Put(ctx(t), "c1", evidence.Certificate, Content(100), m)
	require.NoError(t, err)
	got, err := st.Stat(ctx(t), "c1", evidence.Certificate)
	require.NoError(t, err, "a Meta longer than the first read")
	assert.Len(t, got.Violations, 101)
}

func testCancelled(t *testing.T, s Storage) {
	st := open(t, s, Keyring(t, "a"))
	c, cancel := context.WithCancel(ctx(t))
	cancel()
	_, err := st.Put(c, "c1", evidence.Certificate, Content(1000), meta())
	require.Error(t, err, "Put under an ended context")
	_, err = st.Stat(ctx(t), "c1", evidence.Certificate)
	assert.ErrorIs(t, err, vault.ErrNotFound, "stores nothing")
	_, err = st.Put(ctx(t), "c1", evidence.Certificate, Content(1000), meta())
	assert.NoError(t, err, "and leaves the place free")
}
