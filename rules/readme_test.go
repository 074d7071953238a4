package rules

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEListsEveryCode keeps the README's code table honest: every code
// in the catalog appears in it with its default severity.
func TestREADMEListsEveryCode(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(b)
	for _, m := range Messages() {
		row := "| `" + m.Code + "` | " + m.Severity.String() + " |"
		assert.True(t, strings.Contains(readme, row), "README.md has no row %q", row)
	}
}
