package cn_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
)

func TestHKMOTravelPermit(t *testing.T) {
	// Formats: ^[HM]\d{8}$ (2013 card), ^[HM]\d{10}$ (1999 card, lifelong
	// number in characters 1–9, per the MPS Exit-Entry Administration rule
	// published 2010-03-10), HA/MA + 7 digits (card for non-Chinese citizens,
	// NIA announcement No. 6 (2024)).
	tests := []struct {
		reason    string
		input     string
		canonical string
		region    string
		err       error
	}{
		{reason: "Hong Kong current card", input: "H12345678", canonical: "H12345678", region: "HK"},
		{reason: "Macao current card", input: "M87654321", canonical: "M87654321", region: "MO"},
		{reason: "lower case and spaces", input: " h 1234 5678 ", canonical: "H12345678", region: "HK"},
		{reason: "full-width characters", input: "Ｈ１２３４５６７８", canonical: "H12345678", region: "HK"},
		{reason: "1999 card: issue count dropped", input: "H1234567801", canonical: "H12345678", region: "HK"},
		{reason: "1999 card with the issue count in brackets", input: "M12345678(02)", canonical: "M12345678", region: "MO"},
		{reason: "non-Chinese-citizen card, Hong Kong", input: "HA1234567", canonical: "HA1234567", region: "HK"},
		{reason: "non-Chinese-citizen card, Macao", input: "MA7654321", canonical: "MA7654321", region: "MO"},
		{reason: "wrong letter", input: "K12345678", err: certificate.ErrFormat},
		{reason: "digits only", input: "123456789", err: certificate.ErrFormat},
		{reason: "letter among the digits", input: "H1234567A", err: certificate.ErrFormat},
		{reason: "HA form has no 11-character variant", input: "HA123456701", err: certificate.ErrFormat},
		{reason: "too short", input: "H1234567", err: certificate.ErrLength},
		{reason: "ten characters", input: "H123456789", err: certificate.ErrLength},
		{reason: "empty", input: "", err: certificate.ErrLength},
	}
	var s cn.HKMOTravelPermitScheme
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			p, err := s.Parse(tc.input)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.canonical, p.Number.Canonical())
			assert.Equal(t, tc.region, p.Number.Region(), "the number region is HK for H, MO for M")
			assert.Equal(t, tc.region, p.HolderRegion)
			assert.Equal(t, certificate.HKMOTravelPermit, p.Number.Kind())
		})
	}
}

func TestHKMOLegacyAndCurrentAreOneNumber(t *testing.T) {
	var s cn.HKMOTravelPermitScheme
	old, err := s.Parse("H1234567803")
	require.NoError(t, err)
	cur, err := s.Parse("H12345678")
	require.NoError(t, err)
	assert.True(t, old.Number.Equal(cur.Number), "the 1999 card and the current card share the lifelong number")
}

func TestTWTravelPermit(t *testing.T) {
	// Formats: ^\d{8}$ (one lifelong number per person since 25 September
	// 2008), ^\d{10}(\([A-Z0-9]\))?$ (the 1992 booklet: lifelong number,
	// issue count and issuing-authority code).
	tests := []struct {
		reason    string
		input     string
		canonical string
		err       error
	}{
		{reason: "lifelong number", input: "12345678", canonical: "12345678"},
		{reason: "with a space", input: "1234 5678", canonical: "12345678"},
		{reason: "booklet: issue count", input: "1234567801", canonical: "12345678"},
		{reason: "booklet: bracketed authority code", input: "1234567801(B)", canonical: "12345678"},
		{reason: "booklet: full-width brackets and lower case", input: "1234567801（b）", canonical: "12345678"},
		{reason: "booklet: authority code without brackets", input: "12345678017", canonical: "12345678"},
		{reason: "letter in the number", input: "1234567A", err: certificate.ErrFormat},
		{reason: "bad authority code", input: "1234567801*", err: certificate.ErrFormat},
		{reason: "nine digits", input: "123456789", err: certificate.ErrLength},
		{reason: "seven digits", input: "1234567", err: certificate.ErrLength},
	}
	var s cn.TWTravelPermitScheme
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			p, err := s.Parse(tc.input)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.canonical, p.Number.Canonical())
			assert.Equal(t, "TW", p.Number.Region())
			assert.Equal(t, "TW", p.HolderRegion)
		})
	}
}
