package render

import (
	"errors"
	"math"
)

// The template table: every character of a zone, normalized so that its
// advance spans TemplateW columns and its cap height rows TemplateTop to
// TemplateBase, in TemplateVariants weights.
const (
	TemplateVersion  = 1
	TemplateW        = 16
	TemplateH        = 20
	TemplateTop      = 2
	TemplateBase     = 18
	TemplateVariants = 4 // regular, bold, light, blurred
	// Charset is the 37 characters of a zone, in table order.
	Charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
)

// TemplateHeader is the size of the table's header: "MRZT", version,
// width, height, variants, character count, then the characters.
const TemplateHeader = 9 + len(Charset)

// Templates renders the template table from f: a header, then for each
// character of Charset and each variant a TemplateW×TemplateH coverage
// mask (0–255, row-major). Glyphs are rasterized 4× larger and reduced by
// area; bold and light grow and shrink strokes by 0.75 and 0.5 template
// pixels; blurred is the regular glyph under a Gaussian of σ 0.8 pixels.
func Templates(f *Font) ([]byte, error) {
	const s = 4
	out := make([]byte, TemplateHeader, TemplateHeader+len(Charset)*TemplateVariants*TemplateW*TemplateH)
	copy(out, "MRZT")
	out[4] = TemplateVersion
	out[5], out[6], out[7], out[8] = TemplateW, TemplateH, TemplateVariants, byte(len(Charset))
	copy(out[9:], Charset)
	w, h := TemplateW*s, TemplateH*s
	for _, ch := range Charset {
		big, err := f.Cell(ch, w, h, TemplateTop*s, TemplateBase*s)
		if err != nil {
			return nil, err
		}
		if len(big) != w*h {
			return nil, errors.New("render: unexpected mask size")
		}
		regular := reduce(big, w, h, s)
		out = append(out, regular...)
		out = append(out, reduce(morph(big, w, h, 3, true), w, h, s)...)
		out = append(out, reduce(morph(big, w, h, 2, false), w, h, s)...)
		out = append(out, blur(regular, TemplateW, TemplateH, 0.8)...)
	}
	return out, nil
}

// reduce averages s×s blocks.
func reduce(p []uint8, w, h, s int) []uint8 {
	ow, oh := w/s, h/s
	out := make([]uint8, ow*oh)
	for y := range oh {
		for x := range ow {
			sum := 0
			for dy := range s {
				for dx := range s {
					sum += int(p[(y*s+dy)*w+x*s+dx])
				}
			}
			out[y*ow+x] = uint8((sum + s*s/2) / (s * s))
		}
	}
	return out
}

// morph grows (dilate) or shrinks the mask by a disc of radius r.
func morph(p []uint8, w, h, r int, dilate bool) []uint8 {
	out := make([]uint8, len(p))
	for y := range h {
		for x := range w {
			v := p[y*w+x]
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					if dx*dx+dy*dy > r*r {
						continue
					}
					xx, yy := x+dx, y+dy
					var q uint8
					if xx >= 0 && yy >= 0 && xx < w && yy < h {
						q = p[yy*w+xx]
					}
					if dilate == (q > v) {
						v = q
					}
				}
			}
			out[y*w+x] = v
		}
	}
	return out
}

// blur applies a Gaussian of the given sigma.
func blur(p []uint8, w, h int, sigma float64) []uint8 {
	r := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	tmp := make([]float64, w*h)
	for y := range h {
		for x := range w {
			v := 0.0
			for i, kv := range k {
				if xx := x + i - r; xx >= 0 && xx < w {
					v += kv * float64(p[y*w+xx])
				}
			}
			tmp[y*w+x] = v
		}
	}
	out := make([]uint8, w*h)
	for y := range h {
		for x := range w {
			v := 0.0
			for i, kv := range k {
				if yy := y + i - r; yy >= 0 && yy < h {
					v += kv * tmp[yy*w+x]
				}
			}
			out[y*w+x] = uint8(math.Round(min(v, 255)))
		}
	}
	return out
}
