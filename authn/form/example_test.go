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
		return precaution.Account{}, errors.New("no session")
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
func ExampleFormField() {
	for _, p := range []string{"claim.number", "document.validity.expires", "document.validity", "document.mrz.line2", "account"} {
		fmt.Println(p, "->", form.FormField(p))
	}
	// Output:
	// claim.number -> number
	// document.validity.expires -> expires
	// document.validity -> expires
	// document.mrz.line2 -> mrz
	// account -> account
}

// Without an OCR service, the document is what the applicant confirmed in
// the form.
func ExampleDocumentFromFields() {
	s := &form.Submission{Fields: form.Fields{
		Name: "张三", Kind: "id_card", Number: "11010519491231002X",
		Issued: "2020-05-01", LongTerm: "on", Birth: "1949-12-31",
	}}
	d, err := form.DocumentFromFields(context.Background(), s)
	fmt.Println(err, d.Kind, d.Name, d.Validity.Issued, d.Validity.LongTerm, d.Birth)
	// Output: <nil> id_card 张三 2020-05-01 true 1949-12-31
}

// The body limit follows the evidence limits: two files at their maximum
// plus room for the text fields.
func ExampleHandler_MaxBodyBytes() {
	v, _ := authn.NewVerifier(authn.WithClock(certificate.Clock{Now: clock}))
	h, _ := form.New(form.Options{Verifier: v, Account: sessionAccount})
	fmt.Println(h.MaxBodyBytes() > 2*v.EvidenceOptions().MaxBytes)
	// Output: true
}
