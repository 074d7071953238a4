package precaution_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

func TestIssuingRegionDefaultPolicy(t *testing.T) {
	withKind := func(kind certificate.Kind, number string, account string, edit func(*precaution.Application)) precaution.Application {
		a := precaution.Application{
			Account:  precaution.Account{RegistrationRegion: region(account)},
			Claim:    precaution.Claim{Kind: kind, Number: number},
			Document: precaution.Document{Kind: kind, Number: number},
		}
		if edit != nil {
			edit(&a)
		}
		return a
	}
	tests := []struct {
		reason string
		app    precaution.Application
		want   []string
		params map[string]string
	}{
		{"a PRC identity card for a CN account", validApplication(), nil, nil},
		{"an identity card follows the scheme region the applicant picked",
			withKind(certificate.IDCard, "", "CN", func(a *precaution.Application) { a.Claim.Region = "HK" }),
			[]string{"certificate.region_mismatch"}, map[string]string{"issuing_region": "HK", "account_region": "CN"}},
		{"an identity card without a picked region uses the account's scheme",
			withKind(certificate.IDCard, "", "HK", nil), nil, nil},
		{"the ICAO specimen passport from Utopia is refused",
			passportApplication("UTO", "SE"), []string{"certificate.specimen"}, nil},
		{"the specimen state is read from the MRZ text when no state is given",
			withKind(certificate.Passport, "L898902C3", "SE", func(a *precaution.Application) {
				a.Document.MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
			}), []string{"certificate.specimen"}, nil},
		{"a specimen identity card with an MRZ is refused too",
			withKind(certificate.IDCard, "", "SE", func(a *precaution.Application) { a.Document.IssuingState = "UTO" }),
			[]string{"certificate.specimen"}, nil},
		{"a Swedish passport for a Swedish account", passportApplication("SWE", "SE"), nil, nil},
		{"a Swedish passport for a Chinese account", passportApplication("SWE", "CN"),
			[]string{"certificate.region_mismatch"}, map[string]string{"issuing_region": "SE", "account_region": "CN"}},
		{"ICAO's D is Germany", passportApplication("D", "DE"), nil, nil},
		{"ICAO's D with fillers, as cut from the MRZ", passportApplication("D<<", "DE"), nil, nil},
		{"British National (Overseas) is GB", passportApplication("GBN", "GB"), nil, nil},
		{"British Overseas Territories Citizen is GB", passportApplication("GBD", "GB"), nil, nil},
		{"a stateless person's travel document names no state", passportApplication("XXA", "DE"),
			[]string{"certificate.issuer_not_state"}, map[string]string{"issuer": "XXA"}},
		{"a refugee travel document", passportApplication("XXB", "DE"), []string{"certificate.issuer_not_state"}, nil},
		{"a United Nations laissez-passer", passportApplication("UNO", "CH"), []string{"certificate.issuer_not_state"}, nil},
		{"an INTERPOL document", passportApplication("XPO", "FR"), []string{"certificate.issuer_not_state"}, nil},
		{"a passport without issuing state falls back to the region read",
			withKind(certificate.Passport, "", "JP", func(a *precaution.Application) { a.Document.IssuingRegion = region("JP") }), nil, nil},
		{"a passport with no issuing information",
			withKind(certificate.Passport, "", "JP", nil), []string{"certificate.region_unknown"}, map[string]string{"kind": "passport"}},
		{"an unknown state code gives no region", passportApplication("ZZZ", "SE"), []string{"certificate.region_unknown"}, nil},
		{"a Home Return Permit starting with H is Hong Kong", withKind(certificate.HKMOTravelPermit, "H12345678", "HK", nil), nil, nil},
		{"a Home Return Permit starting with M is Macao", withKind(certificate.HKMOTravelPermit, "M12345678", "MO", nil), nil, nil},
		{"a Macao permit for a Hong Kong account", withKind(certificate.HKMOTravelPermit, "M12345678", "HK", nil),
			[]string{"certificate.region_mismatch"}, map[string]string{"issuing_region": "MO"}},
		{"a typed lower-case h still tells Hong Kong",
			withKind(certificate.HKMOTravelPermit, "", "HK", func(a *precaution.Application) { a.Claim.Number = "h12345678" }), nil, nil},
		{"a permit number with no letter", withKind(certificate.HKMOTravelPermit, "12345678", "HK", nil), []string{"certificate.region_unknown"}, nil},
		{"the Taiwan travel permit is Taiwan", withKind(certificate.TWTravelPermit, "12345678", "TW", nil), nil, nil},
		{"the Taiwan travel permit for a CN account", withKind(certificate.TWTravelPermit, "12345678", "CN", nil),
			[]string{"certificate.region_mismatch"}, nil},
		{"a residence permit is issued by CN", withKind(certificate.HKMOResidencePermit, "", "CN", nil), nil, nil},
		{"by default a Hong Kong account cannot use a residence permit", withKind(certificate.HKMOResidencePermit, "", "HK", nil),
			[]string{"certificate.region_mismatch"}, map[string]string{"issuing_region": "CN", "account_region": "HK"}},
		{"the Taiwan residence permit is issued by CN", withKind(certificate.TWResidencePermit, "", "TW", nil),
			[]string{"certificate.region_mismatch"}, nil},
		{"a UK driving licence for a UK account",
			withKind(certificate.DriverLicense, "", "GB", func(a *precaution.Application) { a.Document.IssuingRegion = region("GB") }), nil, nil},
		{"a Californian licence: the picked region US-CA gives US",
			withKind(certificate.DriverLicense, "", "US", func(a *precaution.Application) { a.Claim.Region = "US-CA" }), nil, nil},
		{"a Hong Kong licence for a Hong Kong account",
			withKind(certificate.DriverLicense, "", "HK", func(a *precaution.Application) { a.Document.IssuingRegion = region("HK") }), nil, nil},
		{"a licence issued in the Chinese mainland is refused even for a CN account",
			withKind(certificate.DriverLicense, "", "CN", func(a *precaution.Application) { a.Document.IssuingRegion = region("CN") }),
			[]string{"driverlicense.issued_in_mainland"}, map[string]string{"kind": "driver_license", "issuing_region": "CN"}},
		{"a licence with no region", withKind(certificate.DriverLicense, "", "GB", nil), []string{"certificate.region_unknown"}, nil},
		{"an account without a registration region",
			withKind(certificate.TWTravelPermit, "", "TW", func(a *precaution.Application) { a.Account.RegistrationRegion = language.Region{} }),
			[]string{"account.region_unknown"}, nil},
		{"no kind: left to KindAllowed", precaution.Application{}, nil, nil},
	}
	r := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{}))
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, r, tt.app)
			if tt.want == nil {
				tt.want = []string{}
			}
			require.Equal(t, tt.want, codes(vs))
			for name, want := range tt.params {
				assert.Equal(t, want, vs[0].Param(name), name)
			}
			for _, v := range vs {
				assert.Equal(t, rules.Reject, v.Severity)
				assert.NotEmpty(t, v.Field)
			}
		})
	}
}

func TestIssuingRegionOverrides(t *testing.T) {
	policy := precaution.DefaultRegionPolicy()
	p := policy[certificate.HKMOResidencePermit]
	p.AlsoAccept = []language.Region{region("HK"), region("MO")}
	policy[certificate.HKMOResidencePermit] = p
	policy[certificate.DriverLicense] = precaution.KindRegion{Source: precaution.FromDocument} // CN licences accepted
	r := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{Policy: policy}))

	permit := precaution.Application{
		Account: precaution.Account{RegistrationRegion: region("HK")},
		Claim:   precaution.Claim{Kind: certificate.HKMOResidencePermit},
	}
	assert.Empty(t, check(t, r, permit), "an HK account may use the residence permit once the override says so")
	permit.Account.RegistrationRegion = region("TW")
	assert.Equal(t, []string{"certificate.region_mismatch"}, codes(check(t, r, permit)), "other regions still mismatch")

	licence := precaution.Application{
		Account:  precaution.Account{RegistrationRegion: region("CN")},
		Claim:    precaution.Claim{Kind: certificate.DriverLicense},
		Document: precaution.Document{IssuingRegion: region("CN")},
	}
	assert.Empty(t, check(t, r, licence), "the override dropped the CN refusal")

	// A refusal the policy adds, outside the mainland case, has the generic code.
	refuseHK := precaution.DefaultRegionPolicy()
	refuseHK[certificate.DriverLicense] = precaution.KindRegion{Source: precaution.FromDocument, Refuse: []language.Region{region("CN"), region("HK")}}
	rh := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{Policy: refuseHK}))
	hk := precaution.Application{
		Account:  precaution.Account{RegistrationRegion: region("HK")},
		Claim:    precaution.Claim{Kind: certificate.DriverLicense},
		Document: precaution.Document{IssuingRegion: region("HK")},
	}
	assert.Equal(t, []string{"certificate.region_refused"}, codes(check(t, rh, hk)), "a refused HK licence has the generic code")
	refusePassportCN := precaution.DefaultRegionPolicy()
	refusePassportCN[certificate.Passport] = precaution.KindRegion{Source: precaution.FromIssuingState, Refuse: []language.Region{region("CN")}}
	rp := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{Policy: refusePassportCN}))
	assert.Equal(t, []string{"certificate.region_refused"}, codes(check(t, rp, passportApplication("CHN", "CN"))),
		"only driving licences use the mainland code")

	// Changing the policy map after construction changes nothing.
	policy[certificate.DriverLicense] = precaution.KindRegion{Source: precaution.Fixed, Fixed: region("FR")}
	assert.Empty(t, check(t, r, licence), "the rule copied its policy")
}

func TestIssuingRegionConfigErrors(t *testing.T) {
	tests := []struct {
		reason string
		policy map[certificate.Kind]precaution.KindRegion
	}{
		{"an invalid kind", map[certificate.Kind]precaution.KindRegion{0: {}}},
		{"a fixed source without a region", map[certificate.Kind]precaution.KindRegion{certificate.Passport: {Source: precaution.Fixed}}},
		{"an unknown source", map[certificate.Kind]precaution.KindRegion{certificate.Passport: {Source: 99}}},
	}
	for _, tt := range tests {
		_, err := precaution.IssuingRegion(precaution.RegionOptions{Policy: tt.policy})
		var ce *rules.ConfigError
		assert.ErrorAs(t, err, &ce, tt.reason)
	}
}

// A driving licence issued in the Chinese mainland is refused by the region
// rule and by the licence scheme; the precautions report it once, with the
// scheme's code, at the issuing region.
func TestPrecautionsMainlandLicenceOnce(t *testing.T) {
	r := must[rules.Rule[precaution.Application]](t)(precaution.New(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}}))
	tests := []struct {
		reason string
		edit   func(*precaution.Application)
		field  string
	}{
		{"claim and document both name CN", func(a *precaution.Application) {
			a.Claim.Region = "CN"
			a.Document.IssuingRegion = region("CN")
		}, "document.issuing_region"},
		{"only the document names CN: the number is read in the CN scheme too", func(a *precaution.Application) {
			a.Document.IssuingRegion = region("CN")
		}, "document.issuing_region"},
		{"only the claim names CN, the document says HK: the number rule alone refuses", func(a *precaution.Application) {
			a.Claim.Region = "CN"
			a.Document.IssuingRegion = region("HK")
			a.Account.RegistrationRegion = region("HK")
		}, "claim.number"},
	}
	for _, tt := range tests {
		a := precaution.Application{
			Account: precaution.Account{ID: "acct-3", RegistrationRegion: region("CN")},
			Claim:   precaution.Claim{Name: "张三", Kind: certificate.DriverLicense, Number: "440301199001011234"},
			Document: precaution.Document{
				Kind: certificate.DriverLicense, Number: "440301199001011234", Name: "张三",
				Validity: certificate.Validity{Issued: date(2020, 1, 1), Expires: date(2030, 1, 1)},
			},
		}
		tt.edit(&a)
		vs := check(t, r, a)
		var mainland []rules.Violation
		for _, v := range vs {
			assert.NotEqual(t, "certificate.region_refused", v.Code, tt.reason)
			if v.Code == "driverlicense.issued_in_mainland" {
				mainland = append(mainland, v)
			}
		}
		if assert.Len(t, mainland, 1, tt.reason+": %v", codes(vs)) {
			assert.Equal(t, tt.field, mainland[0].Field, tt.reason)
			assert.Equal(t, rules.Reject, mainland[0].Severity, tt.reason)
		}
	}
}
