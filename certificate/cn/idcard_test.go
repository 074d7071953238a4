package cn_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
)

// testClock is the clock of the tests: 2026-11-25 12:00 UTC, which is
// 20:00 on the same day in China Standard Time.
var testClock = certificate.Clock{Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }}

// onTestClock returns s judging dates by testClock, looked up in a registry
// with that clock as a service would.
func onTestClock(s certificate.Scheme) certificate.Scheme {
	reg, err := certificate.NewRegistry(s)
	if err != nil {
		panic(err)
	}
	bound, _ := reg.WithClock(testClock).Lookup(s.Kind(), s.Region())
	return bound
}

// checkChar computes the GB 11643 check character the way GB 11643-1999
// states it (ISO 7064:1983 MOD 11-2 in weighted form): weights
// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (2^(18-i) mod 11) and the table
// 1 0 X 9 8 7 6 5 4 3 2 for S mod 11 (validator.js isIdentityCard zh-CN,
// parityBit). It is an oracle independent of
// internal/checksum, which uses the recursive MOD 11-2 form.
func checkChar(first17 string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}

func withCheck(first17 string) string { return first17 + string(checkChar(first17)) }

type want struct {
	canonical string
	birth     string
	sex       certificate.Sex
	review    []string
}

type idCase struct {
	reason string
	input  string
	want   want   // for valid input
	err    error  // reason sentinel for invalid input
	code   string // expected code for invalid input ("" = generic code of err)
}

func runIDCases(t *testing.T, s certificate.Scheme, cases []idCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.reason, func(t *testing.T) {
			p, err := s.Parse(tc.input)
			if tc.err != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.err)
				var ne *certificate.NumberError
				require.ErrorAs(t, err, &ne)
				code := tc.code
				if code == "" {
					code = certificate.ReasonCode(tc.err)
				}
				assert.Equal(t, code, ne.Code)
				assert.True(t, p.Number.IsZero())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want.canonical, p.Number.Canonical())
			assert.Equal(t, s.Kind(), p.Number.Kind())
			if tc.want.birth != "" {
				assert.Equal(t, tc.want.birth, p.Birth.String())
			}
			if tc.want.sex != certificate.SexUnspecified {
				assert.Equal(t, tc.want.sex, p.Sex)
			}
			assert.Equal(t, tc.want.review, p.Review)
		})
	}
}

func TestIDCardPublishedVectors(t *testing.T) {
	s := onTestClock(cn.NewIDCard(cn.Options{}))
	runIDCases(t, s, []idCase{
		// python-stdnum tests/test_cn_ric.doctest (arthurdejong/python-stdnum).
		{reason: "stdnum: valid Jiangxi number", input: "360426199101010071", want: want{"360426199101010071", "1991-01-01", certificate.Male, nil}},
		{reason: "stdnum: lower-case x is upper-cased", input: "44011320141005001x", want: want{"44011320141005001X", "2014-10-05", certificate.Male, nil}},
		{reason: "stdnum: Henan county", input: "412723199010050012", want: want{"412723199010050012", "1990-10-05", certificate.Male, nil}},
		{reason: "stdnum: Beijing Xicheng", input: "110102199101010078", want: want{"110102199101010078", "1991-01-01", certificate.Male, nil}},
		{reason: "stdnum: Tianjin 120110 before its 1992 rename", input: "120110198012010073", want: want{"120110198012010073", "1980-12-01", certificate.Male, nil}},
		{reason: "stdnum: Tianjin 120110 after its 1992 rename", input: "120110199212010072", want: want{"120110199212010072", "1992-12-01", certificate.Male, nil}},
		{reason: "stdnum: county 110111 created after the birth year is fine when not strict", input: "110111198012010078", want: want{"110111198012010078", "1980-12-01", certificate.Male, nil}},
		{reason: "stdnum: unknown province 99", input: "990426199112010074", err: certificate.ErrComponent, code: cn.CodeUnknownProvince},
		{reason: "stdnum: letter in the digits", input: "T60426199101010078", err: certificate.ErrFormat},
		{reason: "stdnum: month 13", input: "360426199113010079", err: certificate.ErrComponent, code: cn.CodeBirthDate},
		{reason: "stdnum: wrong check character", input: "36042619910102009X", err: certificate.ErrChecksum},

		// validator.js test/validators.test.js, isIdentityCard zh-CN (read in
		// the copy of those vectors kept by runtime-data-validation's tests).
		{reason: "validator.js: valid, county missing from the table is a review", input: "235407195106112745", want: want{"235407195106112745", "1951-06-11", certificate.Female, []string{cn.CodeDivisionUnlisted}}},
		{reason: "validator.js: valid Dalian number", input: "210203197503102721", want: want{"210203197503102721", "1975-03-10", certificate.Female, nil}},
		{reason: "validator.js: valid Guizhou number", input: "520323197806058856", want: want{"520323197806058856", "1978-06-05", certificate.Male, nil}},
		{reason: "validator.js: valid 15-digit number", input: "110101491001001", want: want{"11010119491001001X", "1949-10-01", certificate.Male, nil}},
		{reason: "validator.js: year 2978 is in the future", input: "520323297806058856", err: certificate.ErrComponent, code: cn.CodeBirthInFuture},
		{reason: "validator.js: 31 February", input: "520323197802318856", err: certificate.ErrComponent, code: cn.CodeBirthDate},
		{reason: "validator.js: wrong check character", input: "235407195106112742", err: certificate.ErrChecksum},
		{reason: "validator.js: 15 digits with day 41", input: "110101491041001", err: certificate.ErrComponent, code: cn.CodeBirthDate},
		{reason: "validator.js: 15 digits with province 16", input: "160101491001001", err: certificate.ErrComponent, code: cn.CodeUnknownProvince},
		{reason: "validator.js: 15 digits with province 01", input: "010101491001001", err: certificate.ErrComponent, code: cn.CodeUnknownProvince},
		{reason: "validator.js: 15 digits with 31 February 1994", input: "110101940231001", err: certificate.ErrComponent, code: cn.CodeBirthDate},
		{reason: "validator.js: birth in 2070", input: "235407207006112742", err: certificate.ErrComponent, code: cn.CodeBirthInFuture},
		{reason: "validator.js: 9 characters", input: "123456789", err: certificate.ErrLength},
		{reason: "validator.js: 12 characters", input: "123456789546", err: certificate.ErrLength},

		// django-localflavor tests/test_cn.py, CNIDCardField.
		{reason: "django: 2nd generation number", input: "11010119491001001X", want: want{"11010119491001001X", "1949-10-01", certificate.Male, nil}},
		{reason: "django: lower-case x", input: "11010119491001001x", want: want{"11010119491001001X", "", 0, nil}},
		{reason: "django: letters only", input: "abcdefghijklmnop", err: certificate.ErrLength},
		{reason: "django: 16 digits", input: "1010101010101010", err: certificate.ErrLength},
		{reason: "django: 19491301 is not a date", input: "91010119491301001X", err: certificate.ErrComponent, code: cn.CodeBirthDate},
		{reason: "django: wrong checksum (checked before the province)", input: "910101194910010014", err: certificate.ErrChecksum},
	})
}

func TestIDCardInputAndRules(t *testing.T) {
	s := onTestClock(cn.NewIDCard(cn.Options{}))
	// Numbers below are built with checkChar, the independent oracle.
	valid := withCheck("11010519491231002")
	leap := withCheck("11010520000229001")
	unlisted := withCheck("11019919800101001")
	today := withCheck("11010520261125001")
	tomorrow := withCheck("11010520261126001")
	rp := withCheck("81000019900101001")
	runIDCases(t, s, []idCase{
		{reason: "README quick-start number", input: "11010519491231002X", want: want{"11010519491231002X", "1949-12-31", certificate.Female, nil}},
		{reason: "oracle agrees with the README number", input: valid, want: want{"11010519491231002X", "", 0, nil}},
		{reason: "spaces and hyphens as people type them", input: " 110105-19491231-002X ", want: want{"11010519491231002X", "", 0, nil}},
		{reason: "full-width digits and letter", input: "１１０１０５１９４９１２３１００２ｘ", want: want{"11010519491231002X", "", 0, nil}},
		{reason: "29 February in a leap year", input: leap, want: want{leap, "2000-02-29", certificate.Male, nil}},
		{reason: "29 February in a common year", input: "110105190102290017", err: certificate.ErrComponent, code: cn.CodeBirthDate},
		{reason: "born today in China Standard Time", input: today, want: want{today, "2026-11-25", certificate.Male, nil}},
		{reason: "born tomorrow", input: tomorrow, err: certificate.ErrComponent, code: cn.CodeBirthInFuture},
		{reason: "year before 1800", input: withCheck("11010517990101001"), err: certificate.ErrComponent, code: cn.CodeBirthDate},
		{reason: "county code missing from the table", input: unlisted, want: want{unlisted, "1980-01-01", certificate.Male, []string{cn.CodeDivisionUnlisted}}},
		{reason: "residence-permit address code on an identity card", input: rp, err: certificate.ErrComponent, code: cn.CodeAddressMismatch},
		{reason: "check character other than X", input: "11010519491231002Y", err: certificate.ErrFormat},
		{reason: "X inside the digits", input: "1101051949X231002X", err: certificate.ErrFormat},
		{reason: "empty input", input: "", err: certificate.ErrLength},
		{reason: "17 characters", input: "11010519491231002", err: certificate.ErrLength},
		{reason: "19 characters", input: "11010519491231002X1", err: certificate.ErrLength},
		{reason: "15 characters with a letter", input: "11010149100100X", err: certificate.ErrFormat},
		{reason: "very long input", input: string(make([]byte, 10000)), err: certificate.ErrLength},
	})
}

func TestIDCardStrictBirthYear(t *testing.T) {
	s := onTestClock(cn.NewIDCard(cn.Options{StrictBirthYear: true}))
	runIDCases(t, s, []idCase{
		// python-stdnum tests/test_cn_ric.doctest, get_birth_place.
		{reason: "stdnum: 120110 named 东郊区 in 1980", input: "120110198012010073", want: want{"120110198012010073", "", 0, nil}},
		{reason: "stdnum: 120110 named 东丽区 in 1992", input: "120110199212010072", want: want{"120110199212010072", "", 0, nil}},
		{reason: "stdnum: 110111 not registered yet in 1980", input: "110111198012010078", err: certificate.ErrComponent, code: cn.CodeDivisionNotInBirthYear},
		{reason: "stdnum: 110201 deregistered by 1993", input: "110201199312010077", err: certificate.ErrComponent, code: cn.CodeDivisionNotInBirthYear},
		{reason: "county missing from the table is rejected in strict mode", input: withCheck("11019919800101001"), err: certificate.ErrComponent, code: cn.CodeDivisionNotInBirthYear},
		{reason: "legacy 15-digit number checked in its birth year", input: "110101491001001", want: want{"11010119491001001X", "", 0, nil}},
	})
}

func TestIDCardZeroValueUsesSystemClock(t *testing.T) {
	var s cn.IDCardScheme
	_, err := s.Parse("11010519491231002X")
	require.NoError(t, err)
	year := certificate.Clock{}.Today().Year + 1
	future := withCheck("110105" + itoa4(year) + "0101001")
	_, err = s.Parse(future)
	assert.ErrorIs(t, err, certificate.ErrComponent)
}

func itoa4(n int) string {
	return string([]byte{byte('0' + n/1000%10), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)})
}

func TestIDCardErrorMasksInput(t *testing.T) {
	s := onTestClock(cn.NewIDCard(cn.Options{}))
	_, err := s.Parse("36042619910102009X")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "36042619910102009X")
	assert.Contains(t, err.Error(), "checksum")
	var ne *certificate.NumberError
	require.True(t, errors.As(err, &ne))
	assert.Equal(t, certificate.IDCard, ne.Kind)
	assert.Equal(t, "CN", ne.Region)
}

func TestSchemeIdentity(t *testing.T) {
	tests := []struct {
		reason string
		scheme certificate.Scheme
		kind   certificate.Kind
		region string
	}{
		{"identity card is CN", cn.NewIDCard(cn.Options{}), certificate.IDCard, "CN"},
		{"HK/MO residence permit is issued by CN", cn.NewHKMOResidencePermit(cn.Options{}), certificate.HKMOResidencePermit, "CN"},
		{"TW residence permit is issued by CN", cn.NewTWResidencePermit(cn.Options{}), certificate.TWResidencePermit, "CN"},
		{"HK/MO travel permit serves any region", cn.HKMOTravelPermitScheme{}, certificate.HKMOTravelPermit, ""},
		{"TW travel permit is TW", cn.TWTravelPermitScheme{}, certificate.TWTravelPermit, "TW"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			assert.Equal(t, tc.kind, tc.scheme.Kind())
			assert.Equal(t, tc.region, tc.scheme.Region())
		})
	}
	reg, err := certificate.NewRegistry(cn.Schemes(cn.Options{})...)
	require.NoError(t, err, "the five schemes have distinct kinds")
	assert.Len(t, reg.Schemes(), 5)
}
