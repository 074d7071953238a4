package certificate_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
)

func d(y int, m time.Month, day int) certificate.Date {
	return certificate.Date{Year: y, Month: m, Day: day}
}

func years(issued certificate.Date, n int) certificate.Validity {
	return certificate.Validity{Issued: issued, Expires: issued.AddYears(n)}
}

// TestCheckPeriod follows the Resident Identity Card Law of the PRC (2011
// amendment) art. 5 (under 16 five years, 16–25 ten, 26–45 twenty, 46 and over
// long-term); Guo Ban Fa [2018] No. 81 (residence permits five years); the
// MPS Exit-Entry Administration rule of 2010-03-10 and the 2013 card (Home
// Return Permit ten years for adults, five for minors, three on the 1999
// card) and NIA announcement No. 6 (2024) (HA/MA card five years); and the
// 2015 electronic Mainland Travel Permit for Taiwan Residents (five years).
func TestCheckPeriod(t *testing.T) {
	id := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	hkrp := certificate.NewNumber(certificate.HKMOResidencePermit, "CN", "810000199001010027")
	twrp := certificate.NewNumber(certificate.TWResidencePermit, "CN", "830000197001010048")
	hk := certificate.NewNumber(certificate.HKMOTravelPermit, "HK", "H12345678")
	ha := certificate.NewNumber(certificate.HKMOTravelPermit, "HK", "HA1234567")
	tw := certificate.NewNumber(certificate.TWTravelPermit, "TW", "12345678")
	passport := certificate.NewNumber(certificate.Passport, "GB", "123456789")
	issued := d(2020, time.June, 15)

	tests := []struct {
		reason  string
		number  certificate.Number
		birth   certificate.Date
		v       certificate.Validity
		allowed []string // nil: no error expected
		actual  string
	}{
		{reason: "ID card at 20: ten years", number: id, birth: d(2000, time.January, 1), v: years(issued, 10)},
		{reason: "ID card at 20: twenty years is wrong", number: id, birth: d(2000, time.January, 1), v: years(issued, 20), allowed: []string{"10y"}, actual: "20y"},
		{reason: "ID card at 10: five years", number: id, birth: d(2010, time.January, 1), v: years(issued, 5)},
		{reason: "ID card at 10: ten years is wrong", number: id, birth: d(2010, time.January, 1), v: years(issued, 10), allowed: []string{"5y"}, actual: "10y"},
		{reason: "ID card at 30: twenty years", number: id, birth: d(1990, time.January, 1), v: years(issued, 20)},
		{reason: "ID card at 45: twenty years", number: id, birth: d(1975, time.January, 1), v: years(issued, 20)},
		{reason: "ID card at 50: long-term", number: id, birth: d(1970, time.January, 1), v: certificate.Validity{Issued: issued, LongTerm: true}},
		{reason: "ID card at 50: twenty years is wrong", number: id, birth: d(1970, time.January, 1), v: years(issued, 20), allowed: []string{"long-term"}, actual: "20y"},
		{reason: "ID card at 20: long-term is wrong", number: id, birth: d(2000, time.January, 1), v: certificate.Validity{Issued: issued, LongTerm: true}, allowed: []string{"10y"}, actual: "long-term"},
		{reason: "ID card: turned 16 a month before issue, applied at 15: both periods fit", number: id, birth: d(2004, time.May, 15), v: years(issued, 5)},
		{reason: "ID card: turned 16 a month before issue: ten years fits too", number: id, birth: d(2004, time.May, 15), v: years(issued, 10)},
		{reason: "ID card: expiry printed one day before the anniversary", number: id, birth: d(2000, time.January, 1), v: certificate.Validity{Issued: issued, Expires: d(2030, time.June, 14)}},
		{reason: "ID card issued on 29 February", number: id, birth: d(1990, time.January, 1), v: certificate.Validity{Issued: d(2016, time.February, 29), Expires: d(2036, time.March, 1)}},
		{reason: "ID card: birth unknown allows every period", number: id, v: years(issued, 20)},
		{reason: "ID card: birth unknown, fifteen years fits nothing", number: id, v: years(issued, 15), allowed: []string{"5y", "10y", "20y", "long-term"}, actual: "15y"},
		{reason: "ID card: irregular period", number: id, birth: d(2000, time.January, 1), v: certificate.Validity{Issued: issued, Expires: d(2020, time.September, 15)}, allowed: []string{"10y"}, actual: "irregular"},
		{reason: "HK/MO residence permit: five years", number: hkrp, birth: d(1990, time.January, 1), v: years(issued, 5)},
		{reason: "HK/MO residence permit: ten years is wrong", number: hkrp, birth: d(1990, time.January, 1), v: years(issued, 10), allowed: []string{"5y"}, actual: "10y"},
		{reason: "TW residence permit: five years for a minor too", number: twrp, birth: d(2010, time.January, 1), v: years(issued, 5)},
		{reason: "Home Return Permit adult: ten years", number: hk, birth: d(1980, time.January, 1), v: years(issued, 10)},
		{reason: "Home Return Permit adult: five years is wrong", number: hk, birth: d(1980, time.January, 1), v: years(issued, 5), allowed: []string{"10y"}, actual: "5y"},
		{reason: "Home Return Permit minor: five years", number: hk, birth: d(2010, time.January, 1), v: years(issued, 5)},
		{reason: "Home Return Permit minor on the 1999 card: three years", number: hk, birth: d(1995, time.January, 1), v: years(d(2005, time.March, 1), 3)},
		{reason: "Home Return Permit minor: ten years is wrong", number: hk, birth: d(2010, time.January, 1), v: years(issued, 10), allowed: []string{"5y", "3y"}, actual: "10y"},
		{reason: "HA card for non-Chinese citizens: five years for an adult", number: ha, birth: d(1980, time.January, 1), v: years(issued, 5)},
		{reason: "HA card: ten years is wrong", number: ha, birth: d(1980, time.January, 1), v: years(issued, 10), allowed: []string{"5y"}, actual: "10y"},
		{reason: "Taiwan permit: five years", number: tw, birth: d(1980, time.January, 1), v: years(issued, 5)},
		{reason: "Taiwan permit: long-term is wrong", number: tw, birth: d(1980, time.January, 1), v: certificate.Validity{Issued: issued, LongTerm: true}, allowed: []string{"5y"}, actual: "long-term"},
		{reason: "no issue date: nothing to check", number: id, birth: d(2000, time.January, 1), v: certificate.Validity{Expires: d(2030, time.January, 1)}},
		{reason: "no expiry and not long-term: nothing to check", number: id, birth: d(2000, time.January, 1), v: certificate.Validity{Issued: issued}},
		{reason: "passport: no rule here", number: passport, birth: d(2000, time.January, 1), v: years(issued, 7)},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			err := certificate.CheckPeriod(tc.number, tc.birth, tc.v)
			if tc.allowed == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, certificate.ErrPeriod)
			var pe *certificate.PeriodError
			require.True(t, errors.As(err, &pe))
			assert.ElementsMatch(t, tc.allowed, pe.Allowed)
			assert.Equal(t, tc.actual, pe.Actual)
			assert.Equal(t, tc.number.Kind(), pe.Kind)
			assert.Contains(t, err.Error(), tc.actual)
			assert.Equal(t, "certificate.validity_period_mismatch", certificate.CodePeriodMismatch)
		})
	}
}

func TestValidityExpiry(t *testing.T) {
	v := certificate.Validity{Issued: d(2020, time.June, 15), Expires: d(2030, time.June, 15)}
	tests := []struct {
		reason         string
		on             certificate.Date
		expired, early bool
	}{
		{"day before issue", d(2020, time.June, 14), false, true},
		{"issue day", d(2020, time.June, 15), false, false},
		{"expiry day is still valid", d(2030, time.June, 15), false, false},
		{"day after expiry", d(2030, time.June, 16), true, false},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			assert.Equal(t, tc.expired, v.ExpiredOn(tc.on))
			assert.Equal(t, tc.early, v.NotYetValidOn(tc.on))
		})
	}
	long := certificate.Validity{Issued: d(2000, time.January, 1), LongTerm: true}
	assert.False(t, long.ExpiredOn(d(2200, time.January, 1)), "long-term never expires")
}
