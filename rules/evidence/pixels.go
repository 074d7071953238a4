package evidence

import (
	"image"
	"image/color"
)

// Scores are the measurements of the pixel checks, each described with its
// default threshold on [Thresholds].
type Scores struct {
	// Sharpness is the variance of the Laplacian of the luma, computed on the
	// image box-averaged down to at most 1024 pixels on its longer side so
	// that it does not depend on the resolution. Sharp document photos score
	// in the hundreds; out-of-focus ones below 50.
	Sharpness float64 `json:"sharpness"`
	// Brightness is the mean luma, 0 (black) to 255 (white).
	Brightness float64 `json:"brightness"`
	// Glare is the fraction (0–1) of pixels whose luma is clipped (≥ 250).
	Glare float64 `json:"glare"`
	// Chroma is the mean colourfulness, 0–255: |Cb−128|+|Cr−128| for JPEG,
	// max(R,G,B)−min(R,G,B) otherwise. A photocopy scores near 0.
	Chroma float64 `json:"chroma"`
}

// maxSide is the longer side of the grid the Laplacian is computed on.
const maxSide = 512

// clipLevel is the luma from which a pixel counts as clipped.
const clipLevel = 250

// measure computes the scores of img in one pass over its luma (the Y plane
// directly for JPEG) plus a pass over the chroma planes, and the difference
// hash of the grid of box means the pass builds.
func measure(img image.Image) (Scores, DHash) {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return Scores{}, 0
	}
	f := (max(w, h) + maxSide - 1) / maxSide
	gw, gh := (w+f-1)/f, (h+f-1)/f
	grid := make([]float32, gw*gh) // box sums of luma, then box means
	row := make([]uint8, w)
	var total, clipped uint64
	var chroma float64
	yc, isYCbCr := img.(*image.YCbCr)
	// When boxes are at least 2×2, every other row is enough: box means,
	// brightness and glare are estimates either way, and the pass halves.
	step := 1
	if f >= 2 {
		step = 2
	}
	var sampled uint64
	var pal *paletteTable // of a paletted image, built on its first row
	for y := 0; y < h; y += step {
		var lum []uint8
		switch m := img.(type) {
		case *image.YCbCr:
			o := (y+r.Min.Y-m.Rect.Min.Y)*m.YStride + (r.Min.X - m.Rect.Min.X)
			lum = m.Y[o : o+w]
		case *image.Gray:
			o := m.PixOffset(r.Min.X, r.Min.Y+y)
			lum = m.Pix[o : o+w]
		case *image.RGBA:
			o := m.PixOffset(r.Min.X, r.Min.Y+y)
			chroma += lumaRGBX(row, m.Pix[o:o+4*w])
			lum = row
		case *image.NRGBA:
			o := m.PixOffset(r.Min.X, r.Min.Y+y)
			chroma += lumaRGBX(row, m.Pix[o:o+4*w])
			lum = row
		case *image.Paletted:
			if pal == nil {
				pal = newPaletteTable(m.Palette)
			}
			o := m.PixOffset(r.Min.X, r.Min.Y+y)
			chroma += pal.luma(row, m.Pix[o:o+w])
			lum = row
		case *image.Gray16:
			o := m.PixOffset(r.Min.X, r.Min.Y+y)
			for x := range row {
				row[x] = m.Pix[o+2*x] // the high byte
			}
			lum = row
		case *image.RGBA64:
			o := m.PixOffset(r.Min.X, r.Min.Y+y)
			chroma += lumaRGBX16(row, m.Pix[o:o+8*w])
			lum = row
		case *image.NRGBA64:
			o := m.PixOffset(r.Min.X, r.Min.Y+y)
			chroma += lumaRGBX16(row, m.Pix[o:o+8*w])
			lum = row
		case *image.CMYK:
			o := m.PixOffset(r.Min.X, r.Min.Y+y)
			for x := range row {
				p := m.Pix[o+4*x : o+4*x+4 : o+4*x+4]
				cr, cg, cb := color.CMYKToRGB(p[0], p[1], p[2], p[3])
				row[x] = luma(cr, cg, cb)
				chroma += float64(max(cr, cg, cb) - min(cr, cg, cb))
			}
			lum = row
		default:
			for x := range w {
				c := color.RGBAModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.RGBA)
				row[x] = luma(c.R, c.G, c.B)
				chroma += float64(max(c.R, c.G, c.B) - min(c.R, c.G, c.B))
			}
			lum = row
		}
		g := (y / f) * gw
		for bx := 0; bx < gw; bx++ {
			seg := lum[bx*f : min(bx*f+f, w)]
			var s, c uint32
			for _, v := range seg {
				s += uint32(v)
				c += (uint32(v) + (256 - clipLevel)) >> 8
			}
			grid[g+bx] += float32(s) // exact: a box sum stays below 2^24
			total += uint64(s)
			clipped += uint64(c)
		}
		sampled += uint64(w)
	}
	n := float64(sampled)
	sc := Scores{Brightness: float64(total) / n, Glare: float64(clipped) / n}
	if isYCbCr {
		sc.Chroma = chromaYCbCr(yc)
	} else if !grayImage(img) {
		sc.Chroma = chroma / n
	}
	boxMeans(grid, gw, gh, w, h, f, step)
	sc.Sharpness = laplacianVariance(grid, gw, gh)
	return sc, dhash(grid, gw, gh)
}

// luma is the BT.601 luma of 8-bit RGB, as image/color computes Y.
func luma(r, g, b uint8) uint8 {
	return uint8((19595*uint32(r) + 38470*uint32(g) + 7471*uint32(b) + 1<<15) >> 16)
}

// lumaRGBX fills dst with the luma of 4-byte pixels and returns the summed
// colourfulness.
func lumaRGBX(dst []uint8, pix []uint8) float64 {
	var c uint64
	for i := range dst {
		p := pix[4*i : 4*i+3 : 4*i+3]
		dst[i] = luma(p[0], p[1], p[2])
		c += uint64(max(p[0], p[1], p[2]) - min(p[0], p[1], p[2]))
	}
	return float64(c)
}

// lumaRGBX16 is lumaRGBX for 8-byte pixels of 16-bit samples, of which it
// reads the high bytes.
func lumaRGBX16(dst []uint8, pix []uint8) float64 {
	var c uint64
	for i := range dst {
		p := pix[8*i : 8*i+5 : 8*i+5]
		dst[i] = luma(p[0], p[2], p[4])
		c += uint64(max(p[0], p[2], p[4]) - min(p[0], p[2], p[4]))
	}
	return float64(c)
}

func grayImage(img image.Image) bool {
	switch img.(type) {
	case *image.Gray, *image.Gray16:
		return true
	}
	return false
}

// paletteTable holds the luma and colourfulness of every palette index, so
// a paletted image is measured by table look-ups; indices beyond the
// palette read as black, as image/png leaves them.
type paletteTable struct {
	lum, chroma [256]uint8
}

func newPaletteTable(p color.Palette) *paletteTable {
	t := new(paletteTable)
	for i, c := range p[:min(len(p), 256)] {
		if c == nil {
			continue
		}
		rgb := color.RGBAModel.Convert(c).(color.RGBA)
		t.lum[i] = luma(rgb.R, rgb.G, rgb.B)
		t.chroma[i] = max(rgb.R, rgb.G, rgb.B) - min(rgb.R, rgb.G, rgb.B)
	}
	return t
}

// luma fills dst with the luma of the indices in pix and returns the summed
// colourfulness.
func (t *paletteTable) luma(dst, pix []uint8) float64 {
	var c uint64
	for i, v := range pix[:len(dst)] {
		dst[i] = t.lum[v]
		c += uint64(t.chroma[v])
	}
	return float64(c)
}

// chromaYCbCr averages |Cb−128|+|Cr−128| over the chroma planes, every
// other row (chroma is smooth; the mean does not need them all).
func chromaYCbCr(m *image.YCbCr) float64 {
	cr := m.COffset(m.Rect.Max.X-1, m.Rect.Max.Y-1) + 1
	if cr > len(m.Cb) || cr > len(m.Cr) || m.CStride <= 0 {
		return 0
	}
	var s, n uint64
	for o := 0; o < cr; o += 2 * m.CStride {
		end := min(o+m.CStride, cr)
		cb, crr := m.Cb[o:end], m.Cr[o:end]
		for i := range cb {
			s += uint64(absDiff128(cb[i]) + absDiff128(crr[i]))
		}
		n += uint64(len(cb))
	}
	if n == 0 {
		return 0
	}
	return float64(s) / float64(n)
}

func absDiff128(v uint8) uint32 {
	if v >= 128 {
		return uint32(v - 128)
	}
	return uint32(128 - v)
}

// boxMeans divides the box sums of a w×h image cut into f×f boxes, of
// which every step-th row was summed, by their pixel counts.
func boxMeans(grid []float32, gw, gh, w, h, f, step int) {
	sampled := func(a, b int) int { return (b+step-1)/step - (a+step-1)/step }
	for by := range gh {
		rows := sampled(by*f, min(by*f+f, h))
		for bx := range gw {
			if n := rows * min(f, w-bx*f); n > 0 {
				grid[by*gw+bx] /= float32(n)
			}
		}
	}
}

// laplacianVariance is the variance of the 4-neighbour Laplacian over the
// interior of the grid of box means.
func laplacianVariance(mean []float32, gw, gh int) float64 {
	if gw < 3 || gh < 3 {
		return 0
	}
	var sum, sq float64
	// the last row and column may be partial boxes; leave them out
	for y := 1; y < gh-2; y++ {
		for x := 1; x < gw-2; x++ {
			i := y*gw + x
			l := float64(4*mean[i] - mean[i-1] - mean[i+1] - mean[i-gw] - mean[i+gw])
			sum += l
			sq += l * l
		}
	}
	k := float64((gh - 3) * (gw - 3))
	if k <= 0 {
		return 0
	}
	m := sum / k
	return sq/k - m*m
}
