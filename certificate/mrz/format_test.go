package mrz

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Package fmt prints a zone with the document number, the optional data and
// the names masked and without its lines.
func TestMRZFormatMasks(t *testing.T) {
	m, err := Parse(vectors[0].text, today) // ICAO TD3 specimen
	require.NoError(t, err)
	require.Equal(t, "L898902C3", m.DocumentNumber)
	assert.Equal(t, "TD3 P UTO L8*****C3", m.String())
	want := `mrz.MRZ{Format:mrz.TD3, DocumentCode:"P", IssuingState:"UTO", Nationality:"UTO", DocumentNumber:"L8*****C3", ` +
		`Birth:"1974-08-12", BirthUnknown:false, Expiry:"2012-04-15", Sex:"F", SexCode:'F', Primary:"ER****ON", ` +
		`Secondary:"AN******IA", Truncated:false, Optional1:"ZE*****6B", Optional2:""}`
	assert.Equal(t, want, fmt.Sprintf("%#v", m))
	assert.Equal(t, want, fmt.Sprintf("%#v", &m))
	for _, verb := range []string{"%v", "%+v", "%s"} {
		assert.Equal(t, "TD3 P UTO L8*****C3", fmt.Sprintf(verb, m), verb)
		assert.Equal(t, "TD3 P UTO L8*****C3", fmt.Sprintf(verb, &m), verb)
	}
	for _, v := range []any{m, &m, []MRZ{m}, struct{ M MRZ }{m}, map[string]*MRZ{"m": &m}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			out := fmt.Sprintf(verb, v)
			for _, hidden := range []string{"L898902C3", "ERIKSSON", "ANNA MARIA", "ZE184226B", "L898902C36UTO"} {
				assert.NotContains(t, out, hidden, "%s of %T: %s", verb, v, out)
				assert.NotContains(t, out, fmt.Sprintf("%x", hidden), "%s of %T: %s", verb, v, out)
			}
		}
	}
	assert.Equal(t, `mrz.MRZ{Format:mrz.Format(0), DocumentCode:"", IssuingState:"", Nationality:"", DocumentNumber:"", `+
		`Birth:"", BirthUnknown:false, Expiry:"", Sex:"", SexCode:'\x00', Primary:"", Secondary:"", Truncated:false, Optional1:"", Optional2:""}`,
		MRZ{}.GoString())
}
