package certtest_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/certtest"
	"github.com/realname-go/realname/certificate/nationalid"
)

// Every generator takes its seed as a uint64: this does not compile when one
// takes another type.
var (
	_ func(uint64, certificate.Date, certificate.Sex, string) (string, error) = certtest.CNResidentID
	_ func(uint64, certificate.Date, certificate.Sex, string) (string, error) = certtest.CNResidentIDLegacy
	_ func(uint64, certificate.Date, certificate.Sex, string) (string, error) = certtest.CNResidencePermit
	_ func(uint64, string) (string, error)                                    = certtest.CNHKMOTravelPermit
	_ func(uint64, string) (string, error)                                    = certtest.CNHKMOTravelPermitNonCitizen
	_ func(uint64) string                                                     = certtest.CNTWTravelPermit
	_ func(string, uint64, certificate.Date, certificate.Sex) (string, error) = certtest.NationalID
)

// One seed feeds every generator, the whole uint64 range included.
func TestSeedSharedAcrossGenerators(t *testing.T) {
	birth := certificate.Date{Year: 1985, Month: 1, Day: 2}
	for _, seed := range []uint64{0, 7, math.MaxInt64 + 1, math.MaxUint64} {
		cn, err := certtest.CNResidentID(seed, birth, certificate.Male, "")
		require.NoError(t, err, "seed %d", seed)
		assert.Len(t, cn, 18)
		for _, region := range nationalid.Regions() {
			n, err := certtest.NationalID(region, seed, birth, certificate.Male)
			require.NoError(t, err, "%s seed %d", region, seed)
			again, err := certtest.NationalID(region, seed, birth, certificate.Male)
			require.NoError(t, err)
			assert.Equal(t, n, again, "%s seed %d", region, seed)
		}
	}
}
