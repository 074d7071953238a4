package certificate_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
)

// TestNumberTextRoundTrip: a Number marshals masked and reads back as a
// masked number that prints the same, equals nothing and reveals nothing.
func TestNumberTextRoundTrip(t *testing.T) {
	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	b, err := json.Marshal(struct{ N certificate.Number }{n})
	require.NoError(t, err)
	var back struct{ N certificate.Number }
	require.NoError(t, json.Unmarshal(b, &back))
	m := back.N
	assert.True(t, m.Masked())
	assert.False(t, m.IsZero())
	assert.Equal(t, n.String(), m.String())
	assert.Equal(t, n.String(), fmt.Sprintf("%v|%s", m, m)[:len(n.String())])
	assert.NotContains(t, fmt.Sprintf("%#v %+v", m, m), "11010519491231002X")
	assert.Empty(t, m.Canonical())
	assert.Empty(t, string(m.Reveal()))
	assert.Equal(t, certificate.Kind(0), m.Kind())
	assert.False(t, m.Equal(n))
	assert.False(t, m.Equal(m), "a masked number names no certificate, so it equals none")
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))

	var z certificate.Number
	require.NoError(t, z.UnmarshalText(nil))
	assert.True(t, z.IsZero())
	for _, bad := range []string{strings.Repeat("1", 65), "1101\n**", "\xff\xfe"} {
		assert.Error(t, z.UnmarshalText([]byte(bad)), "%q", bad)
	}
}
