package evidence

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/realname-go/realname/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// codes returns the violation codes of a report.
func codes(r Report) []string {
	out := make([]string, 0, len(r.Violations))
	for _, v := range r.Violations {
		out = append(out, string(v.Code))
	}
	return out
}

func inspectFile(t *testing.T, in *Inspector, path, name, ctype string, role Role) Report {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rep, err := in.Inspect(context.Background(), f, name, ctype, role)
	require.NoError(t, err)
	return rep
}

// TestCorpus runs every file of the generated corpus (go generate writes it
// with internal/gencorpus) and expects its specific code, or acceptance.
func TestCorpus(t *testing.T) {
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	for _, tc := range corpusCases() {
		name := tc.name
		if name == "" {
			name = tc.file
		}
		t.Run(tc.file+"/"+name+"/"+tc.role.String(), func(t *testing.T) {
			rep := inspectFile(t, in, filepath.Join("testdata", "corpus", tc.file), name, "", tc.role)
			if tc.want == "" {
				assert.Empty(t, rep.Violations, tc.reason)
			} else {
				assert.Contains(t, codes(rep), string(tc.want), tc.reason)
			}
			assert.Equal(t, tc.verdict, rep.Verdict(), tc.reason)
			for _, v := range rep.Violations {
				assert.Equal(t, tc.role.String(), v.Field)
				assert.True(t, v.Retryable)
			}
		})
	}
}

// corpusCase is one expectation of [TestCorpus].
type corpusCase struct {
	file    string
	name    string // declared name; file name when empty
	role    Role
	want    rules.Code // "" = accept
	verdict rules.Verdict
	reason  string
}

// corpusCases lists what each corpus file must give.
func corpusCases() []corpusCase {
	return []corpusCase{
		{"good_camera.jpg", "", Certificate, "", rules.Accept, "sharp colour JPEG with camera EXIF"},
		{"good_camera.jpg", "", Handheld, "", rules.Accept, "same photo as a handheld photo"},
		{"good.png", "", Certificate, "", rules.Accept, "PNG carries no camera metadata and is not asked to"},
		{"good.bmp", "", Certificate, "", rules.Accept, "8-bit BMP with a sound header"},
		{"good_1page.pdf", "", Certificate, "", rules.Accept, "one-page PDF"},
		{"good_2page.pdf", "", Certificate, "", rules.Accept, "two pages is the default maximum"},
		{"good_1page.pdf", "", Handheld, CodeNotImage, rules.Rejected, "a handheld photo is never a PDF"},
		{"no_exif.jpg", "", Certificate, CodeNoCameraMetadata, rules.NeedsReview, "a JPEG without camera make/model"},
		{"edited_photoshop.jpg", "", Certificate, CodeEdited, rules.NeedsReview, "EXIF Software names Photoshop"},
		{"edited_meitu.png", "", Certificate, CodeEdited, rules.NeedsReview, "PNG tEXt Software 美图秀秀"},
		{"edited_gimp.png", "", Certificate, CodeEdited, rules.NeedsReview, "GIMP's default PNG comment"},
		{"screenshot.png", "", Certificate, CodeScreenshotDimensions, rules.NeedsReview, "iPhone 12–14 screen size"},
		{"small.jpg", "", Certificate, CodeTooSmall, rules.Rejected, "320×240 is below 600×800"},
		{"small.jpg", "", Handheld, CodeTooSmall, rules.Rejected, "320×240 is below 480×640"},
		{"blurry.jpg", "", Certificate, CodeBlurry, rules.NeedsReview, "box-blurred three times"},
		{"dark.jpg", "", Certificate, CodeTooDark, rules.NeedsReview, "luma scaled to 12%"},
		{"bright.jpg", "", Certificate, CodeTooBright, rules.NeedsReview, "washed out towards white"},
		{"grayscale.jpg", "", Certificate, CodeGrayscale, rules.NeedsReview, "a photocopy has no colour"},
		{"glare.jpg", "", Certificate, CodeGlare, rules.NeedsReview, "a white ellipse over a fifth of the card"},
		{"bomb.png", "", Certificate, CodeTooManyPixels, rules.Rejected, "IHDR declares 100000×100000"},
		{"bomb.jpg", "", Certificate, CodeTooManyPixels, rules.Rejected, "SOF declares 65500×65500"},
		{"bomb.bmp", "", Certificate, CodeTooManyPixels, rules.Rejected, "BMP header declares 60000×60000"},
		{"polyglot_zip.jpg", "", Certificate, CodeTrailingData, rules.Rejected, "ZIP appended after EOI"},
		{"polyglot_pdf_header.jpg", "", Certificate, CodePolyglot, rules.Rejected, "%PDF- in a comment in the first kilobyte"},
		{"polyglot_jpeg.pdf", "", Certificate, CodeTrailingData, rules.Rejected, "JPEG appended after %%EOF"},
		{"trailing_zip.png", "", Certificate, CodeTrailingData, rules.Rejected, "ZIP appended after IEND"},
		{"trailing.bmp", "", Certificate, CodeTrailingData, rules.Rejected, "PHP after the declared BMP size"},
		{"truncated.jpg", "", Certificate, CodeTruncated, rules.Rejected, "cut in the scan data"},
		{"truncated.png", "", Certificate, CodeTruncated, rules.Rejected, "cut in IDAT"},
		{"truncated.bmp", "", Certificate, CodeTruncated, rules.Rejected, "cut in the pixel rows"},
		{"truncated.pdf", "", Certificate, CodePDFNoTrailer, rules.Rejected, "cut before the trailer"},
		{"corrupt.jpg", "", Certificate, CodeCorrupt, rules.Rejected, "SOI marker inside the scan"},
		{"elf.jpg", "", Certificate, CodeFormatExecutable, rules.Rejected, "ELF executable named .jpg"},
		{"pe.jpg", "", Certificate, CodeFormatExecutable, rules.Rejected, "Windows PE named .jpg"},
		{"zip.jpg", "", Certificate, CodeFormatArchive, rules.Rejected, "ZIP named .jpg"},
		{"text_bm.bmp", "", Certificate, CodeBMPHeader, rules.Rejected, "text beginning BM: filetype says BMP"},
		{"heic.jpg", "", Certificate, CodeFormatHEIC, rules.Rejected, "iPhone HEIC named .jpg"},
		{"webp.jpg", "", Certificate, CodeFormatWebP, rules.Rejected, "WebP named .jpg"},
		{"gif.png", "", Certificate, CodeFormatGIF, rules.Rejected, "GIF named .png"},
		{"tiff.jpg", "", Certificate, CodeFormatTIFF, rules.Rejected, "TIFF named .jpg"},
		{"svg.png", "", Certificate, CodeFormatSVG, rules.Rejected, "SVG with an onload script"},
		{"html.jpg", "", Certificate, CodeFormatUnknown, rules.Rejected, "HTML named .jpg"},
		{"javascript.pdf", "", Certificate, CodePDFJavaScript, rules.Rejected, "OpenAction JavaScript"},
		{"launch.pdf", "", Certificate, CodePDFLaunch, rules.Rejected, "OpenAction Launch"},
		{"embedded.pdf", "", Certificate, CodePDFEmbeddedFile, rules.Rejected, "EmbeddedFiles name tree"},
		{"three_pages.pdf", "", Certificate, CodePDFTooManyPages, rules.Rejected, "three pages, two allowed"},
		{"no_body.pdf", "", Certificate, CodePDFNoBody, rules.Rejected, "header and trailer only"},
		{"no_trailer.pdf", "", Certificate, CodePDFNoTrailer, rules.Rejected, "no startxref or %%EOF"},
		{"encrypted.pdf", "", Certificate, CodePDFEncrypted, rules.Rejected, "AES-256 with a user password, by pdfcpu"},
		{"good_camera.jpg", "photo.jpg.exe", Certificate, CodeDoubleExtension, rules.Rejected, "double extension hiding .exe"},
		{"good_camera.jpg", "photo.php.jpg", Certificate, CodeDoubleExtension, rules.Rejected, "Apache double-extension trick"},
		{"good_camera.jpg", "photo.png", Certificate, CodeExtensionMismatch, rules.Rejected, "JPEG named .png"},
		{"good_camera.jpg", "photo.gif", Certificate, CodeExtensionNotAllowed, rules.Rejected, ".gif is not allowed"},
		{"good_camera.jpg", "photo", Certificate, CodeExtensionNotAllowed, rules.Rejected, "no extension"},
		{"good_camera.jpg", "PHOTO.JPEG", Certificate, "", rules.Accept, "extensions match in any case"},
		{"good_1page.pdf", "scan.PDF", Certificate, "", rules.Accept, "upper-case .PDF"},
	}
}

// TestCorpusEveryFileHasACode checks that no corpus file goes untested: each
// one has a case in [corpusCases] under its own name and the certificate
// role, and every file that is not named good* expects a specific code there.
func TestCorpusEveryFileHasACode(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 40, "run go generate to write the corpus")
	own := map[string]rules.Code{}
	for _, tc := range corpusCases() {
		if tc.name == "" && tc.role == Certificate {
			own[tc.file] = tc.want
		}
	}
	for _, f := range files {
		base := filepath.Base(f)
		want, ok := own[base]
		if assert.True(t, ok, "%s has no case in corpusCases", base) && !strings.HasPrefix(base, "good") {
			assert.NotEmpty(t, want, "%s is a bad file and must expect a specific code", base)
		}
	}
}

// TestCorpusNoPanicAnyRole feeds every corpus file under every role, name
// and option set, and expects a report without error.
func TestCorpusNoPanicAnyRole(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 40, "run go generate to write the corpus")
	for _, o := range []Options{{}, {PixelChecks: true, PixelReject: true}, {SkipOriginality: true}} {
		in, err := NewInspector(o)
		require.NoError(t, err)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, role := range []Role{Certificate, Handheld} {
				rep, err := in.Inspect(context.Background(), bytes.NewReader(b), filepath.Base(f), "", role)
				require.NoError(t, err, f)
				assert.Equal(t, int64(len(b)), rep.Size)
			}
		}
	}
}

// TestCorpusOneByteOverTheLimit inspects every corpus file with a limit one
// byte below its size: the size check comes first, whatever else is wrong.
func TestCorpusOneByteOverTheLimit(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 40, "run go generate to write the corpus")
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		in, err := NewInspector(Options{MaxBytes: int64(len(b) - 1)})
		require.NoError(t, err)
		rep, err := in.Inspect(context.Background(), bytes.NewReader(b), filepath.Base(f), "", Certificate)
		require.NoError(t, err, f)
		assert.Equal(t, []string{string(CodeTooLarge)}, codes(rep), "%s one byte over the limit", f)
		assert.Equal(t, int64(len(b)), rep.Size, "reading stopped at the limit plus one")
	}
}
