package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/bindingtest"
	"github.com/realname-go/realname/authn/binding/sqlite"
	"github.com/realname-go/realname/certificate"
)

func open(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	require.NoError(t, err)
	return s
}

func TestConformance(t *testing.T) {
	bindingtest.Run(t, func(t *testing.T) binding.Store {
		return open(t, filepath.Join(t.TempDir(), "bindings.db"))
	})
}

// TestDumpRevealsNoNumber stores bindings for real-format numbers and checks
// that no form of them appears in the database files or in a text dump.
func TestDumpRevealsNoNumber(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dump.db")
	s := open(t, path)
	keys := bindingtest.Keys(t)
	// 11010519491231002X is the sample number of GB 11643-1999; G12345678 is
	// a passport number pattern. The 15-digit form is the same certificate.
	numbers := []certificate.Number{
		certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X"),
		certificate.NewNumber(certificate.IDCard, "CN", "110105491231002"),
		certificate.NewNumber(certificate.Passport, "CN", "G12345678"),
		certificate.NewNumber(certificate.HKMOTravelPermit, "HK", "H12345678"),
	}
	for i, n := range numbers {
		key, err := keys.Key(n)
		require.NoError(t, err)
		_, err = s.Reserve(context.Background(), binding.Request{Key: key, Account: fmt.Sprintf("acct-%d", i), Limit: 3, Now: time.Now()})
		require.NoError(t, err)
	}
	key, err := keys.Key(numbers[0])
	require.NoError(t, err)
	st, err := s.Status(context.Background(), key, "acct-1", time.Now())
	require.NoError(t, err)
	assert.Equal(t, 2, st.Count, "the 15- and 18-digit forms are one certificate")

	var dump strings.Builder
	rows, err := s.DB().Query(`SELECT * FROM bindings`)
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		fmt.Fprintf(&dump, "%v %q\n", vals, vals)
	}
	require.NoError(t, rows.Err())
	require.NoError(t, s.Close())

	var files []byte
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		files = append(files, b...)
	}
	require.NotEmpty(t, files)
	for _, tc := range []struct {
		needle string
		reason string
	}{
		{"11010519491231002X", "the 18-digit number"},
		{"11010519491231002", "its digits without the check character"},
		{"110105491231002", "the 15-digit form"},
		{"19491231", "the birth date it encodes"},
		{"12345678", "the digits of the passport and permit numbers"},
	} {
		assert.NotContains(t, string(files), tc.needle, "database files: %s", tc.reason)
		assert.NotContains(t, dump.String(), tc.needle, "SQL dump: %s", tc.reason)
	}
	assert.Contains(t, dump.String(), "acct-0", "the dump does hold the rows")
}

func BenchmarkStore(b *testing.B) {
	bindingtest.Benchmark(b, func(b *testing.B) binding.Store {
		return open(b, filepath.Join(b.TempDir(), "bench.db"))
	})
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, tc := range []struct {
		path   string
		reason string
	}{
		{"", "an empty path"},
		{filepath.Join(dir, "no", "such", "dir", "x.db"), "a directory that does not exist"},
		{dir, "a directory"},
	} {
		_, err := sqlite.Open(ctx, tc.path, sqlite.Options{})
		assert.Error(t, err, tc.reason)
	}

	path := filepath.Join(dir, "odd ?#% name.db")
	s := open(t, path)
	var mode string
	require.NoError(t, s.DB().QueryRow("PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode, "the file is in WAL mode")
	_, err := s.DB().Exec("PRAGMA user_version = 99")
	require.NoError(t, err)
	require.NoError(t, s.Close())
	_, err = os.Stat(path)
	require.NoError(t, err, "'?', '#' and '%' in the path are part of the file name")

	_, err = sqlite.Open(ctx, path, sqlite.Options{})
	assert.ErrorContains(t, err, "newer", "a schema from a newer program is refused")
}
