package mrzread

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"strings"
	"sync"
	"testing"

	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// photo12MP is a TD3 document rendered at 720 dpi with a 3° skew, about
// 4000×2950 pixels, encoded as a JPEG of quality 90.
var photo12MP = sync.OnceValue(func() []byte {
	img := render.Zone(strings.Split(specimens[0].text, "\n"), render.Options{DPI: 720, Rotation: 3})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// BenchmarkDecode12MP is the standard library's decode of the photo that
// BenchmarkRead12MP reads: reading should cost at most half of it.
func BenchmarkDecode12MP(b *testing.B) {
	data := photo12MP()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead12MP reads the zone of the decoded 12 MP photo.
func BenchmarkRead12MP(b *testing.B) {
	img, err := jpeg.Decode(bytes.NewReader(photo12MP()))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(img.Bounds().Dx()*img.Bounds().Dy())/1e6, "MP")
	benchRead(b, img)
}

// BenchmarkRead300dpi reads a TD3 document scanned at 300 dpi.
func BenchmarkRead300dpi(b *testing.B) {
	benchRead(b, render.Zone(strings.Split(specimens[0].text, "\n"), render.Options{DPI: 300, Rotation: 2}))
}

func benchRead(b *testing.B, img image.Image) {
	r := newReader(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Read(ctx, img); err != nil {
			b.Fatal(err)
		}
	}
}
