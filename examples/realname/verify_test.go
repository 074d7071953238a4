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
