package mrzread

import (
	"context"
	"errors"
	"image"
	"math/rand/v2"
	"testing"

	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// FuzzRead reads hostile images: raw pixel data of any shape (1×N, N×1,
// extreme aspect ratios) scaled up by an integer factor, and rendered zones
// with pixels overwritten by the input. Read must never panic and must
// return either a coded error or a zone whose check digits pass.
func FuzzRead(f *testing.F) {
	f.Add(byte(0), byte(1), byte(1), []byte{0})
	f.Add(byte(0), byte(200), byte(3), []byte("\x00\xff\x00\xff\x10\x80"))
	f.Add(byte(0), byte(1), byte(255), make([]byte, 300))
	f.Add(byte(1), byte(2), byte(0), []byte("zone"))
	f.Add(byte(1), byte(93), byte(7), []byte("\xff\xff\xff\xff\x00\x00"))
	r, err := New(Options{Clock: clock})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, mode, a, b byte, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		var img image.Image
		if mode%2 == 0 {
			// Raw pixels, a+1 wide, scaled up b%16+1 times (at most 1 MP).
			w := int(a) + 1
			h := max(len(data)/w, 1)
			s := int(b%16) + 1
			for s > 1 && w*h*s*s > 1<<20 {
				s--
			}
			g := image.NewGray(image.Rect(0, 0, w*s, h*s))
			for y := range h * s {
				for x := range w * s {
					if i := (y/s)*w + x/s; i < len(data) {
						g.Pix[y*g.Stride+x] = data[i]
					}
				}
			}
			img = g
		} else {
			// A zone drawn at 60–123 dpi, turned a degrees, with the input
			// written over its pixels from an offset set by b.
			rng := rand.New(rand.NewPCG(uint64(a), uint64(b)))
			layouts := []mrz.Format{mrz.TD1, mrz.TD2, mrz.TD3, mrz.MRVA, mrz.MRVB}
			z := render.Zone(render.RandomZone(rng, layouts[int(a)%5]),
				render.Options{DPI: 60 + float64(b)/4, Rotation: float64(a) * 360 / 256})
			off := int(b) * len(z.Pix) / 256
			for i, v := range data {
				z.Pix[(off+i*97)%len(z.Pix)] = v
			}
			img = z
		}
		zone, err := r.Read(context.Background(), img)
		if err != nil {
			var e *Error
			if zone != nil || !errors.As(err, &e) || (e.Code != CodeNoZone && e.Code != CodeUnreadable) {
				t.Fatalf("Read = %v, %v; want a coded error", zone, err)
			}
			return
		}
		if zone.MRZ == nil || !zone.MRZ.Valid() || len(zone.Lines) != len(zone.Confidence) {
			t.Fatalf("Read returned an invalid zone %q", zone.Lines)
		}
	})
}
