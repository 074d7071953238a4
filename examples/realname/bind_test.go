package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testBindingKey = "cli test secret, 32 bytes long.."

func runBind(t *testing.T, args ...string) (out bindResult, stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &e)
	if o.Len() > 0 {
		require.NoError(t, json.Unmarshal(o.Bytes(), &out), o.String())
	}
	return out, o.String(), e.String(), code
}

func code(s string) *string { return &s }

// bindScenario runs one certificate through the tool against db.
func bindScenario(t *testing.T, db string, extra ...string) {
	flags := func(cmd, number, account string) []string {
		return append([]string{cmd, "-db", db, "-kind", "id_card", "-number", number, "-account", account}, extra...)
	}
	// 11010519491231002X is the sample number of GB 11643-1999; 110105491231002
	// is its 15-digit form, the same certificate.
	const n18, n15 = "11010519491231002X", "110105491231002"
	for i, tc := range []struct {
		args   []string
		want   bindResult
		status int
		reason string
	}{
		{flags("bind", n18, "alice"), bindResult{Bound: true, State: "pending", Count: 1, Limit: 3}, 0, "first account"},
		{flags("bind", n15, "bob"), bindResult{Bound: true, State: "pending", Count: 2, Limit: 3}, 0, "the 15-digit form counts on the same certificate"},
		{flags("bind", "110105 19491231 002x", "carol"), bindResult{Bound: true, State: "pending", Count: 3, Limit: 3}, 0, "typed with spaces and a lower-case check"},
		{flags("bind", n18, "dave"), bindResult{Bound: false, State: "none", Count: 3, Limit: 3, Code: code("binding.limit_reached")}, 3, "the fourth account is refused"},
		{flags("bind", n18, "alice"), bindResult{Bound: true, State: "pending", Count: 3, Limit: 3}, 0, "re-binding a held slot is idempotent"},
		{append(flags("bind", n18, "alice"), "-confirm"), bindResult{Bound: true, State: "confirmed", Count: 3, Limit: 3}, 0, "approval confirms"},
		{flags("release", n15, "bob"), bindResult{Bound: false, State: "none", Count: 2, Limit: 3}, 0, "release frees the slot"},
		{flags("bind", n18, "dave"), bindResult{Bound: true, State: "pending", Count: 3, Limit: 3}, 0, "the freed slot goes to the next account"},
		{append(flags("bind", n18, "erin"), "-limit", "4"), bindResult{Bound: true, State: "pending", Count: 4, Limit: 4}, 0, "the limit is a flag"},
	} {
		got, stdout, stderr, status := runBind(t, tc.args...)
		require.Equal(t, tc.status, status, "step %d (%s): %s", i, tc.reason, stderr)
		assert.Equal(t, tc.want, got, "step %d: %s", i, tc.reason)
		assert.NotContains(t, stdout+stderr, "19491231", "step %d: the number never appears in output", i)
	}
}

func TestBindSQLite(t *testing.T) {
	t.Setenv(envBindingKey, testBindingKey)
	bindScenario(t, filepath.Join(t.TempDir(), "bindings.db"))
}

func TestBindPostgres(t *testing.T) {
	dsn, schema := postgresSchema(t)
	t.Setenv(envBindingKey, testBindingKey)
	bindScenario(t, dsn, "-schema", schema)
}

// postgresSchema returns the DSN of the test database and a new schema,
// dropped after the test. It skips the test when
// REALNAME_TEST_POSTGRES_DSN is unset, except in CI.
func postgresSchema(t *testing.T) (dsn, schema string) {
	t.Helper()
	dsn = os.Getenv("REALNAME_TEST_POSTGRES_DSN")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("REALNAME_TEST_POSTGRES_DSN is unset, and CI requires the PostgreSQL tests to run")
		}
		t.Skip("REALNAME_TEST_POSTGRES_DSN is unset")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema = "cli_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if conn, err := pgx.Connect(ctx, dsn); err == nil {
			_, _ = conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
			conn.Close(ctx)
		}
	})
	return dsn, schema
}

func TestBindErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bindings.db")
	base := []string{"-db", db, "-kind", "id_card", "-number", "11010519491231002X", "-account", "a"}
	t.Run("no secret for PostgreSQL", func(t *testing.T) {
		t.Setenv(envBindingKey, "")
		pg := []string{"-db", "postgres://nobody@127.0.0.1:1/none", "-kind", "id_card", "-number", "11010519491231002X", "-account", "a"}
		for _, cmd := range []string{"bind", "release"} {
			_, stdout, stderr, status := runBind(t, append([]string{cmd}, pg...)...)
			assert.Equal(t, 1, status, "%s refuses to run without a secret", cmd)
			assert.Contains(t, stderr, "REALNAME_BINDING_KEY", "and names the variable")
			assert.Empty(t, stdout)
		}
	})
	t.Setenv(envBindingKey, testBindingKey)
	for _, tc := range []struct {
		args   []string
		status int
		want   string
		reason string
	}{
		{[]string{"bind", "-db", db, "-kind", "id_card", "-number", "110105194912310021", "-account", "a"}, 1, "invalid checksum", "a number failing its check character"},
		{[]string{"bind", "-db", db, "-kind", "passport", "-number", "G12345678", "-account", "a"}, 2, "-region is required", "a passport without an issuing region"},
		{[]string{"bind", "-db", db, "-kind", "visa", "-number", "1", "-account", "a"}, 2, "unknown kind", "an unknown kind"},
		{[]string{"bind", "-db", db, "-kind", "id_card", "-number", "11010519491231002X"}, 2, "required", "no account"},
		{[]string{"bind", "-db", db, "-kind", "id_card", "-number", "11010519491231002X", "-account", "a", "-limit", "0"}, 2, "-limit", "a limit below one"},
		{[]string{"bind", "-db", filepath.Join(t.TempDir(), "missing", "dir", "x.db"), "-kind", "id_card", "-number", "11010519491231002X", "-account", "a"}, 1, "sqlite", "a database that cannot be created"},
	} {
		_, stdout, stderr, status := runBind(t, tc.args...)
		assert.Equal(t, tc.status, status, tc.reason)
		assert.Contains(t, stderr, tc.want, tc.reason)
		assert.NotContains(t, stdout+stderr, "19491231", "%s: the number is masked", tc.reason)
	}
	t.Setenv(envBindingKey, "short")
	_, _, stderr, status := runBind(t, append([]string{"bind"}, base...)...)
	assert.Equal(t, 1, status, "a secret shorter than 16 bytes is refused")
	assert.Contains(t, stderr, "REALNAME_BINDING_KEY")
}

// TestBindKeyRotation binds under one secret, rotates to a new one with the
// old one as previous, and checks the certificate is still counted.
func TestBindKeyRotation(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bindings.db")
	args := func(account string) []string {
		return []string{"bind", "-db", db, "-kind", "hkmo_travel_permit", "-number", "H12345678", "-account", account, "-limit", "2"}
	}
	t.Setenv(envBindingKey, "the first secret, 32 bytes long.")
	_, _, stderr, status := runBind(t, args("a")...)
	require.Equal(t, 0, status, stderr)
	t.Setenv(envBindingKey, "the second secret, 32 bytes long")
	got, _, _, status := runBind(t, args("b")...)
	assert.Equal(t, 0, status)
	assert.Equal(t, 1, got.Count, "without the previous secret the old row is not found")
	require.NoError(t, os.Remove(db))

	t.Setenv(envBindingKey, "the first secret, 32 bytes long.")
	_, _, _, status = runBind(t, args("a")...)
	require.Equal(t, 0, status)
	t.Setenv(envBindingKey, "the second secret, 32 bytes long")
	t.Setenv(envBindingPreviousKey, "the first secret, 32 bytes long.")
	got, _, _, status = runBind(t, args("b")...)
	assert.Equal(t, 0, status)
	assert.Equal(t, 2, got.Count, "with the previous secret the old row counts")
	got, _, _, status = runBind(t, args("c")...)
	assert.Equal(t, 3, status, "and the limit spans both secrets")
	assert.Equal(t, 2, got.Count)
}
