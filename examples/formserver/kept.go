package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/form"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/rules/evidence"
)

// The roles of what the desk keeps per case: the two uploaded files, in
// the evidence vault, and the application as typed, in the keeper.
const (
	roleCertificate = form.PartCertificate
	roleHandheld    = form.PartHandheld
	roleApplication = "application"
)

// errNotKept: nothing is kept for the case and role (never stored, or
// purged).
var errNotKept = errors.New("formserver: nothing kept for the case")

// keeper keeps, per case, what the applicant typed, for the desk: the case
// store holds the masked number only, the keeper the full number a
// reviewer may deliberately reveal. The files themselves are in the
// evidence vault.
type keeper interface {
	Put(ctx context.Context, id, role string, content []byte) error
	Get(ctx context.Context, id, role string) ([]byte, error)
	// Delete deletes everything kept for the case; nothing kept is no
	// error.
	Delete(ctx context.Context, id string) error
}

// typedApplication is what the applicant typed and what the evidence
// checks measured of each file, kept for the desk as the role
// "application".
type typedApplication struct {
	Fields form.Fields        `json:"fields"`
	Files  []authn.FileResult `json:"files,omitempty"`
}

// file returns the evidence result of the role's file.
func (a *typedApplication) file(role string) *authn.FileResult {
	if a == nil {
		return nil
	}
	for i := range a.Files {
		if a.Files[i].Role == role {
			return &a.Files[i]
		}
	}
	return nil
}

// memoryKeeper keeps everything in the process; for tests and a demo
// without a directory.
type memoryKeeper struct {
	mu sync.Mutex
	m  map[[2]string][]byte
}

func newMemoryKeeper() *memoryKeeper { return &memoryKeeper{m: map[[2]string][]byte{}} }

func (k *memoryKeeper) Put(_ context.Context, id, role string, content []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m[[2]string{id, role}] = bytes.Clone(content)
	return nil
}

func (k *memoryKeeper) Get(_ context.Context, id, role string) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	b, ok := k.m[[2]string{id, role}]
	if !ok {
		return nil, errNotKept
	}
	return bytes.Clone(b), nil
}

func (k *memoryKeeper) Delete(_ context.Context, id string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	for key := range k.m {
		if key[0] == id {
			delete(k.m, key)
		}
	}
	return nil
}

// deskFiles is the evidence vault as the purge sees it: deleting a case's
// files deletes what the keeper holds of it too, so one purge forgets
// both.
type deskFiles struct {
	vault.Store
	typed keeper
}

// Delete deletes the typed application first, then the files: an
// interrupted purge deletes both again.
func (d deskFiles) Delete(ctx context.Context, id string) error {
	if err := d.typed.Delete(ctx, id); err != nil {
		return err
	}
	if d.Store == nil {
		return nil
	}
	return d.Store.Delete(ctx, id)
}

// fileMeta returns what the vault keeps of the case's file for the role
// ([vault.ErrNotFound] without a vault).
func (s *server) fileMeta(ctx context.Context, id string, role evidence.Role) (vault.Meta, error) {
	if s.vault == nil {
		return vault.Meta{}, vault.ErrNotFound
	}
	return s.vault.Stat(ctx, id, role)
}

// purge deletes the files and typed data of every case decided or
// withdrawn at least retention ago, and marks each case purged
// ([vault.Purge]); it returns the cases it purged.
func (s *server) purge(ctx context.Context, retention time.Duration) ([]string, error) {
	rep, err := vault.Purge(ctx, s.v.Cases(), deskFiles{s.vault, s.typed}, retention, s.now())
	return rep.Purged, err
}

// keep stores, for the case the submission opened, the application as
// typed, for the desk; the verifier stored the two files in its vault
// ([authn.WithVault]) when it opened the case.
func (s *server) keep(ctx context.Context, out *form.Outcome) error {
	if out.Submission == nil || out.Report == nil || out.Report.Review == nil {
		return errors.New("formserver: no submission to keep")
	}
	js, err := json.Marshal(typedApplication{Fields: out.Submission.Fields, Files: out.Report.Files})
	if err != nil {
		return err
	}
	return s.typed.Put(ctx, out.Report.Review.ID, roleApplication, js)
}

// application returns the typed application kept for the case.
func (s *server) application(ctx context.Context, id string) (*typedApplication, error) {
	b, err := s.typed.Get(ctx, id, roleApplication)
	if err != nil {
		return nil, err
	}
	var a typedApplication
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// contentType is the type a file of the format is served as.
func contentType(f evidence.Format) string {
	switch f {
	case evidence.JPEG:
		return "image/jpeg"
	case evidence.PNG:
		return "image/png"
	case evidence.BMP:
		return "image/bmp"
	case evidence.PDF:
		return "application/pdf"
	}
	return "application/octet-stream"
}
