package precaution_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/precaution"
)

// gb11643 appends the GB 11643-1999 check character to 17 digits: ISO 7064
// MOD 11-2, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (2^(18−i) mod 11),
// remainders 0…10 giving 1 0 X 9 8 7 6 5 4 3 2 (the table validator.js's
// isIdentityCard uses), computed here independently of the schemes under
// test.
func gb11643(first17 string) string {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * weights[i]
	}
	return first17 + string("10X98765432"[sum%11])
}

// TestNumberRouting checks that a claim without a region is parsed with the
// scheme its kind implies.
func TestNumberRouting(t *testing.T) {
	hk := gb11643("81000019900101001")
	tw := gb11643("83000019850615002")
	tests := []struct {
		reason  string
		kind    certificate.Kind
		account string
		number  string
		want    []string
	}{
		{"a Hong Kong resident's residence permit, HK account, no region picked", certificate.HKMOResidencePermit, "HK", hk, nil},
		{"a Taiwan resident's residence permit, TW account", certificate.TWResidencePermit, "TW", tw, nil},
		{"the residence-permit address code 810000 on an identity card", certificate.IDCard, "CN", hk, []string{"number.address_code_mismatch"}},
		{"a Taiwan travel permit: eight digits, scheme TW", certificate.TWTravelPermit, "TW", "12345678", nil},
		{"a Home Return Permit: H and eight digits, any region", certificate.HKMOTravelPermit, "HK", "H12345678", nil},
		// HKSAR passports name CHN in their zone, so a CN account's passport
		// number reaches the CN scheme: K + 8 digits asks for review.
		{"an HKSAR passport number under CN is reviewed, not rejected", certificate.Passport, "CN", "K12345599", []string{"passport.hksar_number"}},
		{"a PRC e-passport number under CN", certificate.Passport, "CN", "EA1234567", nil},
	}
	r := precaution.ValidNumber(registry(), certificate.Clock{Now: testNow})
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			a := precaution.Application{
				Account: precaution.Account{RegistrationRegion: region(tt.account)},
				Claim:   precaution.Claim{Kind: tt.kind, Number: tt.number},
			}
			vs := check(t, r, a)
			if tt.want == nil {
				tt.want = []string{}
			}
			assert.Equal(t, tt.want, codes(vs))
		})
	}
}
