package unittest

import (
	"context"
	"net/http"
	"strings"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/rules/precaution"
)

// Sessions maps bearer tokens to accounts; a real service asks its session
// store.
type Sessions map[string]precaution.Account

// Documents maps account IDs to what the service's OCR step read from the
// account's certificate before the form was submitted; a real service asks
// its OCR service. An account without an entry has had nothing read: its
// submission waits for a reviewer.
type Documents map[string]precaution.Document

// NewService returns the service's HTTP handler: POST /v1/authn takes the
// form, with the account of the bearer token and the document read for that
// account.
func NewService(v *authn.Verifier, sessions Sessions, documents Documents) (http.Handler, error) {
	h, err := form.New(form.Options{
		Verifier: v,
		Account: func(r *http.Request) (precaution.Account, error) {
			token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			acct, found := sessions[token]
			if !ok || !found {
				return precaution.Account{}, form.ErrNoSession
			}
			return acct, nil
		},
		Document: func(_ context.Context, s *form.Submission) (precaution.Document, error) {
			return documents[s.Account.ID], nil
		},
	})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("POST /v1/authn", h)
	return mux, nil
}

// CN returns the registration region of the service's mainland accounts.
func CN() language.Region { return language.MustParseRegion("CN") }
