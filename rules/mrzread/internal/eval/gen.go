package eval

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"strings"

	"golang.org/x/image/vector"

	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// Layouts are the five layouts of the evaluation, in table order.
var Layouts = []mrz.Format{mrz.TD1, mrz.TD2, mrz.TD3, mrz.MRVA, mrz.MRVB}

// Tier is a degradation tier.
type Tier int

// The tiers: Clean is the rendered image as it is (a lossless scan);
// Moderate blurs slightly, adds uneven light and noise and saves as JPEG of
// quality 70–85; Hard blurs more, adds a glare band and stronger noise and
// saves as JPEG of quality 50.
const (
	Clean Tier = iota
	Moderate
	Hard
)

// Tiers lists the tiers in table order.
var Tiers = []Tier{Clean, Moderate, Hard}

func (t Tier) String() string {
	switch t {
	case Clean:
		return "clean"
	case Moderate:
		return "moderate"
	case Hard:
		return "hard"
	}
	return "tier?"
}

// Kind tells what a sample holds.
type Kind int

// The kinds of samples.
const (
	// KindZone is a document with an intact zone: the reader should read
	// Lines exactly.
	KindZone Kind = iota
	// KindDamaged is a document whose zone has characters scratched out: the
	// reader may read Lines (the zone before damage) or refuse, but any
	// other zone is a false accept.
	KindDamaged
	// KindNoZone is an image with no zone: any zone read is a false accept.
	KindNoZone
)

// Sample is one image of the evaluation set.
type Sample struct {
	Name   string
	Kind   Kind
	Layout mrz.Format // zero for KindNoZone
	Tier   Tier
	// DPI is the resolution the document was rendered at; Rotation is how
	// far it is turned clockwise, in degrees.
	DPI, Rotation float64
	// Lines is the true zone (for KindDamaged, before the damage).
	Lines []string
	// Scratched counts the characters scratched out (KindDamaged).
	Scratched int
	// Image is what the reader is given: decoded, as from a file.
	Image image.Image

	// box is the zone's box on the upright canvas, in pixels; toImage maps
	// a point of the upright canvas into Image.
	box     [4]float64
	toImage func(x, y float64) (float64, float64)
}

// Text returns the true zone as mrz.Parse reads it.
func (s *Sample) Text() string { return strings.Join(s.Lines, "\n") }

// rng returns the generator of one sample: every sample is drawn from its
// own stream, so a sample does not depend on which others were drawn.
func rng(seed uint64, kind Kind, layout mrz.Format, tier Tier, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, uint64(kind)<<48|uint64(layout)<<40|uint64(tier)<<32|uint64(i)))
}

// ZoneSample renders sample i of layout and tier: a random valid zone in a
// document-like image at 150–600 dpi, turned by a quarter turn and up to
// ±5°, then degraded by the tier.
func ZoneSample(seed uint64, layout mrz.Format, tier Tier, i int) *Sample {
	return zoneSample(seed, layout, tier, i, MaxDPI)
}

// The resolutions of the set: documents are rendered at MinDPI to MaxDPI.
const (
	MinDPI = 150
	MaxDPI = 600
)

// zoneSample is ZoneSample with the resolution drawn up to maxDPI.
func zoneSample(seed uint64, layout mrz.Format, tier Tier, i int, maxDPI float64) *Sample {
	r := rng(seed, KindZone, layout, tier, i)
	s := &Sample{Kind: KindZone, Layout: layout, Tier: tier, Lines: render.RandomZone(r, layout)}
	s.DPI = MinDPI + r.Float64()*(maxDPI-MinDPI)
	s.Rotation = float64(r.IntN(4)*90) + (r.Float64()*10 - 5)
	s.compose(r, 0)
	return s
}

// DamagedSample renders sample i of a zone of layout with 1–8 characters
// scratched out (ink strokes or erasures), in the moderate tier.
func DamagedSample(seed uint64, layout mrz.Format, i int) *Sample {
	return damagedSample(seed, layout, i, MaxDPI)
}

func damagedSample(seed uint64, layout mrz.Format, i int, maxDPI float64) *Sample {
	r := rng(seed, KindDamaged, layout, Moderate, i)
	s := &Sample{Kind: KindDamaged, Layout: layout, Tier: Moderate, Lines: render.RandomZone(r, layout)}
	s.DPI = MinDPI + r.Float64()*(maxDPI-MinDPI)
	s.Rotation = float64(r.IntN(4)*90) + (r.Float64()*10 - 5)
	s.compose(r, 1+r.IntN(8))
	return s
}

const mm = 1 / 25.4

// Zone geometry of package render: 10 characters per inch, lines 4.23 mm
// apart, the last baseline 4 mm above the bottom edge, the zone centred.
const (
	pitchMM   = 2.54
	lineMM    = 4.23
	bottomMM  = 4.0
	capMM     = pitchMM * render.CapHeight / render.Advance
	boxPadMM  = 1.6
	photoX0MM = 5
	photoY0MM = 10
)

// compose draws the document of s on its background, scratches out
// scratch characters of the zone, turns it and degrades it.
func (s *Sample) compose(r *rand.Rand, scratch int) {
	dpi := s.DPI
	px := func(v float64) float64 { return v * mm * dpi }
	n := len(s.Lines[0])
	dw, dh := render.Size(n)
	paper := color.RGBA{uint8(225 + r.IntN(25)), uint8(222 + r.IntN(25)), uint8(205 + r.IntN(40)), 255}
	doc := render.Zone(s.Lines, render.Options{DPI: dpi, Margin: -1, Paper: paper,
		Ink: color.RGBA{uint8(10 + r.IntN(30)), uint8(10 + r.IntN(30)), uint8(15 + r.IntN(35)), 255}})
	W, H := doc.Bounds().Dx(), doc.Bounds().Dy()
	pattern(doc, r, px(dh-bottomMM-float64(len(s.Lines))*lineMM-1))
	photo(doc, r, image.Rect(int(px(photoX0MM)), int(px(photoY0MM)), int(px(photoX0MM+dw*0.26)), int(px(photoY0MM+dh*0.45))))

	// The background: a passport's facing page above TD3 and MRV-A pages,
	// a desk or a scanned form around the others.
	margin := px(4 + r.Float64()*14)
	facing := 0.0
	if (s.Layout == mrz.TD3 || s.Layout == mrz.MRVA) && r.IntN(10) < 7 {
		facing = px(dh * (0.35 + 0.6*r.Float64()))
	}
	cw, ch := int(float64(W)+2*margin), int(float64(H)+2*margin+facing)
	canvas := image.NewRGBA(image.Rect(0, 0, cw, ch))
	scanner := r.IntN(2) == 0
	if scanner {
		draw.Draw(canvas, canvas.Bounds(), image.NewUniform(color.RGBA{250, 250, 248, 255}), image.Point{}, draw.Src)
	} else {
		desk(canvas, r)
	}
	ox, oy := int(margin), int(margin+facing)
	if facing > 0 {
		page := image.Rect(ox, int(margin), ox+W, oy)
		draw.Draw(canvas, page, image.NewUniform(paper), image.Point{}, draw.Src)
		printText(canvas, r, page, dpi, 0.5+0.3*r.Float64())
	} else if scanner {
		// A form around the copy: text above and below.
		printText(canvas, r, image.Rect(ox, 0, ox+W, oy), dpi, 0.55)
		printText(canvas, r, image.Rect(ox, oy+H, ox+W, ch), dpi, 0.55)
	}
	draw.Draw(canvas, image.Rect(ox, oy, ox+W, oy+H), doc, image.Point{}, draw.Src)

	left := px((dw - float64(n)*pitchMM) / 2)
	lastBase := px(dh - bottomMM)
	firstTop := lastBase - px(float64(len(s.Lines)-1)*lineMM+capMM)
	pad := px(boxPadMM)
	s.box = [4]float64{float64(ox) + left - pad, float64(oy) + firstTop - pad, float64(ox) + left + px(float64(n)*pitchMM) + pad, float64(oy) + lastBase + pad}
	if scratch > 0 {
		s.Scratched = scratchOut(canvas, r, scratch, s.Lines, float64(ox)+left, float64(oy)+lastBase, px, paper)
	}
	img, to := turn(canvas, s.Rotation)
	s.toImage = to
	s.Image = degrade(img, s.Tier, dpi, r)
}

// pattern multiplies the document by a faint guilloche of crossing sine
// waves, fainter below zoneTop (the zone's clear area).
func pattern(img *image.RGBA, r *rand.Rand, zoneTop float64) {
	b := img.Bounds()
	f1, f2 := 0.02+0.04*r.Float64(), 0.015+0.03*r.Float64()
	a1, a2 := 10+20*r.Float64(), 8+15*r.Float64()
	depth := 0.06 + 0.06*r.Float64()
	tint := [3]float64{0.7 + 0.3*r.Float64(), 0.7 + 0.3*r.Float64(), 0.7 + 0.3*r.Float64()}
	scale := float64(b.Dx()) / 1000
	for y := range b.Dy() {
		d := depth
		if float64(y) > zoneTop {
			d /= 4
		}
		row := img.Pix[y*img.Stride:]
		for x := range b.Dx() {
			X, Y := float64(x)/scale, float64(y)/scale
			w1 := fastSin(Y*f1*6+a1*fastSin(X*f1)) * fastSin(X*f2*5+a2*fastSin(Y*f2))
			m := 1 - d*(0.5+0.5*w1)
			for c := range 3 {
				k := 1 - (1-m)*tint[c]
				row[4*x+c] = uint8(float64(row[4*x+c]) * k)
			}
		}
	}
}

// photo paints a portrait-like block into rect: a graded background, a
// head, hair and shoulders, with grain.
func photo(img *image.RGBA, r *rand.Rand, rect image.Rectangle) {
	rect = rect.Intersect(img.Bounds())
	w, h := float64(rect.Dx()), float64(rect.Dy())
	bg := [3]float64{120 + 100*r.Float64(), 130 + 90*r.Float64(), 150 + 90*r.Float64()}
	skin := [3]float64{170 + 60*r.Float64(), 120 + 60*r.Float64(), 90 + 60*r.Float64()}
	hair := [3]float64{20 + 80*r.Float64(), 15 + 60*r.Float64(), 10 + 40*r.Float64()}
	cloth := [3]float64{20 + 120*r.Float64(), 20 + 120*r.Float64(), 20 + 120*r.Float64()}
	hx, hy := 0.5+0.05*(r.Float64()-0.5), 0.42
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		v := float64(y-rect.Min.Y) / h
		for x := rect.Min.X; x < rect.Max.X; x++ {
			u := float64(x-rect.Min.X) / w
			c := bg
			shade := 1 - 0.25*v
			dx, dy := (u-hx)/0.27, (v-hy)/0.3
			switch {
			case v > 0.78 && math.Abs(u-0.5) < 0.2+0.5*(v-0.78)*2.5:
				c, shade = cloth, 1
			case dx*dx+dy*dy < 1:
				c, shade = skin, 1-0.3*math.Abs(dx)
				if dy < -0.45 && dx*dx+(dy+0.2)*(dy+0.2) < 1 {
					c = hair
				}
				if math.Abs(math.Abs(dx)-0.38) < 0.09 && math.Abs(dy+0.05) < 0.05 {
					c, shade = hair, 0.6
				}
			case dx*dx+(dy+0.15)*(dy+0.15) < 1.15:
				c = hair
			}
			o := (y-img.Rect.Min.Y)*img.Stride + 4*(x-img.Rect.Min.X)
			g := r.NormFloat64() * 6
			for k := range 3 {
				img.Pix[o+k] = clamp(c[k]*shade + g)
			}
		}
	}
}

// desk fills img with a wooden or fabric-like desk: a gradient with grain.
func desk(img *image.RGBA, r *rand.Rand) {
	base := [3]float64{60 + 120*r.Float64(), 45 + 90*r.Float64(), 30 + 80*r.Float64()}
	f := 0.01 + 0.05*r.Float64()
	b := img.Bounds()
	for y := range b.Dy() {
		row := img.Pix[y*img.Stride:]
		for x := range b.Dx() {
			g := 12*math.Sin(float64(y)*f+3*math.Sin(float64(x)*f/7)) + 0.02*float64(x-y)
			for k := range 3 {
				row[4*x+k] = clamp(base[k] + g)
			}
			row[4*x+3] = 255
		}
	}
}

// printText prints lines of random words in OCR-B at scale (of the zone's
// 10 characters per inch) into rect, and a few ruled lines and bars of
// small print in another face.
func printText(img *image.RGBA, r *rand.Rand, rect image.Rectangle, dpi, scale float64) {
	rect = rect.Intersect(img.Bounds())
	if rect.Dx() < 20 || rect.Dy() < 20 {
		return
	}
	f := render.Embedded()
	pitch := 2.54 * mm * dpi * scale
	s := pitch / render.Advance
	lineH := pitch * 1.9
	z := vector.NewRasterizer(img.Bounds().Dx(), img.Bounds().Dy())
	x0 := float64(rect.Min.X) + pitch
	maxChars := int((float64(rect.Dx()) - 2*pitch) / pitch)
	ink := color.RGBA{uint8(20 + r.IntN(60)), uint8(20 + r.IntN(60)), uint8(40 + r.IntN(80)), 255}
	const words = "ABCDEFGHIJKLMNOPRSTUVWY0123456789"
	for base := float64(rect.Min.Y) + lineH; base < float64(rect.Max.Y)-pitch/2; base += lineH {
		switch r.IntN(5) {
		case 0: // a bar of small print in a proportional face
			x := x0
			for x < float64(rect.Max.X)-pitch*4 {
				wl := pitch * (0.5 + 2.5*r.Float64())
				rectPath(z, x, base-pitch*0.7, x+wl, base)
				x += wl + pitch*0.5
				if r.IntN(6) == 0 {
					break
				}
			}
			continue
		case 1: // a ruled line
			rectPath(z, x0, base-pitch*0.1, float64(rect.Max.X)-pitch, base)
			continue
		}
		var line []byte
		for len(line) < maxChars {
			wl := 2 + r.IntN(9)
			for range wl {
				line = append(line, words[r.IntN(len(words))])
			}
			line = append(line, ' ')
			if r.IntN(4) == 0 {
				break
			}
		}
		for i, c := range line[:min(len(line), maxChars)] {
			if c == ' ' {
				continue
			}
			_ = f.Glyph(z, rune(c), x0+float64(i)*pitch, base, s, s, 0, 0, 0)
		}
	}
	z.Draw(img, img.Bounds(), image.NewUniform(ink), image.Point{})
}

func rectPath(z *vector.Rasterizer, x0, y0, x1, y1 float64) {
	z.MoveTo(float32(x0), float32(y0))
	z.LineTo(float32(x1), float32(y0))
	z.LineTo(float32(x1), float32(y1))
	z.LineTo(float32(x0), float32(y1))
	z.ClosePath()
}

// scratchOut scratches out k distinct characters of the zone whose first
// character starts at left and whose last baseline is lastBase: an ink
// stroke across the cell, or an erasure in the paper colour. It returns
// how many characters it scratched.
func scratchOut(img *image.RGBA, r *rand.Rand, k int, lines []string, left, lastBase float64, px func(float64) float64, paper color.RGBA) int {
	n := len(lines[0])
	pitch, capH := px(pitchMM), px(capMM)
	seen := map[[2]int]bool{}
	b := img.Bounds()
	for len(seen) < k {
		cell := [2]int{r.IntN(len(lines)), r.IntN(n)}
		if seen[cell] {
			continue
		}
		seen[cell] = true
		x := left + float64(cell[1])*pitch
		base := lastBase - float64(len(lines)-1-cell[0])*px(lineMM)
		z := vector.NewRasterizer(b.Dx(), b.Dy())
		if r.IntN(2) == 0 {
			// An ink stroke, corner to corner, a third of the pitch wide.
			t := pitch / 6
			z.MoveTo(float32(x-t), float32(base-capH))
			z.LineTo(float32(x+t), float32(base-capH-t))
			z.LineTo(float32(x+pitch+t), float32(base+t))
			z.LineTo(float32(x+pitch-t), float32(base+2*t))
			z.ClosePath()
			z.Draw(img, b, image.NewUniform(color.RGBA{30, 30, 40, 255}), image.Point{})
		} else {
			rectPath(z, x+pitch*0.05, base-capH*1.05, x+pitch*0.95, base+capH*0.1)
			z.Draw(img, b, image.NewUniform(paper), image.Point{})
		}
	}
	return len(seen)
}

func clamp(v float64) uint8 { return uint8(min(max(v+0.5, 0), 255)) }

// sinTable samples a period of the sine 4096 times, for fastSin.
var sinTable = func() (t [4096]float64) {
	for i := range t {
		t[i] = math.Sin(float64(i) * 2 * math.Pi / 4096)
	}
	return t
}()

// fastSin is the sine to within 0.002, by table.
func fastSin(x float64) float64 {
	i := int(x * (4096 / (2 * math.Pi)))
	return sinTable[i&4095]
}
