package main

import (
	"os"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/examples/frameworks/internal/demo"
	"github.com/realname-go/realname/examples/frameworks/internal/demotest"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}

func newTestRouter(t *testing.T) *gin.Engine {
	t.Helper()
	v, err := demo.NewVerifier(demotest.Config())
	require.NoError(t, err)
	r, err := newRouter(v, demo.DemoSessions(), nil)
	require.NoError(t, err)
	return r
}

// TestForm: 202 for a valid multipart application, 409 for the same
// account again, the status page, 422 naming an invalid field, 401 without
// a session — the account coming from gin's context through ProcessFor.
func TestForm(t *testing.T) { demotest.RunForm(t, newTestRouter(t)) }

// TestCheckWithGinBinder: c.ShouldBindJSON runs the realname tags, and
// their errors come back as violations named by the JSON fields, with
// messages in the request's language.
func TestCheckWithGinBinder(t *testing.T) { demotest.RunCheck(t, newTestRouter(t)) }
