package evidence

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"sync"
	"testing"
)

// photoJPEG encodes a w×h colour image with smooth gradients, sharp bars
// and sensor-like noise, at quality q; photos of this kind compress as
// camera JPEGs do.
func photoJPEG(tb testing.TB, w, h, q int, noise int) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	for y := range h {
		for x := range w {
			v := 60 + 120*x/w + r.IntN(noise+1) - noise/2
			if (y/37)%6 == 0 && (x/11)%4 != 0 {
				v = 20
			}
			img.Y[y*img.YStride+x] = uint8(min(max(v, 0), 255))
		}
	}
	for i := range img.Cb {
		img.Cb[i] = uint8(100 + i%50)
		img.Cr[i] = uint8(150 - i%40)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

var (
	bigOnce, twelveOnce sync.Once
	big, twelve         []byte
)

// big10MiB is a JPEG just under 10 MiB (a 4032×3024 noisy photo at high
// quality, cut to size by adjusting the noise).
func big10MiB(tb testing.TB) []byte {
	bigOnce.Do(func() {
		for noise := 160; noise > 0; noise -= 8 {
			b := photoJPEG(tb, 4032, 3024, 97, noise)
			if len(b) <= DefaultMaxBytes {
				big = b
				return
			}
		}
	})
	return big
}

// twelveMP is a 12-megapixel (4000×3000) JPEG like a phone photo.
func twelveMP(tb testing.TB) []byte {
	twelveOnce.Do(func() { twelve = photoJPEG(tb, 4000, 3000, 90, 24) })
	return twelve
}

// BenchmarkHeaders10MiB inspects a ~10 MiB JPEG without pixel checks:
// reading, sniffing, name and header checks, the marker walk to EOI and the
// metadata signals. Compare with BenchmarkDecode10MiB.
func BenchmarkHeaders10MiB(b *testing.B) {
	data := big10MiB(b)
	if len(data) > DefaultMaxBytes || len(data) < 8<<20 {
		b.Fatalf("the 10 MiB JPEG is %d bytes", len(data))
	}
	in, err := NewInspector(Options{})
	if err != nil {
		b.Fatal(err)
	}
	// warm the buffer pool: B/op then shows what one inspection allocates
	// beyond the reused read buffer
	if _, err := in.Inspect(context.Background(), bytes.NewReader(data), "photo.jpg", "", Certificate); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	for b.Loop() {
		r.Reset(data)
		rep, err := in.Inspect(context.Background(), r, "photo.jpg", "image/jpeg", Certificate)
		if err != nil || rep.Format != JPEG {
			b.Fatal(err, rep.Violations)
		}
	}
}

// BenchmarkDecode10MiB is the standard library's full decode of the same
// file.
func BenchmarkDecode10MiB(b *testing.B) {
	data := big10MiB(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPixelChecks12MP inspects a 12-megapixel JPEG with pixel checks:
// everything BenchmarkHeaders10MiB does plus the full decode and the pixel
// pass. Compare with BenchmarkDecode12MP.
func BenchmarkPixelChecks12MP(b *testing.B) {
	data := twelveMP(b)
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width*cfg.Height != 12_000_000 {
		b.Fatal("not a 12-MP JPEG", err)
	}
	in, err := NewInspector(Options{PixelChecks: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := in.Inspect(context.Background(), bytes.NewReader(data), "photo.jpg", "", Handheld); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	for b.Loop() {
		r.Reset(data)
		rep, err := in.Inspect(context.Background(), r, "photo.jpg", "", Handheld)
		if err != nil || rep.Scores == nil {
			b.Fatal(err, rep.Violations)
		}
	}
}

// BenchmarkDecode12MP is the standard library's decode of the same file.
func BenchmarkDecode12MP(b *testing.B) {
	data := twelveMP(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMeasure12MP is the pixel pass alone on a decoded 12-MP image.
func BenchmarkMeasure12MP(b *testing.B) {
	img, err := jpeg.Decode(bytes.NewReader(twelveMP(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		measure(img)
	}
}

// BenchmarkMeasureRGBA measures a 4-MP RGBA image (the PNG/BMP path).
func BenchmarkMeasureRGBA(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 2000, 2000))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(0, 0, color.RGBA{})
	b.ReportAllocs()
	for b.Loop() {
		measure(img)
	}
}
