package precaution_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// in2019 is 2019-06-01, noon in Beijing.
func in2019() time.Time { return time.Date(2019, 6, 1, 4, 0, 0, 0, time.UTC) }

// bornIn2020 is a PRC identity card number (Beijing Chaoyang 110105) of a
// woman born 2020-01-01, with its GB 11643-1999 check character: valid
// today, but on 2019-06-01 its birth date lies in the future.
var bornIn2020 = gb11643("11010520200101002")

// cardApplication is an application with a PRC identity card of number,
// nothing read but the number.
func cardApplication(number string) precaution.Application {
	return precaution.Application{
		Account:  precaution.Account{ID: "acct-4", RegistrationRegion: region("CN")},
		Claim:    precaution.Claim{Name: "张三", Kind: certificate.IDCard, Region: "CN", Number: number},
		Document: precaution.Document{Kind: certificate.IDCard, Number: number, Name: "张三", Validity: certificate.Validity{Issued: date(2020, 3, 1), Expires: date(2025, 3, 1)}},
	}
}

// numberCodes returns the codes of the violations at claim.number.
func numberCodes(vs []rules.Violation) []string {
	var out []string
	for _, v := range vs {
		if v.Field == "claim.number" {
			out = append(out, string(v.Code))
		}
	}
	return out
}

// TestClockReachesNumberSchemes checks that the clock of the options, or
// Application.Now, is the date the number schemes judge a birth date by:
// a holder born 2020-01-01 is refused on 2019-06-01.
func TestClockReachesNumberSchemes(t *testing.T) {
	require.Equal(t, "110105202001010023", bornIn2020, "the check character of GB 11643-1999")
	ctx := context.Background()
	a := cardApplication(bornIn2020)

	now := must[rules.Rule[precaution.Application]](t)(precaution.New(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}}))
	vs, err := now.Check(ctx, a)
	require.NoError(t, err)
	assert.Empty(t, numberCodes(vs), "in 2026 the number is valid")

	then := must[rules.Rule[precaution.Application]](t)(precaution.New(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: in2019}}))
	vs, err = then.Check(ctx, a)
	require.NoError(t, err)
	assert.Equal(t, []string{"number.birth_date_in_future"}, numberCodes(vs), "Options.Clock at 2019-06-01")

	override := a
	override.Now = in2019()
	vs, err = now.Check(ctx, override)
	require.NoError(t, err)
	assert.Equal(t, []string{"number.birth_date_in_future"}, numberCodes(vs), "Application.Now at 2019-06-01 overrides the clock")

	// The same through the check alone, and in Checks.
	assert.Equal(t, []string{"number.birth_date_in_future"}, codes(check(t, precaution.ValidNumber(registry(), certificate.Clock{Now: in2019}), a)))
	assert.Equal(t, []string{"number.birth_date_in_future"}, codes(check(t, precaution.ValidNumber(registry(), certificate.Clock{Now: testNow}), override)))
	checks, err := precaution.Checks(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: in2019}})
	require.NoError(t, err)
	i := slices.IndexFunc(checks, func(c precaution.Check) bool { return c.Name == precaution.CheckNumber })
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, []string{"number.birth_date_in_future"}, codes(check(t, checks[i].Rule, a)))
}

// mainlandLicence is an application with a driving licence issued in the
// Chinese mainland, for a CN account.
func mainlandLicence() precaution.Application {
	return precaution.Application{
		Account: precaution.Account{ID: "acct-3", RegistrationRegion: region("CN")},
		Claim:   precaution.Claim{Name: "张三", Kind: certificate.DriverLicense, Region: "CN", Number: "440301199001011234"},
		Document: precaution.Document{
			Kind: certificate.DriverLicense, Number: "440301199001011234", Name: "张三",
			Validity:      certificate.Validity{Issued: date(2020, 1, 1), Expires: date(2030, 1, 1)},
			IssuingRegion: region("CN"),
		},
	}
}

// TestMainlandLicenceOnceThroughChecks runs Checks one by one, as package
// authn does, dropping repeats with one map: the mainland licence is
// refused once although the region and number checks both find it.
func TestMainlandLicenceOnceThroughChecks(t *testing.T) {
	checks, err := precaution.Checks(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}})
	require.NoError(t, err)
	a := mainlandLicence()
	var found, kept []rules.Violation
	seen := map[rules.Code]bool{}
	for _, c := range checks {
		vs := check(t, c.Rule, a)
		found = append(found, vs...)
		kept = append(kept, precaution.DropRepeats(seen, vs)...)
	}
	count := func(vs []rules.Violation) int {
		n := 0
		for _, v := range vs {
			if v.Code == "driverlicense.issued_in_mainland" {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 2, count(found), "both checks find it: %v", codes(found))
	assert.Equal(t, 1, count(kept), "DropRepeats keeps one: %v", codes(kept))
	assert.True(t, precaution.ReportedOnce("driverlicense.issued_in_mainland"))
	assert.False(t, precaution.ReportedOnce(precaution.CodeExpired))

	r := must[rules.Rule[precaution.Application]](t)(precaution.New(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}}))
	vs := check(t, r, a)
	assert.Equal(t, 1, count(vs), "New reports it once: %v", codes(vs))
	assert.Equal(t, codes(kept), codes(vs), "New and Checks with DropRepeats agree")

	assert.Equal(t, []rules.Violation{{Code: "x"}}, precaution.DropRepeats(nil, []rules.Violation{{Code: "x"}}), "a nil map keeps everything")
}

// TestConsistent checks the birth date and sex read from a PRC identity
// card against those its number encodes: 11010519491231002X is a woman
// (17th digit 2, even) born 1949-12-31.
func TestConsistent(t *testing.T) {
	edit := func(f func(*precaution.Application)) precaution.Application {
		a := validApplication()
		f(&a)
		return a
	}
	tests := []struct {
		reason string
		app    precaution.Application
		want   []string
		fields []string
	}{
		{"birth date and sex agree with the number", validApplication(), nil, nil},
		{"the birth date read differs by a day",
			edit(func(a *precaution.Application) { a.Document.Birth = date(1949, 12, 30) }),
			[]string{"certificate.birth_contradicts_number"}, []string{"document.birth"}},
		{"the sex read is male",
			edit(func(a *precaution.Application) { a.Document.Sex = certificate.Male }),
			[]string{"certificate.sex_contradicts_number"}, []string{"document.sex"}},
		{"both differ",
			edit(func(a *precaution.Application) { a.Document.Birth, a.Document.Sex = date(1950, 1, 1), certificate.Male }),
			[]string{"certificate.birth_contradicts_number", "certificate.sex_contradicts_number"}, []string{"document.birth", "document.sex"}},
		{"nothing read besides the number: nothing to compare",
			edit(func(a *precaution.Application) {
				a.Document.Birth, a.Document.Sex = certificate.Date{}, certificate.SexUnspecified
			}), nil, nil},
		{"no number read: the typed one is compared",
			edit(func(a *precaution.Application) { a.Document.Number, a.Document.Sex = "", certificate.Male }),
			[]string{"certificate.sex_contradicts_number"}, []string{"document.sex"}},
		{"a number that does not parse is left to ValidNumber",
			edit(func(a *precaution.Application) {
				a.Claim.Number, a.Document.Number, a.Document.Sex = "11010519491231002Y", "11010519491231002Y", certificate.Male
			}), nil, nil},
		{"the legacy 15-digit number encodes the same (sequence 002: female)",
			edit(func(a *precaution.Application) {
				a.Claim.Number, a.Document.Number, a.Document.Birth = "110105491231002", "110105491231002", date(1949, 12, 30)
			}), []string{"certificate.birth_contradicts_number"}, []string{"document.birth"}},
		{"a passport number encodes neither", passportApplication("SWE", "SE"), nil, nil},
	}
	r := precaution.Consistent(registry(), certificate.Clock{Now: testNow})
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, r, tt.app)
			if tt.want == nil {
				tt.want = []string{}
			}
			require.Equal(t, tt.want, codes(vs))
			for i, v := range vs {
				assert.Equal(t, tt.fields[i], v.Field)
				assert.Equal(t, rules.Reject, v.Severity)
				assert.True(t, v.Retryable)
				assert.Contains(t, v.Param("number"), "*", "the number is masked")
			}
		})
	}

	// Through New: the contradiction rejects the application.
	all := must[rules.Rule[precaution.Application]](t)(precaution.New(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}}))
	res, err := rules.Evaluate(context.Background(), all, validApplication())
	require.NoError(t, err)
	assert.Equal(t, rules.Accept, res.Verdict(), "%v", codes(res.Violations))
	a := validApplication()
	a.Document.Sex = certificate.Male
	res, err = rules.Evaluate(context.Background(), all, a)
	require.NoError(t, err)
	assert.Equal(t, []string{"certificate.sex_contradicts_number"}, codes(res.Violations))
	assert.Equal(t, rules.Rejected, res.Verdict())
}

// TestPeriodFromNumberBirth checks that a PRC identity card's validity
// period is judged from the birth date its number encodes when none was
// read: long-term cards go to holders of 46 and over (Law of the PRC on
// Resident Identity Cards, art. 5), so a long-term card issued at 30 is
// refused and one issued at 50 passes.
func TestPeriodFromNumberBirth(t *testing.T) {
	longTerm := certificate.Validity{Issued: date(2020, 3, 1), LongTerm: true}
	thirty := gb11643("11010519900101001") // born 1990-01-01: 30 on 2020-03-01
	fifty := gb11643("11010519700101001")  // born 1970-01-01: 50 on 2020-03-01
	r := must[rules.Rule[precaution.Application]](t)(precaution.CertificateValid(certificate.Clock{Now: testNow}, precaution.ValidityOptions{}))

	a := cardApplication(thirty)
	a.Document.Validity = longTerm
	vs := check(t, r, a)
	if assert.Equal(t, []string{"certificate.validity_period_mismatch"}, codes(vs)) {
		assert.Equal(t, "long-term", vs[0].Param("actual"))
		assert.Equal(t, "20y", vs[0].Param("allowed"))
		assert.Equal(t, "document.validity", vs[0].Field)
	}
	a.Document.Number = "" // the typed number encodes it too
	assert.Equal(t, []string{"certificate.validity_period_mismatch"}, codes(check(t, r, a)))

	b := cardApplication(fifty)
	b.Document.Validity = longTerm
	assert.Empty(t, check(t, r, b))

	// A birth date read from the document comes first.
	a = cardApplication(thirty)
	a.Document.Validity, a.Document.Birth = longTerm, date(1970, 1, 1)
	assert.Empty(t, check(t, r, a))
}

func TestChecks(t *testing.T) {
	checks, err := precaution.Checks(precaution.Options{})
	require.NoError(t, err)
	var names []string
	for _, c := range checks {
		names = append(names, c.Name)
		assert.NoError(t, rules.CheckConfig(c.Rule), c.Name)
	}
	assert.Equal(t, []string{
		precaution.CheckAccount, precaution.CheckKind, precaution.CheckTypedName, precaution.CheckRegion,
		precaution.CheckNumber, precaution.CheckValidity, precaution.CheckZone, precaution.CheckConsistency,
		precaution.CheckNameMatch, precaution.CheckNumberMatch, precaution.CheckZoneRead,
	}, names)
	assert.Equal(t, []string{
		"account.eligible", "claim.kind", "claim.name", "certificate.region", "certificate.number",
		"certificate.validity", "certificate.mrz", "certificate.consistent", "claim.name_match", "claim.number_match",
		"certificate.zone_read",
	}, names)

	r, err := precaution.New(precaution.Options{})
	require.NoError(t, err)
	assert.NoError(t, rules.CheckConfig(r))

	// A broken option is a configuration error of Checks and New.
	for _, o := range []precaution.Options{
		{Validity: precaution.ValidityOptions{MinRemainingDays: -1}},
		{Kinds: precaution.KindPolicy{Default: []certificate.Kind{0}}},
		{Regions: precaution.RegionOptions{Policy: map[certificate.Kind]precaution.KindRegion{certificate.Passport: {Source: precaution.Fixed}}}},
	} {
		var ce *rules.ConfigError
		_, err := precaution.Checks(o)
		assert.ErrorAs(t, err, &ce)
		_, err = precaution.New(o)
		assert.ErrorAs(t, err, &ce)
	}
}

// TestChecksCancelled checks that every check reports a cancelled context as
// an infrastructure error, never a verdict.
func TestChecksCancelled(t *testing.T) {
	checks, err := precaution.Checks(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range checks {
		_, err := c.Rule.Check(ctx, validApplication())
		assert.ErrorIs(t, err, context.Canceled, c.Name)
	}
}
