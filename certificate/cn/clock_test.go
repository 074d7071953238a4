package cn_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
)

// A birth on 2020-01-01 judged on 2019-06-01 is in the future, whether today
// comes from a registry's clock or is given to ParseOn; judged on 2020-01-01
// it is fine.
func TestBirthInFutureByGivenDate(t *testing.T) {
	before := certificate.Date{Year: 2019, Month: time.June, Day: 1}
	birthday := certificate.Date{Year: 2020, Month: time.January, Day: 1}
	clockAt := func(d certificate.Date) certificate.Clock {
		// Noon in China Standard Time, 04:00 UTC.
		return certificate.Clock{Now: func() time.Time { return d.Time(certificate.DefaultLocation()).Add(12 * time.Hour) }}
	}
	reg, err := certificate.NewRegistry(cn.Schemes(cn.Options{})...)
	require.NoError(t, err)
	cases := []struct {
		kind   certificate.Kind
		scheme certificate.DatedScheme
		number string
	}{
		{certificate.IDCard, cn.NewIDCard(cn.Options{}), withCheck("11010520200101001")},
		{certificate.IDCard, cn.NewIDCard(cn.Options{StrictBirthYear: true}), withCheck("11010520200101001")},
		{certificate.HKMOResidencePermit, cn.NewHKMOResidencePermit(cn.Options{}), withCheck("81000020200101002")},
		{certificate.TWResidencePermit, cn.NewTWResidencePermit(cn.Options{}), withCheck("83000020200101002")},
	}
	for _, c := range cases {
		t.Run(c.kind.String(), func(t *testing.T) {
			_, err := c.scheme.ParseOn(before, c.number)
			assertCode(t, err, cn.CodeBirthInFuture)
			_, err = reg.WithClock(clockAt(before)).Parse(c.kind, "CN", c.number)
			assertCode(t, err, cn.CodeBirthInFuture)
			_, err = reg.ParseOn(before, c.kind, "CN", c.number)
			assertCode(t, err, cn.CodeBirthInFuture)
			s, ok := reg.WithClock(clockAt(before)).Lookup(c.kind, "CN")
			require.True(t, ok)
			_, err = s.Parse(c.number)
			assertCode(t, err, cn.CodeBirthInFuture, "Lookup on a registry with a clock binds the scheme to it")

			p, err := c.scheme.ParseOn(birthday, c.number)
			require.NoError(t, err, "born today")
			assert.Equal(t, birthday, p.Birth)
			_, err = reg.WithClock(clockAt(birthday)).Parse(c.kind, "CN", c.number)
			require.NoError(t, err)
			_, err = c.scheme.Parse(c.number)
			require.NoError(t, err, "by the system clock 2020 is past")
		})
	}
}

// The clock's zone decides the date: 2019-12-31 20:00 UTC is already
// 2020-01-01 in China Standard Time, but not in UTC.
func TestBirthInFutureUsesClockZone(t *testing.T) {
	now := func() time.Time { return time.Date(2019, time.December, 31, 20, 0, 0, 0, time.UTC) }
	reg, err := certificate.NewRegistry(cn.NewIDCard(cn.Options{}))
	require.NoError(t, err)
	number := withCheck("11010520200101001")
	_, err = reg.WithClock(certificate.Clock{Now: now}).Parse(certificate.IDCard, "CN", number)
	require.NoError(t, err, "in China Standard Time the holder is born today")
	_, err = reg.WithClock(certificate.Clock{Now: now, Location: time.UTC}).Parse(certificate.IDCard, "CN", number)
	assertCode(t, err, cn.CodeBirthInFuture)
}

// The travel permits encode no date and are not dated schemes.
func TestTravelPermitsAreNotDated(t *testing.T) {
	for _, s := range cn.Schemes(cn.Options{}) {
		_, dated := s.(certificate.DatedScheme)
		switch s.Kind() {
		case certificate.IDCard, certificate.HKMOResidencePermit, certificate.TWResidencePermit:
			assert.True(t, dated, s.Kind())
		default:
			assert.False(t, dated, s.Kind())
		}
	}
}

func assertCode(t *testing.T, err error, code string, msg ...any) {
	t.Helper()
	var ne *certificate.NumberError
	if assert.ErrorAs(t, err, &ne, msg...) {
		assert.Equal(t, code, ne.Code, msg...)
	}
}
