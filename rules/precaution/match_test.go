package precaution_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

func TestNumberMatches(t *testing.T) {
	edit := func(f func(*precaution.Application)) precaution.Application {
		a := validApplication()
		f(&a)
		return a
	}
	tests := []struct {
		reason string
		app    precaution.Application
		want   []string
	}{
		{"a typed lower-case x matches the X on the card", validApplication(), nil},
		{"the 15-digit legacy form matches its 18-digit form (GB 11643-1999 conversion)",
			edit(func(a *precaution.Application) { a.Claim.Number = "110105491231002" }), nil},
		{"a legacy 15-digit number matches the 18-digit form GB 11643-1999 gives it: 110101491001001 is 11010119491001001X",
			edit(func(a *precaution.Application) {
				a.Claim.Number, a.Document.Number = "110101491001001", "11010119491001001X"
			}), nil},
		{"full-width digits and spaces as typed on a phone",
			edit(func(a *precaution.Application) {
				a.Claim.Number = "１１０１０５ １９４９１２３１ ００２Ｘ"
			}), nil},
		{"another valid number (python-stdnum's cn.ric example) does not match",
			edit(func(a *precaution.Application) { a.Claim.Number = "360426199101010071" }), []string{"claim.number_mismatch"}},
		{"an invalid typed number is compared as text and differs",
			edit(func(a *precaution.Application) { a.Claim.Number = "11010519491231002Y" }), []string{"claim.number_mismatch"}},
		{"numbers without a scheme are compared as folded text",
			edit(func(a *precaution.Application) {
				a.Claim.Kind, a.Document.Kind, a.Claim.Region = certificate.DriverLicense, certificate.DriverLicense, "ZZ"
				a.Claim.Number, a.Document.Number = "ab-12 34", "AB1234"
			}), nil},
		{"a document of another kind", edit(func(a *precaution.Application) { a.Document.Kind = certificate.Passport }), []string{"claim.kind_mismatch"}},
		{"a document without a number asks for review", edit(func(a *precaution.Application) { a.Document.Number = " " }), []string{"claim.number_unverified"}},
	}
	r := precaution.NumberMatches(registry(), certificate.Clock{Now: testNow})
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, r, tt.app)
			if tt.want == nil {
				tt.want = []string{}
			}
			require.Equal(t, tt.want, codes(vs))
			for _, v := range vs {
				if n := v.Param("number"); n != "" {
					assert.Contains(t, n, "*", "numbers in parameters are masked")
				}
			}
		})
	}
}

func TestValidNumber(t *testing.T) {
	edit := func(f func(*precaution.Application)) precaution.Application {
		a := validApplication()
		f(&a)
		return a
	}
	tests := []struct {
		reason string
		app    precaution.Application
		want   []string
		sev    rules.Severity
	}{
		{"the GB 11643-1999 example", validApplication(), nil, 0},
		{"python-stdnum's cn.ric docstring example", edit(func(a *precaution.Application) { a.Claim.Number = "360426199101010071" }), nil, 0},
		{"the last digit changed breaks the MOD 11-2 check",
			edit(func(a *precaution.Application) { a.Claim.Number = "360426199101010072" }), []string{"number.invalid_checksum"}, rules.Reject},
		{"too short", edit(func(a *precaution.Application) { a.Claim.Number = "1101051949" }), []string{"number.invalid_length"}, rules.Reject},
		{"an identity card of a region without a scheme asks for review",
			edit(func(a *precaution.Application) { a.Claim.Region = "FR" }), []string{"claim.number_unsupported"}, rules.Review},
		{"an invalid kind is left to KindAllowed", edit(func(a *precaution.Application) { a.Claim.Kind = 0 }), nil, 0},
	}
	r := precaution.ValidNumber(registry(), certificate.Clock{Now: testNow})
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, r, tt.app)
			if tt.want == nil {
				tt.want = []string{}
			}
			require.Equal(t, tt.want, codes(vs))
			for _, v := range vs {
				assert.Equal(t, tt.sev, v.Severity)
				assert.Equal(t, "claim.number", v.Field)
				assert.NotContains(t, v.Param("number"), "360426199101010072", "never the full number")
			}
		})
	}
}

func TestNameMatches(t *testing.T) {
	edit := func(f func(*precaution.Application)) precaution.Application {
		a := validApplication()
		f(&a)
		return a
	}
	tests := []struct {
		reason string
		opts   precaution.MatchOptions
		app    precaution.Application
		want   []string
	}{
		{"spaces inside a Chinese name do not matter", precaution.MatchOptions{}, validApplication(), nil},
		{"a different name", precaution.MatchOptions{}, edit(func(a *precaution.Application) { a.Claim.Name = "李四" }), []string{"claim.name_mismatch"}},
		{"with or without the middle dot",
			precaution.MatchOptions{}, edit(func(a *precaution.Application) {
				a.Claim.Name, a.Document.Name = "阿依古丽买买提", "阿依古丽·买买提"
			}), nil},
		{"the specimen passport's name in any order and case",
			precaution.MatchOptions{}, passportApplication("SWE", "SE"), nil},
		{"surname first", precaution.MatchOptions{},
			func() precaution.Application {
				a := passportApplication("SWE", "SE")
				a.Claim.Name = "ERIKSSON Anna Maria"
				return a
			}(), nil},
		{"ICAO transliteration: Müller matches MUELLER", precaution.MatchOptions{},
			func() precaution.Application {
				a := passportApplication("D", "DE")
				a.Claim.Name, a.Document.Surname, a.Document.GivenNames = "Jürgen Müller", "MUELLER", "JUERGEN"
				return a
			}(), nil},
		{"a truncated MRZ name is a prefix", precaution.MatchOptions{},
			func() precaution.Application {
				a := passportApplication("SWE", "SE")
				a.Document.GivenNames, a.Document.NameTruncated = "ANNA MA", true
				return a
			}(), nil},
		{"a document without a name asks for review", precaution.MatchOptions{},
			edit(func(a *precaution.Application) { a.Document.Name = "" }), []string{"claim.name_unverified"}},
		{"a custom matcher replaces the default",
			precaution.MatchOptions{NameMatcher: func(typed, doc string) bool { return false }}, validApplication(), []string{"claim.name_mismatch"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, precaution.NameMatches(tt.opts), tt.app)
			if tt.want == nil {
				tt.want = []string{}
			}
			assert.Equal(t, tt.want, codes(vs))
		})
	}
}
