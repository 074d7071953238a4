package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/rules/evidence"
)

// putFiles stores both files of the case in the evidence directory beside
// db, under the key the form server derives from the store's secret.
func putFiles(t *testing.T, db, id string) *vault.Dir {
	t.Helper()
	keys, err := vaultKeyring(db)
	require.NoError(t, err)
	files, err := vault.OpenDir(db+".evidence", keys)
	require.NoError(t, err)
	t.Cleanup(func() { _ = files.Close() })
	for _, r := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		_, err := files.Put(context.Background(), id, r, []byte("the "+r.String()), vault.Meta{})
		require.NoError(t, err)
	}
	return files
}

func kept(t *testing.T, files vault.Store, id string) bool {
	t.Helper()
	_, err := files.Stat(context.Background(), id, evidence.Certificate)
	if err != nil {
		require.ErrorIs(t, err, vault.ErrNotFound)
		return false
	}
	return true
}

func purgeCLI(t *testing.T, args ...string) (purgeOutput, string, int) {
	t.Helper()
	stdout, stderr, status := cli(t, append([]string{"review", "purge"}, args...)...)
	var out purgeOutput
	if status == 0 {
		require.NoError(t, json.Unmarshal([]byte(stdout), &out), stdout)
	}
	return out, stderr, status
}

// TestReviewPurge: the files of a case approved more than the retention
// ago are deleted and the case marked; a pending case and one decided
// recently keep theirs; a second run finds nothing.
func TestReviewPurge(t *testing.T) {
	t.Setenv(envBindingKey, testBindingKey)
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	decided := verifyCase(t, db, dayVerify, writeApp(t, dir, 41, "acct-1"))
	recent := verifyCase(t, db, dayVerify, writeApp(t, dir, 42, "acct-2"))
	pending := verifyCase(t, db, dayVerify, writeApp(t, dir, 43, "acct-3"))
	var files *vault.Dir
	for _, id := range []string{decided, recent, pending} {
		files = putFiles(t, db, id)
	}
	_, stderr, status := reviewCLI(t, db, dayDecided, "approve", decided, "-reviewer", "rev")
	require.Equal(t, 0, status, stderr)
	_, stderr, status = reviewCLI(t, db, "2026-04-10", "reject", recent, "-reviewer", "rev", "-reason", "review.headwear")
	require.Equal(t, 0, status, stderr)

	out, stderr, status := purgeCLI(t, "-db", db, "-now", "2026-04-20")
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, []string{decided}, out.Purged, "decided 35 days before -now, past the default 30")
	assert.Zero(t, out.Failed)
	assert.Equal(t, "720h0m0s", out.Retention)
	assert.False(t, kept(t, files, decided), "its files are deleted")
	assert.True(t, kept(t, files, recent), "a case rejected 10 days ago keeps its files")
	assert.True(t, kept(t, files, pending), "a pending case keeps its files")

	shown, stderr, status := reviewCLI(t, db, "2026-04-20", "show", decided)
	require.Equal(t, 0, status, stderr)
	assert.True(t, shown.Review.FilesPurgedAt.Equal(at(t, "2026-04-20")), "the case records when: %v", shown.Review.FilesPurgedAt)

	out, stderr, status = purgeCLI(t, "-db", db, "-now", "2026-04-20")
	require.Equal(t, 0, status, stderr)
	assert.Empty(t, out.Purged, "a second run finds nothing")

	out, stderr, status = purgeCLI(t, "-db", db, "-now", "2026-04-20", "-retention", "240h", "-files", "file://"+filepath.ToSlash(db)+".evidence")
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, []string{recent}, out.Purged, "a shorter retention reaches the case rejected 10 days ago")
	assert.True(t, kept(t, files, pending), "never the pending case")
	checkStore(t, db, "2026-04-20")
}

func TestReviewPurgeKeyFile(t *testing.T) {
	// No secret in the environment: the key file verify created beside the
	// SQLite file, as for every review command.
	t.Setenv(envBindingKey, "")
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	id := verifyCase(t, db, dayVerify, writeApp(t, dir, 44, "acct"))
	files := putFiles(t, db, id)
	_, stderr, status := reviewCLI(t, db, dayDecided, "withdraw", id, "-actor", "acct")
	require.Equal(t, 0, status, stderr)
	out, stderr, status := purgeCLI(t, "-db", db, "-now", "2026-06-01")
	require.Equal(t, 0, status, stderr)
	assert.Equal(t, []string{id}, out.Purged)
	assert.False(t, kept(t, files, id))

	require.NoError(t, os.Chmod(db+keyFileSuffix, 0o644))
	_, stderr, status = purgeCLI(t, "-db", db, "-now", "2026-06-01")
	assert.Equal(t, 1, status, "a key file others may read is refused")
	assert.Contains(t, stderr, "chmod 600")
}

func TestReviewPurgeErrors(t *testing.T) {
	t.Setenv(envBindingKey, testBindingKey)
	db := filepath.Join(t.TempDir(), "cases.db")
	for _, tc := range []struct {
		args   []string
		status int
		err    string
	}{
		{[]string{"-db", db, "-retention", "-1h"}, 2, "-retention must be positive"},
		{[]string{"-db", db, "-retention", "0"}, 2, "-retention must be positive"},
		{[]string{"-db", "postgres://u@127.0.0.1:1/x"}, 2, "-files is required"},
		{[]string{"-retention", "1h"}, 2, "-db is required"},
		{[]string{"-db", db, "extra"}, 2, "want 0 argument"},
		{[]string{"-db", db, "-files", "nope://x"}, 1, "-files"},
	} {
		_, stderr, status := purgeCLI(t, tc.args...)
		assert.Equal(t, tc.status, status, "%v: %s", tc.args, stderr)
		assert.Contains(t, stderr, tc.err, "%v", tc.args)
	}
}
