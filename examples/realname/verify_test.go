package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type verifyOutput struct {
	Case       string
	Code       string
	Verdict    string
	Violations []struct{ Code, Field, Message string }
	Checks     []struct{ Name, Status string }
	Number     string
	Review     struct {
		ID    string
		State string
		Due   struct{ Date string }
	}
	Binding *struct {
		Held  bool
		State string
		Count int
	}
}

func runVerify(t *testing.T, args ...string) (verifyOutput, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"verify"}, args...), strings.NewReader(""), &out, &errb)
	var v verifyOutput
	if code == 0 || code == exitPending {
		require.NoError(t, json.Unmarshal(out.Bytes(), &v), out.String())
	}
	return v, errb.String(), code
}

func TestVerifyExampleApplications(t *testing.T) {
	tests := []struct {
		reason  string
		file    string
		lang    string
		verdict string
		state   string
		codes   []string
	}{
		{"the README's main command: accepted, waiting for a person", "application.json", "en", "accept", "submitted", nil},
		{"partner program, expired card and another name: rejected with every reason", "rejected.json", "zh-CN", "reject", "rejected",
			[]string{"account.partner_program", "certificate.expired", "claim.name_mismatch"}},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			// Tuesday 10 March 2026: due three working days later, on Friday.
			v, stderr, code := runVerify(t, "-now", "2026-03-10", "-lang", tc.lang, filepath.Join("..", "testdata", tc.file))
			require.Equal(t, 0, code, stderr)
			assert.Equal(t, tc.verdict, v.Verdict)
			assert.Equal(t, tc.state, v.Review.State)
			assert.Equal(t, v.Review.ID, v.Case, "the case ID is printed at the top")
			assert.NotEmpty(t, v.Case)
			assert.Equal(t, "2026-03-13", v.Review.Due.Date)
			var codes []string
			for _, x := range v.Violations {
				codes = append(codes, x.Code)
				assert.NotEqual(t, x.Code, x.Message)
			}
			assert.ElementsMatch(t, tc.codes, codes)
			assert.Len(t, v.Checks, 14, "every check is listed by name")
			assert.Contains(t, v.Number, "*", "the number is printed masked")
		})
	}
}

// TestVerifyWithDatabase: verify -db stores the case and its slot; a second
// application by the same account while the case is pending is answered
// with that case and status 4, and takes no second case or slot; once a
// reviewer approved the case in another run, the account may apply again.
func TestVerifyWithDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	app := filepath.Join("..", "testdata", "application.json")

	t.Setenv("REALNAME_BINDING_KEY", "a test secret of enough bytes")
	first, stderr, code := runVerify(t, "-db", db, "-now", "2026-03-10", app)
	require.Equal(t, 0, code, stderr)
	require.NotEmpty(t, first.Case, "the output names the case")
	assert.Equal(t, first.Review.ID, first.Case)
	assert.Equal(t, "submitted", first.Review.State)
	require.NotNil(t, first.Binding)
	assert.Equal(t, "pending", first.Binding.State)
	assert.Equal(t, 1, first.Binding.Count)

	again, stderr, code := runVerify(t, "-db", db, "-now", "2026-03-11", "-auto-approve", app)
	require.Equal(t, exitPending, code, "the account has a pending case: %s", stderr)
	assert.Contains(t, stderr, first.Case)
	assert.Equal(t, "review.open_case", again.Code)
	assert.Equal(t, first.Case, again.Case, "the pending case is printed")
	assert.Empty(t, again.Verdict, "nothing was judged")
	require.NotNil(t, again.Binding)
	assert.Equal(t, "pending", again.Binding.State, "the second application confirmed nothing")
	assert.Equal(t, 1, again.Binding.Count, "and took no second slot")

	var out, errb bytes.Buffer
	code = run([]string{"review", "approve", first.Case, "-db", db, "-now", "2026-03-12", "-reviewer", "rev"}, strings.NewReader(""), &out, &errb)
	require.Equal(t, 0, code, errb.String())

	v, stderr, code := runVerify(t, "-db", db, "-now", "2026-03-16", "-auto-approve", app)
	require.Equal(t, 0, code, stderr)
	assert.NotEqual(t, first.Case, v.Case, "a new case once the first was decided")
	assert.Equal(t, "approved", v.Review.State)
	assert.Equal(t, "confirmed", v.Binding.State, "the same account takes no second slot and confirms it")
	assert.Equal(t, 1, v.Binding.Count)
}

func TestVerifyErrors(t *testing.T) {
	_, _, code := runVerify(t)
	assert.Equal(t, 2, code, "no file")
	_, _, code = runVerify(t, "-now", "yesterday", "x.json")
	assert.Equal(t, 2, code, "a bad -now")
	_, stderr, code := runVerify(t, filepath.Join(t.TempDir(), "missing.json"))
	assert.Equal(t, 1, code)
	assert.NotEmpty(t, stderr)

	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"account":{"id":"a"},"surprise":1}`), 0o644))
	_, stderr, code = runVerify(t, bad)
	assert.Equal(t, 1, code, "unknown fields are refused")
	assert.Contains(t, stderr, "surprise")
}

// exampleWith writes the example application with its JSON text changed by
// the replacer's pairs into a new directory, its uploads named by absolute
// paths (unless a pair renames them), and returns its path.
func exampleWith(t *testing.T, pairs ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "application.json"))
	require.NoError(t, err)
	testdata, err := filepath.Abs(filepath.Join("..", "testdata"))
	require.NoError(t, err)
	s := strings.NewReplacer(pairs...).Replace(string(b))
	s = strings.NewReplacer(
		`"certificate.png"`, jsonString(filepath.Join(testdata, "certificate.png")),
		`"handheld.png"`, jsonString(filepath.Join(testdata, "handheld.png")),
	).Replace(s)
	path := filepath.Join(t.TempDir(), "app.json")
	require.NoError(t, os.WriteFile(path, []byte(s), 0o644))
	return path
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestVerifyUnavailableFiles: an upload that is missing or cannot be read
// is a finding of the report, application.file_missing with a reason, and
// the verdict's usual exit status, not an error.
func TestVerifyUnavailableFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "a-directory.png"), 0o755))
	for _, tc := range []struct {
		reason, role, file, want string
	}{
		{"a missing certificate image", "certificate", filepath.Join(dir, "no-such.png"), "not_found"},
		{"a handheld photo that is a directory", "handheld", filepath.Join(dir, "a-directory.png"), "not_regular"},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			app := exampleWith(t, `"`+tc.role+`.png"`, jsonString(tc.file))
			var out, errb bytes.Buffer
			code := run([]string{"verify", "-now", "2026-03-10", app}, strings.NewReader(""), &out, &errb)
			require.Equal(t, 0, code, "a verdict, not an error: %s", errb.String())
			var rep struct {
				Verdict    string
				Violations []struct {
					Code, Field string
					Params      []struct{ Name, Value string }
					Message     string
				}
			}
			require.NoError(t, json.Unmarshal(out.Bytes(), &rep), out.String())
			assert.Equal(t, "reject", rep.Verdict)
			found := false
			for _, v := range rep.Violations {
				if v.Code == "application.file_missing" && v.Field == tc.role {
					found = true
					assert.Contains(t, v.Params, struct{ Name, Value string }{"reason", tc.want})
					assert.NotEqual(t, v.Code, v.Message, "the code has a message")
				}
			}
			assert.True(t, found, "application.file_missing at %s: %s", tc.role, out.String())
			assert.Contains(t, errb.String(), "files."+tc.role+".path", "stderr says which file")
		})
	}
}

// TestVerifyExactKeys: keys match exactly, though encoding/json matches
// them without regard to case.
func TestVerifyExactKeys(t *testing.T) {
	app := exampleWith(t, `"typed":`, `"Typed":`)
	_, stderr, code := runVerify(t, app)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, `unknown field "Typed"`)
	assert.Contains(t, stderr, `"typed"`, "and says what to write")
}

// TestVerifyDeprecatedRegion: typed.region still reads, with a warning.
func TestVerifyDeprecatedRegion(t *testing.T) {
	app := exampleWith(t, `"number_region":`, `"region":`)
	v, stderr, code := runVerify(t, "-now", "2026-03-10", app)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "accept", v.Verdict)
	assert.Contains(t, stderr, "warning: typed.region is deprecated")
	assert.Contains(t, stderr, "typed.number_region")

	_, stderr, code = runVerify(t, "-now", "2026-03-10", exampleWith(t))
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, stderr, "deprecated")
}

// TestVerifyReadableForms: dates as cards print them, sex X and regions in
// lower case and with a subdivision verify as the example does.
func TestVerifyReadableForms(t *testing.T) {
	app := exampleWith(t,
		`"1990-03-07"`, `"1990年3月7日"`, `"2020-05-01"`, `"2020.05.01"`, `"2040-05-01"`, `"2040/05/01"`,
		`"sex": "M"`, `"sex": "male"`, `"registration_region": "CN"`, `"registration_region": "cn"`,
		`"number_region": "CN"`, `"number_region": "cn"`)
	v, stderr, code := runVerify(t, "-now", "2026-03-10", app)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "accept", v.Verdict, "%+v", v.Violations)

	app = exampleWith(t, `"issued": "2020-05-01"`, `"issued": "01.05.2020"`)
	_, stderr, code = runVerify(t, app)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "document.issued")
	assert.Contains(t, stderr, "year first")
}
