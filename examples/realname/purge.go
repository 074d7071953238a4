package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/blobvault"
)

// purgeOutput is the output object of review purge.
type purgeOutput struct {
	// Purged lists the cases whose files were deleted and that are now
	// marked purged; Failed counts those left for the next run.
	Purged []string `json:"purged"`
	Failed int      `json:"failed"`
	// Before is -now less -retention: cases decided at or before it were
	// due.
	Before    time.Time `json:"before"`
	Retention string    `json:"retention"`
}

// purge deletes the evidence files of the cases decided or withdrawn more
// than -retention before -now, and marks the cases purged (vault.Purge).
func (c *reviewCmd) purge(args []string) int {
	retention := c.fs.Duration("retention", vault.DefaultRetention,
		"delete the files of cases decided or withdrawn longer than this before -now")
	files := c.fs.String("files", "",
		"URL of the evidence store (file:///dir, s3://bucket?region=…); default: file://PATH.evidence beside a SQLite -db PATH, as the form server keeps it")
	if _, st := c.parse(args, 0, "[-retention 720h] [-files URL]"); st >= 0 {
		return st
	}
	if *retention <= 0 {
		return c.usageError("-retention must be positive")
	}
	if *files == "" {
		if isPostgres(*c.db) {
			return c.usageError("-files is required with a PostgreSQL -db")
		}
		abs, err := filepath.Abs(*c.db + ".evidence")
		if err != nil {
			return c.usageError("-db: %v", err)
		}
		*files = "file://" + filepath.ToSlash(abs)
	}
	keys, err := vaultKeyring(*c.db)
	if err != nil {
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return 1
	}
	ctx, v, done, st := c.begin()
	if st >= 0 {
		return st
	}
	defer done()
	store, err := blobvault.Open(ctx, *files, keys)
	if err != nil {
		fmt.Fprintf(c.stderr, "realname %s: -files: %v\n", c.name, err)
		return 1
	}
	defer store.Close()
	rep, err := vault.Purge(ctx, v.Cases(), store, *retention, c.clock.Time())
	if werr := writeJSON(c.stdout, purgeOutput{Purged: rep.Purged, Failed: rep.Failed, Before: rep.Before, Retention: retention.String()}); err == nil {
		err = werr
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "realname %s: %v\n", c.name, err)
		return 1
	}
	return 0
}

// vaultKeyring returns the keyring of the evidence store: keys derived
// (vault.DeriveKey) from the store's secret, as the form server derives
// them: the secret of the environment (and the previous one, which still
// opens older files) or of the key file beside a SQLite -db.
func vaultKeyring(db string) (*vault.Keyring, error) {
	secret := []byte(os.Getenv(envBindingKey))
	if len(secret) == 0 {
		if isPostgres(db) {
			return nil, fmt.Errorf("%s is not set: the evidence key derives from the store's secret", envBindingKey)
		}
		var err error
		if secret, err = readKeyFile(db + keyFileSuffix); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s is not set and there is no key file %s: the evidence key derives from the store's secret", envBindingKey, db+keyFileSuffix)
			}
			return nil, err
		}
	}
	cur, err := vault.DeriveKey(secret)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", envBindingKey, err)
	}
	var prev []vault.Key
	if p := os.Getenv(envBindingPreviousKey); p != "" && p != string(secret) {
		k, err := vault.DeriveKey([]byte(p))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", envBindingPreviousKey, err)
		}
		prev = append(prev, k)
	}
	return vault.NewKeyring(cur, prev...)
}
