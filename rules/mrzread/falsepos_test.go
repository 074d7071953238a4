package mrzread

import (
	"image"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// scoredZone is a zone read from a rendered image, cell by cell.
type scoredZone struct {
	lines   []string
	rows    [][]cellScores
	layouts []mrz.Format
}

// scoreImage runs the reader up to the cell scores of the first candidate,
// in its better orientation.
func scoreImage(r *Reader, img image.Image) ([][]cellScores, []mrz.Format) {
	src := newSource(img)
	b := img.Bounds()
	f := (max(b.Dx(), b.Dy()) + r.o.DetectSide - 1) / r.o.DetectSide
	g := src.reduce(f)
	comps, _ := components(darkMask(g, max(8, max(g.w, g.h)/64)), g.w, g.h, maxRuns)
	cands := findCandidates(comps, max(8, min(g.w, g.h)/6))
	if len(cands) == 0 {
		return nil, nil
	}
	rc, ok := rectify(src, cands[0], f)
	if !ok {
		return nil, nil
	}
	t := loadTemplates()
	if fl := rc.flip(); quickScore(fl, t) > quickScore(rc, t) {
		rc = fl
	}
	return r.cellRows(rc, t)
}

// TestDecodeDamagedZones measures wrong zones on damaged zones at the level
// of cell scores: zones are rendered and scored once, then characters are
// replaced by the scores of other characters (a misprinted or altered
// zone) or cells by blots, thousands of times. A damaged zone may read as
// unreadable or as the zone before the damage; any other zone is wrong, and
// wrong zones must stay under one in a thousand.
func TestDecodeDamagedZones(t *testing.T) {
	r := newReader(t)
	rng := rand.New(rand.NewPCG(5, 6))
	layouts := []mrz.Format{mrz.TD1, mrz.TD2, mrz.TD3, mrz.MRVA, mrz.MRVB}
	perLayout := 3
	if raceEnabled || testing.Short() {
		perLayout = 1
	}
	var zones []scoredZone
	library := make(map[byte][]cellScores)
	for i := range perLayout * len(layouts) {
		lines := render.RandomZone(rng, layouts[i%len(layouts)])
		var img image.Image = render.Zone(lines, render.Options{DPI: 150 + float64(rng.IntN(200)), Rotation: rng.Float64()*6 - 3})
		if i%2 == 1 {
			img = degrade(img.(*image.RGBA), "moderate", 200, rng)
		}
		rows, lays := scoreImage(r, img)
		if rows == nil || r.decodeRows(rows, lays, clock.Today()) == nil {
			t.Fatalf("zone %q did not read", lines)
		}
		zones = append(zones, scoredZone{lines, rows, lays})
		for li, row := range rows {
			for j := range row {
				c := lines[li][j]
				library[c] = append(library[c], row[j])
			}
		}
	}
	trials := 3000
	if raceEnabled || testing.Short() {
		trials = 300
	}
	wrong, recovered, unreadable, valid := 0, 0, 0, 0
	for range trials {
		z := zones[rng.IntN(len(zones))]
		rows := make([][]cellScores, len(z.rows))
		lines := make([][]byte, len(z.lines))
		for i := range rows {
			rows[i] = slices.Clone(z.rows[i])
			lines[i] = []byte(z.lines[i])
		}
		// Make up to three checked cells ambiguous, as on a real document
		// in a slightly different cut of OCR-B: the closest other character
		// of the cell's class scores within ±0.05 of the right one, so that
		// the check digits must decide.
		ambiguous(rng, rows, z, 3)
		if rng.IntN(3) == 0 {
			// A blot over two to six cells: paper or ink, scores low.
			li, n := rng.IntN(len(rows)), 2+rng.IntN(5)
			j0 := rng.IntN(len(rows[li]) - n)
			for j := j0; j < j0+n; j++ {
				for c := range rows[li][j] {
					rows[li][j][c] = rows[li][j][c]*0.3 + float32(rng.NormFloat64()*0.1)
				}
				lines[li][j] = '?'
			}
		} else {
			// One to three characters printed as others, in fields the
			// check digits cover (a name misprinted is beyond any check).
			pat := patterns[z.layouts[0]]
			for range 1 + rng.IntN(3) {
				li, j := rng.IntN(len(rows)), 0
				for j = rng.IntN(len(rows[li])); !checked(pat[li][j]); j = rng.IntN(len(rows[li])) {
					li = rng.IntN(len(rows))
				}
				var c byte
				for c = render.Charset[rng.IntN(nchars)]; c == lines[li][j] || len(library[c]) == 0; c = render.Charset[rng.IntN(nchars)] {
				}
				lines[li][j] = c
				rows[li][j] = library[c][rng.IntN(len(library[c]))]
			}
		}
		damaged := strings.Join(bytesToStrings(lines), "\n")
		if m, err := mrz.Parse(damaged, clock.Today()); err == nil && m.Valid() {
			valid++ // the damage made another valid zone: nothing to detect
			continue
		}
		out := r.decodeRows(rows, z.layouts, clock.Today())
		switch {
		case out == nil:
			unreadable++
		case slices.Equal(out.lines, z.lines):
			recovered++
		default:
			wrong++
			if wrong <= 5 {
				t.Logf("damaged %q read as %q", damaged, out.lines)
			}
		}
	}
	t.Logf("%d damaged zones: %d unreadable, %d recovered, %d wrong; %d still valid", trials-valid, unreadable, recovered, wrong, valid)
	if wrong*1000 >= trials-valid {
		t.Errorf("%d wrong zones in %d", wrong, trials-valid)
	}
}

// ambiguous makes up to n checked cells of rows ambiguous: those whose
// closest other character of the class scores within 0.2 of the right one
// (0/O, 8/B, …) are brought within ±0.05.
func ambiguous(rng *rand.Rand, rows [][]cellScores, z scoredZone, n int) {
	pat := patterns[z.layouts[0]]
	for range rng.IntN(n + 1) {
		li := rng.IntN(len(rows))
		j := rng.IntN(len(rows[li]))
		if !checked(pat[li][j]) {
			continue
		}
		tc := charIndex(z.lines[li][j])
		oc, os := rows[li][j].best(classSet(pat[li][j]) &^ (1 << tc))
		if rows[li][j][tc]-os > 0.2 {
			continue // not a confusable pair, such as 0/O or 8/B
		}
		rows[li][j][oc] = rows[li][j][tc] + float32(rng.Float64()*0.1-0.05)
	}
}

// TestDecodeCorrects makes checked cells ambiguous, the right reading
// losing in some, and requires the check digits to pick the right zone or
// none: never a wrong one.
func TestDecodeCorrects(t *testing.T) {
	r := newReader(t)
	rng := rand.New(rand.NewPCG(15, 16))
	var zones []scoredZone
	for _, f := range []mrz.Format{mrz.TD1, mrz.TD2, mrz.TD3} {
		lines := render.RandomZone(rng, f)
		rows, lays := scoreImage(r, render.Zone(lines, render.Options{DPI: 200}))
		if rows == nil {
			t.Fatalf("zone %q did not read", lines)
		}
		zones = append(zones, scoredZone{lines, rows, lays})
	}
	right, corrected, unreadable := 0, 0, 0
	const trials = 600
	for range trials {
		z := zones[rng.IntN(len(zones))]
		rows := make([][]cellScores, len(z.rows))
		for i := range rows {
			rows[i] = slices.Clone(z.rows[i])
		}
		ambiguous(rng, rows, z, 2)
		out := r.decodeRows(rows, z.layouts, clock.Today())
		switch {
		case out == nil:
			unreadable++
		case slices.Equal(out.lines, z.lines):
			right++
			if out.corrections > 0 {
				corrected++
			}
		default:
			t.Errorf("ambiguous zone %q read as %q", z.lines, out.lines)
		}
	}
	t.Logf("%d ambiguous zones: %d right (%d by correction), %d unreadable", trials, right, corrected, unreadable)
	if corrected == 0 || right < trials*9/10 {
		t.Errorf("%d right and %d corrected of %d", right, corrected, trials)
	}
}

func bytesToStrings(b [][]byte) []string {
	out := make([]string, len(b))
	for i, l := range b {
		out[i] = string(l)
	}
	return out
}
