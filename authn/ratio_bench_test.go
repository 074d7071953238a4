package authn_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"

	"github.com/realname-go/realname/authn"
	"github.com/realname-go/realname/authn/authntest"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/tags"
)

// The benchmarks of this file are read side by side, in one run, as the
// ratios the README's performance table states:
//
//	BenchmarkRatioVerifyTypedOnly / BenchmarkRatioValidator5Fields
//	BenchmarkRatioVerifyTwoJPEGs  / BenchmarkRatioDecodeTwoJPEGs
//
// go test -run '^$' -bench Ratio -benchmem ./authn

// ratioClock is the clock of the ratio benchmarks.
var ratioClock = certificate.Clock{Now: func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }}

// BenchmarkRatioVerifyTypedOnly verifies the typed data of an application:
// no files, no binding store.
func BenchmarkRatioVerifyTypedOnly(b *testing.B) {
	p := authn.DefaultPolicy()
	p.Skip = []string{authn.CheckCertificateFile, authn.CheckHandheldFile, authn.CheckDistinctFiles}
	v, err := authn.NewVerifier(authn.WithClock(ratioClock), authn.WithPolicy(p))
	if err != nil {
		b.Fatal(err)
	}
	app, err := authntest.Application(authntest.Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	app.Certificate, app.Handheld = authn.Evidence{}, authn.Evidence{}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		rep, err := v.Verify(ctx, app)
		if err != nil || rep.Verdict == rules.Rejected {
			b.Fatal(err, rep.Codes())
		}
	}
}

// fiveFields is what a validator/v10 user checks in a sign-up form: five
// fields, one with a checksum tag.
type fiveFields struct {
	Name   string `validate:"required,max=64"`
	Kind   string `validate:"required,certificate_kind"`
	Number string `validate:"required,cn_resident_id"`
	Email  string `validate:"required,email"`
	Age    int    `validate:"gte=16,lte=150"`
}

// BenchmarkRatioValidator5Fields is validator/v10 on fiveFields.
func BenchmarkRatioValidator5Fields(b *testing.B) {
	v := validator.New(validator.WithRequiredStructEnabled())
	if err := tags.RegisterValidations(v, schemes.Default()); err != nil {
		b.Fatal(err)
	}
	f := fiveFields{Name: "张三", Kind: "id_card", Number: "11010519491231002X", Email: "zhang@example.com", Age: 30}
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Struct(f); err != nil {
			b.Fatal(err)
		}
	}
}

// phoneJPEG encodes a w×h photo-like image (gradients, bars, sensor noise)
// at quality 90, as a phone camera would.
func phoneJPEG(tb testing.TB, w, h int, seed uint64) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(seed, uint64(w)))
	for y := range h {
		for x := range w {
			v := 60 + 120*x/w + r.IntN(25) - 12
			if (y/37)%6 == 0 && (x/11)%4 != 0 {
				v = 20
			}
			img.Y[y*img.YStride+x] = uint8(min(max(v, 0), 255))
		}
	}
	for i := range img.Cb {
		img.Cb[i] = uint8(100 + (i+int(seed))%50)
		img.Cr[i] = uint8(150 - i%40)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// twoPhotos returns a certificate photo and a handheld photo, 1600×1200.
func twoPhotos(tb testing.TB) (certificateJPEG, handheldJPEG []byte) {
	return phoneJPEG(tb, 1600, 1200, 1), phoneJPEG(tb, 1200, 1600, 2)
}

// BenchmarkRatioVerifyTwoJPEGs is the whole verification of an application
// with two camera JPEGs and pixel checks, with no binding store.
func BenchmarkRatioVerifyTwoJPEGs(b *testing.B) {
	v, err := authn.NewVerifier(authn.WithClock(ratioClock))
	if err != nil {
		b.Fatal(err)
	}
	app, err := authntest.Application(authntest.Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	cert, hand := twoPhotos(b)
	ctx := context.Background()
	b.SetBytes(int64(len(cert) + len(hand)))
	b.ReportAllocs()
	for b.Loop() {
		app.Certificate = authn.Evidence{Name: "card.jpg", Reader: bytes.NewReader(cert)}
		app.Handheld = authn.Evidence{Name: "me.jpg", Reader: bytes.NewReader(hand)}
		rep, err := v.Verify(ctx, app)
		if err != nil || len(rep.Files) != 2 {
			b.Fatal(err, rep.Codes())
		}
	}
}

// BenchmarkRatioDecodeTwoJPEGs is the standard library's decode of the same
// two files: the floor of any check that looks at their pixels.
func BenchmarkRatioDecodeTwoJPEGs(b *testing.B) {
	cert, hand := twoPhotos(b)
	b.SetBytes(int64(len(cert) + len(hand)))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range [][]byte{cert, hand} {
			if _, err := jpeg.Decode(io.Reader(bytes.NewReader(data))); err != nil {
				b.Fatal(err)
			}
		}
	}
}
