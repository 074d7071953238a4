package main

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/examples/frameworks/internal/demo"
	"github.com/realname-go/realname/examples/frameworks/internal/demotest"
)

func newTestRouter(t *testing.T) http.Handler {
	t.Helper()
	v, err := demo.NewVerifier(demotest.Config())
	require.NoError(t, err)
	r, err := newRouter(v, demo.DemoSessions(), nil)
	require.NoError(t, err)
	return r
}

// TestForm: 202 for a valid multipart application, 409 for the same
// account again, the status page (h.ServeStatus mounted as is), 422 naming
// an invalid field, 401 without a session — the account put into the
// request's context by a net/http middleware with form.WithAccount.
func TestForm(t *testing.T) { demotest.RunForm(t, newTestRouter(t)) }

// TestCheckWithValidator: the realname tags on a plain validator, their
// errors as violations named by the JSON fields, with messages in the
// request's language.
func TestCheckWithValidator(t *testing.T) { demotest.RunCheck(t, newTestRouter(t)) }
