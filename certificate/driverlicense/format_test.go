package driverlicense_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
)

// The typed licence number of EUFields, the parsed one of EULicence and the
// input kept by a field error never print in full.
func TestEUFormatMasks(t *testing.T) {
	const number = "MORGA657054SM9IJ"
	f := driverlicense.EUFields{IssueDate: "01.01.2020", ExpiryDate: "31.12.2029", Authority: "DVLA", Number: number}
	assert.Equal(t, "{01.01.2020 31.12.2029 DVLA MORG********M9IJ}", fmt.Sprintf("%v", f))
	assert.Equal(t, "{01.01.2020 31.12.2029 DVLA MORG********M9IJ}", fmt.Sprintf("%+v", f))
	assert.Equal(t, "{01.01.2020 31.12.2029 DVLA MORG********M9IJ}", fmt.Sprintf("%s", f))
	assert.Equal(t, `driverlicense.EUFields{IssueDate:"01.01.2020", ExpiryDate:"31.12.2029", Authority:"DVLA", Number:"MORG********M9IJ"}`, fmt.Sprintf("%#v", f))

	l, err := driverlicense.ParseEU("GB", f, driverlicense.Options{})
	require.NoError(t, err)
	assert.Contains(t, fmt.Sprintf("%+v", l), "Number:MORG********M9IJ")

	bad := f
	bad.Number = "MORGA627054SM9IJ" // month 27 is malformed
	_, err = driverlicense.ParseEU("GB", bad, driverlicense.Options{})
	require.Error(t, err)
	var fe *driverlicense.FieldError
	require.True(t, errors.As(err, &fe))

	for _, v := range []any{f, &f, l, &l, []driverlicense.EUFields{f}, struct{ F driverlicense.EUFields }{f}, err, fe} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, number, "%s of %T: %s", verb, v, out)
			assert.NotContains(t, out, bad.Number, "%s of %T: %s", verb, v, out)
			assert.NotContains(t, out, fmt.Sprintf("%x", number), "%s of %T: %s", verb, v, out)
		}
	}
	assert.Equal(t, number, f.Number, "the field itself is whole")
	assert.Equal(t, certificate.NewNumber(certificate.DriverLicense, "GB", number), l.Number)
}
