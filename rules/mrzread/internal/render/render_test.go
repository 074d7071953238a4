package render

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
)

func TestRandomZoneValid(t *testing.T) {
	today := certificate.Clock{Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }}.Today()
	rng := rand.New(rand.NewPCG(1, 1))
	for _, f := range []mrz.Format{mrz.TD1, mrz.TD2, mrz.TD3, mrz.MRVA, mrz.MRVB} {
		for range 200 {
			lines := RandomZone(rng, f)
			m, err := mrz.Parse(strings.Join(lines, "\n"), today)
			if err != nil || !m.Valid() || m.Format != f {
				t.Fatalf("%v: %q: %v, valid %v, format %v", f, lines, err, m.Valid(), m.Format)
			}
		}
	}
}

func TestZoneGeometry(t *testing.T) {
	lines := []string{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"}
	up := Zone(lines, Options{DPI: 254, Plain: true})
	// 125 + 2·8 mm at 10 pixels per millimetre.
	if b := up.Bounds(); b.Dx() != 1410 || b.Dy() != 1040 {
		t.Errorf("upright size %v, want 1410×1040", b.Size())
	}
	side := Zone(lines, Options{DPI: 254, Rotation: 90, Plain: true})
	if b := side.Bounds(); b.Dx() != 1040 || b.Dy() != 1410 {
		t.Errorf("turned size %v, want 1040×1410", b.Size())
	}
	// Ink lies only in the bottom 15 mm of the plain document.
	dark := func(y0, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := 80; x < 1330; x++ {
				if up.RGBAAt(x, y).R < 100 {
					n++
				}
			}
		}
		return n
	}
	if top, bottom := dark(80, 80+730), dark(80+730, 80+880); top != 0 || bottom < 5000 {
		t.Errorf("ink above the zone %d, in it %d", top, bottom)
	}
}

func TestCell(t *testing.T) {
	f := Embedded()
	for _, ch := range Charset {
		m, err := f.Cell(ch, 32, 40, 4, 36)
		if err != nil {
			t.Fatalf("%c: %v", ch, err)
		}
		n := 0
		for _, v := range m {
			if v > 128 {
				n++
			}
		}
		if n < 40 || n > 32*40/2 {
			t.Errorf("%c covers %d of %d pixels", ch, n, len(m))
		}
	}
	if _, err := f.Cell('€', 16, 20, 2, 18); err == nil {
		t.Error("a glyph outside the font rendered")
	}
}

// A TD1 card at 150 dpi, turned a quarter clockwise and skewed by 3°.
func ExampleZone() {
	img := Zone([]string{
		"I<UTOD231458907<<<<<<<<<<<<<<<",
		"7408122F1204159UTO<<<<<<<<<<<6",
		"ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
	}, Options{DPI: 150, Rotation: 93})
	fmt.Println(img.Bounds().Dx() < img.Bounds().Dy())
	// Output: true
}
