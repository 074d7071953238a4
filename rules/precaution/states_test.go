package precaution_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// stateFields returns every issuing-state field a zone can hold that
// certificate/mrz might know: one, two or three letters padded with fillers
// to three characters ("D<<", "AB<", "GBR").
func stateFields() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		out = append(out, string(a)+"<<")
		for b := 'A'; b <= 'Z'; b++ {
			out = append(out, string([]rune{a, b})+"<")
			for c := 'A'; c <= 'Z'; c++ {
				out = append(out, string([]rune{a, b, c}))
			}
		}
	}
	return out
}

// wantForState is the answer of the region rule that certificate/mrz's
// reading of field implies for a passport of an account registered in
// account: no violation when the state's ISO 3166-1 country is the
// account's; the specimen code for UTO; "issuer not a state" for
// organisations, stateless persons, refugees, unspecified nationality and a
// mapped region that is no country (EUE, the European Union); the review
// code certificate/mrz gives withdrawn codes; "region unknown" for codes
// certificate/mrz does not know.
func wantForState(field string, account language.Region) (code string, issuing language.Region) {
	s, ok := mrz.ParseState(field)
	if !ok {
		return string(precaution.CodeRegionUnknown), language.Region{}
	}
	if s.Class() == mrz.ClassSpecimen {
		return string(precaution.CodeSpecimen), language.Region{}
	}
	if r, ok := s.Region(); ok {
		switch {
		case !r.IsCountry():
			return string(precaution.CodeIssuerNotState), language.Region{}
		case r == account:
			return "", r
		}
		return string(precaution.CodeRegionMismatch), r
	}
	switch s.Class() {
	case mrz.ClassOrganisation, mrz.ClassStateless, mrz.ClassRefugee, mrz.ClassUnspecified:
		return string(precaution.CodeIssuerNotState), language.Region{}
	case mrz.ClassWithdrawn:
		return s.Class().Code(), language.Region{}
	}
	return string(precaution.CodeRegionUnknown), language.Region{}
}

// TestIssuingStatesAgreeWithMRZ walks every issuing-state field of one to
// three letters and checks that the region rule gives the answer
// certificate/mrz's table implies, whether the state comes from
// Document.IssuingState (fillers removed) or from the zone's first line.
func TestIssuingStatesAgreeWithMRZ(t *testing.T) {
	r := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{}))
	se := region("SE")
	known := map[mrz.Class]int{}
	for _, field := range stateFields() {
		s, ok := mrz.ParseState(field)
		if ok {
			known[s.Class()]++
		}
		code, issuing := wantForState(field, se)
		trimmed := field
		for len(trimmed) > 0 && trimmed[len(trimmed)-1] == '<' {
			trimmed = trimmed[:len(trimmed)-1]
		}
		fromState := passportApplication(trimmed, "SE")
		fromZone := passportApplication("", "SE")
		fromZone.Document.MRZ = "P<" + field + "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
		for _, a := range []precaution.Application{fromState, fromZone} {
			vs := check(t, r, a)
			if code == "" {
				if !assert.Empty(t, vs, "%s: the region rule refuses what certificate/mrz reads as %v", field, issuing) {
					return
				}
				continue
			}
			if !assert.Equal(t, []string{code}, codes(vs), "%s (%s)", field, s.Class()) {
				return
			}
			switch code {
			case string(precaution.CodeRegionMismatch):
				assert.Equal(t, issuing.String(), vs[0].Param("issuing_region"), field)
			case string(precaution.CodeIssuerNotState):
				assert.Equal(t, trimmed, vs[0].Param("issuer"), field)
				assert.Equal(t, "document.issuing_state", vs[0].Field, field)
			case string(precaution.CodeSpecimen):
				assert.Equal(t, "document.issuing_state", vs[0].Field, field)
			case "mrz.state_withdrawn":
				assert.Equal(t, rules.Review, vs[0].Severity, field)
				assert.Equal(t, trimmed, vs[0].Param("issuer"), field)
			}
			if code != "mrz.state_withdrawn" {
				assert.Equal(t, rules.Reject, vs[0].Severity, field)
			}
		}
		// The state's own country passes.
		if reg, ok := s.Region(); ok && reg.IsCountry() && reg != se {
			a := passportApplication(trimmed, reg.String())
			assert.Empty(t, check(t, r, a), "%s for an account of %v", field, reg)
		}
	}
	// The walk met every class the table has.
	for _, c := range []mrz.Class{mrz.ClassState, mrz.ClassMapped, mrz.ClassOrganisation, mrz.ClassStateless,
		mrz.ClassRefugee, mrz.ClassUnspecified, mrz.ClassSpecimen, mrz.ClassWithdrawn} {
		assert.Positive(t, known[c], c.String())
	}
	assert.Greater(t, known[mrz.ClassState], 200, "every ISO 3166-1 alpha-3 code")
}

// TestIssuingStatesOfICAO pins the answers for the codes whose reading the
// region rule once kept in a table of its own (ICAO Doc 9303 Part 3 §5 and
// ISO 3166-3 for the withdrawn codes).
func TestIssuingStatesOfICAO(t *testing.T) {
	r := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{}))
	tests := []struct {
		reason  string
		state   string
		account string
		want    string
	}{
		{"XKX, the code other states write for Kosovo, is XK", "XKX", "XK", ""},
		{"RKS, Kosovo's own code, is XK", "RKS", "XK", ""},
		{"XKX for a Serbian account is a mismatch", "XKX", "RS", "certificate.region_mismatch"},
		{"XAG is an ICAO-reserved X code: an organisation", "XAG", "DE", "certificate.issuer_not_state"},
		{"EUE, the European Union, is no country", "EUE", "BE", "certificate.issuer_not_state"},
		{"UNK, UNMIK's document for Kosovo residents", "UNK", "XK", "certificate.issuer_not_state"},
		{"XXX, unspecified nationality", "XXX", "DE", "certificate.issuer_not_state"},
		{"ANT, the withdrawn Netherlands Antilles, names no region today: a person looks", "ANT", "CW", "mrz.state_withdrawn"},
		{"NTZ, the withdrawn Neutral Zone", "NTZ", "SA", "mrz.state_withdrawn"},
		{"YUG, withdrawn Yugoslavia", "YUG", "RS", "mrz.state_withdrawn"},
		{"an unknown code", "QQQ", "SE", "certificate.region_unknown"},
		{"a code longer than three letters", "SWED", "SE", "certificate.region_unknown"},
		{"lower case and spaces are forgiven", " swe ", "SE", ""},
		{"GBO, British Overseas Citizen, is GB", "GBO", "GB", ""},
		{"GBP, British Protected Person, is GB", "GBP", "GB", ""},
		{"GBS, British Subject, is GB", "GBS", "GB", ""},
		{"D is Germany", "D", "DE", ""},
		{"DEU is Germany too", "DEU", "DE", ""},
		{"CHN: an HKSAR passport names China", "CHN", "CN", ""},
		{"TWN", "TWN", "TW", ""},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			vs := check(t, r, passportApplication(tt.state, tt.account))
			if tt.want == "" {
				assert.Empty(t, vs)
				return
			}
			require.Equal(t, []string{tt.want}, codes(vs))
		})
	}
}

// TestIssuingStateUnknownIsNotGuessed checks that a state that was read but
// names no region is not replaced by the region read elsewhere: the zone
// and the caller's reading disagree, so the region is unknown (or, for a
// withdrawn code, left to a person). With no state at all, the region read
// is used.
func TestIssuingStateUnknownIsNotGuessed(t *testing.T) {
	r := must[rules.Rule[precaution.Application]](t)(precaution.IssuingRegion(precaution.RegionOptions{}))
	a := passportApplication("QQQ", "RS")
	a.Document.IssuingRegion = region("RS")
	vs := check(t, r, a)
	if assert.Equal(t, []string{"certificate.region_unknown"}, codes(vs)) {
		assert.Equal(t, "document.issuing_state", vs[0].Field)
		assert.Equal(t, "passport", vs[0].Param("kind"))
		assert.Equal(t, "QQQ", vs[0].Param("issuer"))
	}
	a.Document.IssuingState = "YUG"
	vs = check(t, r, a)
	if assert.Equal(t, []string{"mrz.state_withdrawn"}, codes(vs)) {
		assert.Equal(t, rules.Review, vs[0].Severity, "a withdrawn code is for a person to judge")
		assert.Equal(t, "document.issuing_state", vs[0].Field)
	}
	a.Document.IssuingState = ""
	assert.Empty(t, check(t, r, a))

	// A driving licence reads its region from the licence first; an
	// unknown state matters only without one.
	licence := precaution.Application{
		Account:  precaution.Account{RegistrationRegion: region("NL")},
		Claim:    precaution.Claim{Kind: certificate.DriverLicense, Region: "NL"},
		Document: precaution.Document{Kind: certificate.DriverLicense, IssuingState: "ANT", IssuingRegion: region("NL")},
	}
	assert.Empty(t, check(t, r, licence))
	licence.Document.IssuingRegion = language.Region{}
	assert.Equal(t, []string{"mrz.state_withdrawn"}, codes(check(t, r, licence)))
	licence.Document.IssuingState = "QQQ"
	assert.Equal(t, []string{"certificate.region_unknown"}, codes(check(t, r, licence)))
	licence.Document.IssuingState = "NLD"
	assert.Empty(t, check(t, r, licence))

	// Kinds whose region comes from elsewhere ignore an unknown state, but
	// not a specimen.
	card := validApplication()
	card.Document.IssuingState = "ANT"
	assert.Empty(t, check(t, r, card))
	card.Document.IssuingState = "UTO"
	assert.Equal(t, []string{"certificate.specimen"}, codes(check(t, r, card)))
}
