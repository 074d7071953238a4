package evidence

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	exif "github.com/dsoprea/go-exif/v3"
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

// TestEXIFAgainstGoExif cross-checks the bounded IFD0 reader with go-exif
// on trusted files: camera photos from go-exif's own assets and the corpus.
func TestEXIFAgainstGoExif(t *testing.T) {
	paths := []string{"testdata/corpus/good_camera.jpg", "testdata/corpus/edited_photoshop.jpg"}
	if mc := goEnv("GOMODCACHE"); mc != "" {
		assets := filepath.Join(mc, "github.com", "dsoprea", "go-exif", "v3@v3.0.1", "assets")
		paths = append(paths, filepath.Join(assets, "NDM_8901.jpg"), filepath.Join(assets, "gps.jpg"))
	}
	for _, p := range paths {
		j, err := os.ReadFile(p)
		if err != nil {
			t.Log("skipped, missing: ", p)
			continue
		}
		block := app1(t, j)
		tags, _, err := exif.GetFlatExifData(block, nil)
		require.NoError(t, err, p)
		var want metadata
		for _, tg := range tags {
			if tg.IfdPath != "IFD" {
				continue
			}
			s, _ := tg.Value.(string)
			switch tg.TagName {
			case "Make", "Model":
				want.camera = want.camera || strings.TrimSpace(s) != ""
			case "Software":
				want.editor = editorIn(s)
			}
		}
		var got metadata
		readEXIF(&got, block)
		assert.Equal(t, want, got, p)
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
