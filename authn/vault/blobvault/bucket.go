package blobvault

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"

	"gocloud.dev/blob"
	"gocloud.dev/blob/memblob"
	"gocloud.dev/gcerrors"

	// s3:// URLs: any S3-compatible object store.
	_ "gocloud.dev/blob/s3blob"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/rules/evidence"
)

// Bucket is the [vault.Store] over a gocloud.dev/blob bucket: memory, S3
// and any other backend the caller links in. Files are stored under
// "evidence/v1/CASE/ROLE" ([vault.ObjectKey], the layout of [vault.Dir]),
// with no attributes: the name, the findings and the digest are sealed
// inside the object ([vault.Seal]). It is safe for concurrent use.
type Bucket struct {
	b    *blob.Bucket
	keys *vault.Keyring
	// owned: Close closes b (Open made it).
	owned  bool
	closed atomic.Bool
}

// New returns the store over b; b stays the caller's to close. Put relies on
// the backend's conditional write (IfNotExist) so that only one of two
// racing Puts wins: S3 and memblob have it; fileblob does not do it
// atomically, so use [vault.OpenDir] (or [Open] with a file:// URL) for a
// directory instead.
func New(b *blob.Bucket, keys *vault.Keyring) (*Bucket, error) {
	if b == nil || keys == nil {
		return nil, errors.New("vault: New needs a bucket and a keyring")
	}
	return &Bucket{b: b, keys: keys}, nil
}

// Open opens the store at a URL:
//
//   - file:///var/lib/realname/evidence (or file://./relative/dir): a
//     directory of the local filesystem, the default of a single machine.
//     It is a [*vault.Dir] ([vault.OpenDir]), not a bucket: its Put is an
//     exclusive create by link(2), which holds across processes, where
//     fileblob's conditional write is not atomic. The files are where a
//     fileblob bucket of the directory has them.
//   - mem://: memory, for tests.
//   - s3://BUCKET?region=R&endpoint=URL&use_path_style=true: S3 or an
//     S3-compatible server, with the AWS SDK's credentials (environment,
//     shared files, roles). The bucket must exist.
//
// Any other scheme goes to blob.OpenBucket, for drivers the caller links
// in (gocloud.dev/blob/gcsblob, azureblob), which must support
// conditional writes. Every store but the directory is a [*Bucket].
func Open(ctx context.Context, rawURL string, keys *vault.Keyring) (vault.Admin, error) {
	if keys == nil {
		return nil, errors.New("vault: Open needs a keyring")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	switch u.Scheme {
	case "file":
		dir, err := dirOf(u)
		if err != nil {
			return nil, err
		}
		return vault.OpenDir(dir, keys)
	case "mem":
		return &Bucket{b: memblob.OpenBucket(nil), keys: keys, owned: true}, nil
	}
	b, err := blob.OpenBucket(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	return &Bucket{b: b, keys: keys, owned: true}, nil
}

// dirOf returns the directory of a file URL, as fileblob reads it.
func dirOf(u *url.URL) (string, error) {
	dir := u.Path
	if u.Host == "." {
		dir = "." + dir
	} else if u.Host != "" && u.Host != "localhost" {
		return "", fmt.Errorf("vault: file URL with host %q: use file:///absolute/dir or file://./relative/dir", u.Host)
	}
	if dir == "" || dir == "." && u.Host != "." {
		return "", errors.New("vault: file URL without a directory")
	}
	return filepath.FromSlash(dir), nil
}

// Keyring returns the store's keyring.
func (s *Bucket) Keyring() *vault.Keyring { return s.keys }

// Put implements [vault.Store].
func (s *Bucket) Put(ctx context.Context, caseID string, role evidence.Role, content []byte, meta vault.Meta) (vault.Meta, error) {
	if err := s.check(caseID, role); err != nil {
		return vault.Meta{}, err
	}
	b, meta, err := vault.Seal(s.keys, caseID, role, meta, content)
	if err != nil {
		return vault.Meta{}, err
	}
	if err := s.write(ctx, vault.ObjectKey(caseID, role), b, true); err != nil {
		return vault.Meta{}, s.fail("put", err)
	}
	return meta, nil
}

// check returns ErrClosed after Close, and the argument error of Check.
func (s *Bucket) check(caseID string, role evidence.Role) error {
	if s.closed.Load() {
		return vault.ErrClosed
	}
	return vault.Check(caseID, role)
}

// write writes an object without blob.Bucket.WriteAll's MD5 (two passes
// over the bytes): AES-GCM authenticates every byte already.
func (s *Bucket) write(ctx context.Context, key string, b []byte, ifNotExist bool) error {
	w, err := s.b.NewWriter(ctx, key, &blob.WriterOptions{IfNotExist: ifNotExist, ContentType: "application/octet-stream"})
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		_ = w.Close()
		return err
	}
	return w.Close()
}

// fail maps a backend error to the store's errors.
func (s *Bucket) fail(op string, err error) error {
	switch {
	case op == "put" && gcerrors.Code(err) == gcerrors.FailedPrecondition:
		// The conditional write found the object.
		return vault.ErrExists
	case gcerrors.Code(err) == gcerrors.NotFound:
		return vault.ErrNotFound
	}
	return fmt.Errorf("vault: %s: %w", op, err)
}

// read reads up to n bytes of the object from offset 0 (n < 0: all of it)
// into one buffer of the object's size.
func (s *Bucket) read(ctx context.Context, key string, n int64) ([]byte, int64, error) {
	r, err := s.b.NewRangeReader(ctx, key, 0, n, nil)
	if err != nil && n >= 0 && gcerrors.Code(err) == gcerrors.Unknown && ctx.Err() == nil {
		// S3 refuses a range of an empty object (416): read it whole.
		r, err = s.b.NewReader(ctx, key, nil)
	}
	if err != nil {
		return nil, 0, s.fail("get", err)
	}
	defer r.Close()
	size := r.Size()
	want := size
	if n >= 0 {
		want = min(size, n)
	}
	if want > vault.MaxSealedSize {
		return nil, size, fmt.Errorf("vault: object of %d bytes is larger than a file may be", size)
	}
	b := make([]byte, want)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, size, s.fail("get", err)
	}
	return b, size, nil
}

// Get implements [vault.Store]. The content shares memory with nothing
// else.
func (s *Bucket) Get(ctx context.Context, caseID string, role evidence.Role) ([]byte, vault.Meta, error) {
	if err := s.check(caseID, role); err != nil {
		return nil, vault.Meta{}, err
	}
	b, _, err := s.read(ctx, vault.ObjectKey(caseID, role), -1)
	if err != nil {
		return nil, vault.Meta{}, err
	}
	return vault.Unseal(s.keys, caseID, role, b)
}

// Stat implements [vault.Store]: it reads the header and the sealed Meta
// only.
func (s *Bucket) Stat(ctx context.Context, caseID string, role evidence.Role) (vault.Meta, error) {
	if err := s.check(caseID, role); err != nil {
		return vault.Meta{}, err
	}
	key := vault.ObjectKey(caseID, role)
	n := int64(vault.StatPrefix)
	for {
		b, size, err := s.read(ctx, key, n)
		if err != nil {
			return vault.Meta{}, err
		}
		m, need, err := vault.UnsealMeta(s.keys, caseID, role, b, size)
		if err != nil || need == 0 {
			return m, err
		}
		n = int64(need)
	}
}

// Delete implements [vault.Store].
func (s *Bucket) Delete(ctx context.Context, caseID string) error {
	if s.closed.Load() {
		return vault.ErrClosed
	}
	if err := vault.CheckCase(caseID); err != nil {
		return err
	}
	for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		err := s.b.Delete(ctx, vault.ObjectKey(caseID, role))
		if err != nil && gcerrors.Code(err) != gcerrors.NotFound {
			return s.fail("delete", err)
		}
	}
	return nil
}

// Cases returns the IDs of the cases with at least one file, in order:
// for an operator to find files whose case is gone.
func (s *Bucket) Cases(ctx context.Context) ([]string, error) {
	if s.closed.Load() {
		return nil, vault.ErrClosed
	}
	var ids []string
	it := s.b.List(&blob.ListOptions{Prefix: vault.ObjectPrefix, Delimiter: "/"})
	for {
		o, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return ids, nil
		}
		if err != nil {
			return nil, s.fail("list", err)
		}
		if id := strings.TrimSuffix(strings.TrimPrefix(o.Key, vault.ObjectPrefix), "/"); o.IsDir && vault.CheckCase(id) == nil {
			ids = append(ids, id)
		}
	}
}

// Rewrap wraps the data key of the case's file with the keyring's current
// key ([vault.Rewrap]), and reports whether it had to. Content and Meta
// stay as they are: only the header is rewritten. Run it when no purge
// runs: a file deleted between its read and its write would be written
// again.
func (s *Bucket) Rewrap(ctx context.Context, caseID string, role evidence.Role) (bool, error) {
	if err := s.check(caseID, role); err != nil {
		return false, err
	}
	key := vault.ObjectKey(caseID, role)
	b, _, err := s.read(ctx, key, -1)
	if err != nil {
		return false, err
	}
	out, changed, err := vault.Rewrap(s.keys, caseID, role, b)
	if err != nil || !changed {
		return false, err
	}
	if err := s.write(ctx, key, out, false); err != nil {
		return false, s.fail("rewrap", err)
	}
	return true, nil
}

// RewrapAll rewraps every file of the store under the keyring's current
// key ([Bucket.Rewrap]) and returns how many it rewrote: after it, no file
// needs a previous key, which can then leave the keyring. The same caveat
// holds: run it when no purge runs.
func (s *Bucket) RewrapAll(ctx context.Context) (int, error) { return vault.RewrapAll(ctx, s) }

// Close closes the bucket when [Open] opened it; a bucket given to [New]
// stays open.
func (s *Bucket) Close() error {
	if s.closed.Swap(true) || !s.owned {
		return nil
	}
	return s.b.Close()
}

// Blob returns the bucket under the store, which stays the store's to
// close when [Open] made it.
func (s *Bucket) Blob() *blob.Bucket { return s.b }

var _ vault.Admin = (*Bucket)(nil)
