package vault

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/realname-go/realname/rules/evidence"
)

// Dir is the [Store] in a directory of the local filesystem, the default
// of a single machine, with the standard library alone. Files are kept as
// "DIR/evidence/v1/CASE/ROLE" ([ObjectKey]), mode 0600 in directories of
// mode 0700, with nothing beside them: the name, the findings and the
// digest are sealed inside ([Seal]). The layout is the one of a bucket of
// blobvault, so a directory copied to a bucket (or a bucket to a
// directory) opens there.
//
// Put writes the file whole in a temporary file of the case's directory,
// syncs it and links it into place with link(2), which fails when the name
// is taken: of two Puts of the same case and role exactly one wins, even
// from different processes or stores on the same directory, and no reader
// sees a half-written file. Rewrap replaces a file by rename(2). A Dir is
// safe for concurrent use.
type Dir struct {
	dir    string
	keys   *Keyring
	closed atomic.Bool
}

// OpenDir opens the store in dir, creating it with mode 0700 when missing.
// A relative dir is relative to the working directory of the call.
func OpenDir(dir string, keys *Keyring) (*Dir, error) {
	if keys == nil {
		return nil, errors.New("vault: OpenDir needs a keyring")
	}
	if dir == "" {
		return nil, errors.New("vault: OpenDir needs a directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("vault: %s is not a directory", abs)
	}
	return &Dir{dir: abs, keys: keys}, nil
}

// Path returns the store's directory, absolute.
func (d *Dir) Path() string { return d.dir }

// Keyring returns the store's keyring.
func (d *Dir) Keyring() *Keyring { return d.keys }

// path returns the file of the case's role.
func (d *Dir) path(caseID string, role evidence.Role) string {
	return filepath.Join(d.dir, filepath.FromSlash(ObjectKey(caseID, role)))
}

// check returns ErrClosed after Close, and the argument error of Check.
func (d *Dir) check(caseID string, role evidence.Role) error {
	if d.closed.Load() {
		return ErrClosed
	}
	return Check(caseID, role)
}

// Put implements [Store].
func (d *Dir) Put(ctx context.Context, caseID string, role evidence.Role, content []byte, meta Meta) (Meta, error) {
	if err := d.check(caseID, role); err != nil {
		return Meta{}, err
	}
	b, meta, err := Seal(d.keys, caseID, role, meta, content)
	if err != nil {
		return Meta{}, err
	}
	if err := createFile(ctx, d.path(caseID, role), b); err != nil {
		if errors.Is(err, ErrExists) {
			return Meta{}, ErrExists
		}
		return Meta{}, fmt.Errorf("vault: put: %w", err)
	}
	return meta, nil
}

// tempPrefix starts the names of temporary files: no case ID or role
// starts with a dot, so no listing takes one for a file.
const tempPrefix = ".tmp-"

// createFile writes data as the new file path: to a temporary file beside
// it, synced, then linked into place with link(2), which fails when path
// exists, so exactly one of two racing writers (in any process) wins with
// the others getting ErrExists, and nobody reads a half-written file. The
// directories are made with mode 0700 and the file has mode 0600.
func createFile(ctx context.Context, path string, data []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return ErrExists
	}
	dir := filepath.Dir(path)
	var tmp *os.File
	var err error
	for range 3 {
		if err = os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		// A Delete of the case may remove its directory in between.
		if tmp, err = os.CreateTemp(dir, tempPrefix+"*"); !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := writeSynced(ctx, tmp, data); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return ErrExists
		}
		return err
	}
	return nil
}

// replaceFile replaces the file path by data: a temporary file renamed
// over it.
func replaceFile(ctx context.Context, path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPrefix+"*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := writeSynced(ctx, tmp, data); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeSynced writes data to the temporary file tmp, syncs and closes it,
// and reports the first error, or ctx's when it ended meanwhile.
func writeSynced(ctx context.Context, tmp *os.File, data []byte) error {
	_, err := tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// open opens the file of the case's role and returns its size.
func (d *Dir) open(caseID string, role evidence.Role) (*os.File, int64, error) {
	f, err := os.Open(d.path(caseID, role))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, ErrNotFound
	}
	if err != nil {
		return nil, 0, fmt.Errorf("vault: get: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("vault: get: %w", err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("vault: get: %s is not a regular file", f.Name())
	}
	if st.Size() > MaxSealedSize {
		f.Close()
		return nil, 0, fmt.Errorf("vault: get: object of %d bytes is larger than a file may be", st.Size())
	}
	return f, st.Size(), nil
}

// readAt reads n bytes of f from offset 0.
func readAt(f *os.File, n int64) ([]byte, error) {
	b := make([]byte, n)
	if _, err := f.ReadAt(b, 0); err != nil && !(errors.Is(err, io.EOF) && n == 0) {
		return nil, fmt.Errorf("vault: get: %w", err)
	}
	return b, nil
}

// read reads the whole file of the case's role.
func (d *Dir) read(ctx context.Context, caseID string, role evidence.Role) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, size, err := d.open(caseID, role)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAt(f, size)
}

// Get implements [Store]. The content shares memory with nothing else.
func (d *Dir) Get(ctx context.Context, caseID string, role evidence.Role) ([]byte, Meta, error) {
	if err := d.check(caseID, role); err != nil {
		return nil, Meta{}, err
	}
	b, err := d.read(ctx, caseID, role)
	if err != nil {
		return nil, Meta{}, err
	}
	return Unseal(d.keys, caseID, role, b)
}

// Stat implements [Store]: it reads the header and the sealed Meta only.
func (d *Dir) Stat(ctx context.Context, caseID string, role evidence.Role) (Meta, error) {
	if err := d.check(caseID, role); err != nil {
		return Meta{}, err
	}
	if err := ctx.Err(); err != nil {
		return Meta{}, err
	}
	f, size, err := d.open(caseID, role)
	if err != nil {
		return Meta{}, err
	}
	defer f.Close()
	n := min(StatPrefix, size)
	for {
		b, err := readAt(f, n)
		if err != nil {
			return Meta{}, err
		}
		m, need, err := UnsealMeta(d.keys, caseID, role, b, size)
		if err != nil || need == 0 {
			return m, err
		}
		n = int64(need)
	}
}

// Delete implements [Store]. It also removes what a writer that crashed
// left of the case's files (temporary files, sealed like the files), and
// the case's directory once empty.
func (d *Dir) Delete(ctx context.Context, caseID string) error {
	if d.closed.Load() {
		return ErrClosed
	}
	if err := CheckCase(caseID); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
		if err := os.Remove(d.path(caseID, role)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("vault: delete: %w", err)
		}
	}
	caseDir := filepath.Dir(d.path(caseID, evidence.Certificate))
	entries, err := os.ReadDir(caseDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("vault: delete: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			if err := os.Remove(filepath.Join(caseDir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("vault: delete: %w", err)
			}
		}
	}
	// Not empty (a Put of the case under way): it stays.
	_ = os.Remove(caseDir)
	return nil
}

// Cases returns the IDs of the cases with at least one file, in order:
// for an operator to find files whose case is gone.
func (d *Dir) Cases(ctx context.Context) ([]string, error) {
	if d.closed.Load() {
		return nil, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(filepath.Join(d.dir, filepath.FromSlash(ObjectPrefix)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("vault: list: %w", err)
	}
	var ids []string
	for _, e := range entries {
		id := e.Name()
		if !e.IsDir() || CheckCase(id) != nil {
			continue
		}
		for _, role := range []evidence.Role{evidence.Certificate, evidence.Handheld} {
			if _, err := os.Lstat(d.path(id, role)); err == nil {
				ids = append(ids, id)
				break
			}
		}
	}
	return ids, nil
}

// Rewrap wraps the data key of the case's file with the keyring's current
// key ([Rewrap]), and reports whether it had to. Content and Meta stay as
// they are: only the header is rewritten, and the file replaced whole.
// Run it when no purge runs: a file deleted between its read and its
// write would be written again.
func (d *Dir) Rewrap(ctx context.Context, caseID string, role evidence.Role) (bool, error) {
	if err := d.check(caseID, role); err != nil {
		return false, err
	}
	b, err := d.read(ctx, caseID, role)
	if err != nil {
		return false, err
	}
	out, changed, err := Rewrap(d.keys, caseID, role, b)
	if err != nil || !changed {
		return false, err
	}
	if err := replaceFile(ctx, d.path(caseID, role), out); err != nil {
		return false, fmt.Errorf("vault: rewrap: %w", err)
	}
	return true, nil
}

// RewrapAll rewraps every file of the store under the keyring's current
// key ([Dir.Rewrap]) and returns how many it rewrote: after it, no file
// needs a previous key, which can then leave the keyring. The same caveat
// holds: run it when no purge runs.
func (d *Dir) RewrapAll(ctx context.Context) (int, error) { return RewrapAll(ctx, d) }

// Close marks the store closed: every later call is [ErrClosed]. The
// files stay.
func (d *Dir) Close() error {
	d.closed.Store(true)
	return nil
}

var _ Admin = (*Dir)(nil)
