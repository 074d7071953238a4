// Command gin serves the realname form with gin
// (github.com/gin-gonic/gin):
//
//   - the realname validator tags on gin's own binder, so that
//     c.ShouldBindJSON checks a PRC ID number or a name like any other tag,
//     and tags.FromValidationErrors turns gin's errors into violations with
//     the fields' JSON names and messages in the request's language
//     (POST /authn/check);
//   - the form handler of authn/form, with the account gin's session
//     middleware set on gin's context (c.Set("account", …)) passed to
//     Handler.ProcessFor (POST /authn), and the applicant's status page
//     (GET /authn/:case).
//
// Run it and sign in with the bearer tokens token-1, token-2 or token-3:
//
//	go run ./gin -addr localhost:8080
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"

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
		fmt.Fprintln(os.Stderr, "gin:", err)
		os.Exit(1)
	}
}

func run(addr string, logger *slog.Logger) error {
	v, err := demo.NewVerifier(demo.Config{Logger: logger})
	if err != nil {
		return err
	}
	gin.SetMode(gin.ReleaseMode)
	r, err := newRouter(v, demo.DemoSessions(), logger)
	if err != nil {
		return err
	}
	logger.Info("listening; sign in with Authorization: Bearer token-1", "addr", addr)
	srv := &http.Server{Addr: addr, Handler: r, ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}

// Precheck is the body of POST /authn/check: the fields the applicant
// typed, checked before the files are uploaded. The binding tags are gin's
// validator/v10 tags, with the realname ones registered by registerTags.
type Precheck struct {
	FullName string `json:"full_name" binding:"required,person_name"`
	Kind     string `json:"kind" binding:"required,certificate_kind"`
	Region   string `json:"region" binding:"omitempty,max=6"`
	// certificate_number without a parameter reads the sibling fields Kind
	// and Region, and when Region is empty the region of Account.
	Number string `json:"id_number" binding:"required,certificate_number"`
	// Account is the signed-in account, from the session, never from the
	// body (json:"-").
	Account precaution.Account `json:"-" form:"-"`
}

var (
	registerOnce sync.Once
	errRegister  error
)

// registerTags adds the realname tags to gin's binder, which then names the
// fields of its errors by their JSON names (tags.FieldName). gin's
// binding.Validator is one per process, so this runs once, before the
// first request.
func registerTags(reg certificate.Registry) error {
	registerOnce.Do(func() {
		v, ok := binding.Validator.Engine().(*validator.Validate)
		if !ok {
			errRegister = errors.New("gin's binder does not run go-playground/validator/v10")
			return
		}
		errRegister = tags.RegisterValidations(v, reg) // also names fields by their json tag
	})
	return errRegister
}

// newRouter returns the site: its session middleware and the three routes.
func newRouter(v *authn.Verifier, sessions demo.Sessions, logger *slog.Logger) (*gin.Engine, error) {
	reg := v.Policy().Numbers
	if err := registerTags(reg); err != nil {
		return nil, err
	}
	msgs, err := demo.NewMessages()
	if err != nil {
		return nil, err
	}
	// No Options.Account: every route passes the account from gin's
	// context, and a request without one is answered 401.
	h, err := form.New(form.Options{Verifier: v, Logger: logger})
	if err != nil {
		return nil, err
	}
	r := gin.New()
	r.Use(gin.Recovery(), session(sessions))
	r.POST("/authn/check", func(c *gin.Context) {
		lang := c.GetHeader("Accept-Language")
		c.Header("Content-Language", msgs.Language(lang).String())
		acct, _ := account(c)
		req := Precheck{Account: acct}
		if err := c.ShouldBindJSON(&req); err != nil {
			c.Header("Content-Type", "application/problem+json")
			if vs := tags.FromValidationErrors(err, reg); len(vs) > 0 {
				c.JSON(http.StatusUnprocessableEntity, msgs.Invalid(lang, vs))
				return
			}
			c.JSON(http.StatusBadRequest, msgs.Malformed(lang))
			return
		}
		c.JSON(http.StatusOK, gin.H{"ok": true})
	})
	r.POST("/authn", func(c *gin.Context) {
		acct, _ := account(c) // the zero account when nobody is signed in: 401
		h.Write(c.Writer, h.ProcessFor(c.Writer, c.Request, acct))
	})
	r.GET("/authn/:case", func(c *gin.Context) {
		req := c.Request
		if acct, ok := account(c); ok {
			req = req.WithContext(form.WithAccount(req.Context(), acct))
		}
		h.Write(c.Writer, h.CaseStatus(req, c.Param("case")))
	})
	return r, nil
}

// session is the site's session middleware: it sets the signed-in account
// on gin's context.
func session(s demo.Sessions) gin.HandlerFunc {
	return func(c *gin.Context) {
		if acct, ok := s.Lookup(c.Request); ok {
			c.Set("account", acct)
		}
		c.Next()
	}
}

// account returns the account session set on gin's context.
func account(c *gin.Context) (precaution.Account, bool) {
	v, _ := c.Get("account")
	acct, ok := v.(precaution.Account)
	return acct, ok
}
