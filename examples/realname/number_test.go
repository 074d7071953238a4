package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runNumber(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"number"}, args...), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// TestNumberQuickStart runs the README's quick-start command:
//
//	echo 11010519491231002X | go run ./examples/realname number -kind id_card -region CN
func TestNumberQuickStart(t *testing.T) {
	out, errOut, code := runNumber(t, "11010519491231002X\n", "-kind", "id_card", "-region", "CN")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, `{"input":"11010519491231002X","valid":true,"canonical":"11010519491231002X","review":[]}`+"\n", out)
	assert.Empty(t, errOut)
}

func TestNumberLines(t *testing.T) {
	input := strings.Join([]string{
		"11010519491231002X",    // valid (README)
		"44011320141005001x",    // valid, lower-case check (python-stdnum)
		"110101491001001",       // legacy 15 digits (validator.js, django-localflavor)
		"235407195106112745",    // valid, county unlisted (validator.js)
		"36042619910102009X",    // checksum (python-stdnum)
		"T60426199101010078",    // format (python-stdnum)
		"360426199113010079",    // component: month 13 (python-stdnum)
		"990426199112010074",    // component: province 99 (python-stdnum)
		"123456789",             // length (validator.js)
		"",                      // empty line keeps its place
		" 110105 19491231 002X", // separators
	}, "\n") + "\n"
	out, errOut, code := runNumber(t, input, "-kind", "id_card", "-region", "CN")
	require.Equal(t, 0, code, "invalid numbers do not change the exit status")
	assert.Empty(t, errOut)

	type line struct {
		Input     string   `json:"input"`
		Valid     bool     `json:"valid"`
		Canonical string   `json:"canonical"`
		Reason    string   `json:"reason"`
		Code      string   `json:"code"`
		Review    []string `json:"review"`
	}
	want := []line{
		{Input: "11010519491231002X", Valid: true, Canonical: "11010519491231002X", Review: []string{}},
		{Input: "44011320141005001x", Valid: true, Canonical: "44011320141005001X", Review: []string{}},
		{Input: "110101491001001", Valid: true, Canonical: "11010119491001001X", Review: []string{}},
		{Input: "235407195106112745", Valid: true, Canonical: "235407195106112745", Review: []string{"number.division_unlisted"}},
		{Input: "36042619910102009X", Reason: "checksum", Code: "number.invalid_checksum", Review: []string{}},
		{Input: "T60426199101010078", Reason: "format", Code: "number.invalid_format", Review: []string{}},
		{Input: "360426199113010079", Reason: "component", Code: "number.invalid_birth_date", Review: []string{}},
		{Input: "990426199112010074", Reason: "component", Code: "number.unknown_province", Review: []string{}},
		{Input: "123456789", Reason: "length", Code: "number.invalid_length", Review: []string{}},
		{Input: "", Reason: "length", Code: "number.invalid_length", Review: []string{}},
		{Input: " 110105 19491231 002X", Valid: true, Canonical: "11010519491231002X", Review: []string{}},
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, len(want), "one output line per input line")
	for i, raw := range lines {
		var got line
		require.NoError(t, json.Unmarshal([]byte(raw), &got), raw)
		assert.Equal(t, want[i], got, "line %d", i+1)

		// Shape: canonical only when valid, reason and code only when invalid,
		// review always present.
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(raw), &m))
		assert.Contains(t, m, "review", raw)
		assert.Contains(t, m, "input", raw)
		assert.Contains(t, m, "valid", raw)
		_, hasCanonical := m["canonical"]
		_, hasReason := m["reason"]
		_, hasCode := m["code"]
		assert.Equal(t, got.Valid, hasCanonical, raw)
		assert.Equal(t, !got.Valid, hasReason, raw)
		assert.Equal(t, !got.Valid, hasCode, raw)
	}
}

func TestNumberOtherKinds(t *testing.T) {
	tests := []struct {
		reason string
		args   []string
		input  string
		want   string
	}{
		{"HK permit without a region, 1999 card canonicalised", []string{"-kind", "hkmo_travel_permit"}, "H1234567801",
			`{"input":"H1234567801","valid":true,"canonical":"H12345678","review":[]}`},
		{"TW permit with its region", []string{"-kind", "tw_travel_permit", "-region", "TW"}, "1234567801(B)",
			`{"input":"1234567801(B)","valid":true,"canonical":"12345678","review":[]}`},
		{"HK/MO residence permit given an identity-card number", []string{"-kind", "hkmo_residence_permit"}, "11010519491231002X",
			`{"input":"11010519491231002X","valid":false,"reason":"component","code":"number.address_code_mismatch","review":[]}`},
		{"lower-case region", []string{"-kind", "id_card", "-region", "cn"}, "11010519491231002X",
			`{"input":"11010519491231002X","valid":true,"canonical":"11010519491231002X","review":[]}`},
		{"unsupported region is a line, not a crash", []string{"-kind", "id_card", "-region", "ZZ"}, "11010519491231002X",
			`{"input":"11010519491231002X","valid":false,"code":"number.unsupported_scheme","review":[]}`},
		{"residence permit for another region", []string{"-kind", "tw_residence_permit", "-region", "TW"}, "x",
			`{"input":"x","valid":false,"code":"number.unsupported_scheme","review":[]}`},
		{"last line without newline, CRLF before it", []string{"-kind", "tw_travel_permit"}, "12345678\r\n87654321",
			`{"input":"12345678","valid":true,"canonical":"12345678","review":[]}` + "\n" +
				`{"input":"87654321","valid":true,"canonical":"87654321","review":[]}`},
		{"HTML characters are not escaped", []string{"-kind", "tw_travel_permit"}, "<&>",
			`{"input":"<&>","valid":false,"reason":"length","code":"number.invalid_length","review":[]}`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			out, errOut, code := runNumber(t, tc.input+"\n", tc.args...)
			require.Equal(t, 0, code, errOut)
			assert.Equal(t, tc.want+"\n", out)
		})
	}
}

func TestNumberLongLine(t *testing.T) {
	long := strings.Repeat("1", 5000)
	out, _, code := runNumber(t, long+"\n"+"11010519491231002X\n", "-kind", "id_card", "-region", "CN")
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 2, "the long line is one error line; reading continues")
	var first map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	assert.Equal(t, "length", first["reason"])
	assert.Len(t, first["input"], maxNumberLine, "the echoed input is bounded")
	assert.Contains(t, lines[1], `"valid":true`)

	// Exactly maxNumberLine bytes is not too long for the reader.
	exact := strings.Repeat("1", maxNumberLine)
	out, _, _ = runNumber(t, exact+"\n", "-kind", "tw_travel_permit")
	assert.Contains(t, out, `"code":"number.invalid_length"`)
	assert.Len(t, strings.TrimSuffix(out, "\n"), len(`{"input":"","valid":false,"reason":"length","code":"number.invalid_length","review":[]}`)+maxNumberLine)
}

func TestNumberUsageErrors(t *testing.T) {
	tests := []struct {
		reason string
		args   []string
	}{
		{"no kind", nil},
		{"unknown kind", []string{"-kind", "library_card"}},
		{"id_card needs a region", []string{"-kind", "id_card"}},
		{"passport needs a region", []string{"-kind", "passport"}},
		{"unknown flag", []string{"-kind", "id_card", "-region", "CN", "-x"}},
		{"extra argument", []string{"-kind", "id_card", "-region", "CN", "extra"}},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			out, errOut, code := runNumber(t, "11010519491231002X\n", tc.args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, "usage")
		})
	}
}
