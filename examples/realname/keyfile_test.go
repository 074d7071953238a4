package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noSecret clears the binding secrets from the environment for the test.
func noSecret(t *testing.T) {
	t.Setenv(envBindingKey, "")
	t.Setenv(envBindingPreviousKey, "")
}

// TestBindKeyFile: without REALNAME_BINDING_KEY a local SQLite file gets a
// key file beside it on its first run, which later runs reuse, so the
// account limit holds across runs.
func TestBindKeyFile(t *testing.T) {
	noSecret(t)
	db := filepath.Join(t.TempDir(), "bindings.db")
	key := db + ".key"
	args := func(account string) []string {
		return []string{"bind", "-db", db, "-kind", "id_card", "-number", "11010519491231002X", "-account", account}
	}
	got, _, stderr, status := runBind(t, args("alice")...)
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, 1, got.Count)
	assert.Contains(t, stderr, "created binding key "+key+"; keep it with the database", "the first run says so")

	st, err := os.Stat(key)
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the key file is owner-only")
	}

	got, _, stderr, status = runBind(t, args("bob")...)
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, 2, got.Count, "the second run uses the same key, so it counts the first account")
	assert.NotContains(t, stderr, "created", "the key is created once")

	b, err := os.ReadFile(key)
	require.NoError(t, err)
	t.Setenv(envBindingKey, strings.TrimSpace(string(b)))
	got, _, stderr, status = runBind(t, args("carol")...)
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, 3, got.Count, "the file's content is the secret, as REALNAME_BINDING_KEY takes it")
}

// TestVerifyKeyFile: verify -db on a local file runs without
// REALNAME_BINDING_KEY, and a second run sees the first one's slot.
func TestVerifyKeyFile(t *testing.T) {
	noSecret(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	for i, account := range []string{"acct-a", "acct-b"} {
		v, stderr, code := runVerify(t, "-db", db, "-now", "2026-03-10", writeApp(t, dir, 7, account))
		require.Equal(t, 0, code, stderr)
		require.NotNil(t, v.Binding)
		assert.Equal(t, i+1, v.Binding.Count, "run %d counts the accounts of the earlier runs", i+1)
		assert.Equal(t, i == 0, strings.Contains(stderr, "created binding key "+db+".key"), "run %d: %s", i+1, stderr)
	}
	var out, errb strings.Builder
	status := run([]string{"review", "list", "-db", db}, strings.NewReader(""), &out, &errb)
	require.Equal(t, 0, status, "review reads the key file too: %s", errb.String())
	assert.Equal(t, 2, strings.Count(out.String(), `"case"`), out.String())
}

func TestKeyFileRefused(t *testing.T) {
	noSecret(t)
	if runtime.GOOS == "windows" {
		t.Skip("file modes are not permissions on Windows")
	}
	db := filepath.Join(t.TempDir(), "bindings.db")
	key := db + ".key"
	args := []string{"bind", "-db", db, "-kind", "id_card", "-number", "11010519491231002X", "-account", "a"}
	_, _, stderr, status := runBind(t, args...)
	require.Equal(t, 0, status, stderr)

	require.NoError(t, os.Chmod(key, 0o644))
	_, stdout, stderr, status := runBind(t, args...)
	assert.Equal(t, 1, status, "a key file others may read is refused")
	assert.Contains(t, stderr, key)
	assert.Contains(t, stderr, "0644")
	assert.Contains(t, stderr, "chmod 600")
	assert.Empty(t, stdout)
	_, stderr, code := runVerify(t, "-db", db, filepath.Join("..", "testdata", "application.json"))
	assert.Equal(t, 1, code, "verify refuses it too")
	assert.Contains(t, stderr, "chmod 600")

	require.NoError(t, os.Chmod(key, 0o600))
	require.NoError(t, os.WriteFile(key, []byte("short\n"), 0o600))
	_, _, stderr, status = runBind(t, args...)
	assert.Equal(t, 1, status, "a key too short is refused")
	assert.Contains(t, stderr, key)

	require.NoError(t, os.Remove(key))
	_, _, stderr, status = runBind(t, args...)
	assert.Equal(t, 1, status, "a database without its key file is not given a new key")
	assert.Contains(t, stderr, "REALNAME_BINDING_KEY")
	_, err := os.Stat(key)
	assert.True(t, os.IsNotExist(err), "and no key file is created")

	other := filepath.Join(t.TempDir(), "new.db")
	var out, errb strings.Builder
	status = run([]string{"review", "list", "-db", other}, strings.NewReader(""), &out, &errb)
	assert.Equal(t, 1, status, "review does not create a store and its key")
	assert.Contains(t, errb.String(), "REALNAME_BINDING_KEY")
	_, err = os.Stat(other + ".key")
	assert.True(t, os.IsNotExist(err))
}
