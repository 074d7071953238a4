package evidence_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/rules/evidence"
)

// sizeReader records the sizes of the images it is handed.
type sizeReader struct {
	mu    sync.Mutex
	sizes []image.Point
	luma  [][2]uint8 // of pixels (5, 1), on a dark line, and (5, 10), paper
}

type sizeReading struct{}

func (sizeReading) Reader() string { return "size" }

func (s *sizeReader) ReadImage(_ context.Context, _ evidence.Role, img image.Image) (evidence.Reading, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sizes = append(s.sizes, img.Bounds().Size())
	y := func(x, y int) uint8 { return color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y }
	s.luma = append(s.luma, [2]uint8{y(5, 1), y(5, 10)})
	return sizeReading{}, nil
}

// pngOf returns a PNG of w×h pixels with a few dark lines on paper.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := uint8(230)
			if y%40 < 4 {
				c = 30
			}
			img.SetGray(x, y, color.Gray{Y: c})
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

// pdfOf returns a PDF with one page per image, made by pdfcpu.
func pdfOf(t *testing.T, imgs ...[]byte) []byte {
	t.Helper()
	rs := make([]io.Reader, len(imgs))
	for i, b := range imgs {
		rs[i] = bytes.NewReader(b)
	}
	var out bytes.Buffer
	require.NoError(t, api.ImportImages(nil, &out, rs, nil, model.NewDefaultConfiguration()))
	return out.Bytes()
}

// TestPDFLargestImageRead: the readers get the largest image inside a PDF
// certificate, decoded, once.
func TestPDFLargestImageRead(t *testing.T) {
	doc := pdfOf(t, pngOf(t, 400, 300), pngOf(t, 1200, 800))
	r := &sizeReader{}
	rep, err := evidence.Inspect(context.Background(), bytes.NewReader(doc), "passport.pdf", "application/pdf", evidence.Certificate,
		evidence.Options{Readers: []evidence.ImageReader{r}})
	require.NoError(t, err)
	require.Equal(t, evidence.PDF, rep.Format)
	require.NotEqual(t, "reject", rep.Verdict().String(), "%+v", rep.Violations)
	assert.Equal(t, []image.Point{{1200, 800}}, r.sizes)
	assert.Equal(t, [][2]uint8{{30, 230}}, r.luma, "the pixels as drawn")
	assert.Len(t, rep.Readings, 1)

	// An image above the pixel limit is not decoded; the smaller one is.
	r = &sizeReader{}
	_, err = evidence.Inspect(context.Background(), bytes.NewReader(doc), "passport.pdf", "", evidence.Certificate,
		evidence.Options{Readers: []evidence.ImageReader{r}, MaxPixels: 500_000})
	require.NoError(t, err)
	assert.Equal(t, []image.Point{{400, 300}}, r.sizes)

	// An image whose decode would pass the memory budget is not decoded
	// either: four bytes a pixel, 1200×800 is 3.8 MB and 400×300 0.5 MB.
	r = &sizeReader{}
	_, err = evidence.Inspect(context.Background(), bytes.NewReader(doc), "passport.pdf", "", evidence.Certificate,
		evidence.Options{Readers: []evidence.ImageReader{r}, MaxDecodeBytes: 1_000_000})
	require.NoError(t, err)
	assert.Equal(t, []image.Point{{400, 300}}, r.sizes, "the budget holds for images inside a PDF too")

	// Without readers nothing is extracted.
	_, err = evidence.Inspect(context.Background(), bytes.NewReader(doc), "passport.pdf", "", evidence.Certificate, evidence.Options{})
	require.NoError(t, err)
}

func BenchmarkPDFLargestImage(b *testing.B) {
	t := &testing.T{}
	doc := pdfOf(t, pngOf(t, 1200, 800))
	in, err := evidence.NewInspector(evidence.Options{Readers: []evidence.ImageReader{&sizeReader{}}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := in.Inspect(context.Background(), bytes.NewReader(doc), "a.pdf", "", evidence.Certificate); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPDFNoReader(b *testing.B) {
	t := &testing.T{}
	doc := pdfOf(t, pngOf(t, 1200, 800))
	in, err := evidence.NewInspector(evidence.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := in.Inspect(context.Background(), bytes.NewReader(doc), "a.pdf", "", evidence.Certificate); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzPDFRead: hostile PDFs never panic the image extraction and never
// hand a reader more than the pixel limit.
func FuzzPDFRead(f *testing.F) {
	t := &testing.T{}
	f.Add(pdfOf(t, pngOf(t, 64, 48)))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := &sizeReader{}
		in, err := evidence.NewInspector(evidence.Options{MaxPixels: 1 << 20, PDFTimeout: 200 * time.Millisecond,
			Readers: []evidence.ImageReader{r}})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = in.Inspect(context.Background(), bytes.NewReader(b), "f.pdf", "", evidence.Certificate)
		for _, s := range r.sizes {
			if int64(s.X)*int64(s.Y) > 1<<20 {
				t.Fatalf("image of %v over the limit", s)
			}
		}
	})
}
