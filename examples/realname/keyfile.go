package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/examples/internal/appfile"
)

// keyFileSuffix names the key file of a local SQLite store: PATH.key beside
// PATH.
const keyFileSuffix = ".key"

// keyFileSize is the number of random bytes of a generated key; the file
// holds them hex-encoded, so that its content is also a value for
// REALNAME_BINDING_KEY.
const keyFileSize = 32

// isPostgres reports whether db names a PostgreSQL store.
func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// storeKeyring returns the keyring of the store db: from the environment
// when REALNAME_BINDING_KEY is set or db is a PostgreSQL URL; otherwise from
// the key file beside the SQLite file (db + ".key"). When create is true and
// neither the key file nor the database exists yet, it generates the key
// (crypto/rand, 32 bytes), writes it with mode 0600 and says so on stderr.
// A key file that others may read is refused.
func storeKeyring(db string, create bool, stderr io.Writer, cmd string) (*binding.Keyring, error) {
	if os.Getenv(envBindingKey) != "" || isPostgres(db) {
		return keyring()
	}
	path := db + keyFileSuffix
	secret, err := readKeyFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if st, serr := os.Stat(db); serr == nil && st.Size() > 0 {
			return nil, fmt.Errorf("%s is not set and the database %s has no key file %s: set %s to the secret the database was created with",
				envBindingKey, db, path, envBindingKey)
		}
		if !create {
			return nil, fmt.Errorf("%s is not set and there is no key file %s: set %s, or create the database with realname bind or verify",
				envBindingKey, path, envBindingKey)
		}
		var created bool
		secret, created, err = createKeyFile(path)
		if created {
			fmt.Fprintf(stderr, "realname %s: created binding key %s; keep it with the database\n", cmd, path)
		}
	}
	if err != nil {
		return nil, err
	}
	return newKeyring(secret)
}

// readKeyFile reads a key file, refusing one that is not a regular file or
// that anyone but its owner may read or write.
func readKeyFile(path string) ([]byte, error) {
	f, err := appfile.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("binding key %s is not a regular file", path)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("binding key %s has mode %04o: others may read it, so it is refused; make it owner-only with chmod 600 %s",
			path, perm, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, 4<<10))
	if err != nil {
		return nil, err
	}
	secret := []byte(strings.TrimSpace(string(b)))
	if len(secret) < binding.MinSecretLen {
		return nil, fmt.Errorf("binding key %s holds %d bytes; it must hold at least %d", path, len(secret), binding.MinSecretLen)
	}
	return secret, nil
}

// createKeyFile writes a new key to path with mode 0600, unless another
// process wrote one first, whose key it then returns: the key is written to
// a temporary file and linked into place, so no one reads a half-written
// key.
func createKeyFile(path string) (secret []byte, created bool, err error) {
	var raw [keyFileSize]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, false, err
	}
	secret = []byte(hex.EncodeToString(raw[:]))
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, false, fmt.Errorf("create binding key: %w", err)
	}
	defer os.Remove(tmp.Name())
	err = tmp.Chmod(0o600)
	if err == nil {
		_, err = tmp.Write(append(secret, '\n'))
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, false, fmt.Errorf("create binding key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			secret, err = readKeyFile(path)
			return secret, false, err
		}
		return nil, false, fmt.Errorf("create binding key: %w", err)
	}
	return secret, true, nil
}
