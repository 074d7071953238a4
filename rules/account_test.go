package rules_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
)

func TestAccountEligible(t *testing.T) {
	tests := []struct {
		reason  string
		opts    rules.AccountOptions
		account rules.Account
		want    []string
	}{
		{"a fresh account", rules.AccountOptions{}, rules.Account{ID: "a"}, nil},
		{"a partner-program account", rules.AccountOptions{}, rules.Account{PartnerProgram: true}, []string{"account.partner_program"}},
		{"an authenticated account cannot start again", rules.AccountOptions{}, rules.Account{Status: rules.StatusAuthenticated}, []string{"account.already_authenticated"}},
		{"both problems are reported", rules.AccountOptions{}, rules.Account{PartnerProgram: true, Status: rules.StatusAuthenticated},
			[]string{"account.partner_program", "account.already_authenticated"}},
		{"a pending account may resubmit by default", rules.AccountOptions{}, rules.Account{Status: rules.StatusPending}, nil},
		{"a pending account is refused when configured", rules.AccountOptions{RefusePending: true}, rules.Account{Status: rules.StatusPending}, []string{"account.application_pending"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, rules.AccountEligible(tt.opts), tt.account)
			if tt.want == nil {
				tt.want = []string{}
			}
			assert.Equal(t, tt.want, codes(vs))
			for _, v := range vs {
				assert.Equal(t, v.Code == "account.application_pending", v.Retryable, "only a pending application can be retried later")
			}
		})
	}
	assert.Equal(t, "authenticated", rules.StatusAuthenticated.String())
}

func TestKindAllowed(t *testing.T) {
	app := func(account string, kind certificate.Kind) rules.Application {
		a := rules.Application{Claim: rules.Claim{Kind: kind}}
		if account != "" {
			a.Account.RegistrationRegion = region(account)
		}
		return a
	}
	policy := rules.KindPolicy{
		ByRegion: map[language.Region][]certificate.Kind{
			region("CN"): {certificate.IDCard, certificate.HKMOResidencePermit, certificate.TWResidencePermit},
		},
		Default: []certificate.Kind{certificate.Passport, certificate.DriverLicense},
	}
	tests := []struct {
		reason string
		policy rules.KindPolicy
		app    rules.Application
		want   []string
	}{
		{"the default allows every kind", rules.KindPolicy{}, app("FR", certificate.TWTravelPermit), nil},
		{"the default allows every kind without a region", rules.KindPolicy{}, app("", certificate.DriverLicense), nil},
		{"an invalid kind", rules.KindPolicy{}, app("CN", 0), []string{"claim.kind_invalid"}},
		{"a kind listed for the region", policy, app("CN", certificate.IDCard), nil},
		{"a kind not listed for the region", policy, app("CN", certificate.Passport), []string{"claim.kind_not_allowed"}},
		{"another region uses the default list", policy, app("FR", certificate.Passport), nil},
		{"another region refused by the default list", policy, app("FR", certificate.IDCard), []string{"claim.kind_not_allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			r := must[rules.Rule[rules.Application]](t)(rules.KindAllowed(tt.policy))
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
	_, err := rules.KindAllowed(rules.KindPolicy{Default: []certificate.Kind{99}})
	var ce *rules.ConfigError
	assert.ErrorAs(t, err, &ce, "an invalid kind in the policy is a configuration error")
}
