package evidence

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/realname-go/realname/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/text/language"
)

// inspectBytes inspects b and fails the test on an error.
func inspectBytes(t testing.TB, in *Inspector, b []byte, name string, role Role) Report {
	t.Helper()
	rep, err := in.Inspect(context.Background(), bytes.NewReader(b), name, "", role)
	require.NoError(t, err)
	return rep
}

// named returns a file name whose extension fits the content of b.
func named(base string, b []byte) string {
	f, _, _ := Sniff(b)
	if f == JPEG {
		return base + ".jpg"
	}
	return base + "." + string(f)
}

func decodeJPEG(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed} // the same pixels, sooner
	require.NoError(t, enc.Encode(&b, img))
	return b.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, img, &jpeg.Options{Quality: q}))
	return b.Bytes()
}

// resized scales img by pct per cent with bilinear interpolation, as image
// editors and messaging apps resample.
func resized(img image.Image, pct int) *image.RGBA {
	r := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, r.Dx()*pct/100, r.Dy()*pct/100))
	xdraw.BiLinear.Scale(dst, dst.Bounds(), img, r, xdraw.Src, nil)
	return dst
}

// held pastes img, scaled to pct per cent, into the corner of a plain frame
// of the same size: a crude photo of the certificate held up in a room.
func held(img image.Image, pct int) *image.RGBA {
	r := img.Bounds()
	frame := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(frame, frame.Bounds(), &image.Uniform{color.RGBA{200, 190, 170, 255}}, image.Point{}, draw.Src)
	w, h := r.Dx()*pct/100, r.Dy()*pct/100
	xdraw.CatmullRom.Scale(frame, image.Rect(r.Dx()-w, r.Dy()-h, r.Dx(), r.Dy()), img, r, xdraw.Src, nil)
	return frame
}

func pixelInspector(t testing.TB) *Inspector {
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	return in
}

func TestFingerprint(t *testing.T) {
	photo := corpus(t, "good_camera.jpg")
	pdf := corpus(t, "good_1page.pdf")
	t.Run("image with pixel checks: digest and difference hash", func(t *testing.T) {
		rep := inspectBytes(t, pixelInspector(t), photo, "a.jpg", Certificate)
		assert.Equal(t, Digest(sha256.Sum256(photo)), rep.Fingerprint.SHA256)
		require.NotNil(t, rep.Fingerprint.DHash)
		require.NotNil(t, rep.Scores)
	})
	t.Run("image without pixel checks: digest only, nothing decoded", func(t *testing.T) {
		in, err := NewInspector(Options{})
		require.NoError(t, err)
		rep := inspectBytes(t, in, photo, "a.jpg", Certificate)
		assert.Equal(t, Digest(sha256.Sum256(photo)), rep.Fingerprint.SHA256)
		assert.Nil(t, rep.Fingerprint.DHash)
	})
	t.Run("PDF: digest only", func(t *testing.T) {
		rep := inspectBytes(t, pixelInspector(t), pdf, "a.pdf", Certificate)
		assert.Equal(t, Digest(sha256.Sum256(pdf)), rep.Fingerprint.SHA256)
		assert.Nil(t, rep.Fingerprint.DHash)
	})
	t.Run("refused format: digest of what was uploaded", func(t *testing.T) {
		heic := corpus(t, "heic.jpg")
		rep := inspectBytes(t, pixelInspector(t), heic, "a.jpg", Certificate)
		assert.Equal(t, Digest(sha256.Sum256(heic)), rep.Fingerprint.SHA256)
	})
	t.Run("empty or over the limit: no digest", func(t *testing.T) {
		in, err := NewInspector(Options{MaxBytes: 100})
		require.NoError(t, err)
		assert.Zero(t, inspectBytes(t, in, nil, "a.jpg", Certificate).Fingerprint)
		assert.Zero(t, inspectBytes(t, in, pdf[:101], "a.pdf", Certificate).Fingerprint)
		assert.False(t, inspectBytes(t, in, pdf[:100], "a.pdf", Certificate).Fingerprint.SHA256.IsZero(), "exactly the limit")
	})
	t.Run("the pooled hash starts afresh for every file", func(t *testing.T) {
		in := pixelInspector(t)
		for range 3 {
			for _, b := range [][]byte{photo, pdf} {
				assert.Equal(t, Digest(sha256.Sum256(b)), inspectBytes(t, in, b, "a", Certificate).Fingerprint.SHA256)
			}
		}
	})
	t.Run("hashed in small reads as in one", func(t *testing.T) {
		rep, err := pixelInspector(t).Inspect(context.Background(), &oneByteReader{b: pdf}, "a.pdf", "", Certificate)
		require.NoError(t, err)
		assert.Equal(t, Digest(sha256.Sum256(pdf)), rep.Fingerprint.SHA256)
	})
}

// oneByteReader returns its bytes one Read at a time, as a slow upload
// does.
type oneByteReader struct{ b []byte }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0], r.b = r.b[0], r.b[1:]
	return 1, nil
}

// TestFingerprintJSON checks that the fingerprint survives the CLI's JSON:
// the digest as 64 hex digits, the difference hash as 16.
func TestFingerprintJSON(t *testing.T) {
	photo := corpus(t, "good_camera.jpg")
	for _, tc := range []struct {
		name  string
		b     []byte
		dhash bool
	}{{"a.jpg", photo, true}, {"a.pdf", corpus(t, "good_1page.pdf"), false}} {
		t.Run(tc.name, func(t *testing.T) {
			rep := inspectBytes(t, pixelInspector(t), tc.b, tc.name, Certificate)
			out, err := json.Marshal(rep)
			require.NoError(t, err)
			sum := sha256.Sum256(tc.b)
			assert.Contains(t, string(out), `"fingerprint":{"sha256":"`+hexString(sum[:])+`"`)
			if tc.dhash {
				assert.Regexp(t, `"dhash":"[0-9a-f]{16}"`, string(out))
			} else {
				assert.NotContains(t, string(out), "dhash")
			}
			var back Report
			require.NoError(t, json.Unmarshal(out, &back))
			assert.Equal(t, rep.Fingerprint.SHA256, back.Fingerprint.SHA256)
			if tc.dhash {
				require.NotNil(t, back.Fingerprint.DHash)
				assert.Equal(t, *rep.Fingerprint.DHash, *back.Fingerprint.DHash)
			} else {
				assert.Nil(t, back.Fingerprint.DHash)
			}
			// Compare works on decoded reports as on the originals.
			assert.Equal(t, Compare(rep, rep), Compare(back, back))
		})
	}
	t.Run("no fingerprint: no key", func(t *testing.T) {
		in, err := NewInspector(Options{})
		require.NoError(t, err)
		out, err := json.Marshal(inspectBytes(t, in, nil, "a.jpg", Certificate))
		require.NoError(t, err)
		assert.NotContains(t, string(out), "fingerprint")
	})
	t.Run("text forms", func(t *testing.T) {
		h := DHash(0x00f0_0000_0000_0a01)
		b, err := h.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, "00f0000000000a01", string(b))
		assert.Equal(t, "00f0000000000a01", h.String())
		var back DHash
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, h, back)
		for _, bad := range []string{"", "f0", "00f0000000000a0g", "+0f0000000000a01", "00f0000000000a011"} {
			assert.Error(t, back.UnmarshalText([]byte(bad)), bad)
		}
		var d Digest
		assert.Error(t, d.UnmarshalText([]byte("abc")))
		assert.Error(t, d.UnmarshalText([]byte(strings.Repeat("z", 64))))
		require.NoError(t, d.UnmarshalText([]byte(strings.Repeat("Ab", 32))))
		assert.Equal(t, strings.Repeat("ab", 32), d.String())
		assert.Equal(t, 64, DHash(0).Distance(^DHash(0)))
		assert.Equal(t, 2, DHash(0b1010).Distance(0))
	})
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	var s strings.Builder
	for _, c := range b {
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&0xf])
	}
	return s.String()
}

// TestCompareSameBytes: the certificate file uploaded again as the handheld
// photo is refused, with pixel checks or without.
func TestCompareSameBytes(t *testing.T) {
	plain, err := NewInspector(Options{})
	require.NoError(t, err)
	for _, file := range []string{"good_camera.jpg", "good.png", "good_1page.pdf"} {
		for _, in := range []*Inspector{plain, pixelInspector(t)} {
			b := corpus(t, file)
			cert := inspectBytes(t, in, b, file, Certificate)
			hand := inspectBytes(t, in, b, "me"+filepath.Ext(file), Handheld)
			vs := Compare(cert, hand)
			require.Len(t, vs, 1, file)
			assert.Equal(t, rules.Violation{Code: CodeSameAsCertificate, Field: "handheld", Severity: rules.Reject, Retryable: true}, vs[0])
			assert.Equal(t, rules.Rejected, rules.Result{Violations: vs}.Verdict())
		}
	}
}

// TestCompareReencoded: the certificate's pixels saved again as PNG, as a
// JPEG of quality 70, or resized by a few per cent go to review.
func TestCompareReencoded(t *testing.T) {
	in := pixelInspector(t)
	loc, err := rules.NewLocalizer(Messages()...)
	require.NoError(t, err)
	for _, src := range []struct {
		name string
		b    []byte
	}{{"corpus card", corpus(t, "good_camera.jpg")}, {"noisy photo", photoJPEG(t, 1200, 900, 90, 24)}} {
		cert := inspectBytes(t, in, src.b, "card.jpg", Certificate)
		img := decodeJPEG(t, src.b)
		for _, tc := range []struct {
			name string
			b    []byte
		}{
			{"png", encodePNG(t, img)},
			{"jpeg q70", encodeJPEG(t, img, 70)},
			{"resized 97% jpeg q90", encodeJPEG(t, resized(img, 97), 90)},
			{"resized 103% png", encodePNG(t, resized(img, 103))},
		} {
			t.Run(src.name+"/"+tc.name, func(t *testing.T) {
				require.NotEqual(t, src.b, tc.b)
				hand := inspectBytes(t, in, tc.b, named("me", tc.b), Handheld)
				require.NotNil(t, hand.Fingerprint.DHash, hand.Violations)
				vs := Compare(cert, hand)
				require.Len(t, vs, 1)
				v := vs[0]
				assert.Equal(t, CodeSimilarToCertificate, v.Code)
				assert.Equal(t, rules.Review, v.Severity)
				assert.Equal(t, "handheld", v.Field)
				assert.True(t, v.Retryable)
				d, err := strconv.Atoi(v.Param("distance"))
				require.NoError(t, err)
				assert.Equal(t, cert.Fingerprint.DHash.Distance(*hand.Fingerprint.DHash), d)
				assert.LessOrEqual(t, d, similarDistance)
				for _, tag := range []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese} {
					msg := loc.Message(tag, v)
					assert.NotContains(t, msg, "{")
					assert.NotEqual(t, string(v.Code), msg)
				}
			})
		}
	}
}

// TestCompareDifferentImages: different pictures, a photo of the
// certificate held up in a room, and reports without the fingerprint
// needed give nothing.
func TestCompareDifferentImages(t *testing.T) {
	in := pixelInspector(t)
	card := corpus(t, "good_camera.jpg")
	cert := inspectBytes(t, in, card, "card.jpg", Certificate)
	img := decodeJPEG(t, card)
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"the benchmarks' noisy photo", photoJPEG(t, 1200, 900, 90, 24)},
		{"the card held up, filling 80% of the frame", encodeJPEG(t, held(img, 80), 90)},
		{"the card held up, filling 60% of the frame", encodeJPEG(t, held(img, 60), 90)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hand := inspectBytes(t, in, tc.b, "me.jpg", Handheld)
			require.NotNil(t, hand.Fingerprint.DHash, hand.Violations)
			assert.Empty(t, Compare(cert, hand))
			t.Logf("distance %d", cert.Fingerprint.DHash.Distance(*hand.Fingerprint.DHash))
		})
	}
	t.Run("no pixels decoded: the digest alone decides", func(t *testing.T) {
		plain, err := NewInspector(Options{})
		require.NoError(t, err)
		c := inspectBytes(t, plain, card, "card.jpg", Certificate)
		h := inspectBytes(t, plain, encodePNG(t, img), "me.png", Handheld)
		assert.Empty(t, Compare(c, h))
	})
	t.Run("a PDF certificate", func(t *testing.T) {
		pdf := inspectBytes(t, in, corpus(t, "good_1page.pdf"), "scan.pdf", Certificate)
		assert.Empty(t, Compare(pdf, inspectBytes(t, in, card, "me.jpg", Handheld)))
	})
	t.Run("reports without fingerprints", func(t *testing.T) {
		assert.Empty(t, Compare(Report{}, Report{}))
		assert.Empty(t, Compare(cert, Report{}))
		assert.Empty(t, Compare(Report{}, cert))
	})
}

// TestDHashThreshold keeps a sample of the measurement behind
// similarDistance: photos and page renderings of other projects (copied
// into testdata/external) plus the corpus card and the benchmarks' photo. Every
// re-encoding of one picture (pictures up to a megapixel) stays within it;
// every two different pictures stay beyond it.
func TestDHashThreshold(t *testing.T) {
	if testing.Short() {
		t.Skip("re-encodes a dozen pictures")
	}
	paths := []string{
		filepath.Join(external, "go", "video-001.png"),
		filepath.Join(external, "x-image", "go-turns-two-280x360.jpeg"),
		filepath.Join(external, "go-exif", "gps.jpg"),
		filepath.Join(external, "filetype", "sample.jpg"),
		filepath.Join(external, "pdfcpu", "snow.jpg"),
		filepath.Join(external, "pdfcpu", "demo.png"),
		filepath.Join(external, "pdfcpu", "wmPDFSample.jpg"),
		filepath.Join(external, "pdfcpu", "book2A4p1.png"),
		filepath.Join(external, "pdfcpu", "table.png"),
		filepath.Join(external, "pdfcpu", "GC2018.png"),
	}
	small := Dimensions{Short: 10, Long: 10}
	in, err := NewInspector(Options{PixelChecks: true, MinCertificate: small, MinHandheld: small, SkipOriginality: true,
		Thresholds: Thresholds{MinSharpness: -1, MinChroma: -1, MaxGlare: -1, MinBrightness: -1, MaxBrightness: -1}})
	require.NoError(t, err)
	hash := func(t testing.TB, b []byte) DHash {
		rep := inspectBytes(t, in, b, named("a", b), Certificate)
		require.NotNil(t, rep.Fingerprint.DHash, rep.Violations)
		return *rep.Fingerprint.DHash
	}
	type picture struct {
		name string
		b    []byte
		h    DHash
	}
	pics := []picture{{name: "good_camera.jpg", b: corpus(t, "good_camera.jpg")}, {name: "photoJPEG", b: photoJPEG(t, 1200, 900, 90, 24)}}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		pics = append(pics, picture{name: filepath.Base(p), b: b})
	}
	for i := range pics {
		pics[i].h = hash(t, pics[i].b)
	}
	worst := make([]int, len(pics))
	t.Run("re-encoded", func(t *testing.T) {
		for i, p := range pics {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				img, _, err := image.Decode(bytes.NewReader(p.b))
				require.NoError(t, err)
				if r := img.Bounds(); r.Dx()*r.Dy() > 1_000_000 {
					t.Skip("above a megapixel: compared with the others only, to keep the test short")
				}
				for name, re := range map[string][]byte{
					"png": encodePNG(t, img), "jpeg q70": encodeJPEG(t, img, 70),
					"97% jpeg q85": encodeJPEG(t, resized(img, 97), 85), "103% png": encodePNG(t, resized(img, 103)),
				} {
					d := p.h.Distance(hash(t, re))
					assert.LessOrEqual(t, d, similarDistance, name)
					worst[i] = max(worst[i], d)
				}
			})
		}
	})
	closest, pair := 64, ""
	for i := range pics {
		for j := i + 1; j < len(pics); j++ {
			d := pics[i].h.Distance(pics[j].h)
			assert.Greater(t, d, similarDistance, "%s and %s", pics[i].name, pics[j].name)
			if d < closest {
				closest, pair = d, pics[i].name+" and "+pics[j].name
			}
		}
	}
	t.Logf("%d pictures: re-encodings at most %d bits apart; different pictures at least %d (%s)", len(pics), slices.Max(worst), closest, pair)
}

// TestMade checks which reports an inspector owns.
func TestMade(t *testing.T) {
	in := pixelInspector(t)
	pdf := corpus(t, "good_1page.pdf")
	rep := inspectBytes(t, in, pdf, "scan.pdf", Certificate)
	t.Run("made by it", func(t *testing.T) {
		assert.True(t, in.Made(rep))
		refused := inspectBytes(t, in, corpus(t, "heic.jpg"), "a.jpg", Handheld)
		assert.True(t, in.Made(refused), "a refusing report is made by it too")
	})
	t.Run("a copy", func(t *testing.T) {
		cp := rep
		assert.True(t, in.Made(cp))
		p := &cp
		assert.True(t, in.Made(*p))
		cp.Violations = append([]rules.Violation(nil), rep.Violations...)
		assert.True(t, in.Made(cp))
	})
	t.Run("built by hand", func(t *testing.T) {
		assert.False(t, in.Made(Report{}))
		assert.False(t, in.Made(Report{Format: PDF, Pages: 1, Size: int64(len(pdf)), Violations: []rules.Violation{},
			Fingerprint: Fingerprint{SHA256: sha256.Sum256(pdf)}}))
	})
	t.Run("decoded from JSON", func(t *testing.T) {
		b, err := json.Marshal(rep)
		require.NoError(t, err)
		var keys map[string]any
		require.NoError(t, json.Unmarshal(b, &keys))
		assert.ElementsMatch(t, []string{"format", "pages", "size", "violations", "fingerprint"}, mapKeys(keys))
		var back Report
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, rep.Fingerprint, back.Fingerprint)
		assert.False(t, in.Made(back))
	})
	t.Run("made by another inspector", func(t *testing.T) {
		other := pixelInspector(t)
		assert.False(t, other.Made(rep))
		assert.False(t, in.Made(inspectBytes(t, other, pdf, "scan.pdf", Certificate)))
		fresh, err := Inspect(context.Background(), bytes.NewReader(pdf), "scan.pdf", "", Certificate, Options{})
		require.NoError(t, err)
		assert.False(t, in.Made(fresh), "Inspect uses an inspector of its own")
	})
	t.Run("no inspector", func(t *testing.T) {
		var none *Inspector
		assert.False(t, none.Made(rep))
		assert.False(t, none.Made(Report{}))
	})
	t.Run("an inspection that failed", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		r, err := in.Inspect(ctx, bytes.NewReader(pdf), "scan.pdf", "", Certificate)
		require.Error(t, err)
		assert.False(t, in.Made(r))
	})
}

func mapKeys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// BenchmarkDHash is the difference hash alone, on the grid of box means of
// a 12-megapixel photo (1000×750 after measure's 4×4 boxes).
func BenchmarkDHash(b *testing.B) {
	const gw, gh = 1000, 750
	grid := make([]float32, gw*gh)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range grid {
		grid[i] = float32(r.IntN(256))
	}
	b.ReportAllocs()
	for b.Loop() {
		dhash(grid, gw, gh)
	}
}
