package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/examples/internal/appfile"
	"github.com/realname-go/realname/rules"
)

// reportOutput is what verify and review retry print: the report, with the
// ID of the review case it opened at the top, for scripts that go on to
// decide it (realname review approve ID …).
type reportOutput struct {
	Case string `json:"case,omitempty"`
	*authn.Report
}

// verifyFlags are the flags verify and review retry share.
type verifyFlags struct {
	db, schema, lang, now *string
	auto                  *bool
}

func addVerifyFlags(fs *flag.FlagSet, dbHelp string) verifyFlags {
	return verifyFlags{
		db:     fs.String("db", "", dbHelp),
		schema: fs.String("schema", postgres.DefaultSchema, "PostgreSQL schema of the binding and case tables"),
		lang:   fs.String("lang", "en", "language of the messages (an Accept-Language value: en, zh-CN, zh-TW, …)"),
		now:    fs.String("now", "", "verify as of this time (RFC 3339, or YYYY-MM-DD at noon in UTC+8); default: now"),
		auto:   fs.Bool("auto-approve", false, "approve an application with no violation at once instead of leaving it for review"),
	}
}

// cmdVerify verifies the application described in a JSON file (see
// examples/internal/appfile) under the default policy and prints the report
// as one JSON object with a "verdict" field and the "case" ID of its review
// case. The case and its binding slot are stored in the embedded SQLite
// store: a temporary one (with a throw-away secret when REALNAME_BINDING_KEY
// is unset) unless -db names a file, whose key comes from
// REALNAME_BINDING_KEY or else the key file beside it (created with the
// database), or a postgres:// URL, which needs REALNAME_BINDING_KEY;
// realname review decides the cases stored there. It
// exits 0 whatever the verdict; 4 when the account already has a pending
// case, which it prints instead (with "code": "review.open_case"); 1 when
// the verification could not complete and 2 on usage errors.
func cmdVerify(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := addVerifyFlags(fs, "SQLite file path or postgres:// URL of the binding and case store (default: a temporary SQLite file)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: realname verify [-db PATH|postgres://…] [-lang TAG] [-now TIME] [-auto-approve] APPLICATION.json")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fs.Usage()
		return 2
	}
	clock, err := clockFlag(*f.now)
	if err != nil {
		fmt.Fprintln(stderr, "realname verify: -now:", err)
		return 2
	}
	loaded, err := loadApp(pos[0], "verify", stderr)
	if err != nil {
		fmt.Fprintln(stderr, "realname verify:", err)
		return 1
	}
	app := loaded.Application
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	v, closeStore, err := newVerifier(ctx, *f.db, *f.schema, clock, *f.lang, *f.auto, true, stderr, "verify")
	if err != nil {
		fmt.Fprintln(stderr, "realname verify:", err)
		return 1
	}
	defer closeStore()
	rep, err := v.Verify(ctx, app)
	markUnavailable(rep, loaded)
	return printReport(ctx, "verify", v, clock.Time(), rep, err, stdout, stderr)
}

// loadApp loads an application file and says on stderr what it warns of
// and which uploads it could not read, which the report then gives as
// missing.
func loadApp(path, name string, stderr io.Writer) (*appfile.Loaded, error) {
	l, err := appfile.Load(path)
	if err != nil {
		return nil, err
	}
	for _, w := range l.Warnings {
		fmt.Fprintf(stderr, "realname %s: warning: %s\n", name, w)
	}
	for _, u := range l.Unavailable {
		fmt.Fprintf(stderr, "realname %s: files.%s.path: %v; reported as %s\n", name, u.Role, u.Err, authn.CodeFileMissing)
	}
	return l, nil
}

// markUnavailable adds to the application.file_missing finding of each
// upload that could not be read why: a "reason" parameter, not_found or
// unreadable.
func markUnavailable(rep *authn.Report, l *appfile.Loaded) {
	if rep == nil {
		return
	}
	for _, u := range l.Unavailable {
		for i := range rep.Violations {
			f := &rep.Violations[i]
			if f.Code == authn.CodeFileMissing && f.Field == u.Role && f.Param("reason") == "" {
				f.Params = append(f.Params, rules.Param{Name: "reason", Value: u.Reason})
			}
		}
	}
}

// printReport prints the report of verify or review retry, or the pending
// case that kept the account from applying again, and returns the exit
// status.
func printReport(ctx context.Context, name string, v *authn.Verifier, now time.Time, rep *authn.Report, err error, stdout, stderr io.Writer) int {
	var open *review.OpenCaseError
	if errors.As(err, &open) {
		fmt.Fprintf(stderr, "realname %s: account %s already has pending case %s; decide or withdraw it first\n", name, open.Case.Account, open.Case.ID)
		out, serr := describeCase(ctx, v, open.Case, now)
		if serr != nil {
			fmt.Fprintf(stderr, "realname %s: %v\n", name, serr)
			return 1
		}
		out.Code, out.Error = codeOpenCase, err.Error()
		if err := writeJSON(stdout, out); err != nil {
			fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
			return 1
		}
		return exitPending
	}
	if err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		return 1
	}
	out := reportOutput{Report: rep}
	if rep.Review != nil {
		out.Case = rep.Review.ID
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		return 1
	}
	return 0
}

// clockFlag returns the clock of a -now flag: the system clock (China
// Standard Time) when it is empty, otherwise a clock that stands still at
// its time.
func clockFlag(now string) (certificate.Clock, error) {
	var clock certificate.Clock
	if now != "" {
		t, err := parseNow(now)
		if err != nil {
			return clock, err
		}
		clock.Now = func() time.Time { return t }
	}
	return clock, nil
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

// newVerifier returns a verifier under the default policy whose binder and
// case store is db (see verifyBinder), with every time from clock.
// A new local SQLite store gets its key file when create is true (see
// storeKeyring); what that does is said on stderr, as command name.
func newVerifier(ctx context.Context, db, schema string, clock certificate.Clock, lang string, auto, create bool, stderr io.Writer, name string) (*authn.Verifier, func(), error) {
	messages, err := rules.NewLocalizer(authn.Messages()...)
	if err != nil {
		return nil, nil, err
	}
	binder, closeStore, err := verifyBinder(ctx, db, schema, clock, create, stderr, name)
	if err != nil {
		return nil, nil, err
	}
	p := authn.DefaultPolicy()
	p.AutoApprove = auto
	v, err := authn.NewVerifier(authn.WithClock(clock), authn.WithBinder(binder), authn.WithPolicy(p),
		authn.WithLanguage(messages.Match(lang)))
	if err != nil {
		closeStore()
		return nil, nil, err
	}
	return v, closeStore, nil
}

// verifyBinder opens the binding store, which keeps the review cases too:
// the given one with its keyring (see storeKeyring), or a temporary SQLite
// file removed on close.
func verifyBinder(ctx context.Context, db, schema string, clock certificate.Clock, create bool, stderr io.Writer, name string) (*binding.Binder, func(), error) {
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
		if keys, err = storeKeyring(db, create, stderr, name); err != nil {
			cleanup()
			return nil, nil, err
		}
	}
	store, err := openStore(ctx, db, schema)
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
