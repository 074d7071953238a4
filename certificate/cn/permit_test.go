package cn_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
)

func TestResidencePermits(t *testing.T) {
	hkmo := onTestClock(cn.NewHKMOResidencePermit(cn.Options{}))
	tw := onTestClock(cn.NewTWResidencePermit(cn.Options{}))
	// Permit numbers use address codes 810000, 820000 and 830000 (en.wikipedia
	// "Residence Permit for Hong Kong, Macao, and Taiwan Residents");
	// their check characters come from the checkChar oracle.
	hk := withCheck("81000019900101002")
	mo := withCheck("82000019850615003")
	twn := withCheck("83000019700101004")
	tests := []struct {
		reason string
		scheme certificate.Scheme
		input  string
		holder string
		sex    certificate.Sex
		err    error
		code   string
	}{
		{reason: "Hong Kong resident", scheme: hkmo, input: hk, holder: "HK", sex: certificate.Female},
		{reason: "Macao resident", scheme: hkmo, input: mo, holder: "MO", sex: certificate.Male},
		{reason: "Taiwan resident", scheme: tw, input: twn, holder: "TW", sex: certificate.Female},
		{reason: "Hong Kong holder born before 1997 is fine (python-stdnum rejects it)", scheme: hkmo, input: withCheck("81000019500101001"), holder: "HK", sex: certificate.Male},
		{reason: "Taiwan code on the Hong Kong/Macao permit", scheme: hkmo, input: twn, err: certificate.ErrComponent, code: cn.CodeAddressMismatch},
		{reason: "Hong Kong code on the Taiwan permit", scheme: tw, input: hk, err: certificate.ErrComponent, code: cn.CodeAddressMismatch},
		{reason: "mainland identity card number on a permit", scheme: hkmo, input: "11010519491231002X", err: certificate.ErrComponent, code: cn.CodeAddressMismatch},
		{reason: "a Hong Kong county-like code is not a permit code", scheme: hkmo, input: withCheck("81010119900101002"), err: certificate.ErrComponent, code: cn.CodeAddressMismatch},
		{reason: "wrong check character", scheme: tw, input: twn[:17] + string("01234567890X"[(indexOf(twn[17])+1)%11]), err: certificate.ErrChecksum},
		{reason: "no 15-digit form for permits", scheme: hkmo, input: "810000900101002", err: certificate.ErrLength},
		{reason: "impossible birth date", scheme: hkmo, input: withCheck("81000019900230002"), err: certificate.ErrComponent, code: cn.CodeBirthDate},
		{reason: "letters in the digits", scheme: tw, input: "83000A19700101004X", err: certificate.ErrFormat},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			p, err := tc.scheme.Parse(tc.input)
			if tc.err != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.err)
				var ne *certificate.NumberError
				require.ErrorAs(t, err, &ne)
				code := tc.code
				if code == "" {
					code = certificate.ReasonCode(tc.err)
				}
				assert.Equal(t, code, ne.Code)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.input, p.Number.Canonical())
			assert.Equal(t, "CN", p.Number.Region(), "permits are issued by mainland authorities")
			assert.Equal(t, tc.scheme.Kind(), p.Number.Kind())
			assert.Equal(t, tc.holder, p.HolderRegion)
			assert.Equal(t, tc.sex, p.Sex)
			assert.Nil(t, p.Review)
		})
	}
}

func indexOf(c byte) int {
	if c == 'X' {
		return 10
	}
	return int(c - '0')
}
