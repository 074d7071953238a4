package tags_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

// A form whose number tag reads the kind and region from its siblings, and
// the account's region from AccountRegion.
type accountForm struct {
	Kind          string
	Region        string
	AccountRegion string
	Number        string `validate:"certificate_number"`
}

// The same with the account itself.
type withAccount struct {
	Kind    string
	Region  string
	Account precaution.Account
	Number  string `validate:"certificate_number"`
}

// The verifier's answer: does precaution.ValidNumber reject the claim?
func verifierRejects(t *testing.T, kind, region, account, number string) bool {
	t.Helper()
	k, err := certificate.ParseKind(kind)
	require.NoError(t, err)
	a := precaution.Application{Claim: precaution.Claim{Kind: k, Region: region, Number: number}}
	if account != "" {
		a.Account.RegistrationRegion = language.MustParseRegion(account)
	}
	reg := schemes.Default()
	vs, err := precaution.ValidNumber(reg, reg.Clock()).Check(context.Background(), a)
	require.NoError(t, err)
	return rules.Result{Violations: vs}.Verdict() == rules.Rejected
}

// An empty region means the same to the tag as to the verifier
// (precaution.Application.NumberRegion): the region the kind always has,
// else the account's. A kind and region without a scheme ask the verifier
// for a person, so the tag passes them too.
func TestNumberTagEmptyRegionAsTheVerifier(t *testing.T) {
	v := newValidate(t)
	tests := []struct {
		reason                        string
		kind, region, account, number string
		rejected                      bool
	}{
		{"a valid CN number, the account in CN", "id_card", "", "CN", "11010519491231002X", false},
		{"a wrong check digit, the account in CN", "id_card", "", "CN", "360426199101010072", true},
		{"a CN number, the account in HK: the HK scheme", "id_card", "", "HK", "11010519491231002X", true},
		{"a valid HK number, the account in HK", "id_card", "", "HK", "A123456(3)", false},
		{"the region picked wins over the account's", "id_card", "CN", "HK", "11010519491231002X", false},
		{"no region and no account: no scheme, a person looks", "id_card", "", "", "11010519491231002X", false},
		{"an account region without a scheme: a person looks", "id_card", "", "FR", "whatever", false},
		{"a residence permit is always CN's", "hkmo_residence_permit", "", "HK", "810000199001010027", false},
		{"a residence permit with a wrong check digit", "hkmo_residence_permit", "", "HK", "810000199001010028", true},
		{"the Taiwan permit is always TW's", "tw_travel_permit", "", "CN", "12345678", false},
		{"the Home Return Permit's letter tells HK from MO", "hkmo_travel_permit", "", "CN", "M12345678", false},
		{"a malformed Home Return Permit", "hkmo_travel_permit", "", "CN", "X12345678", true},
		{"a passport of the account's region", "passport", "", "CN", "XX0000000", true},
		{"a passport without any region: the generic scheme", "passport", "", "", "XX0000000", false},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			require.Equal(t, tt.rejected, verifierRejects(t, tt.kind, tt.region, tt.account, tt.number), "the verifier's answer")
			err := v.Struct(accountForm{Kind: tt.kind, Region: tt.region, AccountRegion: tt.account, Number: tt.number})
			assert.Equal(t, tt.rejected, err != nil, "AccountRegion: %v", err)
			acct := precaution.Account{ID: "a-1"}
			if tt.account != "" {
				acct.RegistrationRegion = language.MustParseRegion(tt.account)
			}
			err = v.Struct(withAccount{Kind: tt.kind, Region: tt.region, Account: acct, Number: tt.number})
			assert.Equal(t, tt.rejected, err != nil, "Account: %v", err)
		})
	}
}

// With a literal kind whose region is fixed, FromValidationErrors tells the
// same reason as the verifier.
func TestNumberTagFixedRegionReason(t *testing.T) {
	type form struct {
		Permit string `validate:"certificate_number=hkmo_residence_permit"`
		Taiwan string `validate:"omitempty,certificate_number=tw_travel_permit"`
	}
	v := newValidate(t)
	err := v.Struct(form{Permit: "810000199001010028"})
	require.Error(t, err)
	vs := tags.FromValidationErrors(err, schemes.Default())
	require.Len(t, vs, 1)
	a := precaution.Application{Claim: precaution.Claim{Kind: certificate.HKMOResidencePermit, Number: "810000199001010028"}}
	want, err := precaution.ValidNumber(schemes.Default(), certificate.Clock{}).Check(context.Background(), a)
	require.NoError(t, err)
	require.Len(t, want, 1)
	assert.Equal(t, want[0].Code, vs[0].Code)
	assert.Equal(t, want[0].Params, vs[0].Params)
	assert.Equal(t, "Permit", vs[0].Field)

	require.NoError(t, v.Struct(form{Permit: "810000199001010027", Taiwan: "12345678"}))
}
