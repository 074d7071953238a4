package evidence_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"runtime"
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

// imageBombPDF returns a one-page PDF drawing a w×h gray image whose
// Flate stream inflates to n MiB of zeros, whatever its declared size.
func imageBombPDF(t *testing.T, w, h, n int) []byte {
	t.Helper()
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	require.NoError(t, err)
	zero := make([]byte, 1<<20)
	for range n {
		_, err := zw.Write(zero)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	var b bytes.Buffer
	var off []int
	b.WriteString("%PDF-1.7\n")
	obj := func(s string) { off = append(off, b.Len()); b.WriteString(s) }
	obj("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	obj("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
	obj("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >> endobj\n")
	obj(fmt.Sprintf("4 0 obj << /Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode /Length %d >> stream\n", w, h, z.Len()))
	b.Write(z.Bytes())
	b.WriteString("\nendstream endobj\n")
	obj("5 0 obj << /Length 28 >> stream\nq 10 0 0 10 0 0 cm /Im1 Do Q\nendstream endobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 6\n0000000000 65535 f \n")
	for _, o := range off {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// TestPDFImageBomb: an image stream that inflates far past the memory
// budget is counted, not kept, and no image of the PDF is read; pdfcpu,
// which decodes image streams without a bound, never sees it (it used to
// allocate 4 GB for a 2 MB file).
func TestPDFImageBomb(t *testing.T) {
	doc := imageBombPDF(t, 100, 100, 48)
	r := &sizeReader{}
	opts := evidence.Options{Readers: []evidence.ImageReader{r}, MaxDecodeBytes: 16 << 20}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rep, err := evidence.Inspect(context.Background(), bytes.NewReader(doc), "bomb.pdf", "", evidence.Certificate, opts)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Equal(t, evidence.PDF, rep.Format)
	assert.Empty(t, r.sizes, "no image of the PDF is handed to a reader")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(16<<20), "allocation stays under the budget")

	// An image whose stream inflates to its size, within the budget, is
	// read.
	r = &sizeReader{}
	opts.Readers = []evidence.ImageReader{r}
	rep, err = evidence.Inspect(context.Background(), bytes.NewReader(imageBombPDF(t, 2048, 2048, 4)), "scan.pdf", "", evidence.Certificate, opts)
	require.NoError(t, err)
	assert.Equal(t, []image.Point{{2048, 2048}}, r.sizes, "%+v", rep.Violations)
}
