package mrzread

import (
	"bytes"
	"os"
	"testing"

	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// installedFont is where Debian's fonts-ocr-b installs the font the
// templates are rendered from.
const installedFont = "/usr/share/fonts/opentype/ocr-b/OCRBS.otf"

// TestTemplatesMatchInstalledFont renders the table from the installed font
// and compares it with the embedded one; it skips when the font is absent,
// except on CI.
func TestTemplatesMatchInstalledFont(t *testing.T) {
	data, err := os.ReadFile(installedFont)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("fonts-ocr-b is not installed on CI: %v", err)
		}
		t.Skipf("fonts-ocr-b not installed: %v", err)
	}
	if !bytes.Equal(data, render.FontData()) {
		t.Error("internal/render/OCRBS.otf differs from the installed font")
	}
	f, err := render.ParseFont(data)
	if err != nil {
		t.Fatal(err)
	}
	compareTemplates(t, f)
}

// TestTemplatesMatchEmbeddedFont regenerates the table from the embedded
// copy of the font.
func TestTemplatesMatchEmbeddedFont(t *testing.T) {
	compareTemplates(t, render.Embedded())
}

func compareTemplates(t *testing.T, f *render.Font) {
	t.Helper()
	got, err := render.Templates(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(templateData) {
		t.Fatalf("generated %d bytes, embedded %d: run go generate", len(got), len(templateData))
	}
	// Rasterizers may round differently across architectures: allow two
	// levels of 255 in any pixel.
	for i := range got {
		if d := int(got[i]) - int(templateData[i]); d > 2 || d < -2 {
			t.Fatalf("byte %d: generated %d, embedded %d: run go generate", i, got[i], templateData[i])
		}
	}
}

// TestTemplatesDiscriminate checks that every character matches itself
// best and no other character almost as well.
func TestTemplatesDiscriminate(t *testing.T) {
	ts := loadTemplates()
	worst, wa, wb := float32(0), 0, 0
	for a := range nchars {
		if s := dot(&ts.v[a][0], &ts.v[a][0]); s < 0.999 || s > 1.001 {
			t.Errorf("%c: self-correlation %.4f", render.Charset[a], s)
		}
		for b := range nchars {
			if a == b {
				continue
			}
			if s := dot(&ts.v[a][0], &ts.v[b][0]); s > worst {
				worst, wa, wb = s, a, b
			}
		}
	}
	t.Logf("closest pair %c/%c: %.3f", render.Charset[wa], render.Charset[wb], worst)
	if worst > 0.95 {
		t.Errorf("%c and %c correlate at %.3f", render.Charset[wa], render.Charset[wb], worst)
	}
}

func TestCharIndex(t *testing.T) {
	for i := range nchars {
		if got := charIndex(render.Charset[i]); got != i {
			t.Errorf("charIndex(%c) = %d, want %d", render.Charset[i], got, i)
		}
	}
	if charIndex('a') != -1 || charIndex(' ') != -1 {
		t.Error("charIndex accepts characters outside the charset")
	}
}
