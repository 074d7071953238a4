// Package render draws machine-readable zones in the OCR-B font into
// document-like images, for the tests and the evaluation of the zone reader,
// and rasterizes the glyphs the reader's templates are generated from.
//
// The font is OCR-B Sharp (OCRBS.otf) of Debian's fonts-ocr-b package,
// embedded here; see the NOTICE file of package mrzread for its licence. The
// regular OCRB.otf uses a CFF operator (flex1) that golang.org/x/image/font/sfnt
// does not read, in '8' and '<'; the sharp cut has the same outlines with
// square stroke ends.
//
// Typical use:
//
//	img := render.Zone([]string{line1, line2}, render.Options{DPI: 300, Rotation: 90 + 3})
package render

import (
	_ "embed" // the font
	"errors"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

//go:embed OCRBS.otf
var fontData []byte

// FontData returns the embedded font file (OCRBS.otf of fonts-ocr-b).
func FontData() []byte { return fontData }

// The font's metrics in font units (1000 per em): every glyph advances
// Advance units; capital letters and digits stand CapHeight units above the
// baseline.
const (
	Advance   = 723
	CapHeight = 713
)

// Font is a parsed OCR-B font.
type Font struct {
	f   *sfnt.Font
	buf sfnt.Buffer
	mu  sync.Mutex
}

// ParseFont parses an OpenType font file (OCRBS.otf, say).
func ParseFont(data []byte) (*Font, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	return &Font{f: f}, nil
}

var embedded = sync.OnceValues(func() (*Font, error) { return ParseFont(fontData) })

// Embedded returns the embedded font, parsed once.
func Embedded() *Font {
	f, err := embedded()
	if err != nil {
		panic("render: embedded font: " + err.Error()) // the embedded file is fixed
	}
	return f
}

// Glyph adds the outline of ch to z, with the origin of its advance at
// (x, baseline) and font units scaled by sx horizontally and sy vertically
// (pixels per unit). Rotation by theta radians clockwise about (cx, cy) is
// applied after scaling.
func (f *Font) Glyph(z *vector.Rasterizer, ch rune, x, baseline, sx, sy float64, theta, cx, cy float64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	idx, err := f.f.GlyphIndex(&f.buf, ch)
	if err != nil {
		return err
	}
	if idx == 0 {
		return errors.New("render: no glyph for " + string(ch))
	}
	segs, err := f.f.LoadGlyph(&f.buf, idx, fixed.I(int(f.f.UnitsPerEm())), nil)
	if err != nil {
		return err
	}
	sin, cos := math.Sincos(theta)
	pt := func(p fixed.Point26_6) (float32, float32) {
		px := x + float64(p.X)/64*sx
		py := baseline + float64(p.Y)/64*sy
		dx, dy := px-cx, py-cy
		return float32(cx + dx*cos - dy*sin), float32(cy + dx*sin + dy*cos)
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			z.MoveTo(pt(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			z.LineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			z.QuadTo(ax, ay, bx, by)
		case sfnt.SegmentOpCubeTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			cx2, cy2 := pt(s.Args[2])
			z.CubeTo(ax, ay, bx, by, cx2, cy2)
		}
	}
	z.ClosePath()
	return nil
}

// Cell rasterizes ch into a w×h coverage mask (row-major, 0–255): the
// glyph's advance spans the cell's width and its cap height spans rows top
// to base (fractional pixel edges).
func (f *Font) Cell(ch rune, w, h int, top, base float64) ([]uint8, error) {
	z := vector.NewRasterizer(w, h)
	sx := float64(w) / Advance
	sy := (base - top) / CapHeight
	if err := f.Glyph(z, ch, 0, base, sx, sy, 0, 0, 0); err != nil {
		return nil, err
	}
	a := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(a, a.Bounds(), image.Opaque, image.Point{})
	return a.Pix, nil
}

// Options set how [Zone] draws. The zero value draws at 300 dpi, upright.
type Options struct {
	// DPI is the resolution: the zone's pitch is 10 characters per inch.
	// Default 300.
	DPI float64
	// Rotation turns the document clockwise, in degrees: 90 + 3 is a quarter
	// turn and a skew of 3°.
	Rotation float64
	// Margin is the border of table around the document, in millimetres.
	// Default 8; negative means none.
	Margin float64
	// Plain leaves out the visual zone (the photo box and the printed
	// fields above the zone), drawing the zone alone on the document.
	Plain bool
	// Paper, Ink and Table are the colours of the document, the characters
	// and the border; zero values give cream paper, near-black ink and a
	// dark gray table.
	Paper, Ink, Table color.RGBA
}

const mm = 1 / 25.4 // inches per millimetre

// Size returns the document size in millimetres for a zone of lines of n
// characters: TD1 85.6×54, TD2 and MRV-B 105×74, TD3 and MRV-A 125×88.
func Size(n int) (w, h float64) {
	switch {
	case n <= 30:
		return 85.6, 54
	case n <= 36:
		return 105, 74
	}
	return 125, 88
}

// Zone draws a document carrying the zone lines (any layout; the text is
// drawn as given, in OCR-B at 10 characters per inch, lines 4.23 mm apart,
// the last baseline 4 mm above the bottom edge) and returns the image. It
// panics only on lines holding characters the font lacks.
func Zone(lines []string, o Options) *image.RGBA {
	if o.DPI <= 0 {
		o.DPI = 300
	}
	if o.Margin == 0 {
		o.Margin = 8
	}
	o.Margin = max(o.Margin, 0)
	if o.Paper == (color.RGBA{}) {
		o.Paper = color.RGBA{240, 234, 218, 255}
	}
	if o.Ink == (color.RGBA{}) {
		o.Ink = color.RGBA{22, 22, 30, 255}
	}
	if o.Table == (color.RGBA{}) {
		o.Table = color.RGBA{70, 72, 80, 255}
	}
	n := 0
	for _, l := range lines {
		n = max(n, len(l))
	}
	px := func(v float64) float64 { return v * mm * o.DPI }
	dw, dh := Size(n)
	theta := o.Rotation * math.Pi / 180
	sin, cos := math.Sincos(theta)
	// Canvas: the rotated document's bounding box plus the margin.
	W, H := px(dw), px(dh)
	bw := math.Abs(W*cos) + math.Abs(H*sin)
	bh := math.Abs(W*sin) + math.Abs(H*cos)
	m := px(o.Margin)
	cw, ch := int(math.Ceil(bw+2*m)), int(math.Ceil(bh+2*m))
	cx, cy := float64(cw)/2, float64(ch)/2
	// The document's top-left corner when its centre is the canvas centre,
	// before rotation.
	ox, oy := cx-W/2, cy-H/2
	img := image.NewRGBA(image.Rect(0, 0, cw, ch))
	draw.Draw(img, img.Bounds(), image.NewUniform(o.Table), image.Point{}, draw.Src)

	z := vector.NewRasterizer(cw, ch)
	rect := func(x0, y0, x1, y1 float64) {
		pts := [4][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
		for i, p := range pts {
			dx, dy := ox+p[0]-cx, oy+p[1]-cy
			X, Y := float32(cx+dx*cos-dy*sin), float32(cy+dx*sin+dy*cos)
			if i == 0 {
				z.MoveTo(X, Y)
			} else {
				z.LineTo(X, Y)
			}
		}
		z.ClosePath()
	}
	fill := func(c color.RGBA) {
		z.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
		z.Reset(cw, ch)
	}
	rect(0, 0, W, H)
	fill(o.Paper)
	f := Embedded()
	pitch := px(2.54)
	s := pitch / Advance
	text := func(str string, x, base, scale float64) {
		for i, r := range str {
			if r == ' ' {
				continue
			}
			if err := f.Glyph(z, r, ox+x+float64(i)*pitch*scale, oy+base, s*scale, s*scale, theta, cx, cy); err != nil {
				panic(err)
			}
		}
	}
	if !o.Plain {
		// A photo box and the printed fields of a visual zone.
		rect(px(5), px(10), px(5+dw*0.26), px(10+dh*0.45))
		fill(color.RGBA{150, 140, 135, 255})
		text("PASSPORT  UTOPIA", px(5), px(6.5), 1.1)
		for i, l := range []string{"SURNAME", "ERIKSSON", "GIVEN NAMES", "ANNA MARIA", "DATE OF BIRTH  12 AUG 1974"} {
			text(l, px(8+dw*0.26), px(13+float64(i)*4.5), 0.8)
		}
		fill(color.RGBA{60, 50, 70, 255})
	}
	left := (dw - float64(n)*2.54) / 2
	for i, l := range lines {
		base := dh - 4 - float64(len(lines)-1-i)*4.23
		text(l, px(left), px(base), 1)
	}
	fill(o.Ink)
	return img
}
