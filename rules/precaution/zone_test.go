package precaution_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// specimenTD3 is the TD3 specimen of ICAO Doc 9303 Part 4 Appendix A (the
// same lines are used by the python-mrz and PassportEye test suites),
// issued by the specimen state UTO to Anna Maria Eriksson, female, born
// 1974-08-12, expiring 2012-04-15.
const specimenTD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"

// zoneClock is 2011-06-01, when the specimen had not yet expired.
var zoneClock = certificate.Clock{Now: func() time.Time { return time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC) }}

// passportApp is an application with the specimen's data page as read, and
// its zone mrzText.
func passportApp(mrzText, number string, birth, expiry certificate.Date, sex certificate.Sex) precaution.Application {
	return precaution.Application{
		Account: precaution.Account{ID: "p1", RegistrationRegion: region("SE")},
		Claim:   precaution.Claim{Name: "Anna Maria Eriksson", Kind: certificate.Passport, Number: number},
		Document: precaution.Document{
			Kind: certificate.Passport, Number: number, Surname: "ERIKSSON", GivenNames: "ANNA MARIA",
			Birth: birth, Sex: sex, Validity: certificate.Validity{Expires: expiry}, MRZ: mrzText,
		},
	}
}

func TestZoneAgrees(t *testing.T) {
	broken := specimenTD3[:len(specimenTD3)-1] + "1" // composite check digit 0 → 1
	birth, expiry := date(1974, 8, 12), date(2012, 4, 15)
	tests := []struct {
		reason string
		app    precaution.Application
		codes  []string
		item   string // the item parameter of application.mrz_mismatch
	}{
		{"the specimen's check digits are right and it agrees with its data page",
			passportApp(specimenTD3, "L898902C3", birth, expiry, certificate.Female), nil, ""},
		{"a data page without sex is not compared",
			passportApp(specimenTD3, "L898902C3", birth, expiry, certificate.SexUnspecified), nil, ""},
		{"no zone: nothing to judge", passportApp("", "L898902C3", birth, expiry, certificate.Male), nil, ""},
		{"a wrong composite check digit",
			passportApp(broken, "L898902C3", birth, expiry, certificate.Female), []string{"mrz.check_failed.composite"}, ""},
		{"a zone whose number differs from the visual zone",
			passportApp(specimenTD3, "L898902C4", birth, expiry, certificate.Female), []string{"application.mrz_mismatch"}, "number"},
		{"a zone whose birth date differs",
			passportApp(specimenTD3, "L898902C3", date(1974, 8, 13), expiry, certificate.Female), []string{"application.mrz_mismatch"}, "birth"},
		{"a zone whose expiry date differs",
			passportApp(specimenTD3, "L898902C3", birth, date(2012, 4, 16), certificate.Female), []string{"application.mrz_mismatch"}, "expiry"},
		{"the data page says M, the zone says F",
			passportApp(specimenTD3, "L898902C3", birth, expiry, certificate.Male), []string{"application.mrz_mismatch"}, "sex"},
		{"lower-case letters are not corrected",
			passportApp("p<uto"+specimenTD3[5:], "L898902C3", birth, expiry, certificate.Female), []string{"mrz.invalid_character"}, ""},
		{"one line is not a zone",
			passportApp("P<UTOERIKSSON", "L898902C3", birth, expiry, certificate.Female), []string{"mrz.invalid_layout"}, ""},
	}
	r := precaution.ZoneAgrees(zoneClock)
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			vs := check(t, r, tc.app)
			if tc.codes == nil {
				tc.codes = []string{}
			}
			require.Equal(t, tc.codes, codes(vs))
			for _, v := range vs {
				assert.Equal(t, "document.mrz", v.Field)
				assert.Equal(t, rules.Reject, v.Severity)
			}
			if tc.item != "" {
				assert.Equal(t, tc.item, vs[0].Param("item"))
			}
		})
	}

	// The specimen's zone is sound, but its state UTO is refused by the
	// region check.
	rr := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{}))
	assert.Equal(t, []string{"certificate.specimen"},
		codes(check(t, rr, passportApp(specimenTD3, "L898902C3", birth, expiry, certificate.Female))))
}

// TestZoneAgreesClock checks that the zone's two-digit years are read
// against the clock: the birth date 740812 is the latest such date not
// after today, so on 1973-01-01 it is 1874-08-12 and disagrees with the data
// page, while on 2011-06-01 it is 1974-08-12. Application.Now overrides the
// clock for one application.
func TestZoneAgreesClock(t *testing.T) {
	a := passportApp(specimenTD3, "L898902C3", date(1974, 8, 12), date(2012, 4, 15), certificate.Female)
	in1973 := certificate.Clock{Now: func() time.Time { return time.Date(1973, 1, 1, 0, 0, 0, 0, time.UTC) }}
	assert.Empty(t, check(t, precaution.ZoneAgrees(zoneClock), a))
	vs := check(t, precaution.ZoneAgrees(in1973), a)
	if assert.Equal(t, []string{"application.mrz_mismatch"}, codes(vs)) {
		assert.Equal(t, "birth", vs[0].Param("item"))
	}

	a.Now = time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC)
	assert.Empty(t, check(t, precaution.ZoneAgrees(in1973), a), "Application.Now overrides the clock")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := precaution.ZoneAgrees(zoneClock).Check(ctx, a)
	var ie *rules.InfraError
	assert.ErrorAs(t, err, &ie, "a cancelled context is an infrastructure error")
}
