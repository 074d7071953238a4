package passport

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
)

func TestSchemes(t *testing.T) {
	cases := []struct {
		reason    string
		scheme    certificate.Scheme
		input     string
		canonical string
		reason2   error // nil when valid
		review    []string
	}{
		// Generic: ICAO 9303 Part 4 document number field.
		{"ICAO specimen number", Generic{}, "L898902C3", "L898902C3", nil, nil},
		{"typed with spaces, lower case and full width", Generic{}, " l898 902ｃ3 ", "L898902C3", nil, nil},
		{"trailing fillers copied from the zone", Generic{}, "99009054<", "99009054", nil, nil},
		{"ten characters is too long for TD3", Generic{}, "L898902C31", "", certificate.ErrLength, nil},
		{"empty", Generic{}, "  ", "", certificate.ErrLength, nil},
		{"punctuation", Generic{}, "L898/902C", "", certificate.ErrFormat, nil},
		{"inner filler", Generic{}, "L898<902C", "", certificate.ErrFormat, nil},
		// PRC formats (validator.js isPassportNumber CN regex for E and G;
		// unofficial summaries such as cwdbkk.com for the others).
		{"PRC e-passport since 2017: E + letter + 7 digits", China{}, "EA1234567", "EA1234567", nil, nil},
		{"PRC e-passport 2012–2017: E + 8 digits", China{}, "E12345678", "E12345678", nil, nil},
		{"PRC non-chip: G + 8 digits", China{}, "G12345678", "G12345678", nil, nil},
		{"PRC public affairs", China{}, "PE1234567", "PE1234567", nil, nil},
		{"PRC service", China{}, "SE1234567", "SE1234567", nil, nil},
		{"PRC diplomatic", China{}, "DE1234567", "DE1234567", nil, nil},
		{"PRC older service S + 8 digits", China{}, "S12345678", "S12345678", nil, nil},
		{"PRC older diplomatic D + 7 digits", China{}, "D1234567", "D1234567", nil, nil},
		{"PRC older ordinary 14 + 7 digits", China{}, "141234567", "141234567", nil, nil},
		{"letter I is excluded after E", China{}, "EI1234567", "", certificate.ErrFormat, nil},
		{"letter O is excluded after E", China{}, "EO1234567", "", certificate.ErrFormat, nil},
		{"E + 7 digits is too short", China{}, "E1234567", "", certificate.ErrFormat, nil},
		// HKSAR passports carry CHN in the zone (en.wikipedia "Hong Kong
		// Special Administrative Region passport"), so their K + 8
		// digits number reaches the CN scheme: valid, but a person checks it.
		{"HKSAR number under CHN is reviewed, not rejected", China{}, "K12345599", "K12345599", nil, []string{CodeHKSARNumber}},
		{"K + 7 digits is neither PRC nor HKSAR", China{}, "K1234567", "", certificate.ErrFormat, nil},
		{"KA + 7 digits is neither PRC nor HKSAR", China{}, "KA1234567", "", certificate.ErrFormat, nil},
		{"lower case typed", China{}, "ea1234567", "EA1234567", nil, nil},
		// Weak formats: review, never reject.
		{"Hong Kong K + 8 digits", hongKong(), "K12345599", "K12345599", nil, nil},
		{"Hong Kong other format is reviewed", hongKong(), "H1234567", "H1234567", nil, []string{CodeUnexpectedFormat}},
		{"Macao MA + 7 digits", macao(), "MA1234567", "MA1234567", nil, nil},
		{"Macao other format is reviewed", macao(), "M1234567", "M1234567", nil, []string{CodeUnexpectedFormat}},
		{"Taiwan 9 digits", taiwan(), "312345678", "312345678", nil, nil},
		{"Taiwan other format is reviewed", taiwan(), "A12345678", "A12345678", nil, []string{CodeUnexpectedFormat}},
		{"weak formats still need an ICAO number", taiwan(), "1234567890", "", certificate.ErrLength, nil},
	}
	for _, c := range cases {
		p, err := c.scheme.Parse(c.input)
		if c.reason2 != nil {
			require.Error(t, err, c.reason)
			assert.ErrorIs(t, err, c.reason2, c.reason)
			var ne *certificate.NumberError
			require.ErrorAs(t, err, &ne, c.reason)
			assert.True(t, strings.HasPrefix(ne.Code, "passport."), c.reason)
			continue
		}
		require.NoError(t, err, c.reason)
		assert.Equal(t, c.canonical, p.Number.Canonical(), c.reason)
		assert.Equal(t, c.scheme.Region(), p.Number.Region(), c.reason)
		assert.Equal(t, certificate.Passport, p.Number.Kind(), c.reason)
		assert.Equal(t, c.review, p.Review, c.reason)
	}
}

func TestErrorsAreMasked(t *testing.T) {
	_, err := China{}.Parse("EI1234567")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "EI1234567")
}

func TestRegistryFallsBackToGeneric(t *testing.T) {
	reg, err := certificate.NewRegistry(Schemes()...)
	require.NoError(t, err, "the schemes are disjoint")
	p, err := reg.Parse(certificate.Passport, "DE", "C11T002JM")
	require.NoError(t, err)
	assert.Equal(t, "C11T002JM", p.Number.Canonical())
	assert.Equal(t, "DE", p.Number.Region(), "the generic scheme learns the region asked for")
	_, err = reg.Parse(certificate.Passport, "CN", "C11T002JM")
	assert.ErrorIs(t, err, certificate.ErrFormat, "CN has its own scheme")
}

func TestFromMRZ(t *testing.T) {
	today := certificate.Date{Year: 2026, Month: 11, Day: 25}
	cases := []struct {
		reason string
		zone   string
		number string
		region string
		review []string
		err    error
	}{
		// JMRTD MRZInfoTest.java (ERIKA MUSTERMANN, KWOK SUM CHUNG), ICAO specimens.
		{"German passport, issuing state D", "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC11T002JM4D<<9608122F1310317<<<<<<<<<<<<<<<6", "C11T002JM", "DE", nil, nil},
		{"specimen: no region", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", "L898902C3", "", nil, nil},
		{"HKSAR passport carries CHN; its K number is valid with a review signal", "P<CHNCHUNG<<KWOK<SUM<<<<<<<<<<<<<<<<<<<<<<<<\nK123455994CHN8008080F1702057HK8888888<<<<<36", "K12345599", "CN", []string{CodeHKSARNumber}, nil},
		{"identity card is not a passport", "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6", "", "", nil, ErrNotPassport},
		{"visa is not a passport", "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<", "", "", nil, ErrNotPassport},
	}
	for _, c := range cases {
		m, err := mrz.Parse(c.zone, today)
		require.NoError(t, err, c.reason)
		p, region, err := FromMRZ(&m, certificate.Registry{})
		assert.Equal(t, c.region, region, c.reason)
		if c.err != nil {
			assert.ErrorIs(t, err, c.err, c.reason)
			continue
		}
		require.NoError(t, err, c.reason)
		assert.Equal(t, c.number, p.Number.Canonical(), c.reason)
		assert.Equal(t, c.region, p.Number.Region(), c.reason)
		assert.Equal(t, m.Birth, p.Birth, c.reason)
		assert.Equal(t, m.Sex, p.Sex, c.reason)
		assert.Equal(t, c.review, p.Review, c.reason)
	}
}

func FuzzSchemes(f *testing.F) {
	// Seeds: valid numbers of each scheme, a fold case, over-long input and
	// non-ASCII input.
	for _, s := range []string{"L898902C3", "EA1234567", "E12345678", "K12345599", "MA1234567", "312345678",
		" ea 123-4567 ", strings.Repeat("9", 300), "Ｅ１２３４５６７８", "é", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		for _, s := range Schemes() {
			p, err := s.Parse(input)
			if err != nil {
				var ne *certificate.NumberError
				if !assert.ErrorAs(t, err, &ne) || ne.Code == "" {
					t.Fatalf("uncoded error %v", err)
				}
				continue
			}
			// Round trip: the canonical form parses to itself.
			again, err := s.Parse(p.Number.Canonical())
			if err != nil || again.Number != p.Number {
				t.Fatalf("%s: canonical %q does not round-trip", s.Region(), p.Number.Canonical())
			}
		}
	})
}

func BenchmarkChinaParse(b *testing.B) {
	b.ReportAllocs()
	s := China{}
	for b.Loop() {
		if _, err := s.Parse("EA1234567"); err != nil {
			b.Fatal(err)
		}
	}
}
