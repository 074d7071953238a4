package eval

import (
	"context"
	"os"
	"strconv"
	"testing"
)

// TestAccuracy runs a small evaluation (3 zones per layout and tier, 3
// damaged zones per layout, 30 images with no zone; MRZEVAL_N=N runs N per
// layout and tier, N damaged per layout and 5N with no zone) and asserts
// the targets: at least 99% exact on clean and moderate images, 90%
// on hard ones, and no wrong zone that passes every check on intact zones
// and images with no zone (at most 0.1% at N ≥ 100; damaged zones: see
// below). The race detector slows the reader and the generator tenfold:
// under it, the test reads one zone per layout and tier at 150–250 dpi, one
// damaged zone per layout and 5 images with no zone (one of each source).
func TestAccuracy(t *testing.T) {
	n, damaged, nozone, maxDPI := 3, 3, 30, 0.0
	if raceEnabled {
		n, damaged, nozone, maxDPI = 1, 1, 5, 250
	}
	if v, _ := strconv.Atoi(os.Getenv("MRZEVAL_N")); v > 0 {
		n, damaged, nozone = v, v, 5*v
	} else if testing.Short() {
		t.Skip("short")
	}
	imgs, names, err := Photos("../../../evidence/testdata/external")
	if err != nil {
		t.Fatal(err)
	}
	c := Config{Seed: 1, N: n, Damaged: damaged, NoZone: nozone, Reader: newReader(t), Today: clock.Today(), Workers: 2,
		Dump: os.Getenv("MRZEVAL_DUMP"), Log: t.Logf, MaxDPI: maxDPI}
	for _, name := range names {
		c.Photos = append(c.Photos, imgs[name])
	}
	if len(c.Photos) < 10 {
		t.Fatalf("%d photos", len(c.Photos))
	}
	rep, err := Run(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", rep.Markdown())
	want := map[Tier]float64{Clean: 0.99, Moderate: 0.99, Hard: 0.90}
	var total Result
	for _, tier := range Tiers {
		var sum Result
		for _, c := range rep.Cells {
			if c.Tier == tier {
				sum.add(c.Ours)
			}
		}
		if got := float64(sum.Exact) / float64(sum.N); sum.N != len(Layouts)*n || got < want[tier] {
			t.Errorf("%v: %d of %d exact (%.1f%%), want at least %.0f%%", tier, sum.Exact, sum.N, 100*got, 100*want[tier])
		}
		total.add(sum)
	}
	if rep.NoZone.N != nozone || rep.Damaged.N != len(Layouts)*damaged {
		t.Errorf("read %d images with no zone and %d damaged", rep.NoZone.N, rep.Damaged.N)
	}
	// The target: fewer than one wrong zone passing every check in a
	// thousand images, intact, damaged or with no zone.
	if wrong, images := total.Wrong+rep.NoZone.Wrong, total.N+rep.NoZone.N; float64(wrong) > float64(images)/1000 {
		t.Errorf("%d wrong zones passing every check in %d intact zones and images with no zone", wrong, images)
	}
	// Not met on damaged zones: a scratched character in a cell no check
	// digit covers (the name, an MRV's optional data) can be read as
	// another letter with enough confidence (3 of 100 in the evaluation of
	// seed 1). This bound holds the level measured until the reader floors
	// the confidence of unchecked cells.
	if float64(rep.Damaged.Wrong) > 0.05*float64(rep.Damaged.N) {
		t.Errorf("%d wrong zones passing every check in %d damaged zones", rep.Damaged.Wrong, rep.Damaged.N)
	} else if rep.Damaged.Wrong > 0 {
		t.Logf("%d wrong zones passing every check in %d damaged zones (target: under 0.1%%)", rep.Damaged.Wrong, rep.Damaged.N)
	}
}

// TestDeterministic: the same seed draws the same image.
func TestDeterministic(t *testing.T) {
	if raceEnabled {
		t.Skip("slow under the race detector")
	}
	a, b := ZoneSample(3, Layouts[0], Hard, 5), ZoneSample(3, Layouts[0], Hard, 5)
	if a.Text() != b.Text() || a.DPI != b.DPI || a.Rotation != b.Rotation || a.Image.Bounds() != b.Image.Bounds() {
		t.Fatal("two draws differ")
	}
	for y := a.Image.Bounds().Min.Y; y < a.Image.Bounds().Max.Y; y += 7 {
		for x := a.Image.Bounds().Min.X; x < a.Image.Bounds().Max.X; x += 7 {
			if a.Image.At(x, y) != b.Image.At(x, y) {
				t.Fatalf("pixel %d,%d differs", x, y)
			}
		}
	}
	if c := ZoneSample(3, Layouts[0], Hard, 6); c.Text() == a.Text() {
		t.Error("two samples drew the same zone")
	}
}

// TestCrop: the crop Tesseract is given holds the zone's lines, upright,
// with a light margin around them.
func TestCrop(t *testing.T) {
	if raceEnabled {
		t.Skip("slow under the race detector")
	}
	for i, l := range Layouts {
		s := ZoneSample(1, l, Clean, i)
		g := s.Crop(300)
		w, h := g.Bounds().Dx(), g.Bounds().Dy()
		// At 300 dpi: the zone's width plus 2×1.6 mm.
		if wantW := int((float64(len(s.Lines[0]))*pitchMM + 2*boxPadMM) * mm * 300); w < wantW-2 || w > wantW+2 {
			t.Errorf("%v: crop %d wide, want %d", l, w, wantW)
		}
		dark := func(y int) int {
			n := 0
			for x := range w {
				if g.Pix[y*g.Stride+x] < 100 {
					n++
				}
			}
			return n
		}
		// Border rows are blank; the rows of ink form len(Lines) bands.
		if dark(0) > 0 || dark(h-1) > 0 {
			t.Errorf("%v (rotation %.1f): ink on the crop's border rows", l, s.Rotation)
		}
		bands, in := 0, false
		for y := range h {
			d := dark(y) > w/20
			if d && !in {
				bands++
			}
			in = d
		}
		if bands != len(s.Lines) {
			t.Errorf("%v (rotation %.1f): %d bands of ink, want %d", l, s.Rotation, bands, len(s.Lines))
		}
	}
}
