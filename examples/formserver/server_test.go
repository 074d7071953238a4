package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/certificate"
)

// TestAPI posts the form to the JSON endpoint without a browser: without the
// demo cookie the answer is 401 (not a 503 of a session store); with it, the
// demo, which has no OCR, reads the confirmed dates only, so a valid card
// waits for a reviewer and an expired one is refused next to its date.
func TestAPI(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: now}))
	require.NoError(t, err)
	s, err := newServer(serverOptions{Verifier: v, Region: language.MustParseRegion("CN")})
	require.NoError(t, err)
	app, err := authntest.Application(authntest.Options{Seed: 13})
	require.NoError(t, err)

	post := func(fields []string, cookie bool) (int, map[string]any) {
		body, ct, err := authntest.Form(fields, authntest.FormFiles(13)...)
		require.NoError(t, err)
		r := httptest.NewRequest(http.MethodPost, "/api/authn", body)
		r.Header.Set("Content-Type", ct)
		if cookie {
			r.AddCookie(&http.Cookie{Name: accountCookie, Value: "demo-test"})
		}
		w := httptest.NewRecorder()
		s.routes().ServeHTTP(w, r)
		var out map[string]any
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &out), w.Body.String())
		return w.Code, out
	}

	code, out := post(authntest.FormFields(app), false)
	assert.Equal(t, http.StatusUnauthorized, code)
	assert.Equal(t, "form.unauthorized", out["code"])

	code, out = post(authntest.FormFields(app), true)
	require.Equal(t, http.StatusAccepted, code, out)
	assert.Equal(t, "review", out["verdict"], "the name and number were not read")
	assert.Equal(t, "submitted", out["state"])

	fields := authntest.FormFields(app)
	for i := 0; i+1 < len(fields); i += 2 {
		switch fields[i] {
		case "issued":
			fields[i+1] = "2010-06-01"
		case "expires":
			fields[i+1] = "2020-06-01"
		}
	}
	code, out = post(fields, true)
	require.Equal(t, http.StatusUnprocessableEntity, code, out)
	var found bool
	for _, x := range out["violations"].([]any) {
		v := x.(map[string]any)
		if v["code"] == "certificate.expired" {
			found = true
			assert.Equal(t, "expires", v["field"])
		}
	}
	assert.True(t, found, "certificate.expired in %v", out["violations"])
}
