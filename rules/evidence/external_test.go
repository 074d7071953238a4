package evidence

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// external is where files copied from other projects live, one folder per
// project, each with its licence; testdata/external/README.md names the
// project, version, original path and licence of every file.
var external = filepath.Join("testdata", "external")

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestExternalFiles checks good and hostile files of other projects, copied
// into testdata/external: the Go standard library's image testdata,
// golang.org/x/image's BMP, WebP and TIFF testdata, go-exif's camera photos
// and pdfcpu's sample PDFs and images (of its 17 MB TIFF only the first
// 4 KiB, since only its size matters). Expectations come from those
// projects: Go's reader_test states that every video-*.jpeg is 150×103;
// go-exif's NDM_8901.jpg.exif dump lists Make "Canon", Model "Canon EOS 5D
// Mark III"; gps.jpg carries Software "GIMP 2.8.20".
func TestExternalFiles(t *testing.T) {
	std := filepath.Join(external, "go")
	ximage := filepath.Join(external, "x-image")
	goexif := filepath.Join(external, "go-exif")
	pdfcpu := filepath.Join(external, "pdfcpu")
	small := Dimensions{Short: 10, Long: 10}
	in, err := NewInspector(Options{PixelChecks: true, MinCertificate: small, MinHandheld: small,
		Thresholds: Thresholds{MinSharpness: -1, MinChroma: -1, MaxGlare: -1, MinBrightness: -1, MaxBrightness: -1}})
	require.NoError(t, err)
	cases := []struct {
		path   string
		format Format
		w, h   int
		pages  int
		want   []string
		reason string
	}{
		{filepath.Join(std, "video-001.jpeg"), JPEG, 150, 103, 0, []string{"file.no_camera_metadata"}, "baseline JPEG without EXIF"},
		{filepath.Join(std, "video-001.progressive.jpeg"), JPEG, 150, 103, 0, []string{"file.no_camera_metadata"}, "progressive JPEG: several scans"},
		{filepath.Join(std, "video-001.restart2.jpeg"), JPEG, 150, 103, 0, []string{"file.no_camera_metadata"}, "restart markers inside the scan"},
		{filepath.Join(std, "video-001.cmyk.jpeg"), JPEG, 150, 103, 0, []string{"file.no_camera_metadata"}, "Adobe CMYK JPEG decodes through the generic path"},
		{filepath.Join(std, "video-005.gray.jpeg"), JPEG, 150, 103, 0, []string{"file.no_camera_metadata"}, "grayscale JPEG"},
		{filepath.Join(std, "video-001.png"), PNG, 150, 103, 0, []string{}, "PNG"},
		{filepath.Join(std, "video-001.progressive.truncated.png"), PNG, 150, 103, 0, []string{}, "Go's golden rendering of a truncated JPEG: a sound PNG"},
		{filepath.Join(std, "video-001.progressive.truncated.jpeg"), JPEG, 150, 103, 0, []string{"file.no_camera_metadata"},
			"progressive JPEG missing refinement scans but ending in EOI: Go decodes it, so do we"},
		{filepath.Join(std, "video-001.gif"), "", 0, 0, 0, []string{"file.format_gif"}, "GIF is not accepted"},
		{filepath.Join(ximage, "bmp_1bpp.bmp"), BMP, 96, 73, 0, []string{}, "1-bit BMP"},
		{filepath.Join(ximage, "bmp_8bpp.bmp"), BMP, 96, 73, 0, []string{}, "8-bit BMP"},
		{filepath.Join(ximage, "video-001.bmp"), BMP, 150, 103, 0, []string{}, "24-bit BMP"},
		{filepath.Join(ximage, "yellow_rose-small-v5.bmp"), BMP, 16, 12, 0, []string{}, "BITMAPV5HEADER (124 bytes)"},
		{filepath.Join(ximage, "blue-purple-pink.lossy.webp"), "", 0, 0, 0, []string{"file.format_webp"}, "WebP"},
		{filepath.Join(ximage, "bw-deflate.tiff"), "", 0, 0, 0, []string{"file.format_tiff"}, "TIFF"},
		{filepath.Join(goexif, "NDM_8901.jpg"), JPEG, 3840, 2560, 0, []string{}, "Canon EOS 5D Mark III photo, 5.6 MB"},
		{filepath.Join(goexif, "gps.jpg"), JPEG, 920, 570, 0, []string{"file.edited"}, "EXIF Software GIMP 2.8.20"},
		{filepath.Join(pdfcpu, "mountain.jpg"), JPEG, 0, 0, 0, nil, "photo from pdfcpu's resources"},
		{filepath.Join(pdfcpu, "mountain.webp"), "", 0, 0, 0, []string{"file.format_webp"}, "WebP named .webp"},
		{filepath.Join(pdfcpu, "mountain.tif.head"), "", 0, 0, 0, []string{"file.too_large"}, "a 17 MB TIFF: the size limit comes first"},
		{filepath.Join(pdfcpu, "Walden.pdf"), PDF, 0, 0, 2, []string{}, "two-page PDF"},
		{filepath.Join(pdfcpu, "Hybrid-PDF.pdf"), PDF, 0, 0, 1, []string{"file.pdf_uri"}, "hybrid-reference PDF; links to web pages (in object streams) are reviewed"},
		{filepath.Join(pdfcpu, "empty.pdf"), PDF, 0, 0, 1, []string{}, "one empty page"},
		{filepath.Join(pdfcpu, "pdf20", "SimplePDF2.0.pdf"), PDF, 0, 0, 1, []string{}, "PDF 2.0"},
		{filepath.Join(pdfcpu, "pdf20", "viaIncrementalSave.pdf"), PDF, 0, 0, 1, []string{}, "incremental update: two %%EOF"},
		{filepath.Join(pdfcpu, "WaldenFull.pdf"), PDF, 0, 0, 249, []string{"file.pdf_too_many_pages", "file.pdf_uri"}, "a book with a link to its publisher"},
		{filepath.Join(pdfcpu, "pdf20", "withOffsetStart.pdf"), "", 0, 0, 0, []string{"file.format_unknown"}, "junk before %PDF is refused"},
	}
	// Files kept as their first bytes only, and the size of the original:
	// zeros pad them back to it.
	padTo := map[string]int64{"mountain.tif.head": 17_649_696}
	for _, tc := range cases {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			var rep Report
			size, padded := padTo[filepath.Base(tc.path)]
			if !padded {
				rep = inspectFile(t, in, tc.path, filepath.Base(tc.path), "", Certificate)
			} else {
				f, err := os.Open(tc.path)
				require.NoError(t, err)
				defer f.Close()
				st, err := f.Stat()
				require.NoError(t, err)
				r := io.MultiReader(f, io.LimitReader(zeros{}, size-st.Size()))
				rep, err = in.Inspect(context.Background(), r, strings.TrimSuffix(filepath.Base(tc.path), ".head"), "", Certificate)
				require.NoError(t, err)
				assert.Equal(t, in.opts.MaxBytes+1, rep.Size, "no byte past the limit is read")
			}
			assert.Equal(t, tc.format, rep.Format, tc.reason)
			if tc.w != 0 {
				assert.Equal(t, tc.w, rep.Width, tc.reason)
				assert.Equal(t, tc.h, rep.Height, tc.reason)
			}
			assert.Equal(t, tc.pages, rep.Pages, tc.reason)
			if tc.want != nil {
				assert.ElementsMatch(t, tc.want, codes(rep), tc.reason)
			}
			if tc.format.IsImage() && len(tc.want) == 0 {
				assert.NotNil(t, rep.Scores, "pixel checks ran")
			}
		})
	}
}
