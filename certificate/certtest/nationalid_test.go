package certtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/certtest"
	"github.com/realname-go/realname/certificate/nationalid"
)

// Every region's generator returns numbers its scheme accepts, encoding the
// requested birth date and sex where the region's numbers carry them.
func TestNationalIDParsesBack(t *testing.T) {
	births := []certificate.Date{
		{Year: 1960, Month: time.February, Day: 29},
		{Year: 1987, Month: time.December, Day: 31},
		{Year: 2004, Month: time.July, Day: 1},
	}
	reg, err := certificate.NewRegistry(nationalid.Schemes()...)
	require.NoError(t, err)
	for _, region := range nationalid.Regions() {
		for seed := uint64(1); seed <= 20; seed++ {
			birth := births[int(seed)%len(births)]
			sex := certificate.Male + certificate.Sex(seed%2)
			n, err := certtest.NationalID(region, seed, birth, sex)
			require.NoError(t, err, "%s seed %d", region, seed)
			p, err := reg.ParseOn(certificate.Date{Year: 2026, Month: 1, Day: 1}, certificate.IDCard, region, n)
			require.NoError(t, err, "%s %s", region, n)
			assert.Equal(t, n, p.Number.Canonical(), "%s: generator returns the canonical form", region)
			if !p.Birth.IsZero() {
				assert.Equal(t, birth, p.Birth, "%s %s", region, n)
			}
			if p.Sex != certificate.SexUnspecified {
				assert.Equal(t, sex, p.Sex, "%s %s", region, n)
			}
		}
	}
}

func TestNationalIDDeterministic(t *testing.T) {
	for _, region := range nationalid.Regions() {
		a, err := certtest.NationalID(region, 42, certificate.Date{}, certificate.SexUnspecified)
		require.NoError(t, err, region)
		b, err := certtest.NationalID(region, 42, certificate.Date{}, certificate.SexUnspecified)
		require.NoError(t, err, region)
		assert.Equal(t, a, b, "%s: same seed, same number", region)
		c, err := certtest.NationalID(region, 43, certificate.Date{}, certificate.SexUnspecified)
		require.NoError(t, err, region)
		assert.NotEqual(t, a, c, "%s: another seed, another number", region)
	}
}

func TestNationalIDErrors(t *testing.T) {
	cases := []struct {
		region string
		birth  certificate.Date
		reason string
	}{
		{"XX", certificate.Date{}, "no such region"},
		{"CN", certificate.Date{}, "CN numbers come from CNResidentID"},
		{"KR", certificate.Date{Year: 2150, Month: 1, Day: 1}, "KR numbers encode births 1800–2099"},
		{"EG", certificate.Date{Year: 1899, Month: 1, Day: 1}, "EG numbers encode births 1900–2099"},
		{"PL", certificate.Date{Year: 1990, Month: 2, Day: 30}, "birth date does not exist"},
	}
	for _, c := range cases {
		_, err := certtest.NationalID(c.region, 1, c.birth, certificate.Male)
		assert.ErrorIs(t, err, certtest.ErrNoGenerator, c.reason)
	}
}

func ExampleNationalID() {
	birth := certificate.Date{Year: 1985, Month: time.July, Day: 30}
	n, err := certtest.NationalID("BE", 7, birth, certificate.Female)
	if err != nil {
		panic(err)
	}
	s, _ := nationalid.Scheme("BE", nationalid.Options{})
	p, _ := s.Parse(n)
	fmt.Println(len(n), p.Birth, p.Sex)
	// Output: 11 1985-07-30 F
}
