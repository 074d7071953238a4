package mrzread

import (
	"image"
	"image/color"
)

// gray is an 8-bit grayscale raster. Rows are w pixels apart in pix unless
// stride is set (a view into an image's luma plane).
type gray struct {
	w, h   int
	pix    []uint8
	stride int
}

// rowStride returns the distance between rows in pix.
func (g *gray) rowStride() int {
	if g.stride != 0 {
		return g.stride
	}
	return g.w
}

// source reads the luma of an image quickly for the common concrete types.
type source struct {
	img    image.Image
	r      image.Rectangle
	kind   int
	pix    []uint8
	stride int
}

const (
	kindGeneric = iota
	kindY       // *image.YCbCr and *image.Gray: one byte of luma
	kindRGBA    // *image.RGBA and *image.NRGBA
)

func newSource(img image.Image) *source {
	s := &source{img: img, r: img.Bounds()}
	switch m := img.(type) {
	case *image.YCbCr:
		s.kind, s.pix, s.stride = kindY, m.Y, m.YStride
	case *image.Gray:
		s.kind, s.pix, s.stride = kindY, m.Pix, m.Stride
	case *image.RGBA:
		s.kind, s.pix, s.stride = kindRGBA, m.Pix, m.Stride
	case *image.NRGBA:
		s.kind, s.pix, s.stride = kindRGBA, m.Pix, m.Stride
	}
	return s
}

// at returns the luma at (x, y) relative to the bounds' origin, clamped to
// the image.
func (s *source) at(x, y int) uint8 {
	x = min(max(x, 0), s.r.Dx()-1)
	y = min(max(y, 0), s.r.Dy()-1)
	switch s.kind {
	case kindY:
		return s.pix[y*s.stride+x]
	case kindRGBA:
		p := s.pix[y*s.stride+4*x:][:3]
		return uint8((19595*uint32(p[0]) + 38470*uint32(p[1]) + 7471*uint32(p[2]) + 1<<15) >> 16)
	}
	return color.GrayModel.Convert(s.img.At(s.r.Min.X+x, s.r.Min.Y+y)).(color.Gray).Y
}

// reduce returns the image shrunk by the integer factor f, averaging f×f
// blocks (a 2×2 sample of each block for images without a fast path).
func (s *source) reduce(f int) gray {
	w, h := s.r.Dx()/f, s.r.Dy()/f
	g := gray{w: w, h: h, pix: make([]uint8, w*h)}
	switch s.kind {
	case kindY:
		// Blocks of 4×4 and more are sampled on every other row and column:
		// enough to find text lines, at a quarter of the reads.
		step := 1
		if f >= 4 {
			step = 2
		}
		n := uint32((f + step - 1) / step * ((f + step - 1) / step))
		row := make([]uint32, w)
		for y := range h {
			clear(row)
			for yy := y*f + step/2; yy < y*f+f; yy += step {
				line := s.pix[yy*s.stride:][: w*f : w*f]
				if step == 2 {
					for x := range w {
						var sum uint32
						for i := x*f + 1; i < x*f+f; i += 2 {
							sum += uint32(line[i])
						}
						row[x] += sum
					}
					continue
				}
				for x := range w {
					var sum uint32
					for _, v := range line[x*f : x*f+f] {
						sum += uint32(v)
					}
					row[x] += sum
				}
			}
			for x, v := range row {
				g.pix[y*w+x] = uint8((v + n/2) / n)
			}
		}
	case kindRGBA:
		n := uint32(f * f)
		row := make([]uint32, w)
		for y := range h {
			clear(row)
			for yy := y * f; yy < y*f+f; yy++ {
				line := s.pix[yy*s.stride:][: 4*w*f : 4*w*f]
				for x := range w {
					var sum uint32
					for i := 4 * x * f; i < 4*(x*f+f); i += 4 {
						p := line[i : i+3 : i+3]
						sum += (19595*uint32(p[0]) + 38470*uint32(p[1]) + 7471*uint32(p[2]) + 1<<15) >> 16
					}
					row[x] += sum
				}
			}
			for x, v := range row {
				g.pix[y*w+x] = uint8((v + n/2) / n)
			}
		}
	default:
		step := max(f/2, 1)
		for y := range h {
			for x := range w {
				var sum, n int
				for yy := y*f + step/2; yy < y*f+f; yy += step {
					for xx := x*f + step/2; xx < x*f+f; xx += step {
						sum += int(s.at(xx, yy))
						n++
					}
				}
				g.pix[y*w+x] = uint8((sum + n/2) / n)
			}
		}
	}
	return g
}

// crop returns the luma of r (relative to the bounds' origin, clipped to
// the image) and r's clipped origin.
func (s *source) crop(r image.Rectangle) (gray, image.Point) {
	r = r.Intersect(image.Rect(0, 0, s.r.Dx(), s.r.Dy()))
	if r.Empty() {
		return gray{}, r.Min
	}
	if s.kind == kindY {
		// A view of the luma plane: no copy.
		off := r.Min.Y*s.stride + r.Min.X
		return gray{w: r.Dx(), h: r.Dy(), stride: s.stride, pix: s.pix[off : off+(r.Dy()-1)*s.stride+r.Dx()]}, r.Min
	}
	g := gray{w: r.Dx(), h: r.Dy(), pix: make([]uint8, r.Dx()*r.Dy())}
	for y := range g.h {
		dst := g.pix[y*g.w : y*g.w+g.w]
		sy := r.Min.Y + y
		switch s.kind {
		case kindY:
			copy(dst, s.pix[sy*s.stride+r.Min.X:])
		case kindRGBA:
			line := s.pix[sy*s.stride+4*r.Min.X:]
			for x := range dst {
				p := line[4*x : 4*x+3 : 4*x+3]
				dst[x] = uint8((19595*uint32(p[0]) + 38470*uint32(p[1]) + 7471*uint32(p[2]) + 1<<15) >> 16)
			}
		default:
			for x := range dst {
				dst[x] = s.at(r.Min.X+x, sy)
			}
		}
	}
	return g, r.Min
}

func floor(v float64) int {
	i := int(v)
	if float64(i) > v {
		i--
	}
	return i
}
