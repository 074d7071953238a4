//go:build unix

package appfile_test

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/examples/internal/appfile"
)

// TestOpenRegular: a pipe with no writer is refused at once, where opening
// it for reading would wait for a writer; the application file itself too.
func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "app.json")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	done := make(chan error, 1)
	go func() {
		_, err := appfile.Load(fifo)
		done <- err
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, appfile.ErrNotRegular)
		assert.ErrorContains(t, err, "a named pipe")
	case <-time.After(time.Minute):
		t.Fatal("Load waited for the pipe's writer")
	}
	_, err := appfile.OpenRegular("/dev/null")
	assert.ErrorIs(t, err, appfile.ErrNotRegular)
	_, err = appfile.OpenRegular(dir)
	assert.ErrorIs(t, err, appfile.ErrNotRegular)
	f, err := appfile.OpenRegular(filepath.Join("testdata", "..", "forms_test.go"))
	require.NoError(t, err)
	require.NoError(t, f.Close())
}
