package driverlicense_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
)

func registry(t testing.TB, o driverlicense.Options) certificate.Registry {
	t.Helper()
	reg, err := certificate.NewRegistry(driverlicense.SchemesWith(o)...)
	require.NoError(t, err)
	return reg
}

func code(t testing.TB, err error) string {
	t.Helper()
	var ne *certificate.NumberError
	require.True(t, errors.As(err, &ne), "want a *certificate.NumberError, got %v", err)
	return ne.Code
}

func TestRegions(t *testing.T) {
	reg := registry(t, driverlicense.Options{})
	cases := []struct {
		region, number string
		wantRegion     string // "" when refused
		wantCode       string
		reason         string
	}{
		{"HK", "A123456(3)", "HK", "", "Hong Kong licences (the HKID number) are accepted by default"},
		{"MO", "1234567(8)", "MO", "", "Macao licences are accepted by default"},
		{"TW", "A219758834", "TW", "", "Taiwan licences are accepted by default"},
		{"CN-HK", "A1234563", "HK", "", "ISO 3166-2 CN-HK is Hong Kong"},
		{"CN", "440301199001011234", "", driverlicense.CodeIssuedInMainland, "mainland licences are refused with their own code"},
		{"CN-GD", "440301199001011234", "", driverlicense.CodeIssuedInMainland, "a mainland province is the mainland"},
		{"", "123456789", "", driverlicense.CodeRegionRequired, "the issuing region is required"},
		{"US", "A1234567", "", driverlicense.CodeRegionRequired, "a US licence needs its state"},
		{"US-ZZ", "A1234567", "", driverlicense.CodeInvalidRegion, "no such US jurisdiction"},
		{"XX", "123456789", "", driverlicense.CodeInvalidRegion, "XX is not an ISO 3166 country"},
		{"fr", "12AB34567", "FR", "", "generic scheme; lower-case region is folded"},
		{"FR", "12 AB 34567", "FR", "", "spaces are dropped"},
		{"FR", "ABC", "", certificate.CodeLength, "generic numbers have at least 4 characters"},
		{"FR", "ABC_1234", "", certificate.CodeFormat, "generic numbers are letters and digits"},
		{"JP", "123456789012", "JP", "", "Japanese licence number, generic"},
		{"US-CA", "a1234567", "US-CA", "", "California: 1 letter + 7 digits"},
		{"US-CA", "12345678", "", certificate.CodeFormat, "California numbers start with a letter"},
		{"US-WA", "SMITHJ*123AB", "US-WA", "", "Washington: 12 characters with an asterisk"},
		{"US-WA", "SMITHJ*123A", "", certificate.CodeFormat, "Washington numbers are exactly 12 characters"},
		{"US-FL", "S123-456-78-901-0", "US-FL", "", "Florida: printed with hyphens"},
		{"US-NY", "ABCDEFGH", "US-NY", "", "New York: 8 letters"},
		{"US-TX", "12345678", "US-TX", "", "Texas: 7-8 digits"},
		{"GB", "MORGA657054SM9IJ", "GB", "", "DVLA leaflet example (INF leaflet, reproduced at uk-official-document.com)"},
		{"GB-SCT", "MORGA657054SM9IJ", "GB", "", "a UK subdivision uses the UK format"},
		{"GB-SCT", "12AB34567", "", certificate.CodeLength, "a UK subdivision does not fall back to the generic format"},
	}
	for _, c := range cases {
		p, err := reg.Parse(certificate.DriverLicense, c.region, c.number)
		if c.wantCode != "" {
			require.Error(t, err, c.reason)
			assert.Equal(t, c.wantCode, code(t, err), c.reason)
			assert.NotContains(t, err.Error(), c.number, "the number is masked")
			continue
		}
		require.NoError(t, err, c.reason)
		assert.Equal(t, c.wantRegion, p.Number.Region(), c.reason)
		assert.Equal(t, certificate.DriverLicense, p.Number.Kind(), c.reason)
	}
}

func TestRefuseOption(t *testing.T) {
	reg := registry(t, driverlicense.Options{Refuse: []string{"HK", "MO", "TW"}})
	for _, region := range []string{"HK", "MO", "TW", "CN-TW"} {
		_, err := reg.Parse(certificate.DriverLicense, region, "A1234563")
		require.Error(t, err, region)
		assert.Equal(t, driverlicense.CodeRegionRefused, code(t, err), region)
	}
	_, err := reg.Parse(certificate.DriverLicense, "CN", "A1234563")
	assert.Equal(t, driverlicense.CodeIssuedInMainland, code(t, err), "CN keeps its own code")
	_, err = reg.Parse(certificate.DriverLicense, "SG", "S1234567D")
	assert.NoError(t, err, "other regions are still accepted")

	reg = registry(t, driverlicense.Options{Refuse: []string{"US"}})
	_, err = reg.Parse(certificate.DriverLicense, "US-CA", "A1234567")
	assert.Equal(t, driverlicense.CodeRegionRefused, code(t, err), "refusing US refuses its states")
}

// Parse without a registry: a scheme that is called directly still checks.
func TestSchemesDirect(t *testing.T) {
	var cn, generic certificate.Scheme
	for _, s := range driverlicense.Schemes() {
		switch s.Region() {
		case "CN":
			cn = s
		case "":
			generic = s
		}
	}
	require.NotNil(t, cn)
	require.NotNil(t, generic)
	_, err := cn.Parse("440301199001011234")
	assert.Equal(t, driverlicense.CodeIssuedInMainland, code(t, err))
	_, err = generic.Parse("123456789")
	assert.Equal(t, driverlicense.CodeRegionRequired, code(t, err), "the generic scheme has no region to go by")
	rs, ok := generic.(certificate.RegionalScheme)
	require.True(t, ok)
	p, err := rs.ParseIn("DE", "B072RRE2I55")
	require.NoError(t, err)
	assert.Equal(t, "DE", p.Number.Region())

	// Through Registry.Lookup the generic scheme is bound to the region.
	s, ok := registry(t, driverlicense.Options{}).Lookup(certificate.DriverLicense, "TW")
	require.True(t, ok)
	assert.Equal(t, "TW", s.Region())
	p, err = s.Parse("A219758834")
	require.NoError(t, err)
	assert.Equal(t, "TW", p.Number.Region())
}

// The generated table agrees with the source data, which is part of the
// module (internal/data).
func TestUSTableMatchesSource(t *testing.T) {
	f, err := os.Open("internal/data/us-dl-formats.txt")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	assert.Equal(t, "53", strings.TrimSpace(sc.Text()))
	var states []string
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		parts := strings.SplitN(line, " | ", 3)
		require.Len(t, parts, 3, line)
		states = append(states, parts[0])
		src, desc, ok := driverlicense.USFormat(parts[0])
		require.True(t, ok, parts[0])
		assert.Equal(t, parts[1], src, parts[0])
		assert.Equal(t, parts[2], desc, parts[0])
	}
	assert.Equal(t, states, driverlicense.USStates())
	assert.Equal(t, "USDLRegex@b623550a/53", driverlicense.USFormatsVersion)
}

// go generate reproduces the committed table byte for byte from the data in
// the module.
func TestGeneratedTableIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out := filepath.Join(t.TempDir(), "us_formats.go")
	cmd := exec.Command(goTool, "run", "gen.go", "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	want, err := os.ReadFile("us_formats.go")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "us_formats.go is not what gen.go makes of internal/data: run go generate")
}

// One number per description in the source, made from the description,
// must be accepted by that jurisdiction's scheme.
func TestUSDescriptions(t *testing.T) {
	reg := registry(t, driverlicense.Options{})
	cases := []struct{ state, number, reason string }{
		{"AL", "1234567", "1-8 Numeric"},
		{"AZ", "AB1234", "2 Alpha + 2-5 Numeric"},
		{"IA", "123AB4567", "3 Numeric + 2 Alpha + 4 Numeric"},
		{"KS", "A1B2C", "1 Alpha + 1 Numeric + 1 Alpha + 1 Numeric + 1 Alpha"},
		{"MO", "123A456789", "3 Numeric + 1 Alpha + 6 Numeric"},
		{"MO", "A123456R", "1 Alpha + 6 Numeric + 'R'"},
		{"NH", "12ABC34567", "2 Numeric + 3 Alpha + 5 Numeric"},
		{"NV", "X12345678", "'X' + 8 Numeric"},
		{"OR", "B123456", "B + 6 Numeric"},
		{"VT", "1234567A", "7 Numeric + 'A'"},
		{"WV", "AB12345", "1-2 Alpha + 5-6 Numeric"},
		{"GU", "A12345678901234", "1 Alpha + 14 Numeric"},
		{"PR", "12345", "5-7 Numeric"},
		{"DC", "1234567", "7 Numeric"},
	}
	for _, c := range cases {
		_, err := reg.Parse(certificate.DriverLicense, "US-"+c.state, c.number)
		assert.NoError(t, err, "%s %s: %s", c.state, c.number, c.reason)
	}
	_, err := reg.Parse(certificate.DriverLicense, "US-VT", "1234567B")
	assert.Error(t, err, "VT: only A may follow 7 digits")
}

func TestGBStructure(t *testing.T) {
	reg := registry(t, driverlicense.Options{})
	cases := []struct {
		number string
		want   error
		sex    certificate.Sex
		reason string
	}{
		{"MORGA657054SM9IJ", nil, certificate.Female, "DVLA leaflet example: month 57 is July, female"},
		{"MORGA 657054 SM 9IJ", nil, certificate.Female, "as printed in the leaflet, with spaces"},
		{"MORGA657054SM9IJ35", nil, certificate.Female, "with the issue number typed after it"},
		{"MAN99701015J99AB", nil, certificate.Male, "short surname padded with 9"},
		{"12345678", nil, certificate.SexUnspecified, "Northern Ireland: 8 digits"},
		{"MORGA657054SM9I", certificate.ErrLength, 0, "15 characters"},
		{"MORGA627054SM9IJ", certificate.ErrFormat, 0, "month digit 2 (tens) is not 0, 1, 5 or 6"},
		{"MORGA613054SM9IJ", certificate.ErrComponent, 0, "month 13"},
		{"MORGA602304SM9IJ", certificate.ErrComponent, 0, "30 February"},
		{"MORGA602294SM9IJ", nil, certificate.Male, "29 February in a year ending 4"},
		{"MORGA602295SM9IJ", certificate.ErrComponent, 0, "29 February in a year ending 5"},
		{"MO9GA657054SM9IJ", certificate.ErrFormat, 0, "letter after surname padding"},
		{"9ORGA657054SM9IJ", certificate.ErrFormat, 0, "surname cannot start with padding"},
		{"MORGA657054SM9I*", certificate.ErrFormat, 0, "check characters are letters or digits"},
		{"1234567A", certificate.ErrFormat, 0, "8 characters but not 8 digits"},
	}
	for _, c := range cases {
		p, err := reg.Parse(certificate.DriverLicense, "GB", c.number)
		if c.want != nil {
			assert.ErrorIs(t, err, c.want, c.reason)
			continue
		}
		require.NoError(t, err, c.reason)
		assert.Equal(t, c.sex, p.Sex, c.reason)
		assert.Equal(t, "GB", p.Number.Region())
	}
}

func TestCheckDVLA(t *testing.T) {
	morgan := driverlicense.Holder{
		Surname:    "Morgan",
		GivenNames: "Sarah Meredith",
		Birth:      certificate.Date{Year: 1964, Month: time.July, Day: 5},
		Sex:        certificate.Female,
	}
	cases := []struct {
		number string
		holder driverlicense.Holder
		codes  []string
		reason string
	}{
		{"MORGA657054SM9IJ", morgan, nil, "the leaflet's holder matches every part"},
		{"MORGA657054SM9IJ", driverlicense.Holder{}, nil, "nothing to compare"},
		{"MORGA657054SM9IJ", driverlicense.Holder{Surname: "Morgen"}, []string{driverlicense.CodeSurnameMismatch}, "different surname"},
		{"MORGA657054SM9IJ", driverlicense.Holder{GivenNames: "Sarah"}, []string{driverlicense.CodeInitialsMismatch}, "one given name: second initial is 9"},
		{"MORGA657054S99IJ", driverlicense.Holder{GivenNames: "sarah"}, nil, "one given name encoded S9"},
		{"MORGA657054SM9IJ", driverlicense.Holder{Birth: certificate.Date{Year: 1974, Month: time.July, Day: 5}}, []string{driverlicense.CodeBirthDateMismatch}, "other decade"},
		{"MORGA657054SM9IJ", driverlicense.Holder{Sex: certificate.Male}, []string{driverlicense.CodeSexMismatch}, "month+50 is a woman"},
		{"MCDON701015J99AB", driverlicense.Holder{Surname: "MacDonald"}, nil, "Mac encoded MC"},
		{"MACDO701015J99AB", driverlicense.Holder{Surname: "MacDonald"}, nil, "Mac encoded in full"},
		{"MULLE701015J99AB", driverlicense.Holder{Surname: "Müller"}, nil, "accents removed"},
		{"OBRIE701015J99AB", driverlicense.Holder{Surname: "O'Brien"}, nil, "apostrophe removed"},
		{"LI999701015J99AB", driverlicense.Holder{Surname: "Li"}, nil, "short surname padded"},
		{"12345678", morgan, nil, "Northern Ireland numbers encode nothing"},
	}
	for _, c := range cases {
		err := driverlicense.CheckDVLA(c.number, c.holder)
		if c.codes == nil {
			assert.NoError(t, err, c.reason)
			continue
		}
		var me *driverlicense.MismatchError
		require.True(t, errors.As(err, &me), c.reason)
		assert.Equal(t, c.codes, me.Codes, c.reason)
		assert.ErrorIs(t, err, driverlicense.ErrMismatch)
	}
	err := driverlicense.CheckDVLA("MORGA", morgan)
	assert.ErrorIs(t, err, certificate.ErrLength, "a malformed number is a parse error")
}

func TestParseEU(t *testing.T) {
	good := driverlicense.EUFields{IssueDate: "15.03.2020", ExpiryDate: "14.03.2035", Authority: "Stadt  Köln", Number: "B072RRE2I55"}
	l, err := driverlicense.ParseEU("de", good, driverlicense.Options{})
	require.NoError(t, err)
	assert.Equal(t, "DE", l.Region)
	assert.Equal(t, certificate.Date{Year: 2020, Month: time.March, Day: 15}, l.Validity.Issued)
	assert.Equal(t, certificate.Date{Year: 2035, Month: time.March, Day: 14}, l.Validity.Expires)
	assert.Equal(t, "Stadt Köln", l.Authority, "white space collapsed")
	assert.Equal(t, "B072RRE2I55", l.Number.Canonical())

	cases := []struct {
		region string
		f      driverlicense.EUFields
		fields []string
		codes  []string
		reason string
	}{
		{"DE", driverlicense.EUFields{IssueDate: "2020-03-15", ExpiryDate: "14/03/2035", Authority: "Stadt Köln", Number: "B072RRE2I55"}, nil, nil, "ISO and slash dates"},
		{"DE", driverlicense.EUFields{IssueDate: "31.02.2020", ExpiryDate: "14.03.2035", Authority: "Stadt Köln", Number: "B072RRE2I55"}, []string{"4a"}, []string{driverlicense.CodeIssueDate}, "31 February"},
		{"DE", driverlicense.EUFields{IssueDate: "15.03.2020", ExpiryDate: "2035", Authority: "Stadt Köln", Number: "B072RRE2I55"}, []string{"4b"}, []string{driverlicense.CodeExpiryDate}, "year only"},
		{"DE", driverlicense.EUFields{IssueDate: "15.03.2020", ExpiryDate: "15.03.2019", Authority: "Stadt Köln", Number: "B072RRE2I55"}, []string{"4b"}, []string{driverlicense.CodeValidity}, "expires before issue"},
		{"DE", driverlicense.EUFields{IssueDate: "15.03.2020", ExpiryDate: "16.03.2035", Authority: "Stadt Köln", Number: "B072RRE2I55"}, []string{"4b"}, []string{driverlicense.CodeValidity}, "15 years and a day"},
		{"DE", driverlicense.EUFields{IssueDate: "15.03.2020", ExpiryDate: "14.03.2035", Authority: " ", Number: "B072RRE2I55"}, []string{"4c"}, []string{driverlicense.CodeAuthority}, "no authority"},
		{"DE", driverlicense.EUFields{IssueDate: "15.03.2020", ExpiryDate: "14.03.2035", Authority: "Köln\x00", Number: "B072RRE2I55"}, []string{"4c"}, []string{driverlicense.CodeAuthority}, "control character"},
		{"DE", driverlicense.EUFields{IssueDate: "15.03.2020", ExpiryDate: "14.03.2035", Authority: "Stadt Köln", Number: "B0"}, []string{"5"}, []string{certificate.CodeLength}, "number too short"},
		{"DE", driverlicense.EUFields{}, []string{"4a", "4b", "4c", "5"}, []string{driverlicense.CodeIssueDate, driverlicense.CodeExpiryDate, driverlicense.CodeAuthority, certificate.CodeLength}, "every field wrong: all reported"},
		{"GB", driverlicense.EUFields{IssueDate: "01.01.2020", ExpiryDate: "31.12.2029", Authority: "DVLA", Number: "MORGA657054SM9IJ"}, nil, nil, "the UK kept the model; its number is checked as DVLA"},
		{"GB", driverlicense.EUFields{IssueDate: "01.01.2020", ExpiryDate: "31.12.2029", Authority: "DVLA", Number: "MORGA627054SM9IJ"}, []string{"5"}, []string{certificate.CodeFormat}, "a malformed DVLA number"},
		{"US", good, []string{""}, []string{driverlicense.CodeNotEUModel}, "the US does not issue the EU model"},
		{"CN", good, []string{""}, []string{driverlicense.CodeIssuedInMainland}, "the mainland is refused first"},
	}
	for _, c := range cases {
		_, err := driverlicense.ParseEU(c.region, c.f, driverlicense.Options{})
		if c.fields == nil {
			assert.NoError(t, err, c.reason)
			continue
		}
		require.Error(t, err, c.reason)
		var fields, codes []string
		for _, e := range unjoin(err) {
			var fe *driverlicense.FieldError
			require.True(t, errors.As(e, &fe), c.reason)
			fields = append(fields, fe.Field)
			codes = append(codes, fe.Code)
		}
		assert.Equal(t, c.fields, fields, c.reason)
		assert.Equal(t, c.codes, codes, c.reason)
	}
	assert.Len(t, driverlicense.EURegions(), 31)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
