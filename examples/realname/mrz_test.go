package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runMRZ(t *testing.T, stdin string, args ...string) (results []mrzResult, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"mrz"}, args...), strings.NewReader(stdin), &out, &errOut)
	dec := json.NewDecoder(&out)
	for dec.More() {
		var r mrzResult
		require.NoError(t, dec.Decode(&r))
		results = append(results, r)
	}
	return results, errOut.String(), code
}

// The documents are ICAO Doc 9303 specimens (Parts 4–7 and Part 11 Appendix
// D.2) and JMRTD's MRZInfoTest samples; see certificate/mrz/mrz_test.go.
func TestMRZDocuments(t *testing.T) {
	input := strings.Join([]string{
		"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
		"",
		"",
		"  ",
		"I<UTOD23145890<7349<<<<<<<<<<<\r",
		"3407127M9507122UTO<<<<<<<<<<<2\r",
		"STEVENSON<<PETER<JOHN<<<<<<<<<\r",
		"\r",
		"P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<",
		"C11T002JM4D<<9608122F1310317<<<<<<<<<<<<<<<6",
		"",
		"P<D<<MUSTERMAN<<CHRISTIAN<<<<<<<<<<<<<<<<<<<",
		"0000000000D<<8601067M1111156<<<<<<<<<<<<<<<2",
		"",
		"p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
		"",
		"VBD<<DEDIC<<SIDNAN<<<<<<<<<<<<<<<<<<",
		"D091740530BOS8201135M9708011<2020711",
		"",
		"P<NLDVAN<NIEUWENHUIZEN<<GERARD<ROBBERT<MARTI",
		"XN01BC0150NLD7112247M1108268123456782<<<<<02",
	}, "\n")
	got, errOut, code := runMRZ(t, input, "-today", "2012-01-01")
	require.Equal(t, 0, code, errOut)
	require.Len(t, got, 7, "one object per document, blank lines of any kind separate")

	td3 := got[0]
	assert.True(t, td3.Valid, "ICAO TD3 specimen")
	assert.Equal(t, "TD3", td3.Format)
	assert.Equal(t, "P", td3.DocumentCode)
	assert.Equal(t, "UTO", td3.IssuingState)
	assert.Equal(t, "", td3.IssuingRegion, "Utopia has no region")
	assert.Equal(t, "UTO", td3.Nationality)
	assert.Equal(t, "L898902C3", td3.DocumentNumber)
	assert.Equal(t, "1974-08-12", td3.BirthDate)
	assert.Equal(t, "2012-04-15", td3.ExpiryDate)
	assert.Equal(t, "F", td3.Sex)
	assert.Equal(t, "ERIKSSON", td3.Surname)
	assert.Equal(t, "ANNA MARIA", td3.GivenNames)
	assert.Equal(t, map[string]bool{"document_number": true, "birth_date": true, "expiry_date": true, "optional_data": true, "composite": true}, td3.Checks)
	assert.False(t, td3.Expired, "not expired on 2012-01-01")
	assert.Equal(t, []string{"mrz.specimen"}, td3.Codes)

	long := got[1]
	assert.True(t, long.Valid, "ICAO Part 11 D.2 TD1 with CRLF line ends")
	assert.Equal(t, "TD1", long.Format)
	assert.Equal(t, "D23145890734", long.DocumentNumber, "long number joined")
	assert.True(t, long.Expired, "expired 1995")
	assert.Equal(t, map[string]bool{"document_number": true, "birth_date": true, "expiry_date": true, "composite": true}, long.Checks)

	de := got[2]
	assert.True(t, de.Valid)
	assert.Equal(t, "D", de.IssuingState, "as written, fillers removed")
	assert.Equal(t, "DE", de.IssuingRegion)
	assert.Empty(t, de.Codes)

	bad := got[3]
	assert.False(t, bad.Valid, "JMRTD sample with a wrong composite digit")
	assert.False(t, bad.Checks["composite"])
	assert.True(t, bad.Checks["document_number"])
	assert.Equal(t, []string{"mrz.check_failed.composite"}, bad.Codes)

	lower := got[4]
	assert.False(t, lower.Valid)
	assert.Equal(t, []string{"mrz.invalid_character"}, lower.Codes)
	assert.Contains(t, lower.Error, "line 1, position 1")

	bos := got[5]
	assert.False(t, bos.Valid, "unknown nationality code")
	assert.Equal(t, "MRVB", bos.Format, "fields still reported")
	assert.Equal(t, "DE", bos.IssuingRegion)
	assert.Equal(t, []string{"mrz.unknown_state"}, bos.Codes)

	trunc := got[6]
	assert.True(t, trunc.Valid)
	assert.Equal(t, "GERARD ROBBERT MARTI", trunc.GivenNames)
	assert.Equal(t, []string{"mrz.name_truncated"}, trunc.Codes)
}

func TestMRZBoundsInput(t *testing.T) {
	input := strings.Repeat("P", 5000) + "\n\n" + strings.Repeat("<<<<<<<<<<\n", 200) + "\n" +
		"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n"
	got, errOut, code := runMRZ(t, input, "-today", "2026-11-25")
	require.Equal(t, 0, code, errOut)
	require.Len(t, got, 3)
	assert.Equal(t, []string{"mrz.too_large"}, got[0].Codes, "a line too long")
	assert.Equal(t, []string{"mrz.too_large"}, got[1].Codes, "a document too large")
	assert.True(t, got[2].Valid, "reading goes on after oversized documents")
	assert.True(t, got[2].Expired)
}

func TestMRZUsage(t *testing.T) {
	_, errOut, code := runMRZ(t, "", "-today", "2026-13-01")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "-today")
	_, _, code = runMRZ(t, "", "extra")
	assert.Equal(t, 2, code)
	got, _, code := runMRZ(t, "\n\n")
	assert.Equal(t, 0, code)
	assert.Empty(t, got, "blank input has no documents")
}
