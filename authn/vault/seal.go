package vault

import (
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/evidence"
)

// The stored form of a file, version 1. Every number is big-endian.
//
//	[0]      version, 1
//	[1]      n, the length of the key ID
//	n        key ID of the key-encryption key
//	12       nonce of the wrapped data key
//	48       data key (32 bytes) sealed by the key-encryption key
//	4        m, the length of the sealed Meta
//	12       nonce of the Meta
//	m        Meta as JSON, sealed by the data key
//	12       nonce of the content
//	rest     content, sealed by the data key
//
// The data key is 32 fresh random bytes for every file (AES-256-GCM); every
// nonce is random. The additional data of each seal names the case and the
// role, and that of the wrapped key the version and key ID too, so a file
// copied to another case or role, or a header changed, does not open.
//
// [Seal], [Unseal], [UnsealMeta] and [Rewrap] are this format for the
// stores: a store only keeps the bytes under [ObjectKey].
const (
	version1  = 1
	nonceSize = 12
	tagSize   = 16
	dataKey   = 32
	wrapped   = dataKey + tagSize
	// maxMeta bounds the sealed Meta a header may announce.
	maxMeta = 1 << 20
)

// StatPrefix is how many bytes of a stored file a store reads first to
// answer Stat ([UnsealMeta]): enough for the header and a Meta of a few
// dozen violations; a longer Meta costs a second read.
const StatPrefix = 4 << 10

// MaxSealedSize bounds the stored files a store reads: far above the 10 MiB
// files the evidence checks accept, far below what would exhaust memory. A
// larger object is not a file of this package.
const MaxSealedSize = 256 << 20

// ObjectPrefix is where every store keeps its files, under its root (a
// directory, a bucket).
const ObjectPrefix = "evidence/v1/"

// ObjectKey returns the name of the role's file of the case in a store:
// "evidence/v1/CASE/ROLE", ROLE being "certificate" or "handheld". Every
// store names its files so (with '/' as a directory separator on a
// filesystem), so files copied from one store to another, a directory to
// a bucket, open there. The case ID and role must pass [Check].
func ObjectKey(caseID string, role evidence.Role) string {
	return ObjectPrefix + caseID + "/" + role.String()
}

// Seal returns the stored form of content, the role's file of the case,
// with meta sealed beside it under the keyring's current key, and the Meta
// as stored: Name, Format, Violations and StoredAt (zero: now) are kept as
// given, the name through [evidence.DisplayName] and the time in UTC; Case, Role,
// Size, Digest and KeyID are set. It is what a [Store]'s Put writes, in one
// allocation of the final size, and returns [ErrInvalid] for a case ID or
// role that [Check] refuses.
//
// The bytes are version 1 of the format: they hold no plaintext (content,
// name, findings, digest), they differ at every call (a fresh data key,
// random nonces), and they open with [Unseal] only as the same case and
// role, under a keyring holding the key that sealed them. Later versions
// of this package keep opening version 1.
func Seal(keys *Keyring, caseID string, role evidence.Role, meta Meta, content []byte) ([]byte, Meta, error) {
	if err := Check(caseID, role); err != nil {
		return nil, Meta{}, err
	}
	if keys == nil {
		return nil, Meta{}, fmt.Errorf("%w: no keyring", ErrKey)
	}
	if meta.StoredAt.IsZero() {
		meta.StoredAt = time.Now()
	}
	meta.Case, meta.Role, meta.KeyID = caseID, role, keys.Current()
	meta.Name = evidence.DisplayName(meta.Name)
	meta.Size, meta.Digest = int64(len(content)), sha256.Sum256(content)
	meta.StoredAt = meta.StoredAt.UTC()
	b, err := seal(keys, caseID, role, meta, content)
	if err != nil {
		return nil, Meta{}, fmt.Errorf("vault: seal: %w", err)
	}
	return b, meta, nil
}

// Unseal opens a whole stored file of the case's role: its content and
// its Meta. The content is decrypted in place, so it shares b's memory. A
// file that does not open (changed, truncated, sealed for another case or
// role, of an unknown version, or under a key the keyring lacks) is a
// [*CorruptError]; an invalid case ID or role is [ErrInvalid].
func Unseal(keys *Keyring, caseID string, role evidence.Role, b []byte) ([]byte, Meta, error) {
	o, err := newOpener(keys, caseID, role)
	if err != nil {
		return nil, Meta{}, err
	}
	return o.open(b)
}

// UnsealMeta opens the Meta of a stored file of size bytes from prefix, its
// first bytes, without decrypting the content. When prefix is too short to
// reach the end of the sealed Meta it returns need, the length of the
// prefix that does, and no error: read that much and call again. A store
// reads min([StatPrefix], size) bytes first. The errors are those of
// [Unseal]; a header that announces more than size bytes is a
// [*CorruptError].
func UnsealMeta(keys *Keyring, caseID string, role evidence.Role, prefix []byte, size int64) (meta Meta, need int, err error) {
	o, err := newOpener(keys, caseID, role)
	if err != nil {
		return Meta{}, 0, err
	}
	if int64(len(prefix)) > size {
		prefix = prefix[:size]
	}
	l, reason := parse(prefix)
	if reason == "too short" && int64(len(prefix)) < size {
		// The header up to the Meta's length, as far as the file goes.
		n := 2 + maxKeyIDLen + nonceSize + wrapped + 4
		if len(prefix) >= 2 {
			n = 2 + int(prefix[1]) + nonceSize + wrapped + 4
		}
		return Meta{}, int(min(int64(n), size)), nil
	}
	if reason == "" && !l.headerDone {
		if int64(l.metaEnd) > size {
			reason = "too short"
		} else {
			return Meta{}, l.metaEnd, nil
		}
	}
	if reason != "" {
		return Meta{}, 0, o.corrupt(reason)
	}
	data, err := o.data(prefix, l)
	if err != nil {
		return Meta{}, 0, err
	}
	meta, err = o.meta(data, prefix, l)
	return meta, 0, err
}

// Rewrap returns the stored file b with its data key wrapped by the
// keyring's current key, and whether that changed anything (false: b is
// under the current key already, and returned as is). Only the header up
// to the wrapped data key changes: the sealed Meta and content are kept,
// byte for byte. The errors are those of [Unseal] for the header.
func Rewrap(keys *Keyring, caseID string, role evidence.Role, b []byte) ([]byte, bool, error) {
	o, err := newOpener(keys, caseID, role)
	if err != nil {
		return nil, false, err
	}
	return o.rewrap(b)
}

// newOpener returns the opener of the case's role, or the error of an
// invalid case ID or role or of a missing keyring.
func newOpener(keys *Keyring, caseID string, role evidence.Role) (opener, error) {
	if err := Check(caseID, role); err != nil {
		return opener{}, err
	}
	if keys == nil {
		return opener{}, fmt.Errorf("%w: no keyring", ErrKey)
	}
	return opener{keys, caseID, role}, nil
}

// wireMeta is Meta as sealed in a file.
type wireMeta struct {
	Name       string            `json:"name,omitempty"`
	Format     evidence.Format   `json:"format,omitempty"`
	Size       int64             `json:"size"`
	Digest     evidence.Digest   `json:"sha256"`
	Violations []rules.Violation `json:"violations,omitempty"`
	StoredAt   time.Time         `json:"stored_at"`
}

// aad is the additional data of a seal: a label, the case and the role,
// and any extra parts, separated by NUL bytes.
func aad(label, caseID string, role evidence.Role, extra ...string) []byte {
	b := make([]byte, 0, 64)
	b = append(b, "realname/vault v1 "...)
	b = append(b, label...)
	for _, s := range append([]string{caseID, role.String()}, extra...) {
		b = append(b, 0)
		b = append(b, s...)
	}
	return b
}

// seal returns the stored form of content with meta under the keyring's
// current key, in one allocation of the final size.
func seal(k *Keyring, caseID string, role evidence.Role, meta Meta, content []byte) ([]byte, error) {
	m, err := json.Marshal(wireMeta{Name: meta.Name, Format: meta.Format, Size: meta.Size, Digest: meta.Digest,
		Violations: meta.Violations, StoredAt: meta.StoredAt.UTC()})
	if err != nil {
		return nil, err
	}
	var dk [dataKey]byte
	defer clear(dk[:])
	if _, err := rand.Read(dk[:]); err != nil {
		return nil, err
	}
	data, err := newGCM(dk[:])
	if err != nil {
		return nil, err
	}
	id := k.Current()
	size := 2 + len(id) + nonceSize + wrapped + 4 + nonceSize + len(m) + tagSize + nonceSize + len(content) + tagSize
	b := make([]byte, 0, size)
	b = wrapKey(b, k.aead(id), id, caseID, role, dk[:])
	b = binary.BigEndian.AppendUint32(b, uint32(len(m)+tagSize))
	b = sealPart(b, data, m, aad("meta", caseID, role))
	b = sealPart(b, data, content, aad("body", caseID, role))
	return b, nil
}

// wrapKey appends the header up to the wrapped data key to b.
func wrapKey(b []byte, kek cipher.AEAD, id, caseID string, role evidence.Role, dk []byte) []byte {
	b = append(b, version1, byte(len(id)))
	b = append(b, id...)
	return sealPart(b, kek, dk, aad("key", caseID, role, "\x01", id))
}

// sealPart appends a random nonce and the sealed plaintext to b.
func sealPart(b []byte, a cipher.AEAD, plain, ad []byte) []byte {
	n := len(b)
	b = b[:n+nonceSize]
	_, _ = rand.Read(b[n:]) // crypto/rand.Read never fails on supported platforms
	return a.Seal(b, b[n:], plain, ad)
}

// layout is where the parts of a stored file are.
type layout struct {
	keyID      string
	keyEnd     int // end of the wrapped data key
	metaStart  int // start of the Meta's nonce
	metaEnd    int // end of the sealed Meta
	headerDone bool
}

// parse reads the layout from the start of a stored file; b may be a
// prefix. It fails with a reason when the prefix cannot be a file, and
// reports headerDone false when more bytes are needed to reach the Meta's
// end.
func parse(b []byte) (layout, string) {
	var l layout
	if len(b) < 2 {
		return l, "too short"
	}
	if b[0] != version1 {
		return l, "unknown format version"
	}
	n := int(b[1])
	l.keyEnd = 2 + n + nonceSize + wrapped
	if n == 0 || n > maxKeyIDLen {
		return l, "bad key ID length"
	}
	if len(b) < l.keyEnd+4 {
		return l, "too short"
	}
	l.keyID = string(b[2 : 2+n])
	m := int(binary.BigEndian.Uint32(b[l.keyEnd:]))
	if m < tagSize || m > maxMeta {
		return l, "bad metadata length"
	}
	l.metaStart = l.keyEnd + 4
	l.metaEnd = l.metaStart + nonceSize + m
	l.headerDone = len(b) >= l.metaEnd
	return l, ""
}

// opener opens the parts of one stored file.
type opener struct {
	k      *Keyring
	caseID string
	role   evidence.Role
}

func (o opener) corrupt(reason string) error {
	return &CorruptError{Case: o.caseID, Role: o.role, Reason: reason}
}

// dataKey unwraps the file's data key.
func (o opener) data(b []byte, l layout) (cipher.AEAD, error) {
	kek := o.k.aead(l.keyID)
	if kek == nil {
		return nil, o.corrupt("key " + l.keyID + " is not in the keyring")
	}
	start := 2 + len(l.keyID)
	dk, err := kek.Open(nil, b[start:start+nonceSize], b[start+nonceSize:l.keyEnd], aad("key", o.caseID, o.role, "\x01", l.keyID))
	if err != nil {
		return nil, o.corrupt("the data key does not open (changed, or another case's or role's file)")
	}
	defer clear(dk)
	return newGCM(dk)
}

// meta opens the Meta of a file whose header b holds.
func (o opener) meta(data cipher.AEAD, b []byte, l layout) (Meta, error) {
	nonce := b[l.metaStart : l.metaStart+nonceSize]
	plain, err := data.Open(nil, nonce, b[l.metaStart+nonceSize:l.metaEnd], aad("meta", o.caseID, o.role))
	if err != nil {
		return Meta{}, o.corrupt("the metadata does not open")
	}
	var w wireMeta
	if err := json.Unmarshal(plain, &w); err != nil {
		return Meta{}, o.corrupt("the metadata does not decode")
	}
	return Meta{Case: o.caseID, Role: o.role, Name: w.Name, Format: w.Format, Size: w.Size, Digest: w.Digest,
		Violations: w.Violations, StoredAt: w.StoredAt, KeyID: l.keyID}, nil
}

// open opens a whole stored file; the content is decrypted in place, so it
// shares b's memory.
func (o opener) open(b []byte) ([]byte, Meta, error) {
	l, reason := parse(b)
	if reason == "" && !l.headerDone {
		reason = "too short"
	}
	if reason != "" {
		return nil, Meta{}, o.corrupt(reason)
	}
	data, err := o.data(b, l)
	if err != nil {
		return nil, Meta{}, err
	}
	meta, err := o.meta(data, b, l)
	if err != nil {
		return nil, Meta{}, err
	}
	body := b[l.metaEnd:]
	if len(body) < nonceSize+tagSize {
		return nil, Meta{}, o.corrupt("too short")
	}
	content, err := data.Open(body[nonceSize:nonceSize], body[:nonceSize], body[nonceSize:], aad("body", o.caseID, o.role))
	if err != nil {
		return nil, Meta{}, o.corrupt("the content does not open")
	}
	if int64(len(content)) != meta.Size {
		return nil, Meta{}, o.corrupt("the content's size differs from its metadata")
	}
	return content, meta, nil
}

// rewrap returns b with its data key wrapped by the keyring's current key,
// and whether anything changed.
func (o opener) rewrap(b []byte) ([]byte, bool, error) {
	l, reason := parse(b)
	if reason != "" {
		return nil, false, o.corrupt(reason)
	}
	if l.keyID == o.k.Current() {
		return b, false, nil
	}
	kek := o.k.aead(l.keyID)
	if kek == nil {
		return nil, false, o.corrupt("key " + l.keyID + " is not in the keyring")
	}
	start := 2 + len(l.keyID)
	dk, err := kek.Open(nil, b[start:start+nonceSize], b[start+nonceSize:l.keyEnd], aad("key", o.caseID, o.role, "\x01", l.keyID))
	if err != nil {
		return nil, false, o.corrupt("the data key does not open (changed, or another case's or role's file)")
	}
	defer clear(dk)
	id := o.k.Current()
	out := make([]byte, 0, 2+len(id)+nonceSize+wrapped+len(b)-l.keyEnd)
	out = wrapKey(out, o.k.aead(id), id, o.caseID, o.role, dk)
	return append(out, b[l.keyEnd:]...), true, nil
}
