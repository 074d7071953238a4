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
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/authn/vault"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "formserver:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("formserver", flag.ContinueOnError)
	addr := fs.String("addr", "localhost:8080", "listen address")
	db := fs.String("db", "", "SQLite file of the bindings and review cases (default: a temporary file)")
	region := fs.String("region", "CN", "registration region of the demo accounts")
	expire := fs.Duration("expire", 30*24*time.Hour, "withdraw pending applications older than this, freeing their slots (0: never)")
	reviewerList := fs.String("reviewers", os.Getenv("REALNAME_REVIEWERS"), "reviewers of the desk at /desk/, as name:password,... (default $REALNAME_REVIEWERS; none: one reviewer \"reviewer\" with a random password, logged at start)")
	lease := fs.Duration("lease", 30*time.Minute, "how long a reviewer holds a case taken from the queue")
	evidenceURL := fs.String("evidence", "", "URL of the evidence vault: file:///dir, s3://bucket?region=… (default: a directory FILE.evidence beside -db)")
	kept := fs.String("kept", "", "directory of the applications as typed, kept sealed for the desk (default: FILE.kept beside -db)")
	retention := fs.Duration("retention", vault.DefaultRetention, "delete the files and typed data this long after their case is decided or withdrawn")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *expire < 0 {
		return errors.New("-expire must not be negative")
	}
	if *retention <= 0 || *lease <= 0 {
		return errors.New("-retention and -lease must be positive")
	}
	reg, err := language.ParseRegion(*region)
	if err != nil {
		return fmt.Errorf("-region: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	desk, err := parseReviewers(*reviewerList)
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
	if *db == "" {
		dir, err := os.MkdirTemp("", "formserver-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*db = filepath.Join(dir, "bindings.db")
		if len(secret) == 0 {
			secret = []byte(rand.Text())
		}
	} else if len(secret) < binding.MinSecretLen {
		return fmt.Errorf("REALNAME_BINDING_KEY must hold a secret of at least %d bytes", binding.MinSecretLen)
	}
	if *kept == "" {
		*kept = *db + ".kept"
	}
	typed, err := newSealedDir(*kept, secret)
	if err != nil {
		return fmt.Errorf("-kept: %w", err)
	}
	if *evidenceURL == "" {
		abs, err := filepath.Abs(*db + ".evidence")
		if err != nil {
			return err
		}
		*evidenceURL = "file://" + filepath.ToSlash(abs)
	}
	kek, err := vault.DeriveKey(secret)
	if err != nil {
		return err
	}
	vaultKeys, err := vault.NewKeyring(kek)
	if err != nil {
		return err
	}
	files, err := vault.Open(ctx, *evidenceURL, vaultKeys)
	if err != nil {
		return fmt.Errorf("-evidence: %w", err)
	}
	defer files.Close()
	store, err := sqlite.Open(ctx, *db, sqlite.Options{})
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
	v, err := authn.NewVerifier(authn.WithBinder(binder), authn.WithVault(files), authn.WithLogger(logger), authn.WithTimeout(30*time.Second))
	if err != nil {
		return err
	}
	s, err := newServer(serverOptions{Verifier: v, Region: reg, Logger: logger, Reviewers: desk, Lease: *lease, Kept: typed})
	if err != nil {
		return err
	}
	if *expire > 0 {
		go expireCases(ctx, v, *expire, time.Hour, logger)
	}
	go purgeFiles(ctx, s, *retention, time.Hour, logger)
	srv := &http.Server{
		Addr:              *addr,
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
	logger.Info("formserver: listening", "addr", "http://"+*addr)
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
