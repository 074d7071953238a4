package mrzread

import (
	"context"
	"fmt"
	"image"
	"math"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// read is the pipeline behind Read.
func (r *Reader) read(ctx context.Context, img image.Image) (*Zone, error) {
	b := img.Bounds()
	if b.Dx() < 64 || b.Dy() < 32 {
		return nil, &Error{Code: CodeNoZone, Detail: "image too small"}
	}
	src := newSource(img)
	f := (max(b.Dx(), b.Dy()) + r.o.DetectSide - 1) / r.o.DetectSide
	g := src.reduce(f)
	if g.w < 32 || g.h < 16 {
		return nil, &Error{Code: CodeNoZone, Detail: "image too small"}
	}
	mask := darkMask(g, max(8, max(g.w, g.h)/64))
	comps, ok := components(mask, g.w, g.h, maxRuns)
	if !ok {
		return nil, &Error{Code: CodeNoZone, Detail: "no text lines (noise)"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cands := findCandidates(comps, max(8, min(g.w, g.h)/6))
	t := loadTemplates()
	today := r.o.Clock.Today()
	var found mrz.Format
	for i, c := range cands {
		if i == r.o.MaxCandidates {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rc, ok := rectify(src, c, f)
		if !ok {
			continue
		}
		// Read the orientation whose sample of cells matches better first.
		hyps := [2]*rectified{rc, rc.flip()}
		if quickScore(hyps[1], t) > quickScore(hyps[0], t) {
			hyps[0], hyps[1] = hyps[1], hyps[0]
		}
		for _, rc := range hyps {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			z, layout := r.readZone(rc, t, today)
			if z != nil {
				z.Box = rc.box(b)
				deg := math.Atan2(rc.d[1], rc.d[0]) * 180 / math.Pi
				q := math.Round(deg / 90)
				z.Orientation = (int(q)%4 + 4) % 4 * 90
				z.Skew = deg - q*90
				return z, nil
			}
			if layout != 0 && found == 0 {
				found = layout
			}
		}
	}
	if found != 0 {
		return nil, &Error{Code: CodeUnreadable, Layout: found, Detail: "no reading passes the check digits"}
	}
	return nil, &Error{Code: CodeNoZone}
}

// zoneLike is the least mean best score of the cells of a zone: below it the
// lines are not OCR-B zone text.
const zoneLike = 0.5

// readZone reads the rectified candidate. It returns the zone, or the
// layout when the candidate looks like a zone that did not read.
func (r *Reader) readZone(rc *rectified, t *templateSet, today certificate.Date) (*Zone, mrz.Format) {
	rows, layouts := r.cellRows(rc, t)
	if rows == nil {
		return nil, 0
	}
	out := r.decodeRows(rows, layouts, today)
	if out == nil {
		return nil, layouts[0]
	}
	for _, l := range out.conf {
		for j, c := range l {
			l[j] = min(max(c, 0), 1)
		}
	}
	m := out.m
	return &Zone{Layout: m.Format, Lines: out.lines, Confidence: out.conf, MRZ: &m, Corrections: out.corrections}, 0
}

// cellRows fits the lines of rc to a layout's cells and scores every cell.
// It returns nil when the lines do not fit a layout or do not look like
// zone text.
func (r *Reader) cellRows(rc *rectified, t *templateSet) ([][]cellScores, []mrz.Format) {
	fits, ok := fitRows(rc)
	if !ok {
		if r.trace != nil {
			r.trace("rows at %.1f: no fit", rc.lineY)
		}
		return nil, nil
	}
	counts := make([]float64, len(fits))
	for i, fit := range fits {
		counts[i] = float64(fit.count)
	}
	c := median(counts)
	width := 0
	for _, w := range []int{30, 36, 44} {
		if math.Abs(c-float64(w)) <= 3 {
			width = w
		}
	}
	layouts := layoutsFor(len(fits), width)
	if layouts == nil {
		if r.trace != nil {
			r.trace("counts %v: no layout", counts)
		}
		return nil, nil
	}
	for i := range fits {
		fits[i].vscale = bestVScale(rc, fits[i], t)
	}
	rows := make([][]cellScores, len(fits))
	var sum float64
	for i, fit := range fits {
		// Score the cells a few pitches either side of those found and keep
		// the window of width cells that matches best.
		extra := max(width-fit.count, 0) + 1
		start := -extra
		n := fit.count + 2*extra
		all := make([]cellScores, n)
		best := make([]float64, n)
		for j := range n {
			all[j] = classify(rc, fit, fit.x0+float64(start+j)*fit.p, t)
			_, s := all[j].best(setAll)
			best[j] = float64(s)
		}
		bw, bs := 0, math.Inf(-1)
		for w := 0; w+width <= n; w++ {
			s := 0.0
			for _, v := range best[w : w+width] {
				s += v
			}
			if s > bs {
				bw, bs = w, s
			}
		}
		rows[i] = all[bw : bw+width]
		sum += bs
	}
	if mean := sum / float64(len(fits)*width); mean < zoneLike {
		if r.trace != nil {
			r.trace("mean score %.2f: not a zone", mean)
		}
		return nil, nil
	}
	return rows, layouts
}

// decodeRows decodes rows in each of layouts and returns the cheapest
// confident reading, or nil.
func (r *Reader) decodeRows(rows [][]cellScores, layouts []mrz.Format, today certificate.Date) *decoded {
	var out *decoded
	for _, f := range layouts {
		d, ok := decode(rows, f, today, &r.o)
		if ok && (out == nil || d.cost < out.cost) {
			out = &d
		}
	}
	if out != nil && r.confident(out.conf) {
		return out
	}
	if r.trace != nil {
		for _, row := range rows {
			var b []byte
			var low []string
			for j := range row {
				c, s := row[j].best(setAll)
				b = append(b, render.Charset[c])
				if s < 0.6 {
					low = append(low, fmt.Sprintf("%d:%c%.2f", j, b[len(b)-1], s))
				}
			}
			r.trace("row %s low %v", b, low)
		}
		if out != nil {
			r.trace("decoded %q but not confident", out.lines)
		}
	}
	return nil
}

// fitRows fits every line of rc.
func fitRows(rc *rectified) ([]rowFit, bool) {
	// A local threshold, so that characters under a glare band or a
	// shadow still count.
	dark := darkMask(rc.gray, pr*3/4)
	fits := make([]rowFit, len(rc.lineY))
	for i, y := range rc.lineY {
		fit, ok := fitRow(rc, y, dark)
		if !ok {
			return nil, false
		}
		fits[i] = fit
	}
	return fits, true
}

// quickScore is the mean best score of every fifth cell of rc's lines, or
// −1 when the lines do not fit.
func quickScore(rc *rectified, t *templateSet) float64 {
	fits, ok := fitRows(rc)
	if !ok {
		return -1
	}
	var sum float64
	n := 0
	for _, fit := range fits {
		for j := 0; j < fit.count; j += 5 {
			s := classify(rc, fit, fit.x0+float64(j)*fit.p, t)
			_, b := s.best(setAll)
			sum += float64(b)
			n++
		}
	}
	if n == 0 {
		return -1
	}
	return sum / float64(n)
}

// vscales are the vertical scales tried on each line: printed zones differ
// a little from the font's proportions, and a camera tilted about the
// lines' axis shortens them.
var vscales = [...]float64{0.88, 0.94, 1, 1.06, 1.12}

// bestVScale returns the vertical scale under which every fifth cell of the
// line matches best.
func bestVScale(rc *rectified, fit rowFit, t *templateSet) float64 {
	best, bestScore := 1.0, -1.0
	for _, v := range vscales {
		fit.vscale = v
		var sum float64
		for j := 2; j < fit.count; j += 5 {
			s := classify(rc, fit, fit.x0+float64(j)*fit.p, t)
			_, b := s.best(setAll)
			sum += float64(b)
		}
		if sum > bestScore {
			best, bestScore = v, sum
		}
	}
	return best
}

// confident applies the confidence floors.
func (r *Reader) confident(conf [][]float32) bool {
	var s float32
	n := 0
	for _, l := range conf {
		for _, c := range l {
			if c < r.o.MinConfidence {
				return false
			}
			s += c
			n++
		}
	}
	return n > 0 && s/float32(n) >= r.o.MinMeanConfidence
}
