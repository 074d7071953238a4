package binding_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/certificate"
)

func num(k certificate.Kind, region, n string) certificate.Number {
	return certificate.NewNumber(k, region, n)
}

func TestCountingKeySameCertificate(t *testing.T) {
	for _, tc := range []struct {
		a, b   certificate.Number
		reason string
	}{
		// 11010519491231002X is the sample of GB 11643-1999; its 15-digit
		// form drops "19" and the check character.
		{num(certificate.IDCard, "CN", "11010519491231002X"), num(certificate.IDCard, "CN", "110105491231002"), "15- and 18-digit PRC numbers"},
		// 110101491001001 → 11010119491001001X (validator.js and
		// django-localflavor list the pair).
		{num(certificate.IDCard, "CN", "11010119491001001X"), num(certificate.IDCard, "CN", "110101491001001"), "another 15-digit number"},
		{num(certificate.IDCard, "CN", "810000199408230021"), num(certificate.HKMOResidencePermit, "CN", "810000199408230021"), "a residence-permit number typed as an identity card"},
		{num(certificate.TWResidencePermit, "CN", "830000199201300022"), num(certificate.TWResidencePermit, "TW", "830000199201300022"), "the citizen family is always issued in CN"},
		{num(certificate.HKMOTravelPermit, "HK", "H12345678"), num(certificate.HKMOTravelPermit, "HK", "H1234567801"), "a Home Return Permit with and without its issue count"},
		{num(certificate.HKMOTravelPermit, "HK", "H12345678"), num(certificate.HKMOTravelPermit, "", "H12345678"), "the permit's letter, not the region, says Hong Kong"},
		{num(certificate.TWTravelPermit, "TW", "12345678"), num(certificate.TWTravelPermit, "TW", "1234567801"), "a Taiwan permit with its issue count"},
		{num(certificate.TWTravelPermit, "TW", "12345678"), num(certificate.TWTravelPermit, "TW", "1234567801B"), "and with its authority code"},
	} {
		ka, err := binding.CountingKey(tc.a)
		require.NoError(t, err, tc.reason)
		kb, err := binding.CountingKey(tc.b)
		require.NoError(t, err, tc.reason)
		assert.Equal(t, ka, kb, tc.reason)
	}
}

func TestCountingKeyDifferentCertificates(t *testing.T) {
	for _, tc := range []struct {
		a, b   certificate.Number
		reason string
	}{
		{num(certificate.Passport, "DE", "C01X00T47"), num(certificate.Passport, "FR", "C01X00T47"), "one passport number in two issuing states"},
		{num(certificate.Passport, "CN", "E12345678"), num(certificate.IDCard, "HK", "E12345678"), "a passport and an identity card"},
		{num(certificate.IDCard, "CN", "11010519491231002X"), num(certificate.IDCard, "HK", "11010519491231002X"), "the PRC card and another region's card"},
		{num(certificate.HKMOTravelPermit, "HK", "H12345678"), num(certificate.HKMOTravelPermit, "MO", "M12345678"), "Hong Kong and Macao permits"},
		{num(certificate.DriverLicense, "US-CA", "D1234567"), num(certificate.DriverLicense, "US-NV", "D1234567"), "driving licences of two states"},
		{num(certificate.IDCard, "CN", "110105194912310021"), num(certificate.IDCard, "CN", "11010519491231002X"), "numbers differing in one character"},
	} {
		ka, err := binding.CountingKey(tc.a)
		require.NoError(t, err, tc.reason)
		kb, err := binding.CountingKey(tc.b)
		require.NoError(t, err, tc.reason)
		assert.NotEqual(t, ka, kb, tc.reason)
	}
}

func TestCountingKeyErrors(t *testing.T) {
	for _, tc := range []struct {
		n      certificate.Number
		reason string
	}{
		{certificate.Number{}, "the zero number"},
		{num(0, "CN", "123"), "an invalid kind"},
		{num(certificate.Passport, "", "C01X00T47"), "a passport without an issuing state"},
		{num(certificate.IDCard, "", "123"), "an identity card without a region"},
	} {
		_, err := binding.CountingKey(tc.n)
		assert.ErrorIs(t, err, binding.ErrNumber, tc.reason)
		assert.NotContains(t, err.Error(), "C01X00T47", "%s: the error holds no number", tc.reason)
	}
}

func TestFamily(t *testing.T) {
	for _, tc := range []struct {
		kind   certificate.Kind
		region string
		want   string
	}{
		{certificate.IDCard, "CN", binding.FamilyCNCitizen},
		{certificate.HKMOResidencePermit, "CN", binding.FamilyCNCitizen},
		{certificate.TWResidencePermit, "CN", binding.FamilyCNCitizen},
		{certificate.IDCard, "HK", binding.FamilyIDCard},
		{certificate.HKMOTravelPermit, "HK", binding.FamilyHKMOPermit},
		{certificate.TWTravelPermit, "TW", binding.FamilyTWPermit},
		{certificate.Passport, "CN", binding.FamilyPassport},
		{certificate.DriverLicense, "GB", binding.FamilyDriverLicense},
		{0, "CN", ""},
	} {
		assert.Equal(t, tc.want, binding.Family(tc.kind, tc.region), "%s in %s", tc.kind, tc.region)
	}
}

func TestKeyring(t *testing.T) {
	secret := func(id, b string) binding.Secret { return binding.Secret{ID: id, Bytes: []byte(b)} }
	long := strings.Repeat("s", 32)
	for _, tc := range []struct {
		current  binding.Secret
		previous []binding.Secret
		reason   string
	}{
		{secret("a", "short"), nil, "a secret below 16 bytes"},
		{secret("", long), nil, "an empty identifier"},
		{secret("has space", long), nil, "an identifier with a space"},
		{secret(strings.Repeat("i", 33), long), nil, "an identifier over 32 characters"},
		{secret("a", long), []binding.Secret{secret("a", long+"x")}, "a repeated identifier"},
		{secret("a", long), []binding.Secret{secret("b", "short")}, "a short previous secret"},
	} {
		_, err := binding.NewKeyring(tc.current, tc.previous...)
		assert.ErrorIs(t, err, binding.ErrSecret, tc.reason)
		assert.NotContains(t, err.Error(), long, "%s: the error holds no secret", tc.reason)
	}

	n := num(certificate.IDCard, "CN", "11010519491231002X")
	k1, err := binding.NewKeyring(secret("one", long))
	require.NoError(t, err)
	k2, err := binding.NewKeyring(secret("two", long+"2"), secret("one", long))
	require.NoError(t, err)
	a, err := k1.Key(n)
	require.NoError(t, err)
	b, err := k2.Key(n)
	require.NoError(t, err)
	assert.NotEqual(t, a.Current, b.Current, "another secret gives another digest")
	assert.Equal(t, []binding.Digest{a.Current}, b.Previous, "the previous secret's digest is kept for lookups")
	assert.Equal(t, "two", b.SecretID)
	assert.Equal(t, []binding.Digest{b.Current, a.Current}, b.Digests())

	buf := []byte(long)
	k3, err := binding.NewKeyring(binding.Secret{ID: "one", Bytes: buf})
	require.NoError(t, err)
	buf[0] = 'x'
	c, err := k3.Key(n)
	require.NoError(t, err)
	assert.Equal(t, a.Current, c.Current, "the keyring copies its secrets")

	_, err = k1.Key(certificate.Number{})
	assert.True(t, errors.Is(err, binding.ErrNumber))
}

func TestNewSecret(t *testing.T) {
	a := binding.NewSecret([]byte("first secret, 32 bytes long....."))
	b := binding.NewSecret([]byte("second secret, 32 bytes long...."))
	assert.NotEqual(t, a.ID, b.ID, "identifiers follow the bytes")
	assert.Len(t, a.ID, 17)
	_, err := binding.NewKeyring(a, b)
	assert.NoError(t, err, "derived identifiers are valid")
}

func TestState(t *testing.T) {
	for _, tc := range []struct {
		s    binding.State
		want string
	}{
		{binding.None, "none"}, {binding.Pending, "pending"}, {binding.Confirmed, "confirmed"},
	} {
		assert.Equal(t, tc.want, tc.s.String())
		txt, err := tc.s.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(txt))
		var back binding.State = 7
		require.NoError(t, back.UnmarshalText(txt))
		assert.Equal(t, tc.s, back, "text round trip")
	}
	assert.Equal(t, "State(9)", binding.State(9).String(), "an invalid state is not shown as a valid one")
	_, err := binding.State(9).MarshalText()
	assert.Error(t, err, "an invalid state does not marshal as none")
	var s binding.State
	for _, bad := range []string{"", "None", "held", "pending "} {
		assert.Error(t, s.UnmarshalText([]byte(bad)), "%q", bad)
	}
}

func TestResultJSONRoundTrip(t *testing.T) {
	for _, r := range []binding.Result{
		{},
		{Held: true, State: binding.Pending, Count: 2, Limit: 3},
		{Held: true, State: binding.Confirmed, Count: 3, Limit: 3},
		{State: binding.None, Count: 3, Limit: 3},
	} {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var back binding.Result
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, r, back, string(b))
	}
	var r binding.Result
	assert.Error(t, json.Unmarshal([]byte(`{"held":true,"state":"taken"}`), &r), "an unknown state is refused")
}

// FuzzCountingKey checks that any number of any kind gives a key or ErrNumber
// without panicking, that the key never holds more than the family, region
// and number, and that counting is idempotent: the counted number, given
// again, counts as the same certificate.
func FuzzCountingKey(f *testing.F) {
	for _, seed := range []struct {
		kind   uint8
		region string
		number string
	}{
		{2, "CN", "11010519491231002X"}, // GB 11643 sample
		{2, "CN", "110105491231002"},    // its 15-digit form
		{2, "CN", "11010549123100A"},    // 15 characters, not digits
		{3, "HK", "H1234567801"},        // Home Return Permit with issue count
		{3, "MO", "MA1234567"},          // card for non-Chinese citizens
		{4, "TW", "1234567801(B)"},      // legacy Taiwan permit
		{1, "DE", "C01X00T47"},          // passport
		{7, "US-CA", "D1234567"},        // driving licence
		{0, "", ""},                     // nothing
		{9, "CN", "x"},                  // invalid kind
	} {
		f.Add(seed.kind, seed.region, seed.number)
	}
	f.Fuzz(func(t *testing.T, kind uint8, region, number string) {
		n := certificate.NewNumber(certificate.Kind(kind), region, number)
		k, err := binding.CountingKey(n)
		if err != nil {
			if !errors.Is(err, binding.ErrNumber) {
				t.Fatalf("error %v does not match ErrNumber", err)
			}
			return
		}
		parts := strings.Split(k, "\x00")
		if len(parts) < 4 || parts[0] != "v1" || parts[1] != binding.Family(n.Kind(), region) {
			t.Fatalf("malformed key %q", k)
		}
		counted := strings.Join(parts[3:], "\x00")
		if len(counted) > len(number)+3 {
			t.Fatalf("counted number %q longer than %q", counted, number)
		}
		again, err := binding.CountingKey(certificate.NewNumber(n.Kind(), region, counted))
		if err != nil || again != k {
			t.Fatalf("counting %q again gave %q, %v; want %q", counted, again, err, k)
		}
	})
}
