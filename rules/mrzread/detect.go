package mrzread

import (
	"math"
	"slices"
	"sort"
)

// maxRuns bounds the runs of dark pixels labelled on the reduced image:
// beyond it the image is noise, not a document.
const maxRuns = 400_000

// darkMask thresholds g against the mean of a (2r+1)² window: a pixel is
// dark when it is at least 12% and 10 levels below the local mean.
func darkMask(g gray, r int) []bool {
	w, h := g.w, g.h
	// Column sums over the rows of the window, slid down the image; each
	// row's window sums slid across them.
	col := make([]uint32, w)
	for y := 0; y < min(r, h); y++ {
		for x, v := range g.pix[y*w : y*w+w] {
			col[x] += uint32(v)
		}
	}
	pre := make([]uint32, w+1)
	mask := make([]bool, w*h)
	for y := range h {
		if yy := y + r; yy < h {
			for x, v := range g.pix[yy*w : yy*w+w] {
				col[x] += uint32(v)
			}
		}
		if yy := y - r - 1; yy >= 0 {
			for x, v := range g.pix[yy*w : yy*w+w] {
				col[x] -= uint32(v)
			}
		}
		for x, v := range col {
			pre[x+1] = pre[x] + v
		}
		rows := uint32(min(y+r+1, h) - max(y-r, 0))
		line := g.pix[y*w : y*w+w]
		m := mask[y*w : y*w+w]
		for x, p := range line {
			x0, x1 := max(x-r, 0), min(x+r+1, w)
			n := rows * uint32(x1-x0)
			sum := pre[x1] - pre[x0]
			v := uint32(p) * n
			// v < mean·0.88 and v < mean - 10
			m[x] = v*100 < sum*88 && v+10*n < sum
		}
	}
	return mask
}

// textLine is a chain of character-like components at a fixed pitch, in
// detection coordinates (transposed for vertical text).
type textLine struct {
	comps  []comp
	a, b   float64 // centre line: cy = a + b·cx
	h      float64 // median component height
	pitch  float64 // median spacing of neighbouring centres
	x0, x1 float64 // first and last centre
}

func (l *textLine) cells() float64        { return (l.x1-l.x0)/l.pitch + 1 }
func (l *textLine) yAt(x float64) float64 { return l.a + l.b*x }

// candidate is a group of two or three parallel text lines that may be a
// zone, in detection coordinates.
type candidate struct {
	lines      []*textLine
	transposed bool
	score      float64
}

// findCandidates finds zone candidates among the components, in text lines
// running along x (transposed false) or along y (true), best first.
func findCandidates(comps []comp, maxH int) []candidate {
	var out []candidate
	for _, tr := range []bool{false, true} {
		cs := make([]comp, 0, len(comps))
		for _, c := range comps {
			if tr {
				c = c.transpose()
			}
			if c.h() >= 5 && c.h() <= maxH && c.w() <= 2*c.h() && c.n >= 6 {
				cs = append(cs, c)
			}
		}
		if len(cs) > maxComps {
			continue
		}
		for _, g := range groupLines(chainLines(cs)) {
			g.transposed = tr
			out = append(out, g)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// maxScan bounds the components a component's right neighbour is sought
// among, and maxComps the components chained, so that noise costs linear
// time.
const (
	maxScan  = 256
	maxComps = 60_000
	maxLines = 600
)

// chainLines links each component to its nearest right neighbour of similar
// height on about the same line, when that neighbour's nearest left
// neighbour is it, and fits a line through each chain.
func chainLines(cs []comp) []*textLine {
	slices.SortFunc(cs, func(a, b comp) int { return a.x0 + a.x1 - b.x0 - b.x1 })
	n := len(cs)
	right := make([]int32, n)
	left := make([]int32, n)
	for i := range left {
		left[i], right[i] = -1, -1
	}
	bestL := make([]float64, n)
	for i := range bestL {
		bestL[i] = math.Inf(1)
	}
	for i := range n {
		a := cs[i]
		ha := float64(a.h())
		best, bj := math.Inf(1), -1
		for j := i + 1; j < min(n, i+maxScan); j++ {
			b := cs[j]
			dx := b.cx() - a.cx()
			if dx > 2.0*ha {
				break
			}
			hb := float64(b.h())
			hm := max(ha, hb)
			if dx < 0.4*hm || dx > 1.6*hm || min(ha, hb) < 0.6*hm {
				continue
			}
			dy := math.Abs(b.cy() - a.cy())
			if dy > 0.3*hm {
				continue
			}
			cost := dx + 2*dy
			if cost < best {
				best, bj = cost, j
			}
		}
		if bj >= 0 {
			right[i] = int32(bj)
			if best < bestL[bj] {
				bestL[bj], left[bj] = best, int32(i)
			}
		}
	}
	var lines []*textLine
	for i := range n {
		if left[i] >= 0 && right[left[i]] == int32(i) {
			continue // not a head
		}
		var chain []comp
		for j := int32(i); j >= 0; {
			chain = append(chain, cs[j])
			k := right[j]
			if k < 0 || left[k] != j {
				break
			}
			j = k
		}
		if len(chain) >= 8 {
			lines = append(lines, fitLine(chain))
		}
	}
	return mergeLines(lines)
}

// fitLine fits the centre line of a chain by least squares.
func fitLine(chain []comp) *textLine {
	l := &textLine{comps: chain}
	var sx, sy, sxx, sxy float64
	hs := make([]float64, 0, len(chain))
	gaps := make([]float64, 0, len(chain))
	for i, c := range chain {
		x, y := c.cx(), c.cy()
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
		hs = append(hs, float64(c.h()))
		if i > 0 {
			gaps = append(gaps, x-chain[i-1].cx())
		}
	}
	k := float64(len(chain))
	if d := k*sxx - sx*sx; d > 0 {
		l.b = (k*sxy - sx*sy) / d
	}
	l.a = (sy - l.b*sx) / k
	l.h = median(hs)
	l.pitch = median(gaps)
	l.x0, l.x1 = chain[0].cx(), chain[len(chain)-1].cx()
	return l
}

// mergeLines joins chains that continue one another on the same line, with
// a gap of at most three pitches (a character lost or two merged).
func mergeLines(lines []*textLine) []*textLine {
	if len(lines) > maxLines {
		slices.SortFunc(lines, func(a, b *textLine) int { return len(b.comps) - len(a.comps) })
		lines = lines[:maxLines]
	}
	slices.SortFunc(lines, func(a, b *textLine) int {
		switch {
		case a.x0 < b.x0:
			return -1
		case a.x0 > b.x0:
			return 1
		}
		return 0
	})
	for pass, merged := 0, true; merged && pass < 2*maxLines; pass++ {
		merged = false
		for i := 0; i < len(lines) && !merged; i++ {
			a := lines[i]
			for j := range lines {
				b := lines[j]
				if i == j || b.x0 <= a.x1 {
					continue
				}
				gap := b.x0 - a.x1
				p := (a.pitch + b.pitch) / 2
				if gap > 3.2*p || math.Abs(a.pitch-b.pitch) > 0.2*p || math.Abs(a.h-b.h) > 0.25*max(a.h, b.h) ||
					math.Abs(a.yAt(b.x0)-b.yAt(b.x0)) > 0.35*a.h || math.Abs(a.yAt(a.x1)-b.yAt(a.x1)) > 0.35*a.h {
					continue
				}
				lines[i] = fitLine(append(append([]comp(nil), a.comps...), b.comps...))
				lines = slices.Delete(lines, j, j+1)
				merged = true
				break
			}
		}
	}
	return lines
}

// groupLines finds groups of two or three long parallel lines at a regular
// spacing, as the lines of a zone are.
func groupLines(lines []*textLine) []candidate {
	var long []*textLine
	for _, l := range lines {
		if c := l.cells(); c >= 24 && c <= 50 && float64(len(l.comps)) >= 0.6*c {
			long = append(long, l)
		}
	}
	mid := func(l *textLine) float64 { return l.yAt((l.x0 + l.x1) / 2) }
	slices.SortFunc(long, func(a, b *textLine) int {
		switch {
		case mid(a) < mid(b):
			return -1
		case mid(a) > mid(b):
			return 1
		}
		return 0
	})
	// next reports whether b is the line after a in a zone.
	next := func(a, b *textLine) bool {
		x := (max(a.x0, b.x0) + min(a.x1, b.x1)) / 2
		d := b.yAt(x) - a.yAt(x)
		p := (a.pitch + b.pitch) / 2
		over := min(a.x1, b.x1) - max(a.x0, b.x0)
		return d > 1.2*p && d < 2.4*p && math.Abs(a.b-b.b) < 0.04 &&
			math.Abs(a.pitch-b.pitch) < 0.12*p && math.Abs(a.h-b.h) < 0.25*max(a.h, b.h) &&
			over > 0.75*min(a.x1-a.x0, b.x1-b.x0)
	}
	var out []candidate
	for i, a := range long {
		for j := i + 1; j < len(long); j++ {
			b := long[j]
			if !next(a, b) {
				continue
			}
			g := candidate{lines: []*textLine{a, b}}
			for k := j + 1; k < len(long); k++ {
				if next(b, long[k]) {
					g3 := candidate{lines: []*textLine{a, b, long[k]}}
					g3.score = score(g3)
					out = append(out, g3)
				}
			}
			g.score = score(g)
			out = append(out, g)
		}
	}
	return out
}

// score ranks a candidate: more characters, lines of equal length near a
// zone's, and a low position in the image (the zone is at the bottom) score
// higher.
func score(g candidate) float64 {
	s := 0.0
	minC, maxC := math.Inf(1), 0.0
	for _, l := range g.lines {
		c := l.cells()
		s += float64(len(l.comps))
		minC, maxC = min(minC, c), max(maxC, c)
	}
	s *= minC / maxC
	best := math.Inf(1)
	for _, w := range []float64{30, 36, 44} {
		best = min(best, math.Abs(maxC-w))
	}
	return s / (1 + best/4)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}
