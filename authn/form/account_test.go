package form_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/precaution"
)

func cnAccount(id string) precaution.Account {
	return precaution.Account{ID: id, RegistrationRegion: language.MustParseRegion("CN")}
}

// inContext is what a framework's session middleware does: it puts the
// account it found into the request's context.
func inContext(r *http.Request, acct precaution.Account) *http.Request {
	return r.WithContext(form.WithAccount(r.Context(), acct))
}

func TestWithAccountRoundTrip(t *testing.T) {
	_, ok := form.AccountFrom(context.Background())
	assert.False(t, ok)
	acct := cnAccount("acct-ctx")
	got, ok := form.AccountFrom(form.WithAccount(context.Background(), acct))
	require.True(t, ok)
	assert.Equal(t, acct, got)
}

// TestAccountFromContext: an account a middleware put into the request's
// context is the request's account, without Options.Account; the same
// holds for the status page. Before, only Options.Account could give the
// account, so a framework's session had to be copied into the request by
// hand and read back by an account function.
func TestAccountFromContext(t *testing.T) {
	h, _ := newHandler(t, func(o *form.Options) { o.Account = nil })

	body, ct, _ := validBody(t, 80, nil)
	r := httptest.NewRequest(http.MethodPost, "/authn", body)
	r.Header.Set("Content-Type", ct)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, inContext(r, cnAccount("acct-ctx")))
	require.Equal(t, http.StatusAccepted, w.Code, w.Body.String())
	var st form.Status
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &st))

	// The status page takes the account from the context too.
	mux := http.NewServeMux()
	mux.HandleFunc("GET /authn/{case}", h.ServeStatus)
	get := func(acct *precaution.Account) int {
		r := httptest.NewRequest(http.MethodGet, "/authn/"+st.Case, nil)
		if acct != nil {
			r = inContext(r, *acct)
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		return w.Code
	}
	owner, other := cnAccount("acct-ctx"), cnAccount("acct-other")
	assert.Equal(t, http.StatusOK, get(&owner))
	assert.Equal(t, http.StatusNotFound, get(&other))
	assert.Equal(t, http.StatusUnauthorized, get(nil), "no account function, no account in the context")

	// Without an account in the context and without an account function:
	// 401, never a 503 or a panic.
	body, ct, _ = validBody(t, 81, nil)
	w = post(h, body, ct, "", "")
	assert.Equal(t, http.StatusUnauthorized, w.Code, w.Body.String())
	assert.Equal(t, string(form.CodeUnauthorized), decodeProblem(t, w).Code)
}

// TestAccountPrecedence: ProcessFor's account, then the context's, then
// Options.Account; the account function is not called when an account was
// given, and an empty account given is 401 rather than a fallback.
func TestAccountPrecedence(t *testing.T) {
	calls := 0
	h, _ := newHandler(t, func(o *form.Options) {
		next := o.Account
		o.Account = func(r *http.Request) (precaution.Account, error) {
			calls++
			return next(r)
		}
	})
	request := func(seed uint64, header string) *http.Request {
		body, ct, _ := validBody(t, seed, nil)
		r := httptest.NewRequest(http.MethodPost, "/authn", body)
		r.Header.Set("Content-Type", ct)
		if header != "" {
			r.Header.Set("X-Account", header)
		}
		return r
	}

	// The context's account wins over the account function's.
	out := h.Process(nil, inContext(request(82, "acct-header"), cnAccount("acct-context")))
	require.Equal(t, http.StatusAccepted, out.HTTPStatus, out.Problem)
	assert.Equal(t, "acct-context", out.Submission.Account.ID)
	assert.Zero(t, calls)

	// An empty account in the context is nobody: 401, no fallback.
	out = h.Process(nil, inContext(request(83, "acct-header"), precaution.Account{}))
	assert.Equal(t, http.StatusUnauthorized, out.HTTPStatus)
	assert.Zero(t, calls)

	// Without one in the context, the account function still answers.
	out = h.Process(nil, request(84, "acct-header"))
	require.Equal(t, http.StatusAccepted, out.HTTPStatus, out.Problem)
	assert.Equal(t, "acct-header", out.Submission.Account.ID)
	assert.Equal(t, 1, calls)
}

// TestProcessFor: the caller passes the account it took from its
// framework's context; neither the request's context nor the account
// function is consulted.
func TestProcessFor(t *testing.T) {
	h, _ := newHandler(t, func(o *form.Options) {
		o.Account = func(*http.Request) (precaution.Account, error) {
			t.Error("ProcessFor called the account function")
			return precaution.Account{}, form.ErrNoSession
		}
	})
	body, ct, _ := validBody(t, 85, nil)
	r := httptest.NewRequest(http.MethodPost, "/authn", body)
	r.Header.Set("Content-Type", ct)
	r = inContext(r, cnAccount("acct-context"))
	out := h.ProcessFor(nil, r, cnAccount("acct-given"))
	require.Equal(t, http.StatusAccepted, out.HTTPStatus, out.Problem)
	assert.Equal(t, "acct-given", out.Submission.Account.ID)
	assert.Equal(t, "acct-given", out.Report.Review.Account)

	// The same account again: its pending case, 409.
	body, ct, _ = validBody(t, 85, nil)
	r = httptest.NewRequest(http.MethodPost, "/authn", body)
	r.Header.Set("Content-Type", ct)
	out = h.ProcessFor(nil, r, cnAccount("acct-given"))
	assert.Equal(t, http.StatusConflict, out.HTTPStatus)

	// A zero account is nobody.
	body, ct, _ = validBody(t, 86, nil)
	r = httptest.NewRequest(http.MethodPost, "/authn", body)
	r.Header.Set("Content-Type", ct)
	w := httptest.NewRecorder()
	h.Write(w, h.ProcessFor(w, r, precaution.Account{}))
	assert.Equal(t, http.StatusUnauthorized, w.Code)
	assert.Equal(t, "application/problem+json", w.Header().Get("Content-Type"))
}

func TestNewWithoutAccountFunction(t *testing.T) {
	v := newVerifier(t, nil)
	_, err := form.New(form.Options{Verifier: v})
	require.NoError(t, err, "the account may come from the context or ProcessFor alone")
}

// A framework's session middleware, which found the account already, puts
// it into the request's context with one call; the handler needs no account
// function.
func ExampleWithAccount() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}))
	h, _ := form.New(form.Options{Verifier: v})
	session := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") == "Bearer demo" { // the site's own session lookup
				acct := precaution.Account{ID: "acct-42", RegistrationRegion: language.MustParseRegion("CN")}
				r = r.WithContext(form.WithAccount(r.Context(), acct))
			}
			next.ServeHTTP(w, r)
		})
	}
	mux := http.NewServeMux()
	mux.Handle("POST /authn", session(h))

	app, _ := authntest.Application(authntest.Options{Seed: 3})
	for _, token := range []string{"demo", "stolen"} {
		body, ct, _ := authntest.Form(authntest.FormFields(app), authntest.FormFiles(3)...)
		r := httptest.NewRequest(http.MethodPost, "/authn", body)
		r.Header.Set("Content-Type", ct)
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		fmt.Println(token, w.Code)
	}
	// Output:
	// demo 202
	// stolen 401
}
