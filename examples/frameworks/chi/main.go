// Command chi serves the realname form with chi (github.com/go-chi/chi/v5),
// which keeps net/http's types, so the library's handler and middleware
// plug in as they are:
//
//   - a plain go-playground/validator/v10 with the realname tags checks a
//     JSON body decoded with encoding/json, and tags.FromValidationErrors
//     turns its errors into violations with the fields' JSON names and
//     messages in the request's language (POST /authn/check);
//   - the form handler of authn/form (POST /authn) and its status page
//     (GET /authn/{case}: chi sets the path value ServeStatus reads), with
//     the account that the site's net/http session middleware put into the
//     request's context with form.WithAccount.
//
// Run it and sign in with the bearer tokens token-1, token-2 or token-3:
//
//	go run ./chi -addr localhost:8080
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-playground/validator/v10"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/examples/frameworks/internal/demo"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "listen address")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*addr, logger); err != nil {
		fmt.Fprintln(os.Stderr, "chi:", err)
		os.Exit(1)
	}
}

func run(addr string, logger *slog.Logger) error {
	v, err := demo.NewVerifier(demo.Config{Logger: logger})
	if err != nil {
		return err
	}
	r, err := newRouter(v, demo.DemoSessions(), logger)
	if err != nil {
		return err
	}
	logger.Info("listening; sign in with Authorization: Bearer token-1", "addr", addr)
	srv := &http.Server{Addr: addr, Handler: r, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}

// Precheck is the body of POST /authn/check: the fields the applicant
// typed, checked before the files are uploaded.
type Precheck struct {
	FullName string `json:"full_name" validate:"required,person_name"`
	Kind     string `json:"kind" validate:"required,certificate_kind"`
	Region   string `json:"region" validate:"omitempty,max=6"`
	// certificate_number without a parameter reads the sibling fields Kind
	// and Region, and when Region is empty the region of Account.
	Number string `json:"id_number" validate:"required,certificate_number"`
	// Account is the signed-in account, from the session, never from the
	// body (json:"-").
	Account precaution.Account `json:"-" form:"-"`
}

// newRouter returns the site: its session middleware and the three routes.
func newRouter(v *authn.Verifier, sessions demo.Sessions, logger *slog.Logger) (chi.Router, error) {
	reg := v.Policy().Numbers
	validate := validator.New(validator.WithRequiredStructEnabled())
	if err := tags.RegisterValidations(validate, reg); err != nil {
		return nil, err
	}
	msgs, err := demo.NewMessages()
	if err != nil {
		return nil, err
	}
	// No Options.Account: the session middleware puts the account into the
	// request's context, and a request without one is answered 401.
	h, err := form.New(form.Options{Verifier: v, Logger: logger})
	if err != nil {
		return nil, err
	}
	r := chi.NewRouter()
	r.Use(session(sessions))
	r.Post("/authn/check", func(w http.ResponseWriter, r *http.Request) {
		lang := r.Header.Get("Accept-Language")
		w.Header().Set("Content-Language", msgs.Language(lang).String())
		acct, _ := form.AccountFrom(r.Context())
		req := Precheck{Account: acct}
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil {
			writeJSON(w, "application/problem+json", http.StatusBadRequest, msgs.Malformed(lang))
			return
		}
		if vs := tags.FromValidationErrors(validate.Struct(&req), reg); len(vs) > 0 {
			writeJSON(w, "application/problem+json", http.StatusUnprocessableEntity, msgs.Invalid(lang, vs))
			return
		}
		writeJSON(w, "application/json", http.StatusOK, map[string]bool{"ok": true})
	})
	r.Method(http.MethodPost, "/authn", h)
	r.Get("/authn/{case}", h.ServeStatus)
	return r, nil
}

func writeJSON(w http.ResponseWriter, contentType string, status int, v any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// session is the site's session middleware: it puts the signed-in account
// into the request's context, where the form handler finds it.
func session(s demo.Sessions) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if acct, ok := s.Lookup(r); ok {
				r = r.WithContext(form.WithAccount(r.Context(), acct))
			}
			next.ServeHTTP(w, r)
		})
	}
}
