package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// KeySize is the size of a key-encryption key: AES-256.
const KeySize = 32

// maxKeyIDLen bounds key identifiers, which every stored file names in its
// header.
const maxKeyIDLen = 32

// Key is one key-encryption key: 32 bytes that wrap the data key of every
// file stored while it is current, and an identifier written beside each
// wrapped data key so that the right key opens it after a rotation.
type Key struct {
	ID    string
	Bytes []byte
}

// NewKey returns a key whose identifier is derived from its bytes: "v" and
// the first 16 hex digits of a SHA-256 of them (under a label, so the
// identifier is not the digest of the key anywhere else). b must be
// [KeySize] bytes.
func NewKey(b []byte) (Key, error) {
	if len(b) != KeySize {
		return Key{}, fmt.Errorf("%w: %d bytes, need %d", ErrKey, len(b), KeySize)
	}
	h := sha256.New()
	h.Write([]byte("realname/vault key id\x00"))
	h.Write(b)
	return Key{ID: "v" + hex.EncodeToString(h.Sum(nil)[:8]), Bytes: append([]byte(nil), b...)}, nil
}

// DeriveKey derives a key-encryption key from a longer-lived secret (for
// example the binding store's secret, which a service already keeps) with
// HKDF-SHA-256 under the label "realname/vault kek v1", so the vault's key
// differs from every other use of the secret. The secret must be at least
// 16 bytes.
func DeriveKey(secret []byte) (Key, error) {
	if len(secret) < 16 {
		return Key{}, fmt.Errorf("%w: secret of %d bytes, need at least 16", ErrKey, len(secret))
	}
	b, err := hkdf.Key(sha256.New, secret, nil, "realname/vault kek v1", KeySize)
	if err != nil {
		return Key{}, fmt.Errorf("%w: %v", ErrKey, err)
	}
	return NewKey(b)
}

// ErrKey reports an unusable key: not 32 bytes, or with a bad or repeated
// identifier.
var ErrKey = errors.New("vault: unusable key")

// Keyring holds the current key-encryption key, which wraps the data keys
// of new files, and retired keys that still unwrap older files until
// [Dir.Rewrap] moves them to the current key. It follows the binding
// keyring: immutable and safe for concurrent use.
type Keyring struct {
	current string
	keys    map[string]cipher.AEAD
	ids     []string // current first
}

// NewKeyring returns a keyring wrapping with current and also unwrapping
// with the previous keys. Every key must be [KeySize] bytes with a distinct
// identifier of 1 to 32 printable ASCII characters.
func NewKeyring(current Key, previous ...Key) (*Keyring, error) {
	k := &Keyring{current: current.ID, keys: map[string]cipher.AEAD{}}
	for i, key := range append([]Key{current}, previous...) {
		if len(key.Bytes) != KeySize {
			return nil, fmt.Errorf("%w: key %d is %d bytes, need %d", ErrKey, i, len(key.Bytes), KeySize)
		}
		if !validKeyID(key.ID) {
			return nil, fmt.Errorf("%w: key %d has an identifier that is empty, longer than %d or not printable ASCII", ErrKey, i, maxKeyIDLen)
		}
		if k.keys[key.ID] != nil {
			return nil, fmt.Errorf("%w: identifier %q used twice", ErrKey, key.ID)
		}
		aead, err := newGCM(key.Bytes)
		if err != nil {
			return nil, err
		}
		k.keys[key.ID] = aead
		k.ids = append(k.ids, key.ID)
	}
	return k, nil
}

// Current returns the identifier of the key that wraps new files.
func (k *Keyring) Current() string { return k.current }

// IDs returns the identifiers of every key, the current one first.
func (k *Keyring) IDs() []string { return append([]string(nil), k.ids...) }

func (k *Keyring) aead(id string) cipher.AEAD { return k.keys[id] }

func newGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKey, err)
	}
	return cipher.NewGCM(b)
}

func validKeyID(id string) bool {
	if id == "" || len(id) > maxKeyIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}
