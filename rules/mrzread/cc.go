package mrzread

// comp is a connected component of dark pixels: its bounding box (max
// exclusive) and pixel count.
type comp struct {
	x0, y0, x1, y1 int
	n              int
}

func (c comp) w() int                 { return c.x1 - c.x0 }
func (c comp) h() int                 { return c.y1 - c.y0 }
func (c comp) cx() float64            { return float64(c.x0+c.x1) / 2 }
func (c comp) cy() float64            { return float64(c.y0+c.y1) / 2 }
func (c comp) transpose() comp        { return comp{x0: c.y0, y0: c.x0, x1: c.y1, y1: c.x1, n: c.n} }
func (c comp) offset(dx, dy int) comp { return comp{c.x0 + dx, c.y0 + dy, c.x1 + dx, c.y1 + dy, c.n} }

type run struct {
	y, x0, x1 int32
}

// components labels the 8-connected components of the set pixels of mask
// (w×h, row-major). It gives up, returning false, past maxRuns runs, which
// bounds its memory on noise.
func components(mask []bool, w, h, maxRuns int) ([]comp, bool) {
	var runs []run
	rowStart := make([]int32, h+1)
	for y := range h {
		rowStart[y] = int32(len(runs))
		line := mask[y*w : y*w+w]
		for x := 0; x < w; {
			if !line[x] {
				x++
				continue
			}
			s := x
			for x < w && line[x] {
				x++
			}
			runs = append(runs, run{int32(y), int32(s), int32(x)})
			if len(runs) > maxRuns {
				return nil, false
			}
		}
	}
	rowStart[h] = int32(len(runs))
	parent := make([]int32, len(runs))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for y := 1; y < h; y++ {
		p, pe := rowStart[y-1], rowStart[y]
		for i := rowStart[y]; i < rowStart[y+1]; i++ {
			r := runs[i]
			for p < pe && runs[p].x1 < r.x0 {
				p++
			}
			for q := p; q < pe && runs[q].x0 <= r.x1; q++ {
				a, b := find(i), find(q)
				if a != b {
					if a < b {
						parent[b] = a
					} else {
						parent[a] = b
					}
				}
			}
		}
	}
	idx := make([]int32, len(runs))
	var out []comp
	for i, r := range runs {
		root := find(int32(i))
		var c *comp
		if root == int32(i) {
			idx[i] = int32(len(out))
			out = append(out, comp{x0: int(r.x0), y0: int(r.y), x1: int(r.x1), y1: int(r.y) + 1})
			c = &out[len(out)-1]
		} else {
			c = &out[idx[root]]
			c.x0, c.x1 = min(c.x0, int(r.x0)), max(c.x1, int(r.x1))
			c.y1 = max(c.y1, int(r.y)+1)
		}
		c.n += int(r.x1 - r.x0)
	}
	return out, true
}
