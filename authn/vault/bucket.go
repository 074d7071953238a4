package vault

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/blob/memblob"
	"gocloud.dev/gcerrors"

	// s3:// URLs: any S3-compatible object store.
	_ "gocloud.dev/blob/s3blob"

	"github.com/realname-go/realname/rules/evidence"
)

// Bucket is the [Store] over a gocloud.dev/blob bucket: the local
// filesystem, memory, S3 and any other backend the caller links in. Files
// are stored under "evidence/v1/CASE/ROLE" (the case ID and "certificate"
// or "handheld"), with no attributes: the name, the findings and the
// digest are sealed inside the object. It is safe for concurrent use.
type Bucket struct {
	b    *blob.Bucket
	keys *Keyring
	// create writes a new object, failing with ErrExists when the key is
	// taken; nil means a conditional write (blob.WriterOptions.IfNotExist).
	create func(ctx context.Context, key string, b []byte) error
	// owned: Close closes b (Open made it).
	owned  bool
	closed atomic.Bool
}

// prefix is where a bucket keeps the files.
const prefix = "evidence/v1/"

func objectKey(caseID string, role evidence.Role) string {
	return prefix + caseID + "/" + role.String()
}

// New returns the store over b; b stays the caller's to close. Put relies on
// the backend's conditional write (IfNotExist) so that only one of two
// racing Puts wins: S3 and memblob have it; fileblob does not do it
// atomically, so open a directory with [Open] instead.
func New(b *blob.Bucket, keys *Keyring) (*Bucket, error) {
	if b == nil || keys == nil {
		return nil, errors.New("vault: New needs a bucket and a keyring")
	}
	return &Bucket{b: b, keys: keys}, nil
}

// Open opens the store at a URL:
//
//   - file:///var/lib/realname/evidence (or file://./relative/dir): a
//     directory of the local filesystem, the default of a single machine;
//     it is created with mode 0700 when missing, and files are written
//     0600, each made whole in a temporary file and linked into place.
//   - mem://: memory, for tests.
//   - s3://BUCKET?region=R&endpoint=URL&use_path_style=true: S3 or an
//     S3-compatible server, with the AWS SDK's credentials (environment,
//     shared files, roles). The bucket must exist.
//
// Any other scheme goes to blob.OpenBucket, for drivers the caller links
// in (gocloud.dev/blob/gcsblob, azureblob), which must support
// conditional writes.
func Open(ctx context.Context, rawURL string, keys *Keyring) (*Bucket, error) {
	if keys == nil {
		return nil, errors.New("vault: Open needs a keyring")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	switch u.Scheme {
	case "file":
		return openDir(u, keys)
	case "mem":
		return &Bucket{b: memblob.OpenBucket(nil), keys: keys, owned: true}, nil
	}
	b, err := blob.OpenBucket(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	return &Bucket{b: b, keys: keys, owned: true}, nil
}

// openDir opens a directory as fileblob does, with the exclusive create of
// link(2), which fileblob's own conditional write lacks.
func openDir(u *url.URL, keys *Keyring) (*Bucket, error) {
	dir := u.Path
	if u.Host == "." {
		dir = "." + dir
	} else if u.Host != "" && u.Host != "localhost" {
		return nil, fmt.Errorf("vault: file URL with host %q: use file:///absolute/dir or file://./relative/dir", u.Host)
	}
	if dir == "" || dir == "." && u.Host != "." {
		return nil, errors.New("vault: file URL without a directory")
	}
	dir = filepath.FromSlash(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	b, err := fileblob.OpenBucket(dir, &fileblob.Options{Metadata: fileblob.MetadataDontWrite, NoTempDir: true, DirFileMode: 0o700})
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	return &Bucket{b: b, keys: keys, owned: true, create: func(ctx context.Context, key string, data []byte) error {
		return createFile(ctx, dir, key, data)
	}}, nil
}

// createFile writes data to a temporary file beside the object, syncs it,
// and links it into place: link fails when the object exists, so exactly
// one of two racing writers (in any process) wins, and nobody reads a
// half-written file.
func createFile(ctx context.Context, dir, key string, data []byte) error {
	path := filepath.Join(dir, filepath.FromSlash(key))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil {
		return ErrExists
	}
	// fileblob skips neither hidden files nor temporary ones when listing,
	// so the temporary name is one no case ID or role can have.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return ErrExists
		}
		return err
	}
	return nil
}

// Keyring returns the store's keyring.
func (s *Bucket) Keyring() *Keyring { return s.keys }

// Put implements [Store].
func (s *Bucket) Put(ctx context.Context, caseID string, role evidence.Role, content []byte, meta Meta) (Meta, error) {
	if err := s.check(caseID, role); err != nil {
		return Meta{}, err
	}
	if meta.StoredAt.IsZero() {
		meta.StoredAt = time.Now()
	}
	meta.Case, meta.Role, meta.KeyID = caseID, role, s.keys.Current()
	meta.Name = DisplayName(meta.Name)
	meta.Size, meta.Digest = int64(len(content)), sha256.Sum256(content)
	meta.StoredAt = meta.StoredAt.UTC()
	b, err := seal(s.keys, caseID, role, meta, content)
	if err != nil {
		return Meta{}, fmt.Errorf("vault: seal: %w", err)
	}
	key := objectKey(caseID, role)
	if s.create != nil {
		err = s.create(ctx, key, b)
	} else {
		err = s.write(ctx, key, b, true)
	}
	if err != nil {
		return Meta{}, s.fail("put", err)
	}
	return meta, nil
}

// check returns ErrClosed after Close, and the argument error of Check.
func (s *Bucket) check(caseID string, role evidence.Role) error {
	if s.closed.Load() {
		return ErrClosed
	}
	return Check(caseID, role)
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
	case errors.Is(err, ErrExists):
		return ErrExists
	case op == "put" && gcerrors.Code(err) == gcerrors.FailedPrecondition:
		// The conditional write found the object.
		return ErrExists
	case gcerrors.Code(err) == gcerrors.NotFound:
		return ErrNotFound
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
	if want > maxObject {
		return nil, size, fmt.Errorf("vault: object of %d bytes is larger than a file may be", size)
	}
	b := make([]byte, want)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, size, s.fail("get", err)
	}
	return b, size, nil
}

// maxObject bounds what Get reads: far above the 10 MiB files the evidence
// checks accept, far below what would exhaust memory.
const maxObject = 256 << 20

// Get implements [Store]. The content shares memory with nothing else.
func (s *Bucket) Get(ctx context.Context, caseID string, role evidence.Role) ([]byte, Meta, error) {
	if err := s.check(caseID, role); err != nil {
		return nil, Meta{}, err
	}
	b, _, err := s.read(ctx, objectKey(caseID, role), -1)
	if err != nil {
		return nil, Meta{}, err
	}
	return opener{s.keys, caseID, role}.open(b)
}

// Stat implements [Store]: it reads the header and the sealed Meta only.
func (s *Bucket) Stat(ctx context.Context, caseID string, role evidence.Role) (Meta, error) {
	if err := s.check(caseID, role); err != nil {
		return Meta{}, err
	}
	key := objectKey(caseID, role)
	o := opener{s.keys, caseID, role}
	b, size, err := s.read(ctx, key, statPrefix)
	if err != nil {
		return Meta{}, err
	}
	l, reason := parse(b)
	if reason == "" && !l.headerDone {
		if int64(l.metaEnd) > size {
			reason = "too short"
		} else if b, _, err = s.read(ctx, key, int64(l.metaEnd)); err != nil {
			return Meta{}, err
		}
	}
	if reason != "" {
		return Meta{}, o.corrupt(reason)
	}
	data, err := o.data(b, l)
	if err != nil {
		return Meta{}, err
	}
	return o.meta(data, b, l)
}

// Delete implements [Store].
func (s *Bucket) Delete(ctx context.Context, caseID string) error {
	if s.closed.Load() {
		return ErrClosed
	}
	if err := checkCase(caseID); err != nil {
		return err
	}
	for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		err := s.b.Delete(ctx, objectKey(caseID, role))
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
		return nil, ErrClosed
	}
	var ids []string
	it := s.b.List(&blob.ListOptions{Prefix: prefix, Delimiter: "/"})
	for {
		o, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return ids, nil
		}
		if err != nil {
			return nil, s.fail("list", err)
		}
		if id := strings.TrimSuffix(strings.TrimPrefix(o.Key, prefix), "/"); o.IsDir && checkCase(id) == nil {
			ids = append(ids, id)
		}
	}
}

// Rewrap wraps the data key of the case's file with the keyring's current
// key, and reports whether it had to. Content and Meta stay as they are:
// only the header is rewritten. Run it when no purge runs: a file deleted
// between its read and its write would be written again.
func (s *Bucket) Rewrap(ctx context.Context, caseID string, role evidence.Role) (bool, error) {
	if err := s.check(caseID, role); err != nil {
		return false, err
	}
	key := objectKey(caseID, role)
	b, _, err := s.read(ctx, key, -1)
	if err != nil {
		return false, err
	}
	o := opener{s.keys, caseID, role}
	out, changed, err := o.rewrap(b)
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
func (s *Bucket) RewrapAll(ctx context.Context) (int, error) {
	ids, err := s.Cases(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
			changed, err := s.Rewrap(ctx, id, role)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return n, err
			}
			if changed {
				n++
			}
		}
	}
	return n, nil
}

// Close closes the bucket when [Open] opened it; a bucket given to [New]
// stays open.
func (s *Bucket) Close() error {
	if s.closed.Swap(true) || !s.owned {
		return nil
	}
	return s.b.Close()
}
