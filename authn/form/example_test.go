package form_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/precaution"
)

// sessionAccount stands for the service's own session lookup.
func sessionAccount(r *http.Request) (precaution.Account, error) {
	if r.Header.Get("Authorization") != "Bearer demo" {
		return precaution.Account{}, form.ErrNoSession
	}
	return precaution.Account{ID: "acct-42", RegistrationRegion: language.MustParseRegion("CN")}, nil
}

func ExampleNew() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}))
	h, err := form.New(form.Options{Verifier: v, Account: sessionAccount})
	if err != nil {
		fmt.Println(err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle("POST /authn", h)

	app, _ := authntest.Application(authntest.Options{Seed: 1})
	body, ct, _ := authntest.Form(authntest.FormFields(app), authntest.FormFiles(1)...)
	r := httptest.NewRequest(http.MethodPost, "/authn", body)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Authorization", "Bearer demo")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	// Output: 202 application/json
}

// A service with its own renderer calls Process and shows the outcome
// itself, here as text. Its OCR service reads the card (Options.Document).
func ExampleHandler_Process() {
	app, _ := authntest.Application(authntest.Options{Seed: 2})
	ocr := func(ctx context.Context, s *form.Submission) (precaution.Document, error) {
		return app.Document, nil // what the OCR read: the name on the card is 张三
	}
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}))
	h, _ := form.New(form.Options{Verifier: v, Account: sessionAccount, Document: ocr})

	fields := authntest.FormFields(app)
	fields[1] = "李四" // the applicant typed another name
	body, ct, _ := authntest.Form(fields, authntest.FormFiles(2)...)
	r := httptest.NewRequest(http.MethodPost, "/authn", body)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Authorization", "Bearer demo")
	r.Header.Set("Accept-Language", "zh-TW")

	out := h.Process(nil, r)
	fmt.Println(out.HTTPStatus, out.Language)
	for _, v := range out.Problem.Violations {
		fmt.Println(v.Field, v.Code)
	}
	// Output:
	// 422 zh-Hant
	// name claim.name_mismatch
}

// Violation paths map to the form inputs a page shows messages beside.
func ExampleField() {
	for _, p := range []string{"claim.number", "document.validity.expires", "document.validity", "document.mrz.line2", "account"} {
		fmt.Println(p, "->", form.Field(p))
	}
	// Output:
	// claim.number -> number
	// document.validity.expires -> expires
	// document.validity -> expires
	// document.mrz.line2 -> mrz
	// account -> account
}

// Without Options.Document nothing reads the certificate, so the typed name
// and number cannot be matched: the submission is never accepted, and
// waits for a reviewer who compares them with the photos.
func ExampleOptions_noDocument() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}))
	h, _ := form.New(form.Options{Verifier: v, Account: sessionAccount})

	app, _ := authntest.Application(authntest.Options{Seed: 3, Name: "李四"}) // not the name on the card
	body, ct, _ := authntest.Form(authntest.FormFields(app), authntest.FormFiles(3)...)
	r := httptest.NewRequest(http.MethodPost, "/authn", body)
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Authorization", "Bearer demo")

	out := h.Process(nil, r)
	fmt.Println(out.HTTPStatus, out.Status.Verdict, out.Status.State)
	for _, s := range out.Status.Signals {
		fmt.Println(s.Code)
	}
	c, _ := out.Report.Check(authn.CheckNameMatch)
	fmt.Println(c.Outcome, c.Note)
	// Output:
	// 202 review submitted
	// claim.name_unverified
	// claim.number_unverified
	// skip nothing read the certificate
}

// The account function tells "nobody is signed in" (401) from a session
// store that is down (503, logged with its cause).
func ExampleErrNoSession() {
	account := func(r *http.Request) (precaution.Account, error) {
		c, err := r.Cookie("session")
		if err != nil {
			return precaution.Account{}, form.ErrNoSession
		}
		if c.Value == "store-down" {
			return precaution.Account{}, errors.New("session store: connection refused")
		}
		return precaution.Account{ID: c.Value}, nil
	}
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}))
	h, _ := form.New(form.Options{Verifier: v, Account: account})
	for _, cookie := range []string{"", "store-down"} {
		r := httptest.NewRequest(http.MethodPost, "/authn", nil)
		if cookie != "" {
			r.AddCookie(&http.Cookie{Name: "session", Value: cookie})
		}
		out := h.Process(nil, r)
		fmt.Println(out.HTTPStatus, out.Problem.Code, out.Err)
	}
	// Output:
	// 401 form.unauthorized <nil>
	// 503 form.unavailable account: session store: connection refused
}

// The body limit follows the evidence limits: two files at their maximum
// plus room for the text fields.
func ExampleHandler_MaxBodyBytes() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}))
	h, _ := form.New(form.Options{Verifier: v, Account: sessionAccount})
	fmt.Println(h.MaxBodyBytes() > 2*v.EvidenceOptions().MaxBytes)
	// Output: true
}
