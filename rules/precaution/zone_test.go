package precaution_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/precaution"
)

// The ICAO Doc 9303 Part 4 TD3 specimen (facts.md §5.6; the same lines are
// printed in ICAO 9303 Part 4 Appendix A and used by the python-mrz and
// PassportEye test suites), issued by the specimen state UTO.
const specimenTD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"

func passportApp(mrzText, number string, birth, expiry string) *authn.Application {
	return &authn.Application{
		Account: precaution.Account{ID: "p1", RegistrationRegion: language.MustParseRegion("SE")},
		Claim:   precaution.Claim{Name: "Anna Maria Eriksson", Kind: certificate.Passport, Number: number},
		Document: precaution.Document{
			Kind: certificate.Passport, Number: number, Surname: "ERIKSSON", GivenNames: "ANNA MARIA",
			Birth: date(birth), Validity: certificate.Validity{Expires: date(expiry)}, MRZ: mrzText,
		},
	}
}

func TestMRZCheck(t *testing.T) {
	broken := specimenTD3[:len(specimenTD3)-1] + "1" // composite check digit 0 → 1
	tests := []struct {
		reason string
		app    *authn.Application
		codes  []string
	}{
		{"the specimen's check digits are right; only the specimen state is refused", passportApp(specimenTD3, "L898902C3", "1974-08-12", "2012-04-15"), nil},
		{"a wrong composite check digit", passportApp(broken, "L898902C3", "1974-08-12", "2012-04-15"), []string{"mrz.check_failed.composite"}},
		{"a zone whose number differs from the visual zone", passportApp(specimenTD3, "L898902C4", "1974-08-12", "2012-04-15"), []string{"application.mrz_mismatch"}},
		{"a zone whose birth date differs", passportApp(specimenTD3, "L898902C3", "1974-08-13", "2012-04-15"), []string{"application.mrz_mismatch"}},
		{"lower-case letters are not corrected", passportApp("p<uto"+specimenTD3[5:], "L898902C3", "1974-08-12", "2012-04-15"), []string{"mrz.invalid_character"}},
		{"one line is not a zone", passportApp("P<UTOERIKSSON", "L898902C3", "1974-08-12", "2012-04-15"), []string{"mrz.invalid_layout"}},
	}
	// 2011: the specimen (expiring 2012-04-15) is still valid.
	v := newVerifier(t, authn.WithClock(certificate.Clock{Now: func() time.Time { return time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC) }}))
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			rep, err := v.Verify(context.Background(), tc.app)
			require.NoError(t, err)
			c, ok := rep.Check(authn.CheckMRZ)
			require.True(t, ok)
			assert.ElementsMatch(t, tc.codes, c.Codes)
			region, _ := rep.Check(authn.CheckRegion)
			if tc.codes == nil {
				assert.Equal(t, authn.Pass, c.Status)
				assert.Contains(t, region.Codes, "certificate.specimen", "UTO is refused by the region check")
			}
		})
	}
}
