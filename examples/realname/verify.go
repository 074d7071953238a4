package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/examples/internal/appfile"
	"github.com/realname-go/realname/rules"
)

// cmdVerify verifies the application described in a JSON file (see
// examples/internal/appfile) under the default policy and prints the report
// as one JSON object with a "verdict" field. The binding slot is reserved in
// the embedded SQLite store: a temporary one (with a throw-away secret when
// REALNAME_BINDING_KEY is unset) unless -db names a file or a postgres://
// URL, which needs REALNAME_BINDING_KEY. It exits 0 whatever the verdict, 1
// when the verification could not complete and 2 on usage errors.
func cmdVerify(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "SQLite file path or postgres:// URL of the binding store (default: a temporary SQLite file)")
	lang := fs.String("lang", "en", "language of the messages (an Accept-Language value: en, zh-CN, zh-TW, …)")
	at := fs.String("now", "", "verify as of this time (RFC 3339, or YYYY-MM-DD at noon in UTC+8); default: now")
	auto := fs.Bool("auto-approve", false, "approve an application with no violation at once instead of leaving it for review")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: realname verify [-db PATH|postgres://…] [-lang TAG] [-now TIME] APPLICATION.json")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	var clock certificate.Clock // the system clock, China Standard Time
	if *at != "" {
		t, err := parseNow(*at)
		if err != nil {
			fmt.Fprintln(stderr, "realname verify: -now:", err)
			return 2
		}
		clock.Now = func() time.Time { return t }
	}
	app, err := appfile.Load(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "realname verify:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	binder, closeStore, err := verifyBinder(ctx, *db, clock)
	if err != nil {
		fmt.Fprintln(stderr, "realname verify:", err)
		return 1
	}
	defer closeStore()
	messages, err := rules.NewLocalizer(authn.Messages()...)
	if err != nil {
		fmt.Fprintln(stderr, "realname verify:", err)
		return 1
	}
	p := authn.DefaultPolicy()
	p.AutoApprove = *auto
	v, err := authn.NewVerifier(authn.WithClock(clock), authn.WithBinder(binder), authn.WithPolicy(p),
		authn.WithLanguage(messages.Match(*lang)))
	if err != nil {
		fmt.Fprintln(stderr, "realname verify:", err)
		return 1
	}
	rep, err := v.Verify(ctx, app)
	if err != nil {
		fmt.Fprintln(stderr, "realname verify:", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		fmt.Fprintln(stderr, "realname verify:", err)
		return 1
	}
	return 0
}

// parseNow reads an RFC 3339 time, or a date taken at noon China Standard
// Time.
func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, certificate.DefaultLocation())
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither RFC 3339 nor YYYY-MM-DD", s)
	}
	return d.Add(12 * time.Hour), nil
}

// verifyBinder opens the binding store: the given one with the keyring from
// the environment, or a temporary SQLite file removed on close.
func verifyBinder(ctx context.Context, db string, clock certificate.Clock) (*binding.Binder, func(), error) {
	var keys *binding.Keyring
	var err error
	cleanup := func() {}
	if db == "" {
		dir, err := os.MkdirTemp("", "realname-verify-")
		if err != nil {
			return nil, nil, err
		}
		cleanup = func() { os.RemoveAll(dir) }
		db = filepath.Join(dir, "bindings.db")
		if os.Getenv(envBindingKey) == "" {
			// A throw-away store gets a throw-away secret.
			keys, err = binding.NewKeyring(binding.NewSecret([]byte(rand.Text())))
			if err != nil {
				cleanup()
				return nil, nil, err
			}
		}
	}
	if keys == nil {
		if keys, err = keyring(); err != nil {
			cleanup()
			return nil, nil, err
		}
	}
	store, err := openStore(ctx, db, postgres.DefaultSchema)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	b, err := binding.NewBinder(store, keys, binding.BinderOptions{Clock: clock})
	if err != nil {
		store.Close()
		cleanup()
		return nil, nil, err
	}
	return b, func() { store.Close(); cleanup() }, nil
}
