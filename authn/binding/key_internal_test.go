package binding

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDigestRFC4231 checks the HMAC-SHA-256 the keys are made with against
// RFC 4231, section 4.3 (test case 2) and 4.4 (test case 3).
func TestDigestRFC4231(t *testing.T) {
	for _, tc := range []struct {
		key, data, want string
		reason          string
	}{
		{"4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
			"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "test case 2: key Jefe"},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
			"773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", "test case 3: 20-byte key, 50 bytes of 0xdd"},
	} {
		key, _ := hex.DecodeString(tc.key)
		data, _ := hex.DecodeString(tc.data)
		d := digest(key, string(data))
		assert.Equal(t, tc.want, hex.EncodeToString(d[:]), tc.reason)
	}
}
