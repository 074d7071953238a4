package evidence

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBudgetHostile inspects each budget-* file of the hostile corpus
// with pixel checks: the refused ones cost a header walk, the budget-max-*
// ones a full decode at the edge of the budgets (each must stay under 2 s
// on a 2-core machine).
func BenchmarkBudgetHostile(b *testing.B) {
	files, err := filepath.Glob(filepath.Join(hostile, "budget-*"))
	if err != nil || len(files) == 0 {
		b.Fatal("no hostile corpus", err)
	}
	in, err := NewInspector(Options{PixelChecks: true})
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		name := filepath.Base(path)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := in.Inspect(context.Background(), bytes.NewReader(data), name, "", Certificate); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// photo12MP encodes a 4000×3000 4:2:0 JPEG of a noisy gradient, the size of
// a phone photo.
func photo12MP(b *testing.B) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	seed := uint32(1)
	for i := range img.Y {
		seed = seed*1664525 + 1013904223
		img.Y[i] = uint8(i%4000/16) + uint8(seed>>28)
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = uint8(i%2000/8), uint8(i/2000/6)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkBudget12MP measures the budget's own cost on a 12 MP JPEG: the
// decision from a walked layout ("decide"), and the walk of the markers
// with the scan accounting it now does ("walk").
func BenchmarkBudget12MP(b *testing.B) {
	data := photo12MP(b)
	l := scanJPEG(data, false)
	if l.failure != "" {
		b.Fatal(l.reason)
	}
	opts, _ := Options{}.resolved()
	b.Run("decide", func(b *testing.B) {
		b.ReportAllocs()
		ctx := context.Background()
		for b.Loop() {
			c := check{opts: &opts, role: Certificate}
			c.rep.Width, c.rep.Height = l.width, l.height
			if !c.budget(ctx, data, JPEG, l) {
				b.Fatal("refused", c.rep.Violations)
			}
		}
	})
	b.Run("walk", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			scanJPEG(data, false)
		}
	})
}
