package eval

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// turn rotates img clockwise by deg degrees: exactly by the nearest quarter
// turn, then bilinearly by the rest, onto a canvas that holds the whole
// turned image, filled with img's corner colour. It returns the image and
// the map from img's coordinates to the turned image's.
func turn(img *image.RGBA, deg float64) (*image.RGBA, func(x, y float64) (float64, float64)) {
	q := ((int(math.Round(deg/90)) % 4) + 4) % 4
	rest := deg - math.Round(deg/90)*90
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	qw, qh := w, h
	if q%2 == 1 {
		qw, qh = h, w
	}
	quarter := image.NewRGBA(image.Rect(0, 0, qw, qh))
	for y := range h {
		for x := range w {
			var X, Y int
			switch q {
			case 0:
				X, Y = x, y
			case 1:
				X, Y = h-1-y, x
			case 2:
				X, Y = w-1-x, h-1-y
			case 3:
				X, Y = y, w-1-x
			}
			copy(quarter.Pix[Y*quarter.Stride+4*X:Y*quarter.Stride+4*X+4], img.Pix[y*img.Stride+4*x:])
		}
	}
	toQuarter := func(x, y float64) (float64, float64) {
		switch q {
		case 1:
			return float64(h) - y, x
		case 2:
			return float64(w) - x, float64(h) - y
		case 3:
			return y, float64(w) - x
		}
		return x, y
	}
	if math.Abs(rest) < 0.01 {
		return quarter, toQuarter
	}
	sin, cos := math.Sincos(rest * math.Pi / 180)
	ow := int(math.Ceil(math.Abs(float64(qw)*cos) + math.Abs(float64(qh)*sin)))
	oh := int(math.Ceil(math.Abs(float64(qw)*sin) + math.Abs(float64(qh)*cos)))
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	bg := quarter.RGBAAt(0, 0)
	cx, cy := float64(qw)/2, float64(qh)/2
	ocx, ocy := float64(ow)/2, float64(oh)/2
	for Y := range oh {
		row := out.Pix[Y*out.Stride:]
		for X := range ow {
			// Inverse rotation of the pixel centre, in 1/256 pixels.
			dx, dy := float64(X)+0.5-ocx, float64(Y)+0.5-ocy
			sx, sy := cx+dx*cos+dy*sin-0.5, cy-dx*sin+dy*cos-0.5
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			if x0 < 0 || y0 < 0 || x0+1 >= qw || y0+1 >= qh {
				c := bilinearRGBA(quarter, sx, sy, bg)
				copy(row[4*X:4*X+4], c[:])
				continue
			}
			fx, fy := uint32((sx-float64(x0))*256), uint32((sy-float64(y0))*256)
			p := quarter.Pix[y0*quarter.Stride+4*x0:]
			q := quarter.Pix[(y0+1)*quarter.Stride+4*x0:]
			for k := range 4 {
				top := uint32(p[k])*(256-fx) + uint32(p[4+k])*fx
				bot := uint32(q[k])*(256-fx) + uint32(q[4+k])*fx
				row[4*X+k] = uint8((top*(256-fy) + bot*fy + 32768) >> 16)
			}
		}
	}
	to := func(x, y float64) (float64, float64) {
		x, y = toQuarter(x, y)
		dx, dy := x-cx, y-cy
		return ocx + dx*cos - dy*sin, ocy + dx*sin + dy*cos
	}
	return out, to
}

func bilinearRGBA(img *image.RGBA, x, y float64, bg color.RGBA) [4]uint8 {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(x, y int) [4]float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return [4]float64{float64(bg.R), float64(bg.G), float64(bg.B), 255}
		}
		p := img.Pix[y*img.Stride+4*x:]
		return [4]float64{float64(p[0]), float64(p[1]), float64(p[2]), float64(p[3])}
	}
	a, b, c, d := at(x0, y0), at(x0+1, y0), at(x0, y0+1), at(x0+1, y0+1)
	var out [4]uint8
	for k := range 4 {
		v := (a[k]*(1-fx)+b[k]*fx)*(1-fy) + (c[k]*(1-fx)+d[k]*fx)*fy
		out[k] = uint8(v + 0.5)
	}
	return out
}

// degrade applies tier to img (in place) and returns the image the reader
// is given: img itself for Clean; for the others, the decoded JPEG.
//
// Moderate: Gaussian blur of σ 0.3–0.8 pixels at 300 dpi (scaled with the
// resolution), a linear light gradient of ±25 levels and a vignette, noise
// of σ 5 levels, JPEG quality 70–85. Hard: blur of σ 0.9–1.5 pixels at 300
// dpi, light gradient of ±45 levels, one or two glare bands of up to +110
// levels, noise of σ 11, JPEG quality 50.
func degrade(img *image.RGBA, tier Tier, dpi float64, r *rand.Rand) image.Image {
	if tier == Clean {
		return img
	}
	scale := dpi / 300
	sigma, light, noise, q := (0.3+0.5*r.Float64())*scale, 25.0, 5.0, 70+r.IntN(16)
	bands := 0
	if tier == Hard {
		sigma, light, noise, q = (0.9+0.6*r.Float64())*scale, 45, 11, 50
		bands = 1 + r.IntN(2)
	}
	gaussianRGBA(img, sigma)
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	angle := r.Float64() * 2 * math.Pi
	gx, gy := math.Cos(angle), math.Sin(angle)
	type band struct{ pos, slope, width, amp float64 }
	var gl []band
	for range bands {
		gl = append(gl, band{r.Float64(), 0.6 * (r.Float64() - 0.5), 0.02 + 0.05*r.Float64(), 70 + 40*r.Float64()})
	}
	for y := range h {
		v := float64(y)/float64(h) - 0.5
		row := img.Pix[y*img.Stride:]
		for x := range w {
			u := float64(x)/float64(w) - 0.5
			add := light*2*(u*gx+v*gy) - light*0.6*(u*u+v*v)
			for _, g := range gl {
				d := u + 0.5 - g.pos + g.slope*v
				if q := d * d / (2 * g.width * g.width); q < 16 {
					add += g.amp * math.Exp(-q)
				}
			}
			n := r.NormFloat64() * noise
			for k := range 3 {
				row[4*x+k] = clamp(float64(row[4*x+k]) + add + n)
			}
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		panic(err)
	}
	return out
}

// gaussianRGBA blurs the colour channels of img in place.
func gaussianRGBA(img *image.RGBA, sigma float64) {
	if sigma < 0.2 {
		return
	}
	rad := int(math.Ceil(3 * sigma))
	k := make([]float32, 2*rad+1)
	var s float32
	for i := range k {
		d := float64(i - rad)
		k[i] = float32(math.Exp(-d * d / (2 * sigma * sigma)))
		s += k[i]
	}
	for i := range k {
		k[i] /= s
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	tmp := make([]float32, w*h*3)
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			var a [3]float32
			for i, kv := range k {
				xx := min(max(x+i-rad, 0), w-1)
				a[0] += kv * float32(row[4*xx])
				a[1] += kv * float32(row[4*xx+1])
				a[2] += kv * float32(row[4*xx+2])
			}
			copy(tmp[3*(y*w+x):], a[:])
		}
	}
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			var a [3]float32
			for i, kv := range k {
				yy := min(max(y+i-rad, 0), h-1)
				o := 3 * (yy*w + x)
				a[0] += kv * tmp[o]
				a[1] += kv * tmp[o+1]
				a[2] += kv * tmp[o+2]
			}
			for c := range 3 {
				row[4*x+c] = uint8(min(max(a[c]+0.5, 0), 255))
			}
		}
	}
}

// Crop returns the zone of s turned upright and resampled at dpi, in gray:
// what Tesseract is given. The box is the true zone box from the renderer
// with 1.6 mm of margin, sampled bilinearly from the degraded image.
func (s *Sample) Crop(dpi float64) *image.Gray {
	f := s.DPI / dpi // canvas pixels per crop pixel
	b := s.box
	w, h := int((b[2]-b[0])/f), int((b[3]-b[1])/f)
	out := image.NewGray(image.Rect(0, 0, w, h))
	src := s.Image
	sb := src.Bounds()
	gray := func(x, y int) float64 {
		if x < sb.Min.X || y < sb.Min.Y || x >= sb.Max.X || y >= sb.Max.Y {
			return 255
		}
		return float64(color.GrayModel.Convert(src.At(x, y)).(color.Gray).Y)
	}
	for y := range h {
		for x := range w {
			X, Y := s.toImage(b[0]+(float64(x)+0.5)*f, b[1]+(float64(y)+0.5)*f)
			X, Y = X-0.5+float64(sb.Min.X), Y-0.5+float64(sb.Min.Y)
			x0, y0 := int(math.Floor(X)), int(math.Floor(Y))
			fx, fy := X-float64(x0), Y-float64(y0)
			v := (gray(x0, y0)*(1-fx)+gray(x0+1, y0)*fx)*(1-fy) + (gray(x0, y0+1)*(1-fx)+gray(x0+1, y0+1)*fx)*fy
			out.Pix[y*out.Stride+x] = clamp(v)
		}
	}
	return out
}
