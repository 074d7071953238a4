// Package demo holds what the framework examples share and is not about
// the framework: a verifier on an in-memory store, a table of signed-in
// accounts standing for the site's session store, and the problem document
// of a failed pre-check with messages in the request's language.
package demo

import (
	"crypto/rand"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

// Config is what the tests fix and a real service reads from its
// configuration.
type Config struct {
	// Now is the clock; nil is the system clock.
	Now func() time.Time
	// Logger receives the verifier's and the form handler's records; nil
	// discards them.
	Logger *slog.Logger
}

// NewVerifier returns a verifier whose binding and case store is in memory
// (a service uses sqlite.Open or postgres.Open instead) with a random
// binding key.
func NewVerifier(c Config) (*authn.Verifier, error) {
	clock := certificate.Clock{Now: c.Now}
	keys, err := binding.NewKeyring(binding.NewSecret([]byte(rand.Text())))
	if err != nil {
		return nil, err
	}
	b, err := binding.NewBinder(binding.NewMemory(), keys, binding.BinderOptions{Clock: clock})
	if err != nil {
		return nil, err
	}
	opts := []authn.Option{authn.WithClock(clock), authn.WithBinder(b)}
	if c.Logger != nil {
		opts = append(opts, authn.WithLogger(c.Logger))
	}
	return authn.NewVerifier(opts...)
}

// Sessions maps bearer tokens to signed-in accounts; it stands for the
// site's session store.
type Sessions map[string]precaution.Account

// DemoSessions returns three mainland accounts, signed in with the tokens
// token-1, token-2 and token-3.
func DemoSessions() Sessions {
	cn := language.MustParseRegion("CN")
	return Sessions{
		"token-1": {ID: "acct-1", RegistrationRegion: cn},
		"token-2": {ID: "acct-2", RegistrationRegion: cn},
		"token-3": {ID: "acct-3", RegistrationRegion: cn},
	}
}

// Lookup returns the account of the request's bearer token.
func (s Sessions) Lookup(r *http.Request) (precaution.Account, bool) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return precaution.Account{}, false
	}
	acct, ok := s[token]
	return acct, ok
}

// Messages renders the violations of a pre-check: the codes of the
// validator tags, of the checks they run and of the form handler, in
// English, Simplified and Traditional Chinese.
type Messages struct{ l *rules.Localizer }

// NewMessages returns the catalogue of a pre-check's answers.
func NewMessages() (*Messages, error) {
	l, err := rules.NewLocalizer(append(append(precaution.Messages(), tags.Messages()...), form.Messages()...)...)
	if err != nil {
		return nil, err
	}
	return &Messages{l}, nil
}

// Invalid returns the 422 problem document of vs, as the form handler
// answers a submission with invalid fields, with each message in the
// language that best serves acceptLanguage (an Accept-Language header).
// The field of each violation is the one tags.FromValidationErrors gave:
// the JSON name when the validator's tag-name function returns it.
func (m *Messages) Invalid(acceptLanguage string, vs []rules.Violation) *form.Problem {
	tag := m.l.Match(acceptLanguage)
	p := m.problem(tag, http.StatusUnprocessableEntity, form.CodeInvalid)
	for _, v := range vs {
		p.Violations = append(p.Violations, authn.Finding{Violation: v, Message: m.l.Message(tag, v)})
	}
	return p
}

// Malformed returns the 400 problem document of a body that could not be
// read, in the language that best serves acceptLanguage.
func (m *Messages) Malformed(acceptLanguage string) *form.Problem {
	return m.problem(m.l.Match(acceptLanguage), http.StatusBadRequest, form.CodeMalformed)
}

func (m *Messages) problem(tag language.Tag, status int, code rules.Code) *form.Problem {
	return &form.Problem{
		Type:   form.ProblemTypeBase + string(code),
		Title:  http.StatusText(status),
		Status: status,
		Code:   code,
		Detail: m.l.Message(tag, rules.Violation{Code: code}),
	}
}

// Language returns the language the problems answer acceptLanguage in, for
// the Content-Language header.
func (m *Messages) Language(acceptLanguage string) language.Tag { return m.l.Match(acceptLanguage) }
