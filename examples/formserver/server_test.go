package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
)

// TestAPI posts the form to the JSON endpoint without a browser: without the
// demo cookie the answer is 401 (not a 503 of a session store); with it, the
// demo, which has no OCR, reads the confirmed dates only, so a valid card
// waits for a reviewer. While it waits, a second submission by the same
// account is answered 409 with the pending case and judged no further; an
// expired card of another account is refused next to its date. The status
// is read by case ID, by its own account only.
func TestAPI(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
	v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: now}))
	require.NoError(t, err)
	s, err := newServer(serverOptions{Verifier: v, Region: language.MustParseRegion("CN")})
	require.NoError(t, err)
	app, err := authntest.Application(authntest.Options{Seed: 13})
	require.NoError(t, err)

	post := func(fields []string, account string) (int, map[string]any) {
		body, ct, err := authntest.Form(fields, authntest.FormFiles(13)...)
		require.NoError(t, err)
		r := httptest.NewRequest(http.MethodPost, "/api/authn", body)
		r.Header.Set("Content-Type", ct)
		if account != "" {
			r.AddCookie(&http.Cookie{Name: accountCookie, Value: account})
		}
		w := httptest.NewRecorder()
		s.routes().ServeHTTP(w, r)
		var out map[string]any
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &out), w.Body.String())
		return w.Code, out
	}

	code, out := post(authntest.FormFields(app), "")
	assert.Equal(t, http.StatusUnauthorized, code)
	assert.Equal(t, "form.unauthorized", out["code"])

	code, out = post(authntest.FormFields(app), "demo-test")
	require.Equal(t, http.StatusAccepted, code, out)
	assert.Equal(t, "review", out["verdict"], "the name and number were not read")
	assert.Equal(t, "submitted", out["state"])
	id, _ := out["case"].(string)
	require.NotEmpty(t, id)

	fields := authntest.FormFields(app)
	for i := 0; i+1 < len(fields); i += 2 {
		switch fields[i] {
		case "issued":
			fields[i+1] = "2010-06-01"
		case "expires":
			fields[i+1] = "2020-06-01"
		}
	}
	code, out = post(fields, "demo-test")
	require.Equal(t, http.StatusConflict, code, "the account's case is pending: %v", out)
	assert.Equal(t, "form.pending", out["code"])
	pending, _ := out["review"].(map[string]any)
	require.NotNil(t, pending, out)
	assert.Equal(t, id, pending["case"], "the answer is the pending case")
	assert.Equal(t, "submitted", pending["state"])
	assert.Nil(t, out["violations"], "the second submission was not judged")

	code, out = post(fields, "demo-other")
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

	get := func(id, account string) (int, map[string]any) {
		r := httptest.NewRequest(http.MethodGet, "/api/authn/"+id, nil)
		r.AddCookie(&http.Cookie{Name: accountCookie, Value: account})
		w := httptest.NewRecorder()
		s.routes().ServeHTTP(w, r)
		var out map[string]any
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &out), w.Body.String())
		return w.Code, out
	}
	code, out = get(id, "demo-test")
	require.Equal(t, http.StatusOK, code, out)
	assert.Equal(t, id, out["case"])
	assert.Equal(t, "submitted", out["state"])
	code, out = get(id, "demo-other")
	assert.Equal(t, http.StatusNotFound, code, "another account's case is not found")
	assert.Nil(t, out["state"])
}

// TestStatusPageReadsTheStore: a case decided through another handle on the
// same SQLite file, as realname review reject -db FILE does from another
// process, shows on the applicant's status page, which offers the retry; a
// submission rejected at once carries its case into the form, so the
// corrected one is its next attempt.
func TestStatusPageReadsTheStore(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }
	db := filepath.Join(t.TempDir(), "bindings.db")
	verifier := func() *authn.Verifier {
		store, err := sqlite.Open(context.Background(), db, sqlite.Options{})
		require.NoError(t, err)
		t.Cleanup(func() { store.Close() })
		keys, err := binding.NewKeyring(binding.NewSecret([]byte("formserver test secret, long enough")))
		require.NoError(t, err)
		b, err := binding.NewBinder(store, keys, binding.BinderOptions{Clock: certificate.Clock{Now: now}})
		require.NoError(t, err)
		v, err := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: now}), authn.WithBinder(b))
		require.NoError(t, err)
		return v
	}
	s, err := newServer(serverOptions{Verifier: verifier(), Region: language.MustParseRegion("CN")})
	require.NoError(t, err)
	reviewer := verifier() // another handle on the file

	do := func(method, path, account string, fields []string) *httptest.ResponseRecorder {
		t.Helper()
		var r *http.Request
		if fields != nil {
			body, ct, err := authntest.Form(fields, authntest.FormFiles(15)...)
			require.NoError(t, err)
			r = httptest.NewRequest(method, path, body)
			r.Header.Set("Content-Type", ct)
		} else {
			r = httptest.NewRequest(method, path, nil)
		}
		r.AddCookie(&http.Cookie{Name: accountCookie, Value: account})
		w := httptest.NewRecorder()
		s.routes().ServeHTTP(w, r)
		return w
	}
	app, err := authntest.Application(authntest.Options{Seed: 15})
	require.NoError(t, err)
	w := do(http.MethodPost, "/submit", "demo-a", authntest.FormFields(app))
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	loc := w.Header().Get("Location")
	id := strings.TrimPrefix(loc, "/status/")
	require.NotEqual(t, loc, id)

	_, err = reviewer.Reject(context.Background(), id, "reviewer-1", review.Reason(review.CodeUnreadable, "certificate"))
	require.NoError(t, err)
	w = do(http.MethodGet, loc, "demo-a", nil)
	require.Equal(t, http.StatusOK, w.Code)
	assert.Contains(t, w.Body.String(), `data-state="rejected"`)
	assert.Contains(t, w.Body.String(), "cannot be read clearly", "the reviewer's reason")
	assert.Contains(t, w.Body.String(), `href="/?retry_of=`+id+`"`)
	w = do(http.MethodGet, loc, "demo-b", nil)
	assert.Equal(t, http.StatusNotFound, w.Code, "another account's case")
	assert.NotContains(t, w.Body.String(), id)

	w = do(http.MethodGet, "/?retry_of="+id, "demo-a", nil)
	assert.Contains(t, w.Body.String(), `name="retry_of" value="`+id+`"`)
	w = do(http.MethodPost, "/submit", "demo-a", append(authntest.FormFields(app), "retry_of", id))
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	next, err := reviewer.Case(context.Background(), strings.TrimPrefix(w.Header().Get("Location"), "/status/"))
	require.NoError(t, err)
	assert.Equal(t, id, next.Previous)
	assert.Equal(t, 2, next.Attempt)

	// Rejected at once: the form keeps the case to retry.
	expired := authntest.FormFields(app)
	for i := 0; i+1 < len(expired); i += 2 {
		switch expired[i] {
		case "issued":
			expired[i+1] = "2010-06-01"
		case "expires":
			expired[i+1] = "2020-06-01"
		}
	}
	w = do(http.MethodPost, "/submit", "demo-c", expired)
	require.Equal(t, http.StatusUnprocessableEntity, w.Code)
	cases, err := reviewer.Queue(context.Background(), review.Query{Account: "demo-c", States: []review.State{review.Rejected}})
	require.NoError(t, err)
	require.Len(t, cases, 1)
	assert.Contains(t, w.Body.String(), `name="retry_of" value="`+cases[0].ID+`"`)
}

// TestLabels: every input, kind and message key the pages use has its
// text in the three languages, so no page shows a bare key.
func TestLabels(t *testing.T) {
	var keys []string
	for _, k := range kinds() {
		keys = append(keys, "kind_"+k)
	}
	for _, f := range []string{"name", "kind", "region", "number", "issued", "expires", "long_term", "birth", "mrz", "certificate", "handheld"} {
		require.True(t, knownInput(f), f)
		keys = append(keys, f, "field_"+f)
	}
	for item := range mrzItemFields {
		keys = append(keys, "mrz_mismatch_"+item)
	}
	keys = append(keys, "hint_certificate")
	for _, k := range keys {
		l, ok := labels[k]
		if !assert.True(t, ok, k) {
			continue
		}
		for i, s := range l {
			assert.NotEmpty(t, s, "%s in language %d", k, i)
		}
		assert.NotEqual(t, l[0], l[1], "%s is translated", k)
	}
}
