package authntest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
)

// drawCard draws a card-like picture: a tinted background, a photo box and
// lines of dark "text", so it is sharp, in colour and neither too dark nor
// too bright.
func drawCard(w, h int, seed uint64, tint color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g := uint8(16 * x / w)
			img.SetNRGBA(x, y, color.NRGBA{tint.R - g, tint.G - g/2, tint.B, 255})
		}
	}
	fill := func(x0, y0, x1, y1 int, c color.NRGBA) {
		for y := max(y0, 0); y < min(y1, h); y++ {
			for x := max(x0, 0); x < min(x1, w); x++ {
				img.SetNRGBA(x, y, c)
			}
		}
	}
	// Photo box.
	fill(w/20, h/6, w/20+w/4, h/6+h/2, color.NRGBA{120, 96, 80, 255})
	fill(w/20+w/16, h/6+h/12, w/20+w/4-w/16, h/6+h/4, color.NRGBA{200, 160, 130, 255})
	// Text lines of random word lengths.
	lineH := max(h/24, 6)
	for y := h / 6; y+lineH < h-h/10; y += 2 * lineH {
		for x := w/20 + w/4 + w/20; x < w-w/20; {
			word := (2 + r.IntN(8)) * lineH / 2
			fill(x, y, min(x+word, w-w/20), y+lineH, color.NRGBA{30, 30, 40, 255})
			x += word + lineH/2
		}
	}
	return img
}

func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil // encoding to memory cannot fail for an NRGBA image
	}
	return b.Bytes()
}

// CertificatePNG returns a 1000×640 PNG picture of a card, different for
// each seed, that passes the evidence rules for the certificate role.
func CertificatePNG(seed uint64) []byte {
	return encodePNG(drawCard(1000, 640, seed, color.NRGBA{214, 226, 240, 255}))
}

// HandheldPNG returns a 720×960 PNG picture, different for each seed, that
// passes the evidence rules for the handheld role (a person cannot be drawn;
// a reviewer still looks at real photos).
func HandheldPNG(seed uint64) []byte {
	img := drawCard(720, 960, seed, color.NRGBA{236, 214, 190, 255})
	return encodePNG(img)
}
