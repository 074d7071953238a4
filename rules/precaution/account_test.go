package precaution_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

func TestAccountEligible(t *testing.T) {
	tests := []struct {
		reason  string
		opts    precaution.AccountOptions
		account precaution.Account
		want    []string
	}{
		{"a fresh account", precaution.AccountOptions{}, precaution.Account{ID: "a"}, nil},
		{"a partner-program account", precaution.AccountOptions{}, precaution.Account{PartnerProgram: true}, []string{"account.partner_program"}},
		{"an authenticated account cannot start again", precaution.AccountOptions{}, precaution.Account{Standing: precaution.StandingAuthenticated}, []string{"account.already_authenticated"}},
		{"both problems are reported", precaution.AccountOptions{}, precaution.Account{PartnerProgram: true, Standing: precaution.StandingAuthenticated},
			[]string{"account.partner_program", "account.already_authenticated"}},
		{"a pending account may resubmit by default", precaution.AccountOptions{}, precaution.Account{Standing: precaution.StandingPending}, nil},
		{"a pending account is refused when configured", precaution.AccountOptions{RefusePending: true}, precaution.Account{Standing: precaution.StandingPending}, []string{"account.application_pending"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, precaution.AccountEligible(tt.opts), tt.account)
			if tt.want == nil {
				tt.want = []string{}
			}
			assert.Equal(t, tt.want, codes(vs))
			for _, v := range vs {
				assert.Equal(t, v.Code == "account.application_pending", v.Retryable, "only a pending application can be retried later")
			}
		})
	}
	assert.Equal(t, "authenticated", precaution.StandingAuthenticated.String())
}

func TestKindAllowed(t *testing.T) {
	app := func(account string, kind certificate.Kind) precaution.Application {
		a := precaution.Application{Claim: precaution.Claim{Kind: kind}}
		if account != "" {
			a.Account.RegistrationRegion = region(account)
		}
		return a
	}
	policy := precaution.KindPolicy{
		ByRegion: map[language.Region][]certificate.Kind{
			region("CN"): {certificate.IDCard, certificate.HKMOResidencePermit, certificate.TWResidencePermit},
		},
		Default: []certificate.Kind{certificate.Passport, certificate.DriverLicense},
	}
	tests := []struct {
		reason string
		policy precaution.KindPolicy
		app    precaution.Application
		want   []string
	}{
		{"the default allows every kind", precaution.KindPolicy{}, app("FR", certificate.TWTravelPermit), nil},
		{"the default allows every kind without a region", precaution.KindPolicy{}, app("", certificate.DriverLicense), nil},
		{"an invalid kind", precaution.KindPolicy{}, app("CN", 0), []string{"claim.kind_invalid"}},
		{"a kind listed for the region", policy, app("CN", certificate.IDCard), nil},
		{"a kind not listed for the region", policy, app("CN", certificate.Passport), []string{"claim.kind_not_allowed"}},
		{"another region uses the default list", policy, app("FR", certificate.Passport), nil},
		{"another region refused by the default list", policy, app("FR", certificate.IDCard), []string{"claim.kind_not_allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			r := must[rules.Rule[precaution.Application]](t)(precaution.KindAllowed(tt.policy))
			vs := check(t, r, tt.app)
			if tt.want == nil {
				tt.want = []string{}
			}
			assert.Equal(t, tt.want, codes(vs))
			for _, v := range vs {
				assert.Equal(t, "claim.kind", v.Field)
			}
		})
	}
	_, err := precaution.KindAllowed(precaution.KindPolicy{Default: []certificate.Kind{99}})
	var ce *rules.ConfigError
	assert.ErrorAs(t, err, &ce, "an invalid kind in the policy is a configuration error")
}
