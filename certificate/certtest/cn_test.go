package certtest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/certtest"
	"github.com/realname-go/realname/certificate/cn"
)

func date(y int, m time.Month, d int) certificate.Date {
	return certificate.Date{Year: y, Month: m, Day: d}
}

func TestCNResidentID(t *testing.T) {
	scheme := cn.NewIDCard(cn.Options{StrictBirthYear: true})
	tests := []struct {
		reason   string
		seed     uint64
		birth    certificate.Date
		sex      certificate.Sex
		division string
	}{
		{"man born in Beijing Chaoyang", 1, date(1990, time.May, 17), certificate.Male, "110105"},
		{"woman born on 29 February", 2, date(2000, time.February, 29), certificate.Female, "310104"},
		{"woman born on New Year's Eve 1949", 3, date(1949, time.December, 31), certificate.Female, "110105"},
		{"everything drawn from the seed", 4, certificate.Date{}, certificate.SexUnspecified, ""},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			n, err := certtest.CNResidentID(tc.seed, tc.birth, tc.sex, tc.division)
			require.NoError(t, err)
			require.Len(t, n, 18)
			p, err := scheme.Parse(n)
			require.NoError(t, err, "strict mode accepts generated numbers in listed divisions")
			if !tc.birth.IsZero() {
				assert.Equal(t, tc.birth, p.Birth)
				assert.Equal(t, tc.sex, p.Sex)
				assert.Equal(t, tc.division, n[:6])
			}
			again, err := certtest.CNResidentID(tc.seed, tc.birth, tc.sex, tc.division)
			require.NoError(t, err)
			assert.Equal(t, n, again, "deterministic")
		})
	}
}

func TestCNResidentIDSampleDivisionsAreListed(t *testing.T) {
	for seed := range uint64(64) {
		n, err := certtest.CNResidentID(seed, certificate.Date{}, certificate.SexUnspecified, "")
		require.NoError(t, err)
		assert.True(t, cn.DivisionListed(n[:6]), "seed %d drew %s", seed, n[:6])
	}
}

func TestCNResidentIDSeedsDiffer(t *testing.T) {
	seen := map[string]bool{}
	for seed := range uint64(50) {
		n, err := certtest.CNResidentID(seed, date(1980, time.January, 1), certificate.Male, "110105")
		require.NoError(t, err)
		seen[n] = true
	}
	assert.Greater(t, len(seen), 40, "different seeds give different sequence codes")
}

func TestCNResidentIDErrors(t *testing.T) {
	tests := []struct {
		reason   string
		birth    certificate.Date
		sex      certificate.Sex
		division string
	}{
		{"birth in the future", date(2999, time.January, 1), certificate.Male, "110105"},
		{"impossible date", date(1990, time.February, 30), certificate.Male, "110105"},
		{"unknown province", date(1990, time.January, 1), certificate.Male, "990101"},
		{"division not six digits", date(1990, time.January, 1), certificate.Male, "11010"},
		{"division with letters", date(1990, time.January, 1), certificate.Male, "11010A"},
		{"sex out of range", date(1990, time.January, 1), certificate.Sex(7), "110105"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := certtest.CNResidentID(1, tc.birth, tc.sex, tc.division)
			assert.Error(t, err)
		})
	}
}

func TestCNResidentIDLegacy(t *testing.T) {
	n, err := certtest.CNResidentIDLegacy(7, date(1965, time.March, 3), certificate.Female, "440106")
	require.NoError(t, err)
	require.Len(t, n, 15)
	p, err := cn.NewIDCard(cn.Options{}).Parse(n)
	require.NoError(t, err)
	assert.Equal(t, date(1965, time.March, 3), p.Birth)
	assert.Equal(t, certificate.Female, p.Sex)
	full, err := certtest.CNResidentID(7, date(1965, time.March, 3), certificate.Female, "440106")
	require.NoError(t, err)
	assert.Equal(t, full, p.Number.Canonical(), "the legacy number canonicalises to the 18-character one of the same seed")

	_, err = certtest.CNResidentIDLegacy(7, date(2001, time.March, 3), certificate.Female, "440106")
	assert.Error(t, err, "legacy numbers end with the 1900s")
}

func TestCNResidencePermit(t *testing.T) {
	tests := []struct {
		reason string
		region string
		scheme certificate.Scheme
		prefix string
	}{
		{"Hong Kong resident", "HK", cn.NewHKMOResidencePermit(cn.Options{}), "810000"},
		{"Macao resident", "MO", cn.NewHKMOResidencePermit(cn.Options{}), "820000"},
		{"Taiwan resident", "TW", cn.NewTWResidencePermit(cn.Options{}), "830000"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			n, err := certtest.CNResidencePermit(3, date(1988, time.August, 8), certificate.Male, tc.region)
			require.NoError(t, err)
			assert.Equal(t, tc.prefix, n[:6])
			p, err := tc.scheme.Parse(n)
			require.NoError(t, err)
			assert.Equal(t, tc.region, p.HolderRegion)
			assert.Equal(t, certificate.Male, p.Sex)
		})
	}
	_, err := certtest.CNResidencePermit(3, date(1988, time.August, 8), certificate.Male, "CN")
	assert.Error(t, err)
}

func TestCNTravelPermits(t *testing.T) {
	hk, err := certtest.CNHKMOTravelPermit(5, "HK")
	require.NoError(t, err)
	assert.Regexp(t, `^H\d{8}$`, hk)
	mo, err := certtest.CNHKMOTravelPermit(5, "MO")
	require.NoError(t, err)
	assert.Regexp(t, `^M\d{8}$`, mo)
	ha, err := certtest.CNHKMOTravelPermitNonCitizen(5, "HK")
	require.NoError(t, err)
	assert.Regexp(t, `^HA\d{7}$`, ha)
	_, err = certtest.CNHKMOTravelPermit(5, "TW")
	assert.Error(t, err)

	tw := certtest.CNTWTravelPermit(5)
	assert.Regexp(t, `^\d{8}$`, tw)
	p, err := cn.TWTravelPermitScheme{}.Parse(tw)
	require.NoError(t, err)
	assert.Equal(t, tw, p.Number.Canonical())
	assert.Equal(t, tw, certtest.CNTWTravelPermit(5))
}
