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
	Verdict    string
	Violations []struct{ Code, Field, Message string }
	Checks     []struct{ Name, Status string }
	Number     string
	Review     struct {
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
	if code == 0 {
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

func TestVerifyWithDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "b.db")
	app := filepath.Join("..", "testdata", "application.json")

	_, stderr, code := runVerify(t, "-db", db, app)
	assert.Equal(t, 1, code, "a named store needs the secret")
	assert.Contains(t, stderr, "REALNAME_BINDING_KEY")

	t.Setenv("REALNAME_BINDING_KEY", "a test secret of enough bytes")
	v, stderr, code := runVerify(t, "-db", db, "-now", "2026-03-10", app)
	require.Equal(t, 0, code, stderr)
	require.NotNil(t, v.Binding)
	assert.Equal(t, "pending", v.Binding.State)
	assert.Equal(t, 1, v.Binding.Count)

	v, _, code = runVerify(t, "-db", db, "-now", "2026-03-10", "-auto-approve", app)
	require.Equal(t, 0, code)
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
