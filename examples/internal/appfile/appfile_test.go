package appfile_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/examples/internal/appfile"
)

func TestLoadExample(t *testing.T) {
	loaded, err := appfile.Load(filepath.Join("..", "..", "testdata", "application.json"))
	require.NoError(t, err)
	assert.Empty(t, loaded.Warnings, "the example uses no deprecated field")
	assert.Empty(t, loaded.Unavailable)
	app := loaded.Application
	assert.Equal(t, "CN", app.Claim.Region)
	assert.Equal(t, "example-account-1", app.Account.ID)
	assert.Equal(t, "CN", app.Account.RegistrationRegion.String())
	assert.Equal(t, certificate.IDCard, app.Claim.Kind)
	assert.Equal(t, certificate.Male, app.Document.Sex)
	rc, err := app.Certificate.Open()
	require.NoError(t, err, "files open relative to the JSON file")
	require.NoError(t, rc.Close())
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		reason string
		json   string
	}{
		{"unknown field", `{"x":1}`},
		{"bad kind", `{"typed":{"kind":"library_card"}}`},
		{"bad date", `{"document":{"birth":"1990-02-30"}}`},
		{"not JSON", `<xml/>`},
		{"too large", `{"account":{"id":"` + strings.Repeat("a", appfile.MaxSize) + `"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			_, err := appfile.Read(strings.NewReader(tc.json))
			require.Error(t, err)
		})
	}
	for _, bad := range []string{
		`{"account":{"registration_region":"ZZZZ"}}`,
		`{"account":{"status":"sleeping"}}`,
		`{"document":{"sex":"Q"}}`,
	} {
		f, err := appfile.Read(strings.NewReader(bad))
		require.NoError(t, err)
		_, err = f.Application(".")
		require.Error(t, err, bad)
	}
}

// FuzzRead checks that no input panics and that a file that reads also
// writes back and reads to the same value.
func FuzzRead(f *testing.F) {
	// Seeds: the committed example, an empty object, a partial document, and
	// a value of the wrong type.
	if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "application.json")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"document":{"kind":"passport","mrz":"P<UTO"}}`))
	f.Add([]byte(`{"typed":{"kind":7}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := appfile.Read(bytes.NewReader(b))
		if err != nil {
			return
		}
		_, _ = v.Application(t.TempDir())
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := appfile.Read(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		again, _ := json.Marshal(back)
		if !bytes.Equal(out, again) {
			t.Fatalf("round trip changed:\n%s\n%s", out, again)
		}
	})
}
