package mrzread

import (
	"image"
	"math"
	"slices"

	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// pr is the pitch of the rectified zone in pixels: twice the templates'.
const pr = 2 * tw

// rectified is a zone resampled so that its lines run along x at a pitch
// of pr pixels, with the map back to the image.
type rectified struct {
	gray
	origin, d, n [2]float64 // image point of (0, 0), reading and line directions
	k            float64    // image pixels per rectified pixel
	lineY        []float64  // expected centres of the lines
	hc           float64    // expected character height
}

// rectify resamples candidate c (found on an image reduced f times), lines
// running left to right or right to left as they lie in the image: see
// [rectified.flip].
func rectify(src *source, c candidate, f int) (*rectified, bool) {
	var slope, pitch, hc float64
	for _, l := range c.lines {
		slope += l.b
		pitch += l.pitch
		hc += l.h
	}
	k := float64(len(c.lines))
	slope, pitch, hc = slope/k, pitch/k*float64(f), hc/k*float64(f)
	toImage := func(x, y float64) (float64, float64) {
		if c.transposed {
			x, y = y, x
		}
		return x * float64(f), y * float64(f)
	}
	dx, dy := toImage(1, slope)
	ox, oy := toImage(0, 0)
	dx, dy = dx-ox, dy-oy
	norm := math.Hypot(dx, dy)
	d := [2]float64{dx / norm, dy / norm}
	n := [2]float64{-d[1], d[0]}
	umin, umax := math.Inf(1), math.Inf(-1)
	vs := make([]float64, len(c.lines))
	for i, l := range c.lines {
		for _, cp := range l.comps {
			x, y := toImage(cp.cx(), cp.cy())
			u, v := x*d[0]+y*d[1], x*n[0]+y*n[1]
			umin, umax = min(umin, u), max(umax, u)
			vs[i] += v
		}
		vs[i] /= float64(len(l.comps))
	}
	slices.Sort(vs)
	vmin, vmax := vs[0], vs[len(vs)-1]
	r := &rectified{d: d, n: n, k: pitch / pr, hc: hc / (pitch / pr)}
	mu, mv := 1.5*pitch, 1.5*hc
	r.w = int(math.Ceil((umax - umin + 2*mu) / r.k))
	r.h = int(math.Ceil((vmax - vmin + 2*mv) / r.k))
	if r.w < pr || r.h < pr || r.w > 60*pr || r.h > 12*pr {
		return nil, false
	}
	u0, v0 := umin-mu, vmin-mv
	r.origin = [2]float64{u0*d[0] + v0*n[0], u0*d[1] + v0*n[1]}
	for _, v := range vs {
		r.lineY = append(r.lineY, (v-v0)/r.k)
	}
	// Sample the zone from a luma crop of the image around it.
	box := r.box(image.Rect(0, 0, src.r.Dx(), src.r.Dy())).Inset(-2)
	crop, at := src.crop(box)
	if crop.w < 2 || crop.h < 2 {
		return nil, false
	}
	r.pix = make([]uint8, r.w*r.h)
	acc := make([]float32, r.w)
	ns := min(max(int(math.Ceil(r.k)), 1), 3)
	step := r.k / float64(ns)
	// Image position of rectified (x, y) with sub-sample offsets: stepped
	// incrementally along each row.
	bx, by := r.origin[0]-float64(at.X), r.origin[1]-float64(at.Y)
	dxx, dxy := d[0]*r.k, d[1]*r.k // per rectified column
	inv := 1 / float32(ns*ns)
	cs := crop.rowStride()
	for y := range r.h {
		row := r.pix[y*r.w : y*r.w+r.w]
		for sy := range ns {
			v := float64(y)*r.k + (float64(sy)+0.5)*step
			for sx := range ns {
				u := (float64(sx) + 0.5) * step
				px := bx + u*d[0] + v*n[0]
				py := by + u*d[1] + v*n[1]
				if ns == 1 {
					for x := range row {
						row[x] = uint8(crop.bilinear(px-0.5, py-0.5) + 0.5)
						px, py = px+dxx, py+dxy
					}
					continue
				}
				for x := range row {
					ix := min(max(int(px), 0), crop.w-1)
					iy := min(max(int(py), 0), crop.h-1)
					acc[x] += float32(crop.pix[iy*cs+ix])
					px, py = px+dxx, py+dxy
				}
			}
		}
		if ns > 1 {
			for x := range row {
				row[x] = uint8(acc[x]*inv + 0.5)
				acc[x] = 0
			}
		}
	}
	return r, true
}

// flip returns r turned by 180°: the reading of the other orientation.
func (r *rectified) flip() *rectified {
	o := *r
	o.pix = make([]uint8, len(r.pix))
	for i, v := range r.pix {
		o.pix[len(r.pix)-1-i] = v
	}
	w, h := float64(r.w)*r.k, float64(r.h)*r.k
	o.origin = [2]float64{r.origin[0] + w*r.d[0] + h*r.n[0], r.origin[1] + w*r.d[1] + h*r.n[1]}
	o.d = [2]float64{-r.d[0], -r.d[1]}
	o.n = [2]float64{-r.n[0], -r.n[1]}
	o.lineY = make([]float64, len(r.lineY))
	for i, y := range r.lineY {
		o.lineY[len(r.lineY)-1-i] = float64(r.h) - y
	}
	return &o
}

// box returns the image rectangle bounding the rectified area.
func (r *rectified) box(b image.Rectangle) image.Rectangle {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{0, 0}, {float64(r.w), 0}, {0, float64(r.h)}, {float64(r.w), float64(r.h)}} {
		x := r.origin[0] + (p[0]*r.d[0]+p[1]*r.n[0])*r.k
		y := r.origin[1] + (p[0]*r.d[1]+p[1]*r.n[1])*r.k
		minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
	}
	rect := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	return rect.Add(b.Min).Intersect(b)
}

// rowFit is the geometry of one line of the rectified zone: character
// centres at x0 + j·p (j from 0 to count-1) on the centre line a + b·x,
// characters hcap high.
type rowFit struct {
	a, b, hcap, x0, p float64
	count             int
	// vscale corrects the vertical scale of the cells (1: the font's
	// proportions).
	vscale float64
}

// fitRow measures the line expected at centre y of r, dark marking ink.
func fitRow(r *rectified, y float64, dark []bool) (rowFit, bool) {
	var fit rowFit
	y0 := max(int(y-0.95*r.hc), 0)
	y1 := min(int(y+0.95*r.hc)+1, r.h)
	if y1-y0 < 4 {
		return fit, false
	}
	mask := dark[y0*r.w : y1*r.w]
	all, ok := components(mask, r.w, y1-y0, 20_000)
	if !ok {
		return fit, false
	}
	var cs []comp
	for _, c := range all {
		if float64(c.h()) >= 0.45*r.hc && float64(c.h()) <= 1.4*r.hc && float64(c.w()) <= 1.3*pr && c.n >= 4 {
			cs = append(cs, c.offset(0, y0))
		}
	}
	if len(cs) < 10 {
		return fit, false
	}
	slices.SortFunc(cs, func(a, b comp) int { return a.x0 + a.x1 - b.x0 - b.x1 })
	// Centre line, by least squares without outliers.
	use := make([]bool, len(cs))
	for i := range use {
		use[i] = true
	}
	fit.a, fit.b = y, 0
	for range 3 {
		var sx, sy, sxx, sxy, k float64
		for i, c := range cs {
			if !use[i] {
				continue
			}
			sx, sy, sxx, sxy, k = sx+c.cx(), sy+c.cy(), sxx+c.cx()*c.cx(), sxy+c.cx()*c.cy(), k+1
		}
		if k < 5 {
			return fit, false
		}
		if d := k*sxx - sx*sx; d > 0 {
			fit.b = (k*sxy - sx*sy) / d
		}
		fit.a = (sy - fit.b*sx) / k
		for i, c := range cs {
			use[i] = math.Abs(c.cy()-fit.a-fit.b*c.cx()) < 0.2*r.hc
		}
	}
	var hs []float64
	for i, c := range cs {
		if use[i] {
			hs = append(hs, float64(c.h()))
		}
	}
	fit.hcap = median(hs)
	// Pitch and phase, by least squares on the cell indices. Indices are
	// counted from gap to gap, so that an error in the first estimate of the
	// pitch does not accumulate along the line.
	p, x0 := float64(pr), cs[0].cx()
	js := make([]int, len(cs))
	for range 3 {
		j := 0
		for i := 1; i < len(cs); i++ {
			j += int(math.Round((cs[i].cx() - cs[i-1].cx()) / p))
			js[i] = j
		}
		var sj, sx, sjj, sjx, k float64
		for pass := range 2 {
			if pass == 1 {
				sj, sx, sjj, sjx, k = 0, 0, 0, 0, 0
			}
			for i, c := range cs {
				jf := float64(js[i])
				if !use[i] || (pass == 1 && math.Abs(c.cx()-x0-jf*p) > 0.3*p) {
					continue
				}
				sj, sx, sjj, sjx, k = sj+jf, sx+c.cx(), sjj+jf*jf, sjx+jf*c.cx(), k+1
			}
			if k < 5 {
				return fit, false
			}
			if d := k*sjj - sj*sj; d > 0 {
				p = (k*sjx - sj*sx) / d
			}
			x0 = (sx - p*sj) / k
		}
		if p < 0.75*pr || p > 1.3*pr {
			return fit, false
		}
	}
	jmin, jmax := math.MaxInt, math.MinInt
	for i, c := range cs {
		if use[i] && math.Abs(c.cx()-x0-float64(js[i])*p) <= 0.3*p {
			jmin, jmax = min(jmin, js[i]), max(jmax, js[i])
		}
	}
	fit.p, fit.x0, fit.count, fit.vscale = p, x0+float64(jmin)*p, jmax-jmin+1, 1
	return fit, true
}

// cellScores holds a cell's score (normalized cross-correlation, −1 to 1)
// against each character.
type cellScores [nchars]float32

// best returns the index and score of the best character of allowed (a
// bit set over character indices).
func (s *cellScores) best(allowed uint64) (int, float32) {
	bi, bs := -1, float32(-2)
	for i, v := range s {
		if allowed&(1<<i) != 0 && v > bs {
			bi, bs = i, v
		}
	}
	return bi, bs
}

// classify scores the cell centred at x on row fit of r.
func classify(r *rectified, fit rowFit, x float64, t *templateSet) cellScores {
	const pw, ph = tw + 2, th + 2
	var patch [pw * ph]float32
	sx := fit.p / tw
	sy := sx * render.CapHeight / render.Advance * tw / (capBase - capTop) * fit.vscale
	mid := float64(capTop+capBase) / 2
	for ty := range ph {
		for tx := range pw {
			u := x + (float64(tx-1)+0.5-tw/2)*sx
			v := fit.a + fit.b*u + (float64(ty-1)+0.5-mid)*sy
			var sum float32
			for _, o := range [4][2]float64{{-0.25, -0.25}, {0.25, -0.25}, {-0.25, 0.25}, {0.25, 0.25}} {
				sum += r.bilinear(u+o[0]*sx-0.5, v+o[1]*sy-0.5)
			}
			patch[ty*pw+tx] = sum / 4
		}
	}
	var out cellScores
	var win [tn]float32
	// window copies the template-sized window at shift s (0–8, centre 4)
	// into win and returns its normalizing factor, 0 for a blank cell.
	window := func(s int) float32 {
		ox, oy := s%3, s/3
		for y := range th {
			copy(win[y*tw:y*tw+tw], patch[(y+oy)*pw+ox:])
		}
		var mean float32
		for _, v := range win {
			mean += v
		}
		mean /= tn
		var ss float32
		for _, v := range win {
			ss += (v - mean) * (v - mean)
		}
		if ss < 1 {
			return 0
		}
		return float32(1 / math.Sqrt(float64(ss)))
	}
	// The shift is chosen among the five characters that match best
	// unshifted, with the regular weight; then every character and weight is
	// scored at that shift.
	norm := window(4)
	if norm == 0 {
		return out
	}
	var top [5]int
	var topS [5]float32
	for i := range topS {
		topS[i] = -2
	}
	for c := range nchars {
		sc := dot(&win, &t.v[c][0]) * norm
		for i := range top {
			if sc > topS[i] {
				copy(top[i+1:], top[i:len(top)-1])
				copy(topS[i+1:], topS[i:len(topS)-1])
				top[i], topS[i] = c, sc
				break
			}
		}
	}
	bestShift, bestScore := 4, topS[0]
	for s := range 9 {
		if s == 4 {
			continue
		}
		n := window(s)
		if n == 0 {
			continue
		}
		for _, c := range top {
			if sc := dot(&win, &t.v[c][0]) * n; sc > bestScore {
				bestScore, bestShift = sc, s
			}
		}
	}
	norm = window(bestShift)
	for c := range nchars {
		best := float32(-1)
		for v := range variants {
			best = max(best, dot(&win, &t.v[c][v])*norm)
		}
		out[c] = best
	}
	return out
}

func dot(a, b *[tn]float32) float32 {
	var s0, s1, s2, s3 float32
	for i := 0; i < tn; i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	return s0 + s1 + s2 + s3
}

// bilinear samples the raster at (x, y), pixel centres at integers.
func (g *gray) bilinear(x, y float64) float32 {
	x0, y0 := floor(x), floor(y)
	fx, fy := float32(x-float64(x0)), float32(y-float64(y0))
	at := func(x, y int) float32 {
		x = min(max(x, 0), g.w-1)
		y = min(max(y, 0), g.h-1)
		return float32(g.pix[y*g.rowStride()+x])
	}
	a, b := at(x0, y0), at(x0+1, y0)
	c, d := at(x0, y0+1), at(x0+1, y0+1)
	return (a*(1-fx)+b*fx)*(1-fy) + (c*(1-fx)+d*fx)*fy
}
