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
	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/rules/evidence"
)

// The objects the desk keeps per case: the two uploaded files and the
// application as typed.
const (
	roleCertificate = form.PartCertificate
	roleHandheld    = form.PartHandheld
	roleApplication = "application"
)

// errNotKept: nothing is kept for the case and role (never stored, or
// purged).
var errNotKept = errors.New("formserver: nothing kept for the case")

// keeper keeps, per case and role, what the reviewer's desk shows beyond the
// case store. The case store holds the masked number only; the keeper holds
// the files and the typed data, including the full number a reviewer may
// deliberately reveal.
type keeper interface {
	Put(ctx context.Context, id, role string, content []byte) error
	Get(ctx context.Context, id, role string) ([]byte, error)
	// Delete deletes everything kept for the case; nothing kept is no
	// error.
	Delete(ctx context.Context, id string) error
}

// typedApplication is what the applicant typed and what the evidence
// checks found of each file, kept for the desk as the role "application".
type typedApplication struct {
	Fields form.Fields        `json:"fields"`
	Files  []authn.FileResult `json:"files,omitempty"`
	Names  map[string]string  `json:"names,omitempty"` // declared file names by role
}

// file returns the evidence result of the role's file.
func (a *typedApplication) file(role string) *authn.FileResult {
	for i := range a.Files {
		if a.Files[i].Role == role {
			return &a.Files[i]
		}
	}
	return nil
}

// memoryKeeper keeps everything in the process; for tests and a demo
// without a vault.
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

// purge deletes what is kept of every case decided or withdrawn at least
// retention ago, then marks the case purged in the case store, and returns
// the cases it purged. Files go first: a purge interrupted in between
// leaves the case unpurged, and the next one deletes again and marks it.
func (s *server) purge(ctx context.Context, retention time.Duration) ([]string, error) {
	now := s.now()
	q := review.Query{DecidedBefore: now.Add(-retention), Unpurged: true, Limit: review.MaxPage}
	purged := []string{}
	for {
		page, err := s.v.Queue(ctx, q)
		if err != nil {
			return purged, err
		}
		for _, c := range page {
			if !c.State.Final() {
				continue
			}
			if err := s.files.Delete(ctx, c.ID); err != nil {
				return purged, err
			}
			if _, err := s.v.Cases().MarkPurged(ctx, c.ID, now); err != nil {
				return purged, err
			}
			purged = append(purged, c.ID)
		}
		if len(page) < q.Page() {
			return purged, nil
		}
		q.After = review.CursorOf(page[len(page)-1])
	}
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
// handler read them and the typed application. It runs after the handler
// judged the body, so only a case that waits for a reviewer keeps anything.
func (s *server) keep(ctx context.Context, r *http.Request, c *capture, out *form.Outcome) error {
	if c.over || out.Submission == nil || out.Report == nil || out.Report.Review == nil {
		return errors.New("formserver: the submission was not read whole")
	}
	id := out.Report.Review.ID
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	app := typedApplication{Fields: out.Submission.Fields, Files: out.Report.Files, Names: map[string]string{}}
	mr := multipart.NewReader(bytes.NewReader(c.buf.Bytes()), params["boundary"])
	max := s.v.EvidenceOptions().MaxBytes
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		role := p.FormName()
		if role != roleCertificate && role != roleHandheld {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(p, max+1))
		if err != nil {
			return err
		}
		if err := s.files.Put(ctx, id, role, b); err != nil {
			return err
		}
		app.Names[role] = clipText(p.FileName(), 128)
	}
	js, err := json.Marshal(app)
	if err != nil {
		return err
	}
	return s.files.Put(ctx, id, roleApplication, js)
}

// application returns the typed application kept for the case.
func (s *server) application(ctx context.Context, id string) (*typedApplication, error) {
	b, err := s.files.Get(ctx, id, roleApplication)
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
