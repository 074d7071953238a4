package binding

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/checksum"
)

// Digest is an HMAC-SHA-256 of a certificate's counting key. It is what the
// stores keep instead of the number.
type Digest [sha256.Size]byte

// Key identifies one certificate in a store: its digest under the current
// secret, the identifier of that secret, and its digests under retired secrets
// that may still label older rows. Stores count rows under every digest of a
// key and relabel older rows with Current when they write (see "Key rotation"
// in the package documentation).
type Key struct {
	Current  Digest
	SecretID string
	Previous []Digest
}

// Digests returns Current followed by Previous.
func (k Key) Digests() []Digest {
	return append([]Digest{k.Current}, k.Previous...)
}

// MinSecretLen is the shortest secret a [Keyring] accepts, in bytes.
const MinSecretLen = 16

// maxSecretIDLen bounds secret identifiers, which stores keep in a column.
const maxSecretIDLen = 32

// Secret is one HMAC key. ID is a short label stored beside every row hashed
// with it, so operators can see how many rows a rotation has left to relabel.
type Secret struct {
	ID    string
	Bytes []byte
}

// NewSecret returns a secret whose identifier is derived from its bytes: "k"
// and the first 16 hex digits of their SHA-256. It suits secrets loaded from
// configuration, where a rotation changes the bytes and so the identifier.
func NewSecret(b []byte) Secret {
	sum := sha256.Sum256(b)
	return Secret{ID: "k" + hex.EncodeToString(sum[:8]), Bytes: append([]byte(nil), b...)}
}

// Keyring derives [Key] values from certificate numbers with a current secret
// and any number of retired ones. It is immutable and safe for concurrent use.
type Keyring struct {
	current  Secret
	previous []Secret
}

// ErrSecret reports an unusable secret: too short, or with a bad or repeated
// identifier.
var ErrSecret = errors.New("binding: unusable secret")

// NewKeyring returns a keyring hashing with current and also looking up rows
// hashed with the previous secrets (newest first). Every secret must be at
// least [MinSecretLen] bytes and carry a distinct identifier of 1 to 32
// printable ASCII characters.
func NewKeyring(current Secret, previous ...Secret) (*Keyring, error) {
	seen := map[string]bool{}
	all := append([]Secret{current}, previous...)
	for i, s := range all {
		if len(s.Bytes) < MinSecretLen {
			return nil, fmt.Errorf("%w: secret %d is %d bytes, need at least %d", ErrSecret, i, len(s.Bytes), MinSecretLen)
		}
		if !validSecretID(s.ID) {
			return nil, fmt.Errorf("%w: secret %d has an identifier that is empty, longer than %d or not printable ASCII", ErrSecret, i, maxSecretIDLen)
		}
		if seen[s.ID] {
			return nil, fmt.Errorf("%w: identifier %q used twice", ErrSecret, s.ID)
		}
		seen[s.ID] = true
	}
	k := &Keyring{current: clone(current)}
	for _, p := range previous {
		k.previous = append(k.previous, clone(p))
	}
	return k, nil
}

func clone(s Secret) Secret {
	return Secret{ID: s.ID, Bytes: append([]byte(nil), s.Bytes...)}
}

func validSecretID(id string) bool {
	if id == "" || len(id) > maxSecretIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

// ErrNumber reports a number that cannot be counted: the zero number, an
// invalid kind, or a number without an issuing region.
var ErrNumber = errors.New("binding: number cannot be counted")

// Key returns the key of the certificate n.
func (k *Keyring) Key(n certificate.Number) (Key, error) {
	msg, err := CountingKey(n)
	if err != nil {
		return Key{}, err
	}
	key := Key{Current: digest(k.current.Bytes, msg), SecretID: k.current.ID}
	for _, p := range k.previous {
		key.Previous = append(key.Previous, digest(p.Bytes, msg))
	}
	return key, nil
}

func digest(secret []byte, msg string) Digest {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(msg))
	var d Digest
	m.Sum(d[:0])
	return d
}

// Families of certificates. Kinds whose numbers come from one number space
// share a family, so the same certificate typed under another kind is still
// counted once.
const (
	// FamilyCNCitizen: the GB 11643 citizen number of the PRC identity card
	// (id_card in CN) and of the Hong Kong, Macao and Taiwan residence permits,
	// which use the same 18-character layout with address codes 81, 82 and 83.
	FamilyCNCitizen = "cn_citizen"
	// FamilyHKMOPermit: the lifelong number of the Home Return Permit.
	FamilyHKMOPermit = "hkmo_travel_permit"
	// FamilyTWPermit: the lifelong number of the Taiwan Compatriot Permit.
	FamilyTWPermit = "tw_travel_permit"
	// FamilyPassport: a passport of its issuing state.
	FamilyPassport = "passport"
	// FamilyIDCard: a national identity card other than the PRC card.
	FamilyIDCard = "id_card"
	// FamilyDriverLicense: a driving licence of its issuing region.
	FamilyDriverLicense = "driver_license"
)

// Family returns the counting family of a certificate kind in a region.
func Family(kind certificate.Kind, region string) string {
	switch kind {
	case certificate.IDCard:
		if region == "CN" {
			return FamilyCNCitizen
		}
		return FamilyIDCard
	case certificate.HKMOResidencePermit, certificate.TWResidencePermit:
		return FamilyCNCitizen
	case certificate.HKMOTravelPermit:
		return FamilyHKMOPermit
	case certificate.TWTravelPermit:
		return FamilyTWPermit
	case certificate.Passport:
		return FamilyPassport
	case certificate.DriverLicense:
		return FamilyDriverLicense
	}
	return ""
}

// CountingKey returns the text that is hashed to count the certificate n:
// "v1", the family, the issuing region and the counted number, separated by
// NUL bytes. It is personal data: never store or log it.
//
// The counted number is the canonical number, with three normalisations so a
// certificate is counted once across its forms even when a scheme keeps the
// longer form: a 15-digit PRC citizen number becomes its 18-digit form (GB
// 11643: "19" inserted before the birth year, MOD 11-2 check character
// appended); a Home Return Permit number with its two issue-count digits
// (H or M, 8 digits, 2 digits) keeps its first nine characters; a Taiwan
// Compatriot Permit number with issue count (and authority code) keeps its
// eight-digit lifelong number. The region of the citizen family is CN, the
// issuing authority of all three of its kinds.
func CountingKey(n certificate.Number) (string, error) {
	family := Family(n.Kind(), n.Region())
	number := n.Canonical()
	region := n.Region()
	switch {
	case n.IsZero(), family == "":
		return "", ErrNumber
	case region == "" && family != FamilyHKMOPermit && family != FamilyTWPermit:
		return "", fmt.Errorf("%w: %s number without a region", ErrNumber, n.Kind())
	case strings.IndexByte(region, 0) >= 0:
		return "", fmt.Errorf("%w: region holds a NUL byte", ErrNumber)
	}
	switch family {
	case FamilyCNCitizen:
		region = "CN"
		number = citizen18(number)
	case FamilyHKMOPermit:
		if len(number) == 11 && (number[0] == 'H' || number[0] == 'M') && digits(number[1:]) {
			number = number[:9]
		}
		// The letter says the region: H is Hong Kong, M is Macao.
		region = ""
	case FamilyTWPermit:
		if len(number) >= 10 && digits(number[:10]) {
			number = number[:8]
		}
		region = "TW"
	}
	return "v1\x00" + family + "\x00" + region + "\x00" + number, nil
}

// citizen18 returns the 18-digit form of a 15-digit citizen number, and any
// other input unchanged.
func citizen18(s string) string {
	if len(s) != 15 || !digits(s) {
		return s
	}
	s17 := s[:6] + "19" + s[6:]
	c, ok := checksum.Mod11_2(s17)
	if !ok {
		return s
	}
	return s17 + string(c)
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
