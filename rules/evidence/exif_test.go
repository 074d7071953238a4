package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// app1 returns the TIFF block of a JPEG's first EXIF APP1 segment.
func app1(t *testing.T, j []byte) []byte {
	t.Helper()
	i := bytes.Index(j, []byte("Exif\x00\x00"))
	require.GreaterOrEqual(t, i, 6)
	n := int(binary.BigEndian.Uint16(j[i-2:]))
	return j[i+6 : i-2+n]
}

// goExifFixture is testdata/goexif/goexif.json: what
// github.com/dsoprea/go-exif/v3 v3.0.1 read from IFD0 of each file, recorded
// once by testdata/goexif/record.go (README.md there says how).
type goExifFixture struct {
	GoExif string `json:"go_exif"`
	Files  []struct {
		File   string            `json:"file"`
		SHA256 string            `json:"sha256"`
		IFD0   map[string]string `json:"ifd0"`
	} `json:"files"`
}

// TestEXIFAgainstGoExif cross-checks the bounded IFD0 reader with go-exif
// on trusted files: camera photos from go-exif's own assets and the corpus.
// go-exif's answers are the recorded fixture; each input must still be the
// file they were recorded from.
func TestEXIFAgainstGoExif(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "goexif", "goexif.json"))
	require.NoError(t, err)
	var fx goExifFixture
	require.NoError(t, json.Unmarshal(raw, &fx))
	require.Contains(t, fx.GoExif, "go-exif/v3 v3.0.1")
	require.Len(t, fx.Files, 4)
	for _, f := range fx.Files {
		j, err := os.ReadFile(filepath.FromSlash(f.File))
		require.NoError(t, err)
		sum := sha256.Sum256(j)
		require.Equal(t, f.SHA256, hex.EncodeToString(sum[:]),
			"%s changed since go-exif read it: record testdata/goexif/goexif.json again", f.File)
		var want metadata
		for _, tag := range []string{"Make", "Model"} {
			want.camera = want.camera || strings.TrimSpace(f.IFD0[tag]) != ""
		}
		if s, ok := f.IFD0["Software"]; ok {
			want.editor = editorIn(s)
		}
		var got metadata
		readEXIF(&got, app1(t, j))
		assert.Equal(t, want, got, f.File)
	}
}

// TestEXIFHostile holds the input that made go-exif hang: Make declared
// 0xDB000006 characters long.
func TestEXIFHostile(t *testing.T) {
	cases := []struct {
		b      string
		reason string
	}{
		{"II*\x00\b\x00\x00\x00\x02\x00\x0f\x01\x02\x00\x06\x00\x00\xdb&\x00\x00\x00\x10\x01\x02\x00\r\x00\x00\x00,\x00Q\x00\x00\x00\x00\x00Canon\x00Canon EOS 5D\x00\x00", "huge ASCII count"},
		{"II*\x00\xff\xff\xff\xff", "IFD offset outside the block"},
		{"MM\x00*\x00\x00\x00\x08\xff\xff", "65535 entries declared"},
		{"II+\x00\x08\x00\x00\x00", "BigTIFF magic is not EXIF"},
	}
	for _, tc := range cases {
		var md metadata
		readEXIF(&md, []byte(tc.b))
		assert.False(t, md.camera, tc.reason)
	}
	var md metadata
	readEXIF(&md, []byte(cases[0].b))
	assert.Empty(t, md.editor)
}
