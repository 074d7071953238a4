package certificate_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
)

const full, masked = "11010519491231002X", "1101**********002X"

// verbs are the verbs every value carrying a number is printed with.
var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%20v", "%-20s"}

// assertMasked prints v with every verb and checks that the full number
// never shows.
func assertMasked(t *testing.T, v any, hidden string) {
	t.Helper()
	for _, verb := range verbs {
		out := fmt.Sprintf(verb, v)
		assert.NotContains(t, out, hidden, "%s of %T: %s", verb, v, out)
		// Hex of the full number does not show either.
		assert.NotContains(t, out, fmt.Sprintf("%x", hidden), "%s of %T: %s", verb, v, out)
	}
}

func TestNumberFormatMasks(t *testing.T) {
	n := certificate.NewNumber(certificate.IDCard, "CN", full)
	assert.Equal(t, `certificate.Number{kind:"id_card", region:"CN", canonical:"1101**********002X"}`, n.GoString())
	for verb, want := range map[string]string{
		"%v":  masked,
		"%+v": masked,
		"%s":  masked,
		"%q":  `"` + masked + `"`,
		"%#v": n.GoString(),
	} {
		assert.Equal(t, want, fmt.Sprintf(verb, n), verb)
		assert.Equal(t, want, fmt.Sprintf(verb, &n), "%s of a pointer", verb)
	}
	assertMasked(t, n, full)
	assertMasked(t, &n, full)
	assertMasked(t, []certificate.Number{n}, full)
	assertMasked(t, map[string]certificate.Number{"n": n}, full)
	assertMasked(t, struct{ N certificate.Number }{n}, full)
}

func TestParsedFormatMasks(t *testing.T) {
	p := certificate.Parsed{
		Number: certificate.NewNumber(certificate.IDCard, "CN", full),
		Birth:  certificate.Date{Year: 1949, Month: time.December, Day: 31},
		Sex:    certificate.Female,
		Review: []string{"number.division_unlisted"},
	}
	assert.Equal(t, "{Number:"+masked+" Birth:1949-12-31 Sex:F HolderRegion: Review:[number.division_unlisted]}", fmt.Sprintf("%+v", p))
	assert.Contains(t, fmt.Sprintf("%#v", p), `certificate.Parsed{Number:certificate.Number{kind:"id_card", region:"CN", canonical:"`+masked+`"}`)
	assertMasked(t, p, full)
	assertMasked(t, &p, full)
	assertMasked(t, []certificate.Parsed{p}, full)
}

func TestNumberErrorFormatMasks(t *testing.T) {
	const input = "110105194912310021"
	err := certificate.NewNumberError(certificate.IDCard, "CN", certificate.ErrChecksum, "", "MOD 11-2 check character does not match", input)
	msg := "certificate: CN id_card number 1101**********0021: invalid checksum: MOD 11-2 check character does not match"
	assert.Equal(t, msg, err.Error())
	goSyntax := `certificate.NumberError{Kind:"id_card", Region:"CN", Reason:"invalid checksum", Code:"number.invalid_checksum", ` +
		`Detail:"MOD 11-2 check character does not match", input:"1101**********0021"}`
	assert.Equal(t, goSyntax, err.GoString())
	for verb, want := range map[string]string{"%v": msg, "%+v": msg, "%s": msg, "%#v": goSyntax} {
		assert.Equal(t, want, fmt.Sprintf(verb, err), verb)
		assert.Equal(t, want, fmt.Sprintf(verb, *err), "%s of a value", verb)
	}
	assert.Equal(t, "wrapped: "+msg, fmt.Errorf("wrapped: %w", err).Error())
	assertMasked(t, err, input)
	assertMasked(t, *err, input)
	assertMasked(t, error(err), input)
	assertMasked(t, []error{err}, input)
	assertMasked(t, struct{ Err error }{err}, input)
	var none *certificate.NumberError
	assert.Equal(t, "<nil>", fmt.Sprintf("%v", none))
}

func TestRevealedFormatMasks(t *testing.T) {
	r := certificate.NewNumber(certificate.IDCard, "CN", full).Reveal()
	assert.Equal(t, full, string(r), "converting reveals")
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Equal(t, `"`+full+`"`, string(b), "marshalling reveals")
	assert.Equal(t, masked, r.String())
	assert.Equal(t, `certificate.Revealed("`+masked+`")`, fmt.Sprintf("%#v", r))
	assert.Equal(t, masked, fmt.Sprintf("%v", r))
	assertMasked(t, r, full)
	assertMasked(t, []certificate.Revealed{r}, full)
}
