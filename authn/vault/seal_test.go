package vault_test

import (
	"bytes"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

// TestSealFormat checks the format functions a backend uses, without a
// store.
func TestSealFormat(t *testing.T) {
	keys := vaulttest.Keyring(t, "a")
	content := vaulttest.Content(5000)
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CST", 8*3600))
	b, m, err := vault.Seal(keys, "c1", evidence.Handheld, vault.Meta{Name: "/tmp/me.jpg", StoredAt: at}, content)
	require.NoError(t, err)
	assert.Equal(t, vault.Meta{Case: "c1", Role: evidence.Handheld, Name: "me.jpg", Size: 5000, Digest: sha256.Sum256(content),
		StoredAt: at.UTC(), KeyID: keys.Current()}, m)
	assert.Equal(t, "evidence/v1/c1/handheld", vault.ObjectKey("c1", evidence.Handheld))

	got, gm, err := vault.Unseal(keys, "c1", evidence.Handheld, bytes.Clone(b))
	require.NoError(t, err)
	assert.Equal(t, content, got)
	assert.Equal(t, m, gm)
	_, _, err = vault.Unseal(keys, "c1", evidence.Certificate, bytes.Clone(b))
	assert.ErrorIs(t, err, vault.ErrCorrupt, "another role")
	_, _, err = vault.Unseal(keys, "c/1", evidence.Handheld, b)
	assert.ErrorIs(t, err, vault.ErrInvalid)
	_, _, err = vault.Unseal(nil, "c1", evidence.Handheld, b)
	assert.ErrorIs(t, err, vault.ErrKey, "no keyring")
	_, _, err = vault.Seal(keys, "c1", 0, vault.Meta{}, nil)
	assert.ErrorIs(t, err, vault.ErrInvalid)

	// UnsealMeta from any prefix: it asks for more until it has the Meta.
	for _, first := range []int{0, 1, 2, 50, 94, 98, 120, vault.StatPrefix, len(b)} {
		n, reads := first, 0
		for {
			reads++
			gm, need, err := vault.UnsealMeta(keys, "c1", evidence.Handheld, b[:min(n, len(b))], int64(len(b)))
			require.NoError(t, err, "first read of %d", first)
			if need == 0 {
				assert.Equal(t, m, gm, "first read of %d", first)
				break
			}
			require.Greater(t, need, n, "first read of %d: it asks for more", first)
			require.LessOrEqual(t, need, len(b))
			n = need
			require.Less(t, reads, 4, "first read of %d", first)
		}
	}
	_, _, err = vault.UnsealMeta(keys, "c1", evidence.Handheld, b[:50], 50)
	assert.ErrorIs(t, err, vault.ErrCorrupt, "a file shorter than its header")
	_, _, err = vault.UnsealMeta(keys, "c1", evidence.Handheld, nil, 0)
	assert.ErrorIs(t, err, vault.ErrCorrupt, "an empty file")

	rotated := vaulttest.Keyring(t, "b", "a")
	out, changed, err := vault.Rewrap(rotated, "c1", evidence.Handheld, b)
	require.NoError(t, err)
	assert.True(t, changed)
	keyEnd := 2 + int(b[1]) + 12 + 48
	assert.Equal(t, b[keyEnd:], out[2+int(out[1])+12+48:], "the Meta and content are kept, byte for byte")
	_, gm, err = vault.Unseal(vaulttest.Keyring(t, "b"), "c1", evidence.Handheld, bytes.Clone(out))
	require.NoError(t, err, "the new key alone opens it")
	assert.Equal(t, rotated.Current(), gm.KeyID)
	same, changed, err := vault.Rewrap(rotated, "c1", evidence.Handheld, out)
	require.NoError(t, err)
	assert.False(t, changed)
	assert.Equal(t, out, same)
	_, _, err = vault.Rewrap(vaulttest.Keyring(t, "c"), "c1", evidence.Handheld, b)
	assert.ErrorIs(t, err, vault.ErrCorrupt, "a key not in the keyring")

	again, _, err := vault.Seal(keys, "c1", evidence.Handheld, vault.Meta{StoredAt: at, Violations: []rules.Violation{}}, content)
	require.NoError(t, err)
	assert.NotEqual(t, b[keyEnd:], again[keyEnd:], "sealing twice differs")
}
