package rules_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCoreLinksNoHeavyDependency keeps the rule core small: a program that
// imports only package rules (a custom binding store, a service of its own
// rules) links no validator, no MIME sniffing and no x/crypto, and nothing
// of this module but the core.
func TestCoreLinksNoHeavyDependency(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(gobin, "list", "-deps", "github.com/realname-go/realname/rules").Output()
	require.NoError(t, err)
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/go-playground/validator", "github.com/gabriel-vasile/mimetype",
			"golang.org/x/crypto", "github.com/pdfcpu", "github.com/h2non/filetype"} {
			assert.False(t, strings.HasPrefix(dep, banned), "the rule core links %s", dep)
		}
		if strings.HasPrefix(dep, "github.com/realname-go/realname/") && dep != "github.com/realname-go/realname/rules" {
			t.Errorf("the rule core imports %s of this module", dep)
		}
	}
}
