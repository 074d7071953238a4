package main

import (
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/examples/frameworks/internal/demo"
	"github.com/realname-go/realname/examples/frameworks/internal/demotest"
)

func newTestServer(t *testing.T) *echo.Echo {
	t.Helper()
	v, err := demo.NewVerifier(demotest.Config())
	require.NoError(t, err)
	e, err := newServer(v, demo.DemoSessions(), nil)
	require.NoError(t, err)
	return e
}

// TestForm: 202 for a valid multipart application, 409 for the same
// account again, the status page, 422 naming an invalid field, 401 without
// a session — the account coming from echo's context through
// form.WithAccount.
func TestForm(t *testing.T) { demotest.RunForm(t, newTestServer(t)) }

// TestCheckWithEchoValidator: c.Validate runs the realname tags, and their
// errors come back as violations named by the JSON fields, with messages in
// the request's language.
func TestCheckWithEchoValidator(t *testing.T) { demotest.RunCheck(t, newTestServer(t)) }
