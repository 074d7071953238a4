package form

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/rules/tags"
)

// TestREADMEListsEveryCode keeps the README's code table honest: every code
// a verifier, this handler or the validator tags report appears in it with
// its default severity.
func TestREADMEListsEveryCode(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	readme := string(b)
	all := append(append(authn.Messages(), Messages()...), tags.Messages()...)
	for _, m := range all {
		row := "| `" + string(m.Code) + "` | " + m.Severity.String() + " |"
		assert.True(t, strings.Contains(readme, row), "README.md has no row %q", row)
	}
}
