package driverlicense_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
)

// The default registry carries these schemes, alongside the national IDs.
func TestDefaultRegistry(t *testing.T) {
	reg := schemes.Default()
	p, err := reg.Parse(certificate.DriverLicense, "US-CA", "A1234567")
	require.NoError(t, err)
	assert.Equal(t, "US-CA", p.Number.Region())
	p, err = reg.Parse(certificate.DriverLicense, "TW", "A219758834")
	require.NoError(t, err, "Taiwan licences accepted by default, through the generic scheme")
	assert.Equal(t, "TW", p.Number.Region())
	_, err = reg.Parse(certificate.DriverLicense, "CN", "440301199001011234")
	assert.Equal(t, "driverlicense.issued_in_mainland", code(t, err))
	p, err = reg.Parse(certificate.IDCard, "KR", "971013-9019902")
	require.NoError(t, err, "national ID schemes are in the default registry too")
	assert.Equal(t, certificate.IDCard, p.Number.Kind())
}
