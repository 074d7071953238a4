package evidence

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/realname-go/realname/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func corpus(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
	require.NoError(t, err)
	return b
}

// padPDF returns a valid one-page PDF of exactly n bytes: a comment line
// after the objects pads it, and the startxref offset follows the padding.
func padPDF(t testing.TB, n int) []byte {
	t.Helper()
	b := corpus(t, "good_1page.pdf")
	i := bytes.Index(b, []byte("xref\n"))
	j := bytes.Index(b, []byte("startxref\n"))
	build := func(pad int) []byte {
		out := make([]byte, 0, n)
		out = append(out, b[:i]...)
		out = append(out, '%')
		out = append(out, bytes.Repeat([]byte{'x'}, pad)...)
		out = append(out, '\n')
		out = append(out, b[i:j]...)
		return append(out, "startxref\n"+itoa(int64(i+pad+2))+"\n%%EOF\n"...)
	}
	pad := 0
	for range 3 {
		pad += n - len(build(pad))
	}
	out := build(pad)
	require.Equal(t, n, len(out))
	return out
}

func TestSizeLimit(t *testing.T) {
	in, err := NewInspector(Options{})
	require.NoError(t, err)
	const limit = DefaultMaxBytes
	require.Equal(t, 10_485_760, limit, "10 MiB")
	cases := []struct {
		size   int
		want   rules.Code
		reason string
	}{
		{limit - 64, "", "well below the limit"},
		{limit, "", "exactly the limit is allowed"},
		{limit + 1, CodeTooLarge, "one byte over is refused"},
		{limit + 4096, CodeTooLarge, "further over is refused too"},
	}
	for _, tc := range cases {
		t.Run(itoa(int64(tc.size)), func(t *testing.T) {
			var b []byte
			if tc.size <= limit {
				b = padPDF(t, tc.size)
			} else {
				b = append(padPDF(t, limit), bytes.Repeat([]byte{'\n'}, tc.size-limit)...)
			}
			rep, err := in.Inspect(context.Background(), bytes.NewReader(b), "scan.pdf", "application/pdf", Certificate)
			require.NoError(t, err)
			if tc.want == "" {
				assert.Empty(t, rep.Violations, tc.reason)
				assert.Equal(t, int64(tc.size), rep.Size)
				assert.Equal(t, 1, rep.Pages)
			} else {
				assert.Equal(t, []string{string(tc.want)}, codes(rep), tc.reason)
				assert.Equal(t, int64(limit+1), rep.Size, "reading stops at the limit plus one")
			}
		})
	}
}

// countingReader counts the bytes taken from it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestReadStopsAtLimitPlusOne(t *testing.T) {
	in, err := NewInspector(Options{MaxBytes: 1000})
	require.NoError(t, err)
	src := &countingReader{r: io.MultiReader(bytes.NewReader(corpus(t, "good_camera.jpg")), neverEnding{})}
	rep, err := in.Inspect(context.Background(), src, "a.jpg", "", Certificate)
	require.NoError(t, err)
	assert.Equal(t, []string{string(CodeTooLarge)}, codes(rep))
	assert.Equal(t, int64(1001), src.n, "an endless stream is read only to limit+1")
}

type neverEnding struct{}

func (neverEnding) Read(p []byte) (int, error) { return len(p), nil }

func TestEmpty(t *testing.T) {
	rep, err := Inspect(context.Background(), bytes.NewReader(nil), "a.jpg", "image/jpeg", Certificate, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{string(CodeEmpty)}, codes(rep))
}

func TestContentType(t *testing.T) {
	jpg := corpus(t, "good_camera.jpg")
	cases := []struct {
		declared string
		ok       bool
		reason   string
	}{
		{"", true, "no declaration says nothing"},
		{"image/jpeg", true, "the right type"},
		{"image/jpg", true, "a common misspelling browsers send"},
		{"image/pjpeg", true, "old Internet Explorer"},
		{"application/octet-stream", true, "generic"},
		{"image/png", false, "declared PNG, content JPEG"},
		{"text/html", false, "declared HTML"},
		{"image/jpeg; charset=\x00", false, "unparseable"},
	}
	for _, tc := range cases {
		rep, err := Inspect(context.Background(), bytes.NewReader(jpg), "a.jpg", tc.declared, Certificate, Options{})
		require.NoError(t, err)
		assert.Equal(t, !tc.ok, assert.ObjectsAreEqual(true, contains(codes(rep), string(CodeContentTypeMismatch))), tc.reason)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestCheckName(t *testing.T) {
	cases := []struct {
		name   string
		f      Format
		want   rules.Code
		reason string
	}{
		{"a.jpg", JPEG, "", "plain"},
		{"a.JPeG", JPEG, "", "any case"},
		{`C:\Users\me\Desktop\身份证.png`, PNG, "", "Windows path from an old browser"},
		{"IMG_2024.05.01.jpg", JPEG, "", "dots in a date are not extensions"},
		{"a.jpg.exe", JPEG, CodeDoubleExtension, "allowed extension hiding an executable"},
		{"a.php.png", PNG, CodeDoubleExtension, "executable inner extension"},
		{"a.exe", JPEG, CodeExtensionNotAllowed, "executable"},
		{"a.heic", JPEG, CodeExtensionNotAllowed, "HEIC extension"},
		{"a.", JPEG, CodeExtensionNotAllowed, "trailing dot only"},
		{"a.jpg. ", JPEG, "", "trailing dot and space are dropped as Windows does"},
		{"noext", JPEG, CodeExtensionNotAllowed, "no extension"},
		{"a.png", JPEG, CodeExtensionMismatch, "JPEG content named .png"},
		{"a.jpeg", PDF, CodeExtensionMismatch, "PDF content named .jpeg"},
	}
	for _, tc := range cases {
		got, _ := checkName(tc.name, tc.f)
		assert.Equal(t, tc.want, got, tc.reason)
	}
}

func TestSniff(t *testing.T) {
	cases := []struct {
		head   []byte
		f      Format
		code   rules.Code
		reason string
	}{
		{[]byte("\xff\xd8\xff\xe0"), JPEG, "", "JFIF start"},
		{[]byte(pngSignature), PNG, "", "PNG signature"},
		{[]byte("BM"), BMP, "", "BMP magic (the header is checked later)"},
		{[]byte("%PDF-1.7"), PDF, "", "PDF header"},
		{[]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "", CodeFormatHEIC, "iPhone HEIC"},
		{[]byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), "", CodeFormatHEIC, "AVIF is HEIF too"},
		{[]byte("\x00\x00\x00\x14ftypmif1\x00\x00\x00\x00heix"), "", CodeFormatHEIC, "brand only among the compatible ones"},
		{[]byte("GIF87a"), "", CodeFormatGIF, "GIF"},
		{[]byte("MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00"), "", CodeFormatTIFF, "big-endian TIFF"},
		{[]byte("  <?xml version=\"1.0\"?><svg>"), "", CodeFormatSVG, "SVG after XML declaration"},
		{[]byte("#!/bin/sh\n"), "", CodeFormatExecutable, "shell script"},
		{[]byte("PK\x03\x04"), "", CodeFormatArchive, "ZIP"},
		{[]byte("hello"), "", CodeFormatUnknown, "text"},
		{nil, "", CodeEmpty, "nothing"},
	}
	for _, tc := range cases {
		f, code, _ := Sniff(tc.head)
		assert.Equal(t, tc.f, f, tc.reason)
		assert.Equal(t, tc.code, code, tc.reason)
	}
}

func TestBMPHeader(t *testing.T) {
	good := corpus(t, "good.bmp")
	mut := func(off int, v ...byte) []byte {
		b := bytes.Clone(good)
		copy(b[off:], v)
		return b
	}
	cases := []struct {
		b      []byte
		want   rules.Code
		reason string
	}{
		{good, "", "sound"},
		{mut(14, 41), CodeBMPHeader, "DIB header size 41 does not exist"},
		{mut(26, 2), CodeBMPHeader, "planes must be 1"},
		{mut(28, 7), CodeBMPHeader, "7 bits per pixel does not exist"},
		{mut(30, 9), CodeBMPHeader, "compression 9 does not exist"},
		{mut(10, 0, 0, 0, 0), CodeBMPHeader, "pixel data inside the headers"},
		{mut(18, 0, 0, 0, 0), CodeBMPHeader, "zero width"},
		{good[:30], CodeTruncated, "cut in the DIB header"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, scanBMP(tc.b).failure, tc.reason)
	}
}

func TestOptionsConfigError(t *testing.T) {
	for _, o := range []Options{{MaxBytes: -1}, {MaxPages: -1}, {MaxPixels: -5}, {MinHandheld: Dimensions{Short: -1}}, {MaxBytes: 2 << 30}} {
		_, err := NewInspector(o)
		var ce *rules.ConfigError
		assert.True(t, errors.As(err, &ce), "%+v", o)
	}
	in, err := NewInspector(Options{})
	require.NoError(t, err)
	got := in.Options()
	assert.Equal(t, int64(10<<20), got.MaxBytes)
	assert.Equal(t, 2, got.MaxPages)
	assert.Equal(t, DefaultThresholds(), got.Thresholds)
}

func TestThresholdsOffAndReject(t *testing.T) {
	b := corpus(t, "blurry.jpg")
	rep, err := Inspect(context.Background(), bytes.NewReader(b), "a.jpg", "", Certificate,
		Options{PixelChecks: true, PixelReject: true})
	require.NoError(t, err)
	assert.Equal(t, rules.Rejected, rep.Verdict(), "PixelReject turns blur into a rejection")
	rep, err = Inspect(context.Background(), bytes.NewReader(b), "a.jpg", "", Certificate,
		Options{PixelChecks: true, Thresholds: Thresholds{MinSharpness: -1}})
	require.NoError(t, err)
	assert.NotContains(t, codes(rep), string(CodeBlurry), "a negative threshold turns the check off")
	require.NotNil(t, rep.Scores)
	assert.Less(t, rep.Scores.Sharpness, 50.0)
}

func TestMinDimensionsOption(t *testing.T) {
	b := corpus(t, "small.jpg")
	rep, err := Inspect(context.Background(), bytes.NewReader(b), "a.jpg", "", Handheld,
		Options{MinHandheld: Dimensions{Short: 200, Long: 300}})
	require.NoError(t, err)
	assert.Empty(t, codes(rep))
	assert.Equal(t, 320, rep.Width)
	assert.Equal(t, 240, rep.Height)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestReaderErrorIsInfra(t *testing.T) {
	_, err := Inspect(context.Background(), failingReader{}, "a.jpg", "", Certificate, Options{})
	var ie *rules.InfraError
	require.ErrorAs(t, err, &ie)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Inspect(ctx, bytes.NewReader(corpus(t, "good_camera.jpg")), "a.jpg", "", Certificate, Options{})
	require.ErrorIs(t, err, context.Canceled)
}

func TestCheckRule(t *testing.T) {
	in, err := NewInspector(Options{})
	require.NoError(t, err)
	var rule rules.Rule[File] = in
	vs, err := rule.Check(context.Background(), File{Name: "a.pdf", Role: Handheld,
		Open: func() (io.ReadCloser, error) { return os.Open("testdata/corpus/good_1page.pdf") }})
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.ErrorIs(t, rules.Result{Violations: vs}.Err(), CodeNotImage)
	vs, err = rule.Check(context.Background(), File{Name: "a.jpg", Role: Certificate, Reader: bytes.NewReader(corpus(t, "good_camera.jpg"))})
	require.NoError(t, err)
	assert.Empty(t, vs)
	// A file without a role fails closed: the zero Role is not the
	// certificate, which would let a PDF through as a handheld photo.
	_, err = rule.Check(context.Background(), File{Name: "a.pdf", Open: func() (io.ReadCloser, error) { return os.Open("testdata/corpus/good_1page.pdf") }})
	var ce *rules.ConfigError
	assert.ErrorAs(t, err, &ce, "no role is a configuration error")
	_, err = rule.Check(context.Background(), File{Name: "a.jpg"})
	var ie *rules.InfraError
	assert.ErrorAs(t, err, &ie, "a file with nothing to read is an evaluation failure")
}

// TestPDFLeavesHomeAlone checks that inspecting a PDF does not create
// pdfcpu's configuration directory (model.NewDefaultConfiguration would).
func TestPDFLeavesHomeAlone(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	rep, err := Inspect(context.Background(), bytes.NewReader(corpus(t, "good_2page.pdf")), "a.pdf", "", Certificate, Options{})
	require.NoError(t, err)
	assert.Equal(t, 2, rep.Pages)
	entries, err := os.ReadDir(home)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing written under HOME")
}

func TestMeasureSynthetic(t *testing.T) {
	// A uniform mid-grey image: no edges, no colour, no clipping.
	img := imageGray(64, 64, 128)
	sc, _ := measure(img)
	assert.InDelta(t, 128, sc.Brightness, 0.001)
	assert.Zero(t, sc.Sharpness)
	assert.Zero(t, sc.Glare)
	assert.Zero(t, sc.Chroma)
	// A white image is fully clipped.
	sc, _ = measure(imageGray(64, 64, 255))
	assert.InDelta(t, 1, sc.Glare, 0.001)
}

// TestConcurrentInspect shares one inspector (and its buffer pool) between
// goroutines; run with -race.
func TestConcurrentInspect(t *testing.T) {
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	names := []string{"good_camera.jpg", "good.png", "good_2page.pdf", "polyglot_zip.jpg", "heic.jpg", "blurry.jpg"}
	want := map[string][]string{}
	for _, n := range names {
		want[n] = codes(inspectFile(t, in, filepath.Join("testdata", "corpus", n), n, "", Certificate))
	}
	errs := make(chan error, 4*len(names))
	for range 4 {
		for _, n := range names {
			go func() {
				b, err := os.ReadFile(filepath.Join("testdata", "corpus", n))
				if err == nil {
					var rep Report
					rep, err = in.Inspect(context.Background(), bytes.NewReader(b), n, "", Certificate)
					if err == nil && !assert.ObjectsAreEqual(want[n], codes(rep)) {
						err = errors.New(n + ": " + strings.Join(codes(rep), ","))
					}
				}
				errs <- err
			}()
		}
	}
	for range 4 * len(names) {
		assert.NoError(t, <-errs)
	}
}

// TestPDFTimeoutRefuses checks that a PDF whose reading runs out of time is
// refused, never accepted on a partial look: with a timeout of one
// nanosecond, even a good one-page PDF gives pdf_invalid.
func TestPDFTimeoutRefuses(t *testing.T) {
	in, err := NewInspector(Options{PDFTimeout: time.Nanosecond})
	require.NoError(t, err)
	for _, name := range []string{"good_1page.pdf", "javascript.pdf", "embedded.pdf"} {
		b, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
		require.NoError(t, err)
		rep, err := in.Inspect(context.Background(), bytes.NewReader(b), name, "", Certificate)
		require.NoError(t, err, name)
		assert.Equal(t, rules.Rejected, rep.Verdict(), "%s read past its timeout", name)
		assert.Contains(t, codes(rep), string(CodePDFInvalid), name)
	}
}
