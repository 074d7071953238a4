package certificate_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
)

func TestKindIdentifiers(t *testing.T) {
	// The seven stable identifiers (the README's kind table), in declaration
	// order.
	want := []string{"passport", "id_card", "hkmo_travel_permit", "tw_travel_permit", "hkmo_residence_permit", "tw_residence_permit", "driver_license"}
	kinds := certificate.Kinds()
	require.Len(t, kinds, len(want))
	for i, k := range kinds {
		t.Run(want[i], func(t *testing.T) {
			assert.True(t, k.Valid())
			assert.Equal(t, want[i], k.String())
			p, err := certificate.ParseKind(want[i])
			require.NoError(t, err)
			assert.Equal(t, k, p)
			b, err := json.Marshal(k)
			require.NoError(t, err)
			assert.Equal(t, `"`+want[i]+`"`, string(b))
			var back certificate.Kind
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, k, back)
		})
	}
}

func TestKindInvalid(t *testing.T) {
	tests := []struct {
		reason string
		text   string
	}{
		{"empty", ""},
		{"upper case is not the identifier", "ID_CARD"},
		{"unknown", "library_card"},
		{"very long", string(make([]byte, 1000))},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := certificate.ParseKind(tc.text)
			require.Error(t, err)
			assert.Less(t, len(err.Error()), 200, "the message is bounded")
			var k certificate.Kind
			assert.Error(t, k.UnmarshalText([]byte(tc.text)))
		})
	}
	var zero certificate.Kind
	assert.False(t, zero.Valid())
	assert.Equal(t, "Kind(0)", zero.String())
	_, err := zero.MarshalText()
	assert.Error(t, err)
	assert.Equal(t, "Kind(99)", certificate.Kind(99).String())
}
