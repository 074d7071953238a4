package authn_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLinksNoObjectStore keeps the heavy dependencies in the leaves: a
// program that imports package authn (a service that only validates, one
// with a binding store of its own, one that keeps its evidence files in a
// directory with vault.OpenDir) links no gocloud.dev, no AWS SDK, no gRPC
// and no OpenTelemetry; those come with authn/vault/blobvault alone.
func TestLinksNoObjectStore(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	for _, pkg := range []string{"github.com/realname-go/realname/authn", "github.com/realname-go/realname/authn/vault"} {
		out, err := exec.Command(gobin, "list", "-deps", pkg).Output()
		require.NoError(t, err)
		deps := strings.Fields(string(out))
		require.Contains(t, deps, pkg)
		for _, dep := range deps {
			for _, banned := range []string{"gocloud.dev", "github.com/aws/", "google.golang.org/grpc",
				"go.opentelemetry.io", "google.golang.org/api", "github.com/realname-go/realname/authn/vault/blobvault"} {
				assert.False(t, strings.HasPrefix(dep, banned), "%s links %s", pkg, dep)
			}
		}
	}
}
