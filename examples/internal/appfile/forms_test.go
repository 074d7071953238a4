package appfile_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/examples/internal/appfile"
)

// application reads a file and converts it.
func application(t *testing.T, js string) (*appfile.File, error) {
	t.Helper()
	f, err := appfile.Read(strings.NewReader(js))
	if err != nil {
		return nil, err
	}
	_, err = f.Application(t.TempDir())
	return f, err
}

func TestKeysAreExact(t *testing.T) {
	for _, tc := range []struct{ json, key, want string }{
		{`{"Typed":{"name":"x"}}`, `"Typed"`, `"typed"`},
		{`{"typed":{"Number":"1"}}`, `"typed.Number"`, `"typed.number"`},
		{`{"files":{"certificate":{"PATH":"a.png"}}}`, `"files.certificate.PATH"`, `"files.certificate.path"`},
		{`{"document":{"surprise":1}}`, `"document.surprise"`, ""},
	} {
		_, err := appfile.Read(strings.NewReader(tc.json))
		require.Error(t, err, tc.json)
		assert.Contains(t, err.Error(), tc.key, "the error names the key")
		assert.Contains(t, err.Error(), tc.want)
	}
	_, err := appfile.Read(strings.NewReader(`{"typed":{"name":"x"}} {"typed":{}}`))
	assert.ErrorContains(t, err, "after", "a second value is refused")
	_, err = appfile.Read(strings.NewReader(`{"document":{"birth":"1990-02-30"}}`))
	assert.ErrorContains(t, err, "document.birth", "a value error names its field")
	f, err := appfile.Read(strings.NewReader(`{"typed":null,"document":{"kind":"passport"}}`))
	require.NoError(t, err)
	assert.Equal(t, certificate.Passport, f.Document.Kind)
}

func TestDates(t *testing.T) {
	want := certificate.Date{Year: 2020, Month: time.May, Day: 1}
	for _, s := range []string{"2020-05-01", "2020.05.01", "2020/05/01", "2020.5.1", "2020年5月1日", "2020年05月01日", "2020 年 5 月 1 日", "20200501", " 2020-05-01 "} {
		f, err := appfile.Read(strings.NewReader(`{"document":{"issued":"` + s + `"}}`))
		require.NoError(t, err, s)
		assert.Equal(t, want, certificate.Date(f.Document.Issued), s)
	}
	for _, tc := range []struct{ date, want string }{
		{"01/05/2020", "year first"},
		{"05.01.2020", "year first"},
		{"1-5-20", "year first"},
		{"2020-05/01", "not year-month-day"},
		{"200501", "not year-month-day"},
		{"May 1, 2020", "not year-month-day"},
		{"2020.02.30", "not a calendar date"},
		{"2020年13月1日", "not a calendar date"},
	} {
		_, err := appfile.Read(strings.NewReader(`{"document":{"birth":"` + tc.date + `"}}`))
		require.Error(t, err, tc.date)
		assert.Contains(t, err.Error(), tc.want, tc.date)
		assert.Contains(t, err.Error(), "document.birth", tc.date)
	}
	d, err := appfile.ParseDate("2020.05.01")
	require.NoError(t, err)
	out, err := appfile.Date(d).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2020-05-01", string(out), "dates are written ISO 8601")
}

func TestSex(t *testing.T) {
	for in, want := range map[string]certificate.Sex{
		"": certificate.SexUnspecified, "M": certificate.Male, "m": certificate.Male, "Male": certificate.Male, "MALE": certificate.Male, "男": certificate.Male,
		"F": certificate.Female, "f": certificate.Female, "female": certificate.Female, "女": certificate.Female,
		"X": certificate.SexUnspecified, "x": certificate.SexUnspecified,
	} {
		f, err := appfile.Read(strings.NewReader(`{"document":{"sex":"` + in + `"}}`))
		require.NoError(t, err)
		app, err := f.Application(t.TempDir())
		require.NoError(t, err, "%q", in)
		assert.Equal(t, want, app.Document.Sex, "%q", in)
	}
	_, err := application(t, `{"document":{"sex":"Q"}}`)
	assert.ErrorContains(t, err, "document.sex")
}

func TestRegions(t *testing.T) {
	for _, tc := range []struct {
		json, number, issuing, account string
	}{
		{`{"typed":{"kind":"driver_license","number_region":"us-ca"},"document":{"issuing_region":"us-ca"},"account":{"registration_region":"Us-Ca"}}`, "US-CA", "US", "US"},
		{`{"typed":{"kind":"passport","number_region":"gb"},"document":{"issuing_region":"GB"},"account":{"registration_region":"gb"}}`, "GB", "GB", "GB"},
		// The kind's fixed region comes first: a Taiwan travel permit of a
		// CN account follows the TW scheme.
		{`{"typed":{"kind":"tw_travel_permit"},"account":{"registration_region":"CN"}}`, "TW", "ZZ", "CN"},
		{`{"typed":{"kind":"tw_residence_permit"},"account":{"registration_region":"HK"}}`, "CN", "ZZ", "HK"},
		// Else the issuing region, else the account's.
		{`{"typed":{"kind":"passport"},"document":{"issuing_region":"DE"},"account":{"registration_region":"CN"}}`, "DE", "DE", "CN"},
		{`{"typed":{"kind":"id_card"},"account":{"registration_region":"cn"}}`, "CN", "ZZ", "CN"},
	} {
		f, err := appfile.Read(strings.NewReader(tc.json))
		require.NoError(t, err, tc.json)
		app, err := f.Application(t.TempDir())
		require.NoError(t, err, tc.json)
		assert.Equal(t, tc.number, app.Claim.Region, tc.json)
		assert.Equal(t, tc.account, app.Account.RegistrationRegion.String(), tc.json)
		if tc.issuing != "ZZ" {
			assert.Equal(t, tc.issuing, app.Document.IssuingRegion.String(), tc.json)
		}
	}
	for _, bad := range []string{
		`{"typed":{"number_region":"ZZZZ"}}`,
		`{"typed":{"number_region":"US-"}}`,
		`{"typed":{"number_region":"US-CALI"}}`,
		`{"document":{"issuing_region":"419"}}`,
		`{"account":{"registration_region":"EU"}}`,
	} {
		_, err := application(t, bad)
		assert.Error(t, err, bad)
	}
}

func TestDeprecatedRegion(t *testing.T) {
	f, err := appfile.Read(strings.NewReader(`{"typed":{"kind":"driver_license","region":"US-CA"}}`))
	require.NoError(t, err)
	assert.Equal(t, "US-CA", f.Typed.NumberRegion, "typed.region is read as typed.number_region")
	assert.Empty(t, f.Typed.Region)
	require.Len(t, f.Warnings, 1)
	assert.Contains(t, f.Warnings[0], "typed.region is deprecated")
	assert.Contains(t, f.Warnings[0], "typed.number_region")

	f, err = appfile.Read(strings.NewReader(`{"typed":{"region":"cn","number_region":"CN"}}`))
	require.NoError(t, err, "both, agreeing")
	assert.Len(t, f.Warnings, 1)
	_, err = appfile.Read(strings.NewReader(`{"typed":{"region":"CN","number_region":"TW"}}`))
	assert.ErrorContains(t, err, "differ")

	f, err = appfile.Read(strings.NewReader(`{"typed":{"number_region":"CN"}}`))
	require.NoError(t, err)
	assert.Empty(t, f.Warnings)
}

func TestLoadUnavailableFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "folder.png"), 0o755))
	path := filepath.Join(dir, "app.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"files":{"certificate":{"path":"gone.png"},"handheld":{"path":"folder.png"}}}`), 0o644))
	l, err := appfile.Load(path)
	require.NoError(t, err)
	require.Len(t, l.Unavailable, 2)
	assert.Equal(t, "certificate", l.Unavailable[0].Role)
	assert.Equal(t, "not_found", l.Unavailable[0].Reason)
	assert.Equal(t, "handheld", l.Unavailable[1].Role)
	assert.Equal(t, "not_regular", l.Unavailable[1].Reason)
	assert.Nil(t, l.Application.Certificate.Open, "an unavailable upload is absent")
	assert.Nil(t, l.Application.Handheld.Open)
}
