package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
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
	return d.Store.Delete(ctx, id)
}

// purge deletes the files and typed data of every case decided or
// withdrawn at least retention ago, and marks each case purged
// ([vault.Purge]); it returns the cases it purged.
func (s *server) purge(ctx context.Context, retention time.Duration) ([]string, error) {
	rep, err := vault.Purge(ctx, s.v.Cases(), deskFiles{s.vault, s.typed}, retention, s.now())
	return rep.Purged, err
}

// capture tees what the form handler reads of r's body into a buffer of at
// most limit bytes, so the files can be kept once the case is open.
type capture struct {
	buf   bytes.Buffer
	limit int64
	over  bool
}

func (c *capture) Write(p []byte) (int, error) {
	if int64(c.buf.Len()+len(p)) > c.limit {
		c.over = true
		return len(p), nil
	}
	return c.buf.Write(p)
}

func (s *server) captureBody(r *http.Request) *capture {
	c := &capture{limit: s.form.MaxBodyBytes()}
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.TeeReader(r.Body, c), r.Body}
	return c
}

// keep stores, for the case the submission opened, the two files as the
// handler read them, in the vault, and the typed application. It runs
// after the handler judged the body, so only a case that waits for a
// reviewer keeps anything. A file the verifier stored already
// ([vault.ErrExists]) stays as it is.
func (s *server) keep(ctx context.Context, r *http.Request, c *capture, out *form.Outcome) error {
	if c.over || out.Submission == nil || out.Report == nil || out.Report.Review == nil {
		return errors.New("formserver: the submission was not read whole")
	}
	id := out.Report.Review.ID
	app := typedApplication{Fields: out.Submission.Fields, Files: out.Report.Files}
	js, err := json.Marshal(app)
	if err != nil {
		return err
	}
	if err := s.typed.Put(ctx, id, roleApplication, js); err != nil {
		return err
	}
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	mr := multipart.NewReader(bytes.NewReader(c.buf.Bytes()), params["boundary"])
	max := s.v.EvidenceOptions().MaxBytes
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var f *form.File
		role := evidence.Certificate
		switch p.FormName() {
		case roleCertificate:
			f = out.Submission.Certificate
		case roleHandheld:
			f, role = out.Submission.Handheld, evidence.Handheld
		}
		if f == nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(p, max+1))
		if err != nil {
			return err
		}
		meta := vault.Meta{Name: f.Name, Format: f.Report.Format, Violations: f.Report.Violations}
		if _, err := s.vault.Put(ctx, id, role, b, meta); err != nil && !errors.Is(err, vault.ErrExists) {
			return err
		}
	}
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
