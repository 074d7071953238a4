package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/blobvault"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/mrzread"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "formserver:", err)
		os.Exit(1)
	}
}

// settings are the command line's flags.
type settings struct {
	addr, db, evidence, kept, reviewers string
	region                              language.Region
	expire, lease, retention            time.Duration
	readZone                            bool
}

// parseFlags reads the command line.
func parseFlags(args []string) (*settings, error) {
	fs := flag.NewFlagSet("formserver", flag.ContinueOnError)
	var c settings
	fs.StringVar(&c.addr, "addr", "localhost:8080", "listen address")
	fs.StringVar(&c.db, "db", "", "SQLite file of the bindings and review cases (default: a temporary file)")
	region := fs.String("region", "CN", "registration region of the demo accounts")
	fs.DurationVar(&c.expire, "expire", 30*24*time.Hour, "withdraw pending applications older than this, freeing their slots (0: never)")
	fs.StringVar(&c.reviewers, "reviewers", os.Getenv("REALNAME_REVIEWERS"), "reviewers of the desk at /desk/, as name:password,... (default $REALNAME_REVIEWERS; none: one reviewer \"reviewer\" with a random password, logged at start)")
	fs.DurationVar(&c.lease, "lease", 30*time.Minute, "how long a reviewer holds a case taken from the queue")
	fs.StringVar(&c.evidence, "evidence", "", "URL of the evidence vault: file:///dir, s3://bucket?region=… (default: a directory FILE.evidence beside -db)")
	fs.StringVar(&c.kept, "kept", "", "directory of the applications as typed, kept sealed for the desk (default: FILE.kept beside -db)")
	fs.DurationVar(&c.retention, "retention", vault.DefaultRetention, "delete the files and typed data this long after their case is decided or withdrawn")
	fs.BoolVar(&c.readZone, "read-zone", true, "read the machine-readable zone of the certificate image and compare it with what was typed (false: a reviewer compares every name and number)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if c.expire < 0 {
		return nil, errors.New("-expire must not be negative")
	}
	if c.retention <= 0 || c.lease <= 0 {
		return nil, errors.New("-retention and -lease must be positive")
	}
	reg, err := language.ParseRegion(*region)
	if err != nil {
		return nil, fmt.Errorf("-region: %w", err)
	}
	c.region = reg
	return &c, nil
}

// zoneOptions returns the verifier's options of -read-zone: when on, one
// zone reader for the life of the server, reading two-digit years by the
// server's clock.
func zoneOptions(on bool, clock certificate.Clock) ([]authn.Option, error) {
	if !on {
		return nil, nil
	}
	r, err := mrzread.New(mrzread.Options{Clock: clock})
	if err != nil {
		return nil, err
	}
	return []authn.Option{authn.WithZoneReader(r)}, nil
}

func run(args []string) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}
	// The server's clock: the system clock in China Standard Time, for the
	// verifier, the zone reader and the desk alike.
	var clock certificate.Clock
	zone, err := zoneOptions(c.readZone, clock)
	if err != nil {
		return fmt.Errorf("-read-zone: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if os.Getenv("GOMEMLIMIT") == "" {
		// The form handler's memory bound holds when the collector works
		// to a limit: inspections at once × the decode budget, plus the
		// upload buffers and the rest of the server (authn/form's doc).
		limit := int64(form.DefaultMaxConcurrentFiles)*evidence.DefaultMaxDecodeBytes + 256<<20
		debug.SetMemoryLimit(limit)
		logger.Info("formserver: memory limit set; GOMEMLIMIT overrides it", "bytes", limit)
	}
	desk, err := parseReviewers(c.reviewers)
	if err != nil {
		return fmt.Errorf("-reviewers: %w", err)
	}
	if len(desk) == 0 {
		pass := rand.Text()
		desk, _ = parseReviewers("reviewer:" + pass)
		logger.Info("formserver: no -reviewers; the desk's demo reviewer", "name", "reviewer", "password", pass)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	secret := []byte(os.Getenv("REALNAME_BINDING_KEY"))
	if c.db == "" {
		dir, err := os.MkdirTemp("", "formserver-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		c.db = filepath.Join(dir, "bindings.db")
		if len(secret) == 0 {
			secret = []byte(rand.Text())
		}
	} else if len(secret) < binding.MinSecretLen {
		return fmt.Errorf("REALNAME_BINDING_KEY must hold a secret of at least %d bytes", binding.MinSecretLen)
	}
	if c.kept == "" {
		c.kept = c.db + ".kept"
	}
	typed, err := newSealedDir(c.kept, secret)
	if err != nil {
		return fmt.Errorf("-kept: %w", err)
	}
	if c.evidence == "" {
		abs, err := filepath.Abs(c.db + ".evidence")
		if err != nil {
			return err
		}
		c.evidence = "file://" + filepath.ToSlash(abs)
	}
	kek, err := vault.DeriveKey(secret)
	if err != nil {
		return err
	}
	vaultKeys, err := vault.NewKeyring(kek)
	if err != nil {
		return err
	}
	files, err := blobvault.Open(ctx, c.evidence, vaultKeys)
	if err != nil {
		return fmt.Errorf("-evidence: %w", err)
	}
	defer files.Close()
	store, err := sqlite.Open(ctx, c.db, sqlite.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	keys, err := binding.NewKeyring(binding.NewSecret(secret))
	if err != nil {
		return err
	}
	// The store keeps the review cases beside the slots: a case and its
	// slot are taken, confirmed and released together, so pending slots
	// need no time to live of their own; abandoned applications are
	// withdrawn by expireCases instead.
	binder, err := binding.NewBinder(store, keys, binding.BinderOptions{})
	if err != nil {
		return err
	}
	opts := append([]authn.Option{authn.WithClock(clock), authn.WithBinder(binder), authn.WithVault(files), authn.WithLogger(logger), authn.WithTimeout(30 * time.Second)}, zone...)
	v, err := authn.NewVerifier(opts...)
	if err != nil {
		return err
	}
	s, err := newServer(serverOptions{Verifier: v, Region: c.region, Logger: logger, Reviewers: desk, Lease: c.lease, Kept: typed, Clock: clock})
	if err != nil {
		return err
	}
	if c.expire > 0 {
		go expireCases(ctx, v, c.expire, time.Hour, logger)
	}
	go purgeFiles(ctx, s, c.retention, time.Hour, logger)
	srv := &http.Server{
		Addr:              c.addr,
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    32 << 10,
	}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	logger.Info("formserver: listening", "addr", "http://"+c.addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// expireCases withdraws, every interval until ctx ends, the pending cases
// submitted more than age ago, releasing their binding slots with them.
func expireCases(ctx context.Context, v *authn.Verifier, age, interval time.Duration, logger *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := v.Expire(ctx, age); err != nil {
			logger.Error("formserver: expire", "err", err)
		} else if n > 0 {
			logger.Info("formserver: expired abandoned applications", "cases", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// purgeFiles deletes, every interval until ctx ends, the kept files of the
// cases decided or withdrawn more than retention ago.
func purgeFiles(ctx context.Context, s *server, retention, interval time.Duration, logger *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if ids, err := s.purge(ctx, retention); err != nil {
			logger.Error("formserver: purge", "err", err)
		} else if len(ids) > 0 {
			logger.Info("formserver: purged the files of decided cases", "cases", len(ids))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
