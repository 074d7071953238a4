package certificate_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
)

// plainScheme is not dated: it records how it was called.
type plainScheme struct {
	kind   certificate.Kind
	region string
	calls  *[]string
}

func (s plainScheme) Kind() certificate.Kind { return s.kind }
func (s plainScheme) Region() string         { return s.region }
func (s plainScheme) Parse(input string) (certificate.Parsed, error) {
	*s.calls = append(*s.calls, "Parse")
	return certificate.Parsed{Number: certificate.NewNumber(s.kind, s.region, input)}, nil
}

// datedScheme records the date it was given; Birth carries it back.
type datedScheme struct{ plainScheme }

func (s datedScheme) ParseOn(today certificate.Date, input string) (certificate.Parsed, error) {
	*s.calls = append(*s.calls, "ParseOn "+today.String())
	return certificate.Parsed{Number: certificate.NewNumber(s.kind, s.region, input), Birth: today}, nil
}

// regionalScheme serves every region from the empty one.
type regionalScheme struct{ plainScheme }

func (s regionalScheme) ParseIn(region, input string) (certificate.Parsed, error) {
	*s.calls = append(*s.calls, "ParseIn "+region)
	return certificate.Parsed{Number: certificate.NewNumber(s.kind, region, input)}, nil
}

// regionalDatedScheme is both.
type regionalDatedScheme struct{ regionalScheme }

func (s regionalDatedScheme) ParseInOn(today certificate.Date, region, input string) (certificate.Parsed, error) {
	*s.calls = append(*s.calls, "ParseInOn "+today.String()+" "+region)
	return certificate.Parsed{Number: certificate.NewNumber(s.kind, region, input), Birth: today}, nil
}

var (
	_ certificate.DatedScheme         = datedScheme{}
	_ certificate.RegionalScheme      = regionalScheme{}
	_ certificate.RegionalDatedScheme = regionalDatedScheme{}
)

// countingClock is a clock at noon on day in China Standard Time that counts
// its readings.
func countingClock(day certificate.Date, reads *int) certificate.Clock {
	return certificate.Clock{Now: func() time.Time {
		*reads++
		return day.Time(certificate.DefaultLocation()).Add(12 * time.Hour)
	}}
}

func TestRegistryWithClock(t *testing.T) {
	var calls []string
	reads := 0
	day := certificate.Date{Year: 2019, Month: time.June, Day: 1}
	given := certificate.Date{Year: 2030, Month: time.January, Day: 1}
	reg, err := certificate.NewRegistry(
		plainScheme{certificate.Passport, "CN", &calls},
		datedScheme{plainScheme{certificate.IDCard, "CN", &calls}},
		datedScheme{plainScheme{certificate.IDCard, "", &calls}},
		regionalDatedScheme{regionalScheme{plainScheme{certificate.DriverLicense, "", &calls}}},
		regionalScheme{plainScheme{certificate.Passport, "", &calls}},
	)
	require.NoError(t, err)
	clocked := reg.WithClock(countingClock(day, &reads))
	assert.True(t, reg.Clock().IsZero(), "WithClock returns a copy")
	assert.False(t, clocked.Clock().IsZero())

	cases := []struct {
		reason       string
		reg          certificate.Registry
		parseOn      bool
		kind         certificate.Kind
		region       string
		call         string
		reads, birth int
	}{
		{"zero clock: the scheme's own Parse", reg, false, certificate.IDCard, "CN", "Parse", 0, 0},
		{"zero clock, regional fallback: ParseIn", reg, false, certificate.DriverLicense, "DE", "ParseIn DE", 0, 0},
		{"clock: a dated scheme is given its date", clocked, false, certificate.IDCard, "CN", "ParseOn 2019-06-01", 1, 2019},
		{"clock: a plain scheme is not, and the clock is not read", clocked, false, certificate.Passport, "CN", "Parse", 0, 0},
		{"clock: dated scheme through the empty-region fallback", clocked, false, certificate.IDCard, "KR", "ParseOn 2019-06-01", 1, 2019},
		{"clock: regional dated scheme through the fallback", clocked, false, certificate.DriverLicense, "DE", "ParseInOn 2019-06-01 DE", 1, 2019},
		{"clock: regional plain scheme through the fallback", clocked, false, certificate.Passport, "DE", "ParseIn DE", 0, 0},
		{"ParseOn: the given date wins, no clock reading", clocked, true, certificate.IDCard, "CN", "ParseOn 2030-01-01", 0, 2030},
		{"ParseOn on a zero-clock registry", reg, true, certificate.IDCard, "CN", "ParseOn 2030-01-01", 0, 2030},
		{"ParseOn through the regional fallback", reg, true, certificate.DriverLicense, "FR", "ParseInOn 2030-01-01 FR", 0, 2030},
		{"ParseOn on a plain scheme", clocked, true, certificate.Passport, "CN", "Parse", 0, 0},
	}
	for _, c := range cases {
		calls, reads = nil, 0
		var p certificate.Parsed
		var err error
		if c.parseOn {
			p, err = c.reg.ParseOn(given, c.kind, c.region, "N1")
		} else {
			p, err = c.reg.Parse(c.kind, c.region, "N1")
		}
		require.NoError(t, err, c.reason)
		assert.Equal(t, []string{c.call}, calls, c.reason)
		assert.Equal(t, c.reads, reads, "clock readings: %s", c.reason)
		assert.Equal(t, c.birth, p.Birth.Year, c.reason)
	}

	calls, reads = nil, 0
	_, err = clocked.ParseOn(certificate.Date{}, certificate.IDCard, "CN", "N1")
	require.NoError(t, err)
	assert.Equal(t, []string{"ParseOn 2019-06-01"}, calls, "a zero date means the registry's clock")

	_, err = clocked.Parse(certificate.TWTravelPermit, "TW", "N1")
	assert.ErrorIs(t, err, certificate.ErrUnsupported)
	_, err = clocked.ParseOn(given, certificate.TWTravelPermit, "TW", "N1")
	assert.ErrorIs(t, err, certificate.ErrUnsupported)
}

func TestRegistryKeepsClock(t *testing.T) {
	var calls []string
	reads := 0
	c := countingClock(certificate.Date{Year: 2019, Month: time.June, Day: 1}, &reads)
	reg := certificate.Registry{}.WithClock(c)
	reg, err := reg.With(datedScheme{plainScheme{certificate.IDCard, "CN", &calls}})
	require.NoError(t, err)
	reg = reg.Replace(plainScheme{certificate.Passport, "CN", &calls})
	assert.False(t, reg.Clock().IsZero(), "With and Replace keep the clock")
	p, err := reg.Parse(certificate.IDCard, "CN", "N1")
	require.NoError(t, err)
	assert.Equal(t, 2019, p.Birth.Year)
	assert.True(t, reg.WithClock(certificate.Clock{}).Clock().IsZero())
}

func TestRegistryLookupBindsClock(t *testing.T) {
	var calls []string
	reads := 0
	plain := plainScheme{certificate.Passport, "CN", &calls}
	dated := datedScheme{plainScheme{certificate.IDCard, "CN", &calls}}
	regional := regionalDatedScheme{regionalScheme{plainScheme{certificate.DriverLicense, "", &calls}}}
	reg, err := certificate.NewRegistry(plain, dated, regional)
	require.NoError(t, err)

	s, ok := reg.Lookup(certificate.IDCard, "CN")
	require.True(t, ok)
	assert.Equal(t, dated, s, "without a clock Lookup returns the scheme as registered")

	clocked := reg.WithClock(countingClock(certificate.Date{Year: 2019, Month: time.June, Day: 1}, &reads))
	s, ok = clocked.Lookup(certificate.Passport, "CN")
	require.True(t, ok)
	assert.Equal(t, plain, s, "a plain scheme needs no clock")

	s, ok = clocked.Lookup(certificate.IDCard, "CN")
	require.True(t, ok)
	assert.Equal(t, certificate.IDCard, s.Kind())
	assert.Equal(t, "CN", s.Region())
	calls = nil
	p, err := s.Parse("N1")
	require.NoError(t, err)
	assert.Equal(t, []string{"ParseOn 2019-06-01"}, calls)
	assert.Equal(t, 2019, p.Birth.Year)
	ds, isDated := s.(certificate.DatedScheme)
	require.True(t, isDated, "the bound scheme is still dated")
	calls = nil
	_, err = ds.ParseOn(certificate.Date{Year: 2030, Month: 1, Day: 1}, "N1")
	require.NoError(t, err)
	assert.Equal(t, []string{"ParseOn 2030-01-01"}, calls)

	for _, r := range []certificate.Registry{reg, clocked} {
		s, ok = r.Lookup(certificate.DriverLicense, "DE")
		require.True(t, ok)
		assert.Equal(t, "DE", s.Region())
		ds, isDated = s.(certificate.DatedScheme)
		require.True(t, isDated, "a regional dated scheme bound to a region is a DatedScheme")
		calls = nil
		_, err = ds.ParseOn(certificate.Date{Year: 2030, Month: 1, Day: 1}, "N1")
		require.NoError(t, err)
		assert.Equal(t, []string{"ParseInOn 2030-01-01 DE"}, calls)
	}
	calls = nil
	_, err = s.Parse("N1")
	require.NoError(t, err)
	assert.Equal(t, []string{"ParseInOn 2019-06-01 DE"}, calls, "bound to the region and the clock")

	_, ok = clocked.Lookup(certificate.TWTravelPermit, "TW")
	assert.False(t, ok)
}

// quietScheme is a dated scheme that does not allocate.
type quietScheme struct{ seen *certificate.Date }

func (quietScheme) Kind() certificate.Kind { return certificate.IDCard }
func (quietScheme) Region() string         { return "CN" }
func (s quietScheme) Parse(input string) (certificate.Parsed, error) {
	return s.ParseOn(certificate.Date{}, input)
}
func (s quietScheme) ParseOn(today certificate.Date, input string) (certificate.Parsed, error) {
	*s.seen = today
	return certificate.Parsed{}, nil
}

// Parsing through a registry, with or without a clock, adds no allocation.
func TestRegistryParseAllocations(t *testing.T) {
	var seen certificate.Date
	reads := 0
	reg, err := certificate.NewRegistry(quietScheme{&seen})
	require.NoError(t, err)
	clocked := reg.WithClock(countingClock(certificate.Date{Year: 2019, Month: time.June, Day: 1}, &reads))
	for _, r := range []certificate.Registry{reg, clocked} {
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := r.Parse(certificate.IDCard, "CN", "N1"); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs)
	}
	assert.Equal(t, 2019, seen.Year)
}
