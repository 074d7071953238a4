package precaution_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// mrzDigit is the ICAO Doc 9303 Part 3 §4.9 check digit of s.
func mrzDigit(s string) byte {
	sum := 0
	for i := 0; i < len(s); i++ {
		v := 0
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		}
		sum += v * [3]int{7, 3, 1}[i%3]
	}
	return byte('0' + sum%10)
}

// td3 returns a passport zone (TD3) with right check digits.
func td3(state, surname, given, number, birth string, sex byte, expiry string) string {
	pad := func(s string, n int) string { return s + strings.Repeat("<", n-len(s)) }
	l1 := pad("P<"+state+surname+"<<"+given, 44)
	num := pad(number, 9)
	l2 := num + string(mrzDigit(num)) + state + birth + string(mrzDigit(birth)) + string(sex) + expiry + string(mrzDigit(expiry)) + pad("", 14) + "<"
	l2 += string(mrzDigit(l2[0:10] + l2[13:20] + l2[21:43]))
	return l1 + "\n" + l2
}

// zhangSan is the zone of 张三's passport.
func zhangSan(t *testing.T) precaution.Zone {
	t.Helper()
	m, err := mrz.Parse(td3("CHN", "ZHANG", "SAN", "E12345678", "900307", 'M', "340101"), date(2026, 11, 25))
	require.NoError(t, err)
	require.True(t, m.Valid())
	return precaution.Zone{State: precaution.ZoneFound, Document: precaution.ZoneDocument(&m)}
}

// zoneApplication is a passport application of 张三 whose Document is the
// zone read from the image.
func zoneApplication(t *testing.T) precaution.Application {
	z := zhangSan(t)
	return precaution.Application{
		Account:  precaution.Account{ID: "acct-z", RegistrationRegion: region("CN")},
		Claim:    precaution.Claim{Name: "张三", Kind: certificate.Passport, Region: "CN", Number: "E12345678"},
		Document: z.Document,
		Zone:     z,
		Now:      testNow(),
	}
}

func TestZoneDocument(t *testing.T) {
	d := zhangSan(t).Document
	assert.Equal(t, precaution.SourceZone, d.Source)
	assert.True(t, d.Source.Machine())
	assert.Equal(t, certificate.Passport, d.Kind)
	assert.Equal(t, "E12345678", d.Number)
	assert.Equal(t, "ZHANG", d.Surname)
	assert.Equal(t, "SAN", d.GivenNames)
	assert.Equal(t, date(1990, 3, 7), d.Birth)
	assert.Equal(t, date(2034, 1, 1), d.Validity.Expires)
	assert.Equal(t, certificate.Male, d.Sex)
	assert.Equal(t, "CHN", d.IssuingState)
	assert.Equal(t, "CN", d.IssuingRegion.String())
	assert.Contains(t, d.MRZ, "P<CHNZHANG<<SAN")
}

func TestSource(t *testing.T) {
	for s, want := range map[precaution.Source]bool{
		precaution.SourceUnknown: false, precaution.SourcePerson: false, precaution.SourceOCR: true, precaution.SourceZone: true,
	} {
		assert.Equal(t, want, s.Machine(), s.String())
	}
	assert.Equal(t, "zone", precaution.SourceZone.String())
	assert.Equal(t, "unknown", precaution.Source(9).String())
}

// TestZoneFlow runs every check on applications whose Document is the zone
// read from the image, as authn builds them.
func TestZoneFlow(t *testing.T) {
	checks, err := precaution.Checks(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}})
	require.NoError(t, err)
	run := func(a precaution.Application) map[string][]string {
		out := map[string][]string{}
		for _, c := range checks {
			vs := check(t, c.Rule, a)
			if len(vs) > 0 {
				out[c.Name] = codes(vs)
			}
		}
		return out
	}
	assert.Empty(t, run(zoneApplication(t)), "张三 typed with 张三's passport")

	a := zoneApplication(t)
	a.Claim.Name = "李四"
	assert.Equal(t, map[string][]string{precaution.CheckNameMatch: {"claim.name_mismatch"}}, run(a), "李四 typed with 张三's passport")

	a = zoneApplication(t)
	a.Claim.Number = "E87654321"
	assert.Equal(t, map[string][]string{precaution.CheckNumberMatch: {"claim.number_mismatch"}}, run(a))

	a = zoneApplication(t)
	a.Claim.Kind = certificate.IDCard
	got := run(a)
	assert.Equal(t, []string{"claim.kind_mismatch"}, got[precaution.CheckNumberMatch])

	a = zoneApplication(t)
	a.Claim.Region = "US"
	got = run(a)
	assert.Equal(t, []string{"claim.region_mismatch"}, got[precaution.CheckZoneRead])

	a = zoneApplication(t)
	a.Claim.Name = "張三" // traditional form
	assert.Empty(t, run(a))
}

func TestZoneMatches(t *testing.T) {
	r := precaution.ZoneMatches(registry(), certificate.Clock{Now: testNow}, precaution.MatchOptions{})
	tests := []struct {
		reason string
		edit   func(*precaution.Application)
		want   []string
	}{
		{"no reader looked", func(a *precaution.Application) { a.Zone = precaution.Zone{} }, nil},
		{"no zone in a passport image", func(a *precaution.Application) { a.Zone = precaution.Zone{State: precaution.ZoneNotFound} }, []string{"zone.not_found"}},
		{"no zone in an identity card image", func(a *precaution.Application) {
			a.Zone = precaution.Zone{State: precaution.ZoneNotFound}
			a.Claim.Kind, a.Document.Kind = certificate.IDCard, certificate.IDCard
		}, nil},
		{"unreadable zone", func(a *precaution.Application) { a.Zone = precaution.Zone{State: precaution.ZoneUnreadable} }, []string{"zone.unreadable"}},
		{"the Document is the zone", func(*precaution.Application) {}, nil},
		{"a Hong Kong region with a CHN zone", func(a *precaution.Application) { a.Claim.Region = "HK" }, nil},
		{"another region", func(a *precaution.Application) { a.Claim.Region = "TW" }, []string{"claim.region_mismatch"}},
		// The caller read a Document too: both are compared.
		{"caller's document agrees", func(a *precaution.Application) { a.Document = callerDocument() }, nil},
		{"typed name differs from the zone, matches the caller's document", func(a *precaution.Application) {
			a.Document = callerDocument()
			a.Document.Name, a.Claim.Name = "李四", "李四"
		}, []string{"zone.name_mismatch"}},
		{"a Cantonese romanization", func(a *precaution.Application) {
			a.Document = callerDocument()
			a.Zone.Document.Surname, a.Zone.Document.GivenNames = "CHEUNG", "SAAM"
		}, []string{"claim.name_romanized"}},
		{"typed number differs from the zone", func(a *precaution.Application) {
			a.Document = callerDocument()
			a.Document.Number, a.Claim.Number = "E87654321", "E87654321"
		}, []string{"zone.number_mismatch", "application.mrz_mismatch"}},
		{"the caller's dates and sex differ from the zone", func(a *precaution.Application) {
			a.Document = callerDocument()
			a.Document.Birth, a.Document.Validity.Expires, a.Document.Sex = date(1991, 3, 7), date(2035, 1, 1), certificate.Female
		}, []string{"application.mrz_mismatch", "application.mrz_mismatch", "application.mrz_mismatch"}},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			a := zoneApplication(t)
			tc.edit(&a)
			vs := check(t, r, a)
			if tc.want == nil {
				tc.want = []string{}
			}
			assert.Equal(t, tc.want, codes(vs))
			for _, v := range vs {
				if v.Code == precaution.CodeZoneNameMismatch {
					assert.Equal(t, "claim.name", v.Field, "shown next to the name")
				}
			}
		})
	}
}

// callerDocument is what the caller's OCR read from 张三's passport.
func callerDocument() precaution.Document {
	return precaution.Document{
		Source: precaution.SourceOCR, Kind: certificate.Passport, Number: "E12345678", Name: "张三",
		Birth: date(1990, 3, 7), Sex: certificate.Male, Validity: certificate.Validity{Expires: date(2034, 1, 1)},
		IssuingState: "CHN",
	}
}

func TestNameMatchesRomanized(t *testing.T) {
	r := precaution.NameMatches(precaution.MatchOptions{})
	off := precaution.NameMatches(precaution.MatchOptions{NoRomanization: true})
	for _, tc := range []struct {
		typed, surname, given string
		want, wantOff         []string
	}{
		{"张三", "ZHANG", "SAN", nil, []string{"claim.name_mismatch"}},
		{"李四", "ZHANG", "SAN", []string{"claim.name_mismatch"}, []string{"claim.name_mismatch"}},
		{"陈大文", "CHAN", "TAI MAN", []string{"claim.name_romanized"}, []string{"claim.name_mismatch"}},
		{"吕小军", "LYU", "XIAOJUN", nil, []string{"claim.name_mismatch"}},
		{"Zhang San", "ZHANG", "SAN", nil, nil},
	} {
		a := precaution.Application{Claim: precaution.Claim{Name: tc.typed},
			Document: precaution.Document{Surname: tc.surname, GivenNames: tc.given}}
		for _, x := range []struct {
			r interface {
				Check(context.Context, precaution.Application) ([]rules.Violation, error)
			}
			want []string
		}{{r, tc.want}, {off, tc.wantOff}} {
			if x.want == nil {
				x.want = []string{}
			}
			assert.Equal(t, x.want, codes(check(t, x.r, a)), fmt.Sprintf("%s vs %s %s", tc.typed, tc.surname, tc.given))
		}
	}
}

func ExampleZoneMatches() {
	m, err := mrz.Parse("P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nE123456782CHN9003071M3401011<<<<<<<<<<<<<<<0", certificate.Date{Year: 2026, Month: 11, Day: 25})
	if err != nil || !m.Valid() {
		fmt.Println("zone:", err)
		return
	}
	zone := precaution.Zone{State: precaution.ZoneFound, Document: precaution.ZoneDocument(&m)}
	a := precaution.Application{
		Claim:    precaution.Claim{Name: "李四", Kind: certificate.Passport, Region: "CN", Number: "E12345678"},
		Document: precaution.Document{Source: precaution.SourceOCR, Kind: certificate.Passport, Number: "E12345678", Name: "李四"},
		Zone:     zone,
	}
	r := precaution.ZoneMatches(schemes.Default(), certificate.Clock{}, precaution.MatchOptions{})
	vs, _ := r.Check(context.Background(), a)
	for _, v := range vs {
		fmt.Println(v.Field, v.Code, v.Severity)
	}
	// Output:
	// claim.name zone.name_mismatch reject
}

// TestRegionNothingRead: a passport nothing read is judged on the region
// picked, not refused as of unknown region.
func TestRegionNothingRead(t *testing.T) {
	r := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{}))
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: region("CN")},
		Claim:   precaution.Claim{Name: "张三", Kind: certificate.Passport, Region: "CN", Number: "E12345678"},
	}
	assert.Empty(t, check(t, r, a))
	a.Claim.Region = "US"
	assert.Equal(t, []string{"certificate.region_mismatch"}, codes(check(t, r, a)))
	a.Claim.Region = "CN"
	a.Document.Name = "张三" // something was read, but no issuing state
	assert.Equal(t, []string{"certificate.region_unknown"}, codes(check(t, r, a)))
}

// TestFillFromZone: what the caller read stays, what it left empty comes
// from the zone, and the zone check then compares only what the caller
// read.
func TestFillFromZone(t *testing.T) {
	z := zhangSan(t)
	assert.Equal(t, z.Document, precaution.FillFromZone(precaution.Document{}, z.Document))
	assert.Equal(t, z.Document, precaution.FillFromZone(precaution.Document{Source: precaution.SourceOCR}, z.Document))

	// A site that confirms the dates the applicant typed and reads nothing
	// else (examples/formserver).
	dates := precaution.Document{Validity: certificate.Validity{Expires: date(2034, 1, 1)}, Birth: date(1990, 3, 7)}
	d := precaution.FillFromZone(dates, z.Document)
	assert.Equal(t, precaution.SourceUnknown, d.Source)
	assert.Equal(t, "E12345678", d.Number)
	assert.Equal(t, "ZHANG", d.Surname)
	assert.Equal(t, certificate.Passport, d.Kind)
	assert.Equal(t, "CHN", d.IssuingState)

	checks, err := precaution.Checks(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}})
	require.NoError(t, err)
	for _, tc := range []struct {
		typed string
		want  map[string][]string
	}{
		{"张三", map[string][]string{}},
		{"李四", map[string][]string{precaution.CheckNameMatch: {"claim.name_mismatch"}}},
	} {
		a := zoneApplication(t)
		a.Claim.Name = tc.typed
		a.Document = d
		got := map[string][]string{}
		for _, c := range checks {
			if vs := check(t, c.Rule, a); len(vs) > 0 {
				got[c.Name] = codes(vs)
			}
		}
		assert.Equal(t, tc.want, got, "the mismatch is reported once, %s", tc.typed)
	}

	// A typed expiry date that differs from the zone's.
	other := dates
	other.Validity.Expires = date(2035, 1, 1)
	a := zoneApplication(t)
	a.Document = precaution.FillFromZone(other, z.Document)
	r := precaution.ZoneMatches(registry(), certificate.Clock{Now: testNow}, precaution.MatchOptions{})
	assert.Equal(t, []string{"application.mrz_mismatch"}, codes(check(t, r, a)))
}

// TestZoneTravelPermit: a TD1 zone with the document code C and the state
// CHN, as the PRC's card-type permits carry, names no kind, and its state
// is not the holder's region.
func TestZoneTravelPermit(t *testing.T) {
	pad := func(s string, n int) string { return s + strings.Repeat("<", n-len(s)) }
	num := "12345678<"
	l1 := "CTCHN" + num + string(mrzDigit(num)) + pad("", 15)
	l2 := "900307" + string(mrzDigit("900307")) + "M" + "300101" + string(mrzDigit("300101")) + "CHN" + pad("", 11)
	l2 += string(mrzDigit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]))
	l3 := pad("ZHANG<<SAN", 30)
	m, err := mrz.Parse(l1+"\n"+l2+"\n"+l3, date(2026, 11, 25))
	require.NoError(t, err)
	require.True(t, m.Valid())
	z := precaution.Zone{State: precaution.ZoneFound, Document: precaution.ZoneDocument(&m)}
	assert.Equal(t, certificate.Kind(0), z.Document.Kind)
	a := precaution.Application{
		Account: precaution.Account{RegistrationRegion: region("TW")},
		Claim:   precaution.Claim{Name: "张三", Kind: certificate.TWTravelPermit, Region: "TW", Number: "12345678"},
		Zone:    z, Document: z.Document, Now: testNow(),
	}
	r := precaution.ZoneMatches(registry(), certificate.Clock{Now: testNow}, precaution.MatchOptions{})
	assert.Empty(t, check(t, r, a))
	n := precaution.NumberMatches(registry(), certificate.Clock{Now: testNow})
	assert.Empty(t, check(t, n, a))
	a.Claim.Number = "12345679"
	assert.Equal(t, []string{"claim.number_mismatch"}, codes(check(t, n, a)))
}

func ExampleFillFromZone() {
	m, err := mrz.Parse("P<CHNZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nE123456782CHN9003071M3401011<<<<<<<<<<<<<<<0", certificate.Date{Year: 2026, Month: 11, Day: 25})
	if err != nil {
		fmt.Println(err)
		return
	}
	zone := precaution.ZoneDocument(&m)
	// The site's OCR read only the validity date from the data page.
	read := precaution.Document{Source: precaution.SourceOCR, Validity: certificate.Validity{Expires: certificate.Date{Year: 2034, Month: 1, Day: 1}}}
	d := precaution.FillFromZone(read, zone)
	fmt.Println(d.Source, d.Kind, d.Number, d.Surname, d.GivenNames, d.Birth)
	// Output: ocr passport E12345678 ZHANG SAN 1990-03-07
}

func BenchmarkZoneMatches(b *testing.B) {
	t := &testing.T{}
	a := zoneApplication(t)
	a.Document = callerDocument()
	r := precaution.ZoneMatches(registry(), certificate.Clock{Now: testNow}, precaution.MatchOptions{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Check(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}
