package vault_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/vault"
	"github.com/realname-go/realname/authn/vault/vaulttest"
	"github.com/realname-go/realname/rules/evidence"
)

func TestDirConformance(t *testing.T) {
	vaulttest.Run(t, func(t *testing.T) vaulttest.Storage {
		dir := t.TempDir()
		return vaulttest.Storage{
			Open: func(keys *vault.Keyring) (vault.Store, error) { return vault.OpenDir(dir, keys) },
			Raw:  vaulttest.Dir(dir),
		}
	})
}

// envPutChild makes the test binary a process that puts one file in the
// directory it names and exits 0 when its Put won, 3 when it lost.
const envPutChild = "REALNAME_VAULT_TEST_PUT_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(envPutChild); dir != "" {
		os.Exit(putChild(dir))
	}
	os.Exit(m.Run())
}

func putChild(dir string) int {
	sum := bytes.Repeat([]byte{9}, vault.KeySize)
	key, _ := vault.NewKey(sum)
	keys, _ := vault.NewKeyring(key)
	s, err := vault.OpenDir(dir, keys)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	content := make([]byte, 256<<10)
	// Every process waits for the start file, so that the Puts race.
	for {
		if _, err := os.Stat(filepath.Join(dir, "start")); err == nil {
			break
		}
		time.Sleep(time.Millisecond)
	}
	_, err = s.Put(context.Background(), "race", evidence.Certificate, content, vault.Meta{})
	switch {
	case err == nil:
		return 0
	case errors.Is(err, vault.ErrExists):
		return 3
	}
	fmt.Fprintln(os.Stderr, err)
	return 1
}

// TestDirExclusiveAcrossProcesses races Puts of the same file from
// separate processes: link(2) lets exactly one win.
func TestDirExclusiveAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	dir := t.TempDir()
	const n = 4
	cmds := make([]*exec.Cmd, n)
	for i := range cmds {
		cmds[i] = exec.CommandContext(t.Context(), exe, "-test.run=^$")
		cmds[i].Env = append(os.Environ(), envPutChild+"="+dir)
		cmds[i].Stderr = os.Stderr
		require.NoError(t, cmds[i].Start())
	}
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "start"), nil, 0o600))
	won, lost := 0, 0
	for _, c := range cmds {
		err := c.Wait()
		var exit *exec.ExitError
		switch {
		case err == nil:
			won++
		case errors.As(err, &exit) && exit.ExitCode() == 3:
			lost++
		default:
			t.Errorf("a process failed: %v", err)
		}
	}
	assert.Equal(t, 1, won, "one process's Put wins")
	assert.Equal(t, n-1, lost, "the others get ErrExists")
	s, err := vault.OpenDir(dir, vaulttest.Keyring(t, "a"))
	require.NoError(t, err)
	ids, err := s.Cases(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"race"}, ids)
	keys, err := vaulttest.Dir(dir).Keys(t.Context())
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"start", "evidence/v1/race/certificate"}, keys, "no temporary file left")
}

// TestDirDelete: Delete removes what a crashed writer left of the case's
// files, and the case's directory.
func TestDirDelete(t *testing.T) {
	dir := t.TempDir()
	s, err := vault.OpenDir(dir, vaulttest.Keyring(t, "a"))
	require.NoError(t, err)
	_, err = s.Put(t.Context(), "c1", evidence.Certificate, []byte("scan"), vault.Meta{})
	require.NoError(t, err)
	_, err = s.Put(t.Context(), "c2", evidence.Certificate, []byte("scan"), vault.Meta{})
	require.NoError(t, err)
	raw := vaulttest.Dir(dir)
	require.NoError(t, raw.Write(t.Context(), "evidence/v1/c1/.tmp-123", []byte("sealed bytes of a crashed Put")))
	require.NoError(t, raw.Write(t.Context(), "evidence/v1/c3/.tmp-456", []byte("a crashed Put of a case without files")))
	ids, err := s.Cases(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"c1", "c2"}, ids, "a directory with no file is no case")

	require.NoError(t, s.Delete(t.Context(), "c1"))
	require.NoError(t, s.Delete(t.Context(), "c3"))
	keys, err := raw.Keys(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"evidence/v1/c2/certificate"}, keys)
	_, err = os.Stat(filepath.Join(dir, "evidence", "v1", "c1"))
	assert.ErrorIs(t, err, fs.ErrNotExist, "the case's directory is gone")
	_, err = s.Put(t.Context(), "c1", evidence.Handheld, []byte("photo"), vault.Meta{})
	assert.NoError(t, err, "a deleted case can be stored again")
}
