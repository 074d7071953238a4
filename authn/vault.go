package authn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/realname-go/realname/authn/review"
	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/rules/evidence"
)

// WithVault keeps the evidence files of every case opened for review in
// files, encrypted, for the reviewer ([Verifier.Evidence]) until
// [Verifier.PurgeFiles] deletes them after the retention. The verifier
// then needs each file's bytes: [Evidence.Content], or what it reads from
// Open or Reader, which it buffers (at most the evidence size limit plus
// one byte); a file given only as an Inspected report is an
// infrastructure error.
//
// files is typically a [vault.Dir] ([vault.OpenDir]), which needs only the
// standard library, or a store of package authn/vault/blobvault opened by
// URL (S3 and other object stores): this package links no object-store
// SDK, and only a program that imports blobvault does.
//
// Files are stored after the case: [Verifier.Verify] opens the case (and
// reserves its slot), then puts both files with what the evidence checks
// found in each, then records an [review.ActionFilesStored] note. So every
// stored file has its case in the case store, where [vault.Purge] finds
// it. When a file cannot be stored, the case is withdrawn (actor "system",
// note "evidence could not be stored"), which releases its slot, the files
// already stored are deleted, and Verify returns an error matching
// [ErrInfrastructure]: a case no reviewer can judge would only wait for
// its deadline, and the applicant can submit again at once. Cases rejected
// at once and cases approved automatically keep no files: nobody reviews
// them.
func WithVault(files vault.Store) Option { return func(c *config) { c.vault = files } }

// ErrNoVault is returned by [Verifier.Evidence] and [Verifier.PurgeFiles]
// of a verifier without [WithVault].
var ErrNoVault = errors.New("authn: no evidence store configured")

// noteStoreFailed is the note of a case withdrawn because its files could
// not be stored.
const noteStoreFailed = "evidence could not be stored"

// buffer returns ev with Content holding the file's bytes when the
// verifier keeps files and ev gives them only as Open or Reader. At most
// the size limit plus one byte is read, as the inspector reads.
func (v *Verifier) buffer(ctx context.Context, role evidence.Role, ev Evidence) (Evidence, error) {
	if v.cfg.vault == nil || ev.Content != nil || !ev.present() {
		return ev, nil
	}
	r := ev.Reader
	if ev.Open != nil {
		rc, err := ev.Open()
		if err != nil {
			return ev, fmt.Errorf("open %s file: %w", role, err)
		}
		defer rc.Close()
		r = rc
	}
	if r == nil {
		return ev, fmt.Errorf("%s file: an evidence store keeps the file's bytes, and only an inspection report was given (set Evidence.Content)", role)
	}
	limit := v.inspector.Options().MaxBytes + 1
	buf := bytes.NewBuffer(make([]byte, 0, sizeHint(r, limit)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(ContextReader(ctx, r), limit)); err != nil {
		return ev, fmt.Errorf("read %s file: %w", role, err)
	}
	ev.Content, ev.Open, ev.Reader = buf.Bytes(), nil, nil
	return ev, nil
}

// sizeHint returns the size of r when it tells it (a file, a bytes or
// strings reader), at most limit, so the buffer is allocated once; 64 KiB
// otherwise.
func sizeHint(r io.Reader, limit int64) int64 {
	n := int64(64 << 10)
	switch x := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if st, err := x.Stat(); err == nil && st.Mode().IsRegular() {
			n = st.Size()
		}
	case interface{ Len() int }:
		n = int64(x.Len())
	}
	return max(0, min(n, limit))
}

// keep stores the files of a case that waits for review and notes it in
// the case; see [WithVault] for what a failure does.
func (v *Verifier) keep(ctx context.Context, rep *Report, names [2]string, files [2]*evidence.Report, contents [2][]byte) error {
	c := rep.Review
	if v.cfg.vault == nil || c == nil || !c.State.Pending() {
		return nil
	}
	stored := 0
	for i, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		if files[i] == nil || contents[i] == nil {
			continue
		}
		meta := vault.Meta{Name: names[i], Format: files[i].Format, Violations: files[i].Violations, StoredAt: rep.CheckedAt}
		if _, err := v.cfg.vault.Put(ctx, c.ID, role, contents[i], meta); err != nil {
			return v.unkeep(ctx, rep, fmt.Errorf("store %s file: %w", role, err))
		}
		stored++
	}
	got, err := v.cases.Note(ctx, c.ID, review.Event{At: rep.CheckedAt, Actor: systemActor, Action: review.ActionFilesStored,
		Note: fmt.Sprintf("%d file(s)", stored)})
	if err != nil {
		return v.unkeep(ctx, rep, fmt.Errorf("note stored files: %w", err))
	}
	rep.Review = got
	return nil
}

// unkeep undoes a case whose files could not all be stored: it deletes
// what was stored and withdraws the case, even when ctx has ended, and
// returns the infrastructure error.
func (v *Verifier) unkeep(ctx context.Context, rep *Report, cause error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	id := rep.Review.ID
	errs := []error{cause}
	if err := v.cfg.vault.Delete(ctx, id); err != nil {
		errs = append(errs, fmt.Errorf("delete stored files: %w", err))
	}
	c, err := v.cases.Decide(ctx, review.Decision{ID: id, To: review.Withdrawn, Actor: systemActor, Note: noteStoreFailed, At: rep.CheckedAt})
	if err != nil {
		errs = append(errs, fmt.Errorf("withdraw case %s: %w", id, err))
	} else {
		v.logCase(ctx, "authn: withdrawn, evidence not stored", c)
	}
	return infra("case %s: %w", id, errors.Join(errs...))
}

// Evidence returns the file of the case for the role, as stored for the
// reviewer, with its [vault.Meta]: [vault.ErrNotFound] when it is not (or
// no longer) kept, [ErrNoVault] without [WithVault]. Who may see it is the
// caller's decision: the desk serves it only to the reviewer who holds the
// case.
func (v *Verifier) Evidence(ctx context.Context, caseID string, role evidence.Role) ([]byte, vault.Meta, error) {
	if v.cfg.vault == nil {
		return nil, vault.Meta{}, ErrNoVault
	}
	return v.cfg.vault.Get(ctx, caseID, role)
}

// Vault returns the evidence store of [WithVault], or nil.
func (v *Verifier) Vault() vault.Store { return v.cfg.vault }

// PurgeFiles runs [vault.Purge] on the verifier's case store and evidence
// store at the verifier's clock: the files of cases decided or withdrawn
// more than retention ago (0: [vault.DefaultRetention]) are deleted and
// the cases marked purged.
func (v *Verifier) PurgeFiles(ctx context.Context, retention time.Duration) (vault.PurgeReport, error) {
	if v.cfg.vault == nil {
		return vault.PurgeReport{}, ErrNoVault
	}
	return vault.Purge(ctx, v.cases, v.cfg.vault, retention, v.cfg.clock.Time())
}
