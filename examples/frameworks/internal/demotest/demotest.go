// Package demotest drives a framework example through its three routes
// with net/http/httptest and the fixtures of authn/authntest, the same way
// for every framework.
package demotest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/examples/frameworks/internal/demo"
)

// Config returns the examples' configuration with a fixed clock: Tuesday
// 10 March 2026, 10:00 in Shanghai.
func Config() demo.Config {
	return demo.Config{Now: func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }}
}

// Request sends one request to h, with the bearer token when not empty,
// and returns the recorded answer.
func Request(h http.Handler, method, path, token, contentType, lang string, body io.Reader) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	if lang != "" {
		r.Header.Set("Accept-Language", lang)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// Submit posts a multipart application of the fixture seed to /authn, with
// its form fields changed by change when not nil.
func Submit(t *testing.T, h http.Handler, token, lang string, seed uint64, change func(fields []string)) *httptest.ResponseRecorder {
	t.Helper()
	app, err := authntest.Application(authntest.Options{Seed: seed})
	require.NoError(t, err)
	fields := authntest.FormFields(app)
	if change != nil {
		change(fields)
	}
	body, ct, err := authntest.Form(fields, authntest.FormFiles(seed)...)
	require.NoError(t, err)
	return Request(h, http.MethodPost, "/authn", token, ct, lang, body)
}

// Set changes the value of the form field name.
func Set(name, value string) func([]string) {
	return func(f []string) {
		for i := 0; i+1 < len(f); i += 2 {
			if f[i] == name {
				f[i+1] = value
			}
		}
	}
}

// Decode decodes w's JSON body into v, after checking its content type.
func Decode(t *testing.T, w *httptest.ResponseRecorder, contentType string, v any) {
	t.Helper()
	assert.Equal(t, contentType, w.Header().Get("Content-Type"), w.Body.String())
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), v), w.Body.String())
}

// Codes returns "field code" for each violation of p.
func Codes(p form.Problem) []string {
	var out []string
	for _, v := range p.Violations {
		out = append(out, v.Field+" "+string(v.Code))
	}
	return out
}

// Message returns the message of p's violation of field.
func Message(p form.Problem, field string) string {
	for _, v := range p.Violations {
		if v.Field == field {
			return v.Message
		}
	}
	return ""
}

// RunForm checks the form routes of h: a valid application is 202 with
// its case, the same account again 409 with that case, the case's status
// page 200 for its account and 404 for another, an invalid field 422 naming
// the field with a message in the request's language, and a request
// without a session 401.
func RunForm(t *testing.T, h http.Handler) {
	w := Submit(t, h, "token-1", "", 1, nil)
	require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
	var st form.Status
	Decode(t, w, "application/json", &st)
	require.NotEmpty(t, st.Case)
	assert.Equal(t, "submitted", st.State)
	assert.Equal(t, "2026-03-13", st.Due.String(), "three working days later")

	// The same account again while its case waits: 409 with that case.
	w = Submit(t, h, "token-1", "zh-CN", 1, nil)
	require.Equal(t, http.StatusConflict, w.Code, w.Body.String())
	var p form.Problem
	Decode(t, w, "application/problem+json", &p)
	assert.Equal(t, form.CodePending, p.Code)
	require.NotNil(t, p.Review)
	assert.Equal(t, st.Case, p.Review.Case)
	assert.Contains(t, p.Detail, "审核", "in the request's language")

	// The status page, for the case's account only.
	w = Request(h, http.MethodGet, "/authn/"+st.Case, "token-1", "", "", nil)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var got form.Status
	Decode(t, w, "application/json", &got)
	assert.Equal(t, st.Case, got.Case)
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	w = Request(h, http.MethodGet, "/authn/"+st.Case, "token-2", "", "", nil)
	assert.Equal(t, http.StatusNotFound, w.Code, w.Body.String())
	w = Request(h, http.MethodGet, "/authn/"+st.Case, "", "", "", nil)
	assert.Equal(t, http.StatusUnauthorized, w.Code, w.Body.String())

	// An invalid field: 422, the violation names the form field, with its
	// message in the request's language.
	w = Submit(t, h, "token-2", "zh-CN", 2, Set("kind", "visa"))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	p = form.Problem{}
	Decode(t, w, "application/problem+json", &p)
	assert.Equal(t, form.CodeInvalid, p.Code)
	assert.Equal(t, []string{"kind claim.kind_invalid"}, Codes(p))
	assert.Equal(t, "请选择证件类型。", Message(p, "kind"))

	// A number whose check digit is wrong reaches the verifier: 422, field
	// "number".
	w = Submit(t, h, "token-3", "en", 3, func(f []string) {
		for i := 0; i+1 < len(f); i += 2 {
			if f[i] == "number" {
				f[i+1] = flipCheck(f[i+1])
			}
		}
	})
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	p = form.Problem{}
	Decode(t, w, "application/problem+json", &p)
	assert.Contains(t, Codes(p), "number number.invalid_checksum")
	assert.Contains(t, Message(p, "number"), "check", "in English")

	// No session: 401, whatever the form holds.
	w = Submit(t, h, "", "", 4, nil)
	require.Equal(t, http.StatusUnauthorized, w.Code, w.Body.String())
	p = form.Problem{}
	Decode(t, w, "application/problem+json", &p)
	assert.Equal(t, form.CodeUnauthorized, p.Code)
	w = Submit(t, h, "token-unknown", "", 4, nil)
	assert.Equal(t, http.StatusUnauthorized, w.Code, w.Body.String())
}

// flipCheck changes the check character of an 18-character PRC number.
func flipCheck(n string) string {
	last := n[len(n)-1]
	c := byte('0')
	if last == '0' {
		c = '1'
	}
	return n[:len(n)-1] + string(c)
}

// RunCheck checks the JSON pre-check route of h, which binds the typed
// fields with the framework's binder and the validator tags: a valid
// request is 200; invalid fields are 422 with violations named by their
// JSON names and messages in the request's language; a body that is not
// JSON is 400.
func RunCheck(t *testing.T, h http.Handler) {
	app, err := authntest.Application(authntest.Options{Seed: 5})
	require.NoError(t, err)
	checkAs := func(token, body, lang string) *httptest.ResponseRecorder {
		return Request(h, http.MethodPost, "/authn/check", token, "application/json", lang, strings.NewReader(body))
	}
	check := func(body, lang string) *httptest.ResponseRecorder { return checkAs("token-1", body, lang) }
	valid, err := json.Marshal(map[string]string{
		"full_name": app.Claim.Name, "kind": app.Claim.Kind.String(), "region": app.Claim.Region, "id_number": app.Claim.Number,
	})
	require.NoError(t, err)
	w := check(string(valid), "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())

	// A name with an invisible character, an unknown kind, no number.
	w = check(`{"full_name":"张\u200b三","kind":"visa","region":"CN"}`, "zh-CN")
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	var p form.Problem
	Decode(t, w, "application/problem+json", &p)
	assert.Equal(t, form.CodeInvalid, p.Code)
	assert.ElementsMatch(t, []string{
		"full_name name.invisible_character",
		"kind claim.kind_invalid",
		"id_number field.required",
	}, Codes(p), "the JSON names, not the Go names")
	assert.Equal(t, "请选择证件类型。", Message(p, "kind"))
	assert.Equal(t, "此项为必填项。", Message(p, "id_number"))

	// A PRC number with a wrong check digit, in Traditional Chinese.
	bad := bytes.Replace(valid, []byte(app.Claim.Number), []byte(flipCheck(app.Claim.Number)), 1)
	w = check(string(bad), "zh-TW")
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	p = form.Problem{}
	Decode(t, w, "application/problem+json", &p)
	require.Equal(t, []string{"id_number claim.number_invalid"}, Codes(p))
	assert.NotContains(t, w.Body.String(), app.Claim.Number, "numbers appear masked")
	assert.Contains(t, Message(p, "id_number"), "號碼")

	// No region typed: the number is checked in the registration region of
	// the signed-in account (CN), which the session put into the struct.
	noRegion, err := json.Marshal(map[string]string{
		"full_name": app.Claim.Name, "kind": "id_card", "id_number": flipCheck(app.Claim.Number),
	})
	require.NoError(t, err)
	w = check(string(noRegion), "en")
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	p = form.Problem{}
	Decode(t, w, "application/problem+json", &p)
	assert.Equal(t, []string{"id_number claim.number_invalid"}, Codes(p))
	// Without an account nothing names the region of an id_card: the tag
	// leaves the number to the verifier, which sends it to a person.
	w = checkAs("", string(noRegion), "en")
	assert.Equal(t, http.StatusOK, w.Code, w.Body.String())

	w = check(`{"full_name":`, "")
	assert.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
}
