package certificate_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
)

func TestMask(t *testing.T) {
	tests := []struct {
		reason string
		in     string
		want   string
	}{
		{"18-character ID number keeps four at each end (issue 2 example)", "11010519491231002X", "1101**********002X"},
		{"9-character permit keeps two at each end", "H12345678", "H1*****78"},
		{"8 characters keep two", "12345678", "12****78"},
		{"very long input keeps at most four", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ABCD******************WXYZ"},
		{"short input is hidden entirely", "abc", "***"},
		{"empty stays empty", "", ""},
		{"non-ASCII is masked by runes", "１２３４５６７８", "１２****７８"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			assert.Equal(t, tc.want, certificate.Mask(tc.in))
		})
	}
}

func TestNumberMasksEverywhere(t *testing.T) {
	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	assert.Equal(t, "1101**********002X", n.String())
	assert.Equal(t, "11010519491231002X", n.Canonical())
	assert.Equal(t, certificate.IDCard, n.Kind())
	assert.Equal(t, "CN", n.Region())
	assert.False(t, n.IsZero())
	assert.True(t, certificate.Number{}.IsZero())

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("bound", "number", n)
	assert.Contains(t, buf.String(), `"number":"1101**********002X"`)
	assert.NotContains(t, buf.String(), "11010519491231002X", "logs never see the full number")

	b, err := json.Marshal(struct{ N certificate.Number }{n})
	require.NoError(t, err)
	assert.Equal(t, `{"N":"1101**********002X"}`, string(b), "marshalling masks by default")

	b, err = json.Marshal(struct{ N certificate.Revealed }{n.Reveal()})
	require.NoError(t, err)
	assert.Equal(t, `{"N":"11010519491231002X"}`, string(b), "Reveal marshals in full on purpose")
}

func TestNumberEqual(t *testing.T) {
	a := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	tests := []struct {
		reason string
		other  certificate.Number
		equal  bool
	}{
		{"same canonical, kind and region", certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X"), true},
		{"different number", certificate.NewNumber(certificate.IDCard, "CN", "110105194912310021"), false},
		{"same digits on another kind", certificate.NewNumber(certificate.HKMOResidencePermit, "CN", "11010519491231002X"), false},
		{"same digits in another region", certificate.NewNumber(certificate.IDCard, "TW", "11010519491231002X"), false},
		{"zero number", certificate.Number{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			assert.Equal(t, tc.equal, a.Equal(tc.other))
			assert.Equal(t, tc.equal, tc.other.Equal(a), "symmetric")
		})
	}
}

func TestNumberError(t *testing.T) {
	tests := []struct {
		reason string
		err    error
		name   string
		code   string
	}{
		{"length", certificate.ErrLength, "length", certificate.CodeLength},
		{"format", certificate.ErrFormat, "format", certificate.CodeFormat},
		{"checksum", certificate.ErrChecksum, "checksum", certificate.CodeChecksum},
		{"component", certificate.ErrComponent, "component", certificate.CodeComponent},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			e := certificate.NewNumberError(certificate.IDCard, "CN", tc.err, "", "detail", "11010519491231002X")
			assert.ErrorIs(t, e, tc.err)
			assert.Equal(t, tc.code, e.Code, "empty code defaults to the reason's code")
			assert.Equal(t, tc.name, certificate.ReasonName(e))
			assert.Equal(t, tc.code, certificate.ReasonCode(e))
			assert.Contains(t, e.Error(), tc.err.Error())
			assert.Contains(t, e.Error(), "1101**********002X")
			assert.NotContains(t, e.Error(), "11010519491231002X")
			for _, other := range []error{certificate.ErrLength, certificate.ErrFormat, certificate.ErrChecksum, certificate.ErrComponent} {
				if other != tc.err {
					assert.False(t, errors.Is(e, other), "matches exactly one reason")
				}
			}
		})
	}
	e := certificate.NewNumberError(certificate.IDCard, "CN", certificate.ErrComponent, "number.unknown_province", "", "x")
	assert.Equal(t, "number.unknown_province", e.Code, "a specific code is kept")
	assert.Equal(t, "", certificate.ReasonName(errors.New("other")))
}
