// Command echo serves the realname form with echo
// (github.com/labstack/echo/v4):
//
//   - an echo.Validator built on go-playground/validator/v10 with the
//     realname tags, so that c.Validate checks a PRC ID number or a name
//     like any other tag, and tags.FromValidationErrors turns its errors
//     into violations with the fields' JSON names and messages in the
//     request's language (POST /authn/check);
//   - the form handler of authn/form behind echo.WrapHandler (POST /authn)
//     and the applicant's status page (GET /authn/:case), with the account
//     that echo's session middleware set on echo's context (c.Set) put into
//     the request's context with form.WithAccount.
//
// Run it and sign in with the bearer tokens token-1, token-2 or token-3:
//
//	go run ./echo -addr localhost:8080
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/examples/frameworks/internal/demo"
	"github.com/realname-go/realname/rules/precaution"
	"github.com/realname-go/realname/rules/tags"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "listen address")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*addr, logger); err != nil {
		fmt.Fprintln(os.Stderr, "echo:", err)
		os.Exit(1)
	}
}

func run(addr string, logger *slog.Logger) error {
	v, err := demo.NewVerifier(demo.Config{Logger: logger})
	if err != nil {
		return err
	}
	e, err := newServer(v, demo.DemoSessions(), logger)
	if err != nil {
		return err
	}
	logger.Info("listening; sign in with Authorization: Bearer token-1", "addr", addr)
	srv := &http.Server{Addr: addr, Handler: e, ReadHeaderTimeout: 10 * time.Second}
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

// Validator is the echo.Validator of the site: validator/v10 with the
// realname tags, which name fields by their JSON names (tags.FieldName).
type Validator struct{ v *validator.Validate }

// NewValidator returns the validator, numbers being parsed with reg.
func NewValidator(reg certificate.Registry) (*Validator, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	if err := tags.RegisterValidations(v, reg); err != nil {
		return nil, err
	}
	return &Validator{v}, nil
}

// Validate implements echo.Validator.
func (cv *Validator) Validate(i any) error { return cv.v.Struct(i) }

// newServer returns the site: its validator, its session middleware and
// the three routes.
func newServer(v *authn.Verifier, sessions demo.Sessions, logger *slog.Logger) (*echo.Echo, error) {
	reg := v.Policy().Numbers
	cv, err := NewValidator(reg)
	if err != nil {
		return nil, err
	}
	msgs, err := demo.NewMessages()
	if err != nil {
		return nil, err
	}
	// No Options.Account: the account is in the request's context, and a
	// request without one is answered 401.
	h, err := form.New(form.Options{Verifier: v, Logger: logger})
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Validator = cv
	e.Use(session(sessions))

	g := e.Group("/authn", accountToRequest)
	g.POST("/check", func(c echo.Context) error {
		lang := c.Request().Header.Get("Accept-Language")
		c.Response().Header().Set("Content-Language", msgs.Language(lang).String())
		acct, _ := c.Get("account").(precaution.Account)
		req := Precheck{Account: acct}
		if err := c.Bind(&req); err != nil {
			return problem(c, msgs.Malformed(lang))
		}
		if err := c.Validate(&req); err != nil {
			vs := tags.FromValidationErrors(err, reg)
			if len(vs) == 0 {
				return err
			}
			return problem(c, msgs.Invalid(lang, vs))
		}
		return c.JSON(http.StatusOK, map[string]bool{"ok": true})
	})
	g.POST("", echo.WrapHandler(h))
	g.GET("/:case", func(c echo.Context) error {
		h.Write(c.Response(), h.CaseStatus(c.Request(), c.Param("case")))
		return nil
	})
	return e, nil
}

func problem(c echo.Context, p *form.Problem) error {
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	return c.JSON(p.Status, p)
}

// session is the site's session middleware: it sets the signed-in account
// on echo's context.
func session(s demo.Sessions) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if acct, ok := s.Lookup(c.Request()); ok {
				c.Set("account", acct)
			}
			return next(c)
		}
	}
}

// accountToRequest puts the account of echo's context into the request's,
// where the form handler finds it: the one call echo needs.
func accountToRequest(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if acct, ok := c.Get("account").(precaution.Account); ok {
			c.SetRequest(c.Request().WithContext(form.WithAccount(c.Request().Context(), acct)))
		}
		return next(c)
	}
}

var _ echo.Validator = (*Validator)(nil)
