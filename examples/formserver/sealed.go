package main

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// sealedDir is a [keeper] on the local filesystem: one file per case and
// role under dir/<case>/, sealed with AES-256-GCM under a key derived from
// the server's secret, the case and role bound in as additional data so a
// file moved to another case does not open. Nothing is written in the
// clear.
type sealedDir struct {
	dir  string
	aead cipher.AEAD
}

// newSealedDir returns the keeper in dir (created 0700), its key derived
// from secret with HKDF-SHA-256.
func newSealedDir(dir string, secret []byte) (*sealedDir, error) {
	key, err := hkdf.Key(sha256.New, secret, nil, "realname/formserver kept v1", 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return &sealedDir{dir: dir, aead: aead}, nil
}

func (k *sealedDir) path(id, role string) (string, error) {
	if !caseID(id) || (role != roleCertificate && role != roleHandheld && role != roleApplication) {
		return "", fmt.Errorf("formserver: keep: bad case ID or role %q", role)
	}
	return filepath.Join(k.dir, id, role+".sealed"), nil
}

func additional(id, role string) []byte { return []byte("formserver/" + id + "/" + role) }

// Put implements keeper; it writes a temporary file and renames it.
func (k *sealedDir) Put(_ context.Context, id, role string, content []byte) error {
	p, err := k.path(id, role)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	nonce := make([]byte, k.aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails
	sealed := k.aead.Seal(nonce, nonce, content, additional(id, role))
	f, err := os.CreateTemp(filepath.Dir(p), ".put-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(sealed); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), p)
}

// Get implements keeper.
func (k *sealedDir) Get(_ context.Context, id, role string) ([]byte, error) {
	p, err := k.path(id, role)
	if err != nil {
		return nil, errNotKept
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNotKept
	}
	if err != nil {
		return nil, err
	}
	n := k.aead.NonceSize()
	if len(b) < n {
		return nil, fmt.Errorf("formserver: kept %s of case %s does not open", role, id)
	}
	plain, err := k.aead.Open(nil, b[:n], b[n:], additional(id, role))
	if err != nil {
		return nil, fmt.Errorf("formserver: kept %s of case %s does not open", role, id)
	}
	return plain, nil
}

// Delete implements keeper.
func (k *sealedDir) Delete(_ context.Context, id string) error {
	if !caseID(id) {
		return nil
	}
	return os.RemoveAll(filepath.Join(k.dir, id))
}
