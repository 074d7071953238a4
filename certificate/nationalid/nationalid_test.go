package nationalid_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/nationalid"
)

func scheme(t testing.TB, region string) certificate.Scheme {
	t.Helper()
	s, found := nationalid.Scheme(region, nationalid.Options{})
	require.True(t, found, region)
	return s
}

// The canonical form drops the separators each region prints and folds
// what people type (full-width characters, lower case).
func TestCanonical(t *testing.T) {
	cases := []struct {
		region, input, want, reason string
	}{
		{"HK", "A123456(3)", "A1234563", "HKID printed with the check in parentheses"},
		{"HK", "ａ１２３４５６（３）", "A1234563", "full-width input with full-width parentheses"},
		{"HK", " a123456[3] ", "A1234563", "lower case, brackets, surrounding space"},
		{"MO", "1234567(8)", "12345678", "Macao BIR printed with the check in parentheses"},
		{"KR", "971013-9019902", "9710139019902", "RRN printed YYMMDD-GNNNNNN"},
		{"BR", "390.533.447-05", "39053344705", "CPF printed 111.444.777-35"},
		{"CL", "10.626.628-k", "10626628K", "RUT with dots, dash and lower-case k"},
		{"PE", "10812543-3", "10812543", "DNI with its check character: canonical is the 8 digits"},
		{"PE", "10812543", "10812543", "DNI without check character"},
		{"NL", "1112.22.333", "111222333", "BSN with dots"},
		{"NL", "12345672", "012345672", "8-digit BSN is zero-padded"},
		{"BE", "85.07.30-033.28", "85073003328", "national number as printed"},
		{"SE", "880320-0016", "198803200016", "short form becomes the 12-digit form"},
		{"SE", "121212+1212", "191212121212", "plus sign: over 100 years old"},
		{"SE", "19880320-0016", "198803200016", "12-digit form with hyphen"},
		{"NO", "151086 95088", "15108695088", "space between date and individual number"},
		{"FI", "131052a308t", "131052A308T", "lower-case century sign and check"},
		{"DE", "L01X00T471", "L01X00T47", "card number with its MRZ check digit"},
		{"DE", "l01x00t47", "L01X00T47", "card number typed in lower case"},
		{"MY", "770305-02-1234", "770305021234", "MyKad printed YYMMDD-PB-###G"},
		{"TH", "1-1002-00439-84-4", "1100200439844", "Thai ID printed with dashes"},
		{"IN", "2984 4886 3364", "298448863364", "Aadhaar printed in groups of four"},
		{"ES", "x1234567-l", "X1234567L", "NIE with a dash before the letter"},
	}
	for _, c := range cases {
		p, err := scheme(t, c.region).Parse(c.input)
		require.NoError(t, err, c.reason)
		assert.Equal(t, c.want, p.Number.Canonical(), c.reason)
		assert.Equal(t, c.region, p.Number.Region(), c.reason)
		assert.Equal(t, certificate.IDCard, p.Number.Kind(), c.reason)
		// Canonical → parse → the same canonical.
		again, err := scheme(t, c.region).Parse(p.Number.Canonical())
		require.NoError(t, err, c.reason)
		assert.Equal(t, c.want, again.Number.Canonical(), c.reason)
	}
}

// Component failures carry a specific code with the component reason.
func TestCodes(t *testing.T) {
	cases := []struct {
		region, input string
		reason        error
		code          string
		why           string
	}{
		{"MY", "771305-02-1234", certificate.ErrComponent, nationalid.CodeBirthDate, "month 13"},
		{"MY", "770305-00-1234", certificate.ErrComponent, nationalid.CodePlace, "birthplace 00"},
		{"ID", "9971011708450001", certificate.ErrComponent, nationalid.CodePlace, "province 99"},
		{"MX", "PEGL890909MQQRMS02", certificate.ErrComponent, nationalid.CodePlace, "state QQ"},
		{"MX", "PEGL890909QJCRMS08", certificate.ErrComponent, nationalid.CodeSex, "sex letter Q"},
		{"TW", "X431071923", certificate.ErrComponent, nationalid.CodeSex, "second digit 4"},
		{"EE", "06805280106", certificate.ErrComponent, nationalid.CodeSex, "first digit 0"},
		{"EG", "29013011200015", certificate.ErrComponent, nationalid.CodeBirthDate, "month 13"},
		{"EG", "29001010500015", certificate.ErrComponent, nationalid.CodePlace, "governorate 05 is not assigned"},
		{"EG", "19001010100015", certificate.ErrComponent, certificate.CodeComponent, "century digit 1"},
		{"KR", "971013-9019903", certificate.ErrChecksum, certificate.CodeChecksum, "checksum"},
		{"BR", "111.111.111-11", certificate.ErrComponent, certificate.CodeComponent, "one repeated digit"},
		{"HK", "A12345", certificate.ErrLength, certificate.CodeLength, "too short"},
		{"TR", "01234567890", certificate.ErrFormat, certificate.CodeFormat, "leading zero"},
		{"SA", "3123456789", certificate.ErrComponent, certificate.CodeComponent, "first digit 3"},
		{"AE", "785199012345678", certificate.ErrComponent, certificate.CodeComponent, "not 784"},
		{"MO", "21234567", certificate.ErrComponent, certificate.CodeComponent, "first digit 2"},
		{"PH", "1234567890", certificate.ErrLength, certificate.CodeLength, "10 digits"},
		{"CO", "0123456", certificate.ErrFormat, certificate.CodeFormat, "leading zero"},
		{"AR", "123456", certificate.ErrLength, certificate.CodeLength, "6 digits"},
		{"DE", "L01X00T4I", certificate.ErrFormat, certificate.CodeFormat, "I is not used"},
		{"DE", "L01X00T472", certificate.ErrChecksum, certificate.CodeChecksum, "wrong MRZ check digit"},
		{"SE", "880380-0427", certificate.ErrComponent, certificate.CodeComponent, "coordination number (day + 60), Luhn valid"},
		{"SG", "S1234567A", certificate.ErrChecksum, certificate.CodeChecksum, "wrong check letter"},
		{"SG", "A1234567D", certificate.ErrComponent, certificate.CodeComponent, "prefix A"},
		{"JP", "123456789019", certificate.ErrChecksum, certificate.CodeChecksum, "wrong check digit"},
		{"ZA", "7611055077083", certificate.ErrChecksum, certificate.CodeChecksum, "wrong Luhn digit"},
		{"NL", "123456789", certificate.ErrChecksum, certificate.CodeChecksum, "fails the eleven test"},
		{"CL", "10626628-1", certificate.ErrChecksum, certificate.CodeChecksum, "wrong check character"},
		{"PE", "10812543-4", certificate.ErrChecksum, certificate.CodeChecksum, "wrong check character"},
		{"IT", "MRTNTN23M02D969", certificate.ErrLength, certificate.CodeLength, "no check letter"},
		{"HK", "", certificate.ErrLength, certificate.CodeLength, "empty"},
		{"HK", strings.Repeat("A", 300), certificate.ErrLength, certificate.CodeLength, "very long"},
	}
	for _, c := range cases {
		_, err := scheme(t, c.region).Parse(c.input)
		require.Error(t, err, c.why)
		assert.ErrorIs(t, err, c.reason, "%s %s: %s", c.region, c.input, c.why)
		var ne *certificate.NumberError
		require.True(t, errors.As(err, &ne))
		assert.Equal(t, c.code, ne.Code, "%s %s: %s", c.region, c.input, c.why)
	}
}

// Error messages show the number masked.
func TestErrorMasks(t *testing.T) {
	_, err := scheme(t, "KR").Parse("971013-9019903")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "9710139019903")
	assert.NotContains(t, err.Error(), "971013-9019903")
	assert.Contains(t, err.Error(), "971*******903")
}

// South Korean numbers of people born since October 2020 may end in a
// random digit: a checksum failure is a review signal there, a reject before.
func TestKoreaAfterCutover(t *testing.T) {
	s := scheme(t, "KR")
	var good string
	for c := '0'; c <= '9'; c++ {
		n := "210101-312345" + string(c)
		p, err := s.Parse(n)
		require.NoError(t, err, n)
		if len(p.Review) == 0 {
			good = n
		} else {
			assert.Equal(t, []string{nationalid.CodeUnverifiable}, p.Review, n)
		}
	}
	assert.NotEmpty(t, good, "one last digit passes the old check")
	_, err := s.Parse("971013-9019903")
	assert.ErrorIs(t, err, certificate.ErrChecksum, "before the cutover a checksum failure rejects")
}

// Two-digit years are placed by the date given to ParseOn or by the
// registry's clock: "20" is 1920 seen from 2019-06-01 and 2020 seen from
// 2030-01-01.
func TestTwoDigitYearsByToday(t *testing.T) {
	in2019 := certificate.Date{Year: 2019, Month: time.June, Day: 1}
	in2030 := certificate.Date{Year: 2030, Month: time.January, Day: 1}
	clockOn := func(d certificate.Date) certificate.Clock {
		return certificate.Clock{Now: func() time.Time { return d.Time(certificate.DefaultLocation()).Add(12 * time.Hour) }}
	}
	reg, err := certificate.NewRegistry(nationalid.Schemes()...)
	require.NoError(t, err)
	for _, c := range []struct{ region, number, reason string }{
		{"ZA", "2001015077080", "South Africa: YYMMDD, Luhn check digit"},
		{"MY", "200101-14-5678", "Malaysia: YYMMDD, no check digit"},
		{"ID", "3171010101200001", "Indonesia: DDMMYY"},
		{"SE", "200101-0004", "Sweden: the short form with a hyphen"},
		{"IT", "RSSMRA20A01F205J", "Italy: codice fiscale"},
	} {
		t.Run(c.region, func(t *testing.T) {
			s, found := nationalid.Scheme(c.region, nationalid.Options{})
			require.True(t, found)
			ds, dated := s.(certificate.DatedScheme)
			require.True(t, dated, "a scheme with two-digit years is dated")
			for _, w := range []struct {
				today certificate.Date
				year  int
			}{{in2019, 1920}, {in2030, 2020}} {
				p, err := ds.ParseOn(w.today, c.number)
				require.NoError(t, err, c.reason)
				assert.Equal(t, w.year, p.Birth.Year, "ParseOn %v: %s", w.today, c.reason)
				p, err = reg.WithClock(clockOn(w.today)).Parse(certificate.IDCard, c.region, c.number)
				require.NoError(t, err, c.reason)
				assert.Equal(t, w.year, p.Birth.Year, "registry clock on %v: %s", w.today, c.reason)
				p, err = reg.ParseOn(w.today, certificate.IDCard, c.region, c.number)
				require.NoError(t, err, c.reason)
				assert.Equal(t, w.year, p.Birth.Year, "Registry.ParseOn %v: %s", w.today, c.reason)
			}
			p, err := s.Parse(c.number)
			require.NoError(t, err)
			assert.Equal(t, placeByClock(20), p.Birth.Year, "Parse places the year by the zero clock")
		})
	}
}

// placeByClock places a two-digit year by the zero clock's today.
func placeByClock(yy int) int {
	t := certificate.Clock{}.Today().Year
	if y := t - t%100 + yy; y <= t {
		return y
	}
	return t - t%100 + yy - 100
}

// Only the schemes with two-digit years are dated, so a registry with a
// clock reads it for them alone.
func TestDatedRegions(t *testing.T) {
	var dated []string
	for _, s := range nationalid.Schemes() {
		if _, ok := s.(certificate.DatedScheme); ok {
			dated = append(dated, s.Region())
		}
	}
	assert.Equal(t, []string{"ID", "IT", "MY", "SE", "ZA"}, dated)
}

func TestRegistry(t *testing.T) {
	assert.Len(t, nationalid.Regions(), 32)
	schemes := nationalid.Schemes()
	require.Len(t, schemes, 32)
	reg, err := certificate.NewRegistry(schemes...)
	require.NoError(t, err, "regions are distinct")
	p, err := reg.Parse(certificate.IDCard, "TW", "A219758834")
	require.NoError(t, err)
	assert.Equal(t, "TW", p.Number.Region())
	_, err = reg.Parse(certificate.IDCard, "FR", "123")
	assert.ErrorIs(t, err, certificate.ErrUnsupported)
	// Schemes returns a fresh slice each time: changing it changes nothing.
	schemes[0] = nil
	assert.NotNil(t, nationalid.Schemes()[0])
	_, found := nationalid.Scheme("CN", nationalid.Options{})
	assert.False(t, found, "the PRC card is in the cn package")
}
