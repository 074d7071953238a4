package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommittedOutputIsCurrent fails when examples/testdata differs from
// what the generator writes: run go generate ./examples/internal/genapp.
func TestCommittedOutputIsCurrent(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, run(dir))
	for _, name := range []string{"application.json", "rejected.json", "certificate.png", "handheld.png"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		want, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		require.NoError(t, err)
		assert.Equal(t, want, got, "%s is stale; run go generate ./examples/internal/genapp", name)
		assert.Less(t, len(got), 64<<10, "committed outputs stay small")
	}
}
