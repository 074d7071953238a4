package mrzread

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // the external photos
	_ "image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "golang.org/x/image/bmp"

	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// TestNoZonePhotos reads the photos and scans of the evidence test data,
// none of which carries a zone.
func TestNoZonePhotos(t *testing.T) {
	r := newReader(t)
	var files []string
	for _, pat := range []string{"*.jpg", "*.jpeg", "*.png", "*.bmp"} {
		m, _ := filepath.Glob(filepath.Join("..", "evidence", "testdata", "external", "*", pat))
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d external images", len(files))
	}
	read := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		img, _, err := image.Decode(f)
		f.Close()
		if err != nil {
			continue // truncated and odd files are the evidence checks' business
		}
		read++
		z, err := r.Read(context.Background(), img)
		if z != nil || !errors.Is(err, ErrNoZone) {
			t.Errorf("%s: got %v, %v; want ErrNoZone", name, z, err)
		}
	}
	if read < 10 {
		t.Fatalf("decoded %d external images", read)
	}
}

// TestNoZoneSynthetic reads noise, flat images, extreme shapes and a page
// of fixed-pitch text that is not a zone.
func TestNoZoneSynthetic(t *testing.T) {
	r := newReader(t)
	rng := rand.New(rand.NewPCG(1, 2))
	noise := image.NewGray(image.Rect(0, 0, 800, 600))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(rng.IntN(256))
	}
	flat := image.NewRGBA(image.Rect(0, 0, 640, 480))
	draw.Draw(flat, flat.Bounds(), image.NewUniform(color.RGBA{200, 190, 180, 255}), image.Point{}, draw.Src)
	// A page of random fixed-pitch OCR-B text: lines of 44 characters that
	// fail every check digit and field pattern.
	var page []string
	for range 2 {
		page = append(page, strings.Map(func(rune) rune { return rune("ABCDEFGHIJKLMNOPQRSTUVWXYZ "[rng.IntN(27)]) }, strings.Repeat(".", 44)))
	}
	cases := map[string]image.Image{
		"noise":                 noise,
		"flat":                  flat,
		"1×4000":                image.NewGray(image.Rect(0, 0, 1, 4000)),
		"4000×1":                image.NewGray(image.Rect(0, 0, 4000, 1)),
		"tiny":                  image.NewGray(image.Rect(0, 0, 3, 3)),
		"empty":                 image.NewGray(image.Rect(0, 0, 0, 0)),
		"stripes":               stripes(900, 700),
		"text page":             render.Zone(page, render.Options{DPI: 250}),
		"document without zone": render.Zone(nil, render.Options{DPI: 250}),
	}
	for name, img := range cases {
		z, err := r.Read(context.Background(), img)
		if z != nil || (!errors.Is(err, ErrNoZone) && !errors.Is(err, ErrUnreadable)) {
			t.Errorf("%s: got %v, %v; want no zone", name, z, err)
		}
		if name != "text page" && !errors.Is(err, ErrNoZone) {
			t.Errorf("%s: got %v; want ErrNoZone", name, err)
		}
	}
}

// stripes draws black bars at a text-like pitch.
func stripes(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		x, y := i%w, i/w
		g.Pix[i] = 230
		if x%14 < 3 && y%40 < 20 {
			g.Pix[i] = 20
		}
	}
	return g
}

// TestDamagedZones alters valid zones (a character changed so that a check
// digit fails, or cells blotted out) and requires that no zone other than
// the printed one is ever returned.
func TestDamagedZones(t *testing.T) {
	r := newReader(t)
	rng := rand.New(rand.NewPCG(3, 4))
	n := 40
	if testing.Short() || raceEnabled {
		n = 5
	}
	wrong, unreadable := 0, 0
	layouts := []mrz.Format{mrz.TD1, mrz.TD2, mrz.TD3, mrz.MRVA, mrz.MRVB}
	for i := range n {
		lines := render.RandomZone(rng, layouts[i%len(layouts)])
		// Change one character of the second line to another of its kind.
		l := []byte(lines[1])
		p := rng.IntN(len(l))
		switch c := l[p]; {
		case c >= '0' && c <= '9':
			l[p] = '0' + (c-'0'+1+byte(rng.IntN(9)))%10
		case c == '<':
			l[p] = 'A' + byte(rng.IntN(26))
		default:
			l[p] = '<'
		}
		damaged := append([]string{lines[0], string(l)}, lines[2:]...)
		img := render.Zone(damaged, render.Options{DPI: 150, Rotation: float64(rng.IntN(4) * 90)})
		z, err := r.Read(context.Background(), img)
		if z != nil {
			if m, perr := mrz.Parse(strings.Join(damaged, "\n"), clock.Today()); perr != nil || !m.Valid() || z.Text() != strings.Join(damaged, "\n") {
				wrong++
				t.Errorf("damaged zone %q read as %q", damaged, z.Lines)
			}
			continue
		}
		if errors.Is(err, ErrUnreadable) {
			unreadable++
		}
	}
	t.Logf("%d damaged zones: %d unreadable, %d wrong", n, unreadable, wrong)
}
