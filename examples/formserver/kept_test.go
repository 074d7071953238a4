package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSealedDir: what the server keeps for the desk is sealed on disk (the
// plaintext appears in no stored byte), opens only as the case and role it
// was stored as, and is gone after Delete.
func TestSealedDir(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	k, err := newSealedDir(dir, []byte("formserver kept test secret"))
	require.NoError(t, err)
	plain := []byte(`{"fields":{"number":"11010519491231002X"}}`)
	require.NoError(t, k.Put(ctx, "case1", roleApplication, plain))
	got, err := k.Get(ctx, "case1", roleApplication)
	require.NoError(t, err)
	assert.Equal(t, plain, got)

	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.False(t, bytes.Contains(b, []byte("11010519491231002X")), "the number in the clear in %s", p)
		assert.False(t, bytes.Contains(b, []byte("fields")), p)
		return nil
	})
	require.NoError(t, err)

	// Moved to another case, it does not open.
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "case2"), 0o700))
	b, err := os.ReadFile(filepath.Join(dir, "case1", roleApplication+".sealed"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "case2", roleApplication+".sealed"), b, 0o600))
	_, err = k.Get(ctx, "case2", roleApplication)
	assert.Error(t, err)
	assert.NotErrorIs(t, err, errNotKept)

	// Another secret does not open it either.
	other, err := newSealedDir(dir, []byte("another secret of the same length!"))
	require.NoError(t, err)
	_, err = other.Get(ctx, "case1", roleApplication)
	assert.Error(t, err)

	_, err = k.Get(ctx, "case1", roleHandheld)
	assert.ErrorIs(t, err, errNotKept)
	assert.Error(t, k.Put(ctx, "../x", roleApplication, plain), "a case ID is no path")
	require.NoError(t, k.Delete(ctx, "case1"))
	_, err = k.Get(ctx, "case1", roleApplication)
	assert.ErrorIs(t, err, errNotKept)
}
