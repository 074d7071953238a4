package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
)

// The environment variables holding the binding secrets.
const (
	envBindingKey         = "REALNAME_BINDING_KEY"
	envBindingPreviousKey = "REALNAME_BINDING_PREVIOUS_KEY"
)

// bindResult is the output of cmdBind.
type bindResult struct {
	Bound bool    `json:"bound"`
	State string  `json:"state"`
	Count int     `json:"count"`
	Limit int     `json:"limit"`
	Code  *string `json:"code"`
}

// defaultRegion returns the issuing region a kind has when -region is absent
// (the default issuing-region policy, see precaution.DefaultRegionPolicy),
// or "" when the kind needs one.
func defaultRegion(k certificate.Kind) string {
	switch k {
	case certificate.IDCard, certificate.HKMOResidencePermit, certificate.TWResidencePermit:
		return "CN"
	case certificate.TWTravelPermit:
		return "TW"
	}
	return ""
}

// cmdBind reserves (or, with release, frees) an account's slot on a
// certificate. It exits 0 when the account holds a slot (or, for release,
// when the slot is free), 3 when the limit refused the account, 1 on errors
// and 2 on usage errors.
func cmdBind(args []string, stdin io.Reader, stdout, stderr io.Writer, release bool) int {
	name := "bind"
	if release {
		name = "release"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "SQLite file path, or a postgres:// URL")
	limit := fs.Int("limit", binding.DefaultAccountLimit, "how many accounts one certificate may authenticate")
	kindFlag := fs.String("kind", "", "certificate kind: passport, id_card, hkmo_travel_permit, tw_travel_permit, hkmo_residence_permit, tw_residence_permit, driver_license")
	region := fs.String("region", "", "issuing region (ISO 3166-1 alpha-2 or ISO 3166-2); id_card defaults to CN")
	number := fs.String("number", "", "certificate number as typed")
	account := fs.String("account", "", "account identifier")
	confirm := fs.Bool("confirm", false, "bind: confirm the slot (application approved) instead of reserving it pending")
	ttl := fs.Duration("ttl", 0, "bind: a pending slot frees itself after this long (0: never)")
	schema := fs.String("schema", postgres.DefaultSchema, "PostgreSQL schema of the binding tables")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: realname %s -db PATH|postgres://… [-limit 3] -kind KIND [-region RR] -number N -account A\n", name)
		fmt.Fprintf(stderr, "The secret comes from %s (at least %d bytes); %s may hold the previous one during a rotation.\n",
			envBindingKey, binding.MinSecretLen, envBindingPreviousKey)
		fmt.Fprintf(stderr, "Without %s, a local SQLite file PATH uses the key file PATH%s, created (mode 0600) with a new database.\n",
			envBindingKey, keyFileSuffix)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "realname %s: unexpected argument %q\n", name, fs.Arg(0))
		fs.Usage()
		return 2
	}
	kind, err := certificate.ParseKind(*kindFlag)
	if err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		fs.Usage()
		return 2
	}
	switch {
	case *db == "", *number == "", *account == "":
		fmt.Fprintf(stderr, "realname %s: -db, -number and -account are required\n", name)
		fs.Usage()
		return 2
	case *limit < 1:
		fmt.Fprintf(stderr, "realname %s: -limit must be at least 1\n", name)
		return 2
	case *ttl < 0:
		fmt.Fprintf(stderr, "realname %s: -ttl must not be negative\n", name)
		return 2
	}
	rr := strings.ToUpper(*region)
	if rr == "" {
		rr = defaultRegion(kind)
	}
	if rr == "" && (kind == certificate.Passport || kind == certificate.DriverLicense) {
		fmt.Fprintf(stderr, "realname %s: -region is required for %s: the certificate is counted per issuing region\n", name, kind)
		return 2
	}

	keys, err := storeKeyring(*db, true, stderr, name)
	if err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		return 1
	}
	parsed, err := schemes.Default().Parse(kind, rr, *number)
	if err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		var ne *certificate.NumberError
		if errors.As(err, &ne) {
			writeBind(stdout, bindResult{Limit: *limit, State: "none", Code: &ne.Code})
		}
		return 1
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := openStore(ctx, *db, *schema)
	if err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		return 1
	}
	defer store.Close()
	binder, err := binding.NewBinder(store, keys, binding.BinderOptions{PendingTTL: *ttl})
	if err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		return 1
	}

	var res binding.Result
	switch {
	case release:
		res, err = binder.Release(ctx, parsed.Number, *account)
	case *confirm:
		res, err = binder.Confirm(ctx, parsed.Number, *account, *limit)
	default:
		res, err = binder.Reserve(ctx, parsed.Number, *account, *limit)
	}
	if err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		return 1
	}
	out := bindResult{Bound: res.Held, State: res.State.String(), Count: res.Count, Limit: *limit}
	status := 0
	if !release && !res.Held {
		code := string(binding.CodeLimitReached)
		out.Code = &code
		status = 3
	}
	if err := writeBind(stdout, out); err != nil {
		fmt.Fprintf(stderr, "realname %s: %v\n", name, err)
		return 1
	}
	return status
}

func writeBind(w io.Writer, r bindResult) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// keyring builds the keyring from the environment, refusing to run without a
// secret.
func keyring() (*binding.Keyring, error) {
	cur := os.Getenv(envBindingKey)
	if cur == "" {
		return nil, fmt.Errorf("%s is not set: set it to a secret of at least %d bytes; certificate numbers are stored only as HMACs under it", envBindingKey, binding.MinSecretLen)
	}
	if len(cur) < binding.MinSecretLen {
		return nil, fmt.Errorf("%s is %d bytes; it must be at least %d", envBindingKey, len(cur), binding.MinSecretLen)
	}
	return newKeyring([]byte(cur))
}

// newKeyring builds the keyring of the current secret cur, with the previous
// one from the environment when it is set.
func newKeyring(cur []byte) (*binding.Keyring, error) {
	var prev []binding.Secret
	if p := os.Getenv(envBindingPreviousKey); p != "" && p != string(cur) {
		prev = append(prev, binding.NewSecret([]byte(p)))
	}
	k, err := binding.NewKeyring(binding.NewSecret(cur), prev...)
	if err != nil {
		return nil, fmt.Errorf("%s or %s: %w", envBindingKey, envBindingPreviousKey, err)
	}
	return k, nil
}

// openStore opens a PostgreSQL store for a postgres:// or postgresql:// URL
// and an SQLite store for anything else.
func openStore(ctx context.Context, db, schema string) (binding.Store, error) {
	if isPostgres(db) {
		return postgres.Open(ctx, db, postgres.Options{Schema: schema})
	}
	return sqlite.Open(ctx, db, sqlite.Options{})
}
