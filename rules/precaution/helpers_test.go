package precaution_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// testNow is the fixed verification time of these tests: 2026-11-25 10:00
// in UTC, 18:00 in Beijing.
func testNow() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) }

func date(y int, m time.Month, d int) certificate.Date {
	return certificate.Date{Year: y, Month: m, Day: d}
}

func region(s string) language.Region { return language.MustParseRegion(s) }

// validApplication is a valid application with a PRC identity card. The
// number 11010519491231002X is the worked example of GB 11643-1999 (also in
// the issue); the holder, born 1949-12-31, was 60 when the card was issued
// in 2010, so the card is long-term (Resident Identity Card Law art. 5).
func validApplication() precaution.Application {
	return precaution.Application{
		Account: precaution.Account{ID: "acct-1", RegistrationRegion: region("CN")},
		Claim:   precaution.Claim{Name: "张三", Kind: certificate.IDCard, Region: "CN", Number: "11010519491231002x"},
		Document: precaution.Document{
			Kind:          certificate.IDCard,
			Number:        "11010519491231002X",
			Name:          "张 三",
			Birth:         date(1949, 12, 31),
			Sex:           certificate.Female,
			Validity:      certificate.Validity{Issued: date(2010, 5, 1), LongTerm: true},
			IssuingRegion: region("CN"),
		},
	}
}

// passportApplication is an application with the data of the specimen
// passport of ICAO Doc 9303 Part 4 Appendix A (Anna Maria Eriksson, issued
// by the fictional state UTO), its issuing state replaced by state.
func passportApplication(state, account string) precaution.Application {
	return precaution.Application{
		Account: precaution.Account{ID: "acct-2", RegistrationRegion: region(account)},
		Claim:   precaution.Claim{Name: "Anna Maria Eriksson", Kind: certificate.Passport, Number: "L898902C3"},
		Document: precaution.Document{
			Kind:         certificate.Passport,
			Number:       "L898902C3",
			Surname:      "ERIKSSON",
			GivenNames:   "ANNA MARIA",
			Birth:        date(1974, 8, 12),
			Sex:          certificate.Female,
			Validity:     certificate.Validity{Expires: date(2032, 4, 15)},
			IssuingState: state,
		},
	}
}

func registry() certificate.Registry { return schemes.Default() }

func codes(vs []rules.Violation) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, string(v.Code))
	}
	return out
}

func check[T any](t *testing.T, r rules.Rule[T], v T) []rules.Violation {
	t.Helper()
	vs, err := r.Check(context.Background(), v)
	require.NoError(t, err)
	return vs
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		require.NoError(t, err)
		return v
	}
}
