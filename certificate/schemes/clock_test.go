package schemes_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
	"github.com/realname-go/realname/certificate/schemes"
)

// clockOn is a clock at noon on day in China Standard Time.
func clockOn(day certificate.Date) certificate.Clock {
	return certificate.Clock{Now: func() time.Time { return day.Time(certificate.DefaultLocation()).Add(12 * time.Hour) }}
}

// The dated schemes of the default registry: those that refuse a birth date
// after today and those that place two-digit years.
func TestDefaultDatedSchemes(t *testing.T) {
	var dated []string
	for _, s := range schemes.Default().Schemes() {
		_, d := s.(certificate.DatedScheme)
		_, rd := s.(certificate.RegionalDatedScheme)
		if d || rd {
			dated = append(dated, s.Kind().String()+" "+s.Region())
		}
	}
	slices.Sort(dated)
	assert.Equal(t, []string{
		"hkmo_residence_permit CN",
		"id_card CN", "id_card ID", "id_card IT", "id_card MY", "id_card SE", "id_card ZA",
		"tw_residence_permit CN",
	}, dated)
}

// schemes.Default().WithClock reaches every dated scheme.
func TestDefaultWithClock(t *testing.T) {
	in2019 := certificate.Date{Year: 2019, Month: time.June, Day: 1}
	in2030 := certificate.Date{Year: 2030, Month: time.January, Day: 1}
	born2020 := []struct {
		kind   certificate.Kind
		number string
	}{
		{certificate.IDCard, "110105202001010015"},
		{certificate.HKMOResidencePermit, "810000202001010021"},
		{certificate.TWResidencePermit, "830000202001010025"},
	}
	for _, c := range born2020 {
		_, err := schemes.Default().WithClock(clockOn(in2019)).Parse(c.kind, "CN", c.number)
		var ne *certificate.NumberError
		require.ErrorAs(t, err, &ne, c.kind)
		assert.Equal(t, cn.CodeBirthInFuture, ne.Code, c.kind)
		p, err := schemes.Default().WithClock(clockOn(in2030)).Parse(c.kind, "CN", c.number)
		require.NoError(t, err, c.kind)
		assert.Equal(t, 2020, p.Birth.Year)
	}
	for _, c := range []struct{ region, number string }{
		{"ZA", "2001015077080"},
		{"MY", "200101145678"},
	} {
		p, err := schemes.Default().WithClock(clockOn(in2019)).Parse(certificate.IDCard, c.region, c.number)
		require.NoError(t, err, c.region)
		assert.Equal(t, 1920, p.Birth.Year, c.region)
		p, err = schemes.Default().WithClock(clockOn(in2030)).Parse(certificate.IDCard, c.region, c.number)
		require.NoError(t, err, c.region)
		assert.Equal(t, 2020, p.Birth.Year, c.region)
	}
}

// The registry route for a valid 18-digit PRC number does not allocate, with
// or without a clock.
func TestDefaultParseAllocations(t *testing.T) {
	for _, reg := range []certificate.Registry{
		schemes.Default(),
		schemes.Default().WithClock(clockOn(certificate.Date{Year: 2026, Month: time.January, Day: 1})),
	} {
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := reg.Parse(certificate.IDCard, "CN", "11010519491231002X"); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs)
	}
}
