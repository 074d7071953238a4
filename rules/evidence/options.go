package evidence

import (
	"context"
	"image"
	"strconv"
	"time"

	"github.com/realname-go/realname/rules"
)

// Role says which of the two uploads a file is. The zero Role is no role:
// inspecting a file for it is an error, so a forgotten role never gets the
// certificate's leave to be a PDF.
type Role uint8

const (
	// Certificate is a photo or scan of the certificate: JPEG, PNG, BMP or PDF.
	Certificate Role = iota + 1
	// Handheld is a photo of the applicant holding the certificate: an image,
	// never a PDF.
	Handheld
)

// String returns "certificate", "handheld", or "none" for the zero Role.
func (r Role) String() string {
	switch r {
	case Certificate:
		return "certificate"
	case Handheld:
		return "handheld"
	}
	return "none"
}

// ParseRole parses "certificate" or "handheld".
func ParseRole(s string) (Role, bool) {
	switch s {
	case "certificate":
		return Certificate, true
	case "handheld":
		return Handheld, true
	}
	return 0, false
}

// Dimensions are minimum image dimensions: the shorter side must be at least
// Short pixels and the longer side at least Long pixels.
type Dimensions struct {
	Short, Long int
}

// Defaults of [Options]; each applies when its field is zero.
const (
	DefaultMaxBytes  = 10 << 20 // 10 MiB = 10,485,760 bytes, inclusive
	DefaultMaxPixels = 50_000_000
	DefaultMaxPages  = 2
	// DefaultPDFTimeout bounds reading a PDF.
	DefaultPDFTimeout = 5 * time.Second
	// DefaultMaxDecodeBytes bounds the memory of decoding one image: 128
	// MiB, which keeps the peak RSS of one inspection (read buffer, decode,
	// pixel checks, runtime) at 167 MiB at worst. A 48 MP 4:2:0 phone photo
	// needs 72 MB.
	DefaultMaxDecodeBytes = 128 << 20
	// DefaultMaxDecodeWork bounds the time of decoding one image, in work
	// units of 0.7–0.8 ns of CPU on a current x86-64 core: one and a half
	// billion, about 1.1 s. A 10 MiB 50 MP baseline JPEG costs 0.93 billion,
	// a 5.6 MB 10 MP camera photo 0.35 billion.
	DefaultMaxDecodeWork = 1_500_000_000
)

// DefaultMinDimensions returns the default minimum dimensions of a role:
// 600×800 for a certificate (a card photographed or scanned so that its
// printed text is legible) and 480×640 for a handheld photo (VGA, the
// smallest size at which a face and a card are both recognisable).
func DefaultMinDimensions(r Role) Dimensions {
	if r == Handheld {
		return Dimensions{Short: 480, Long: 640}
	}
	return Dimensions{Short: 600, Long: 800}
}

// Thresholds are the limits of the pixel checks. A zero field takes its
// default; a negative field turns its check off. Scores are described on
// [Scores].
type Thresholds struct {
	// MinSharpness: below it the image is blurry. Default 50.
	MinSharpness float64
	// MinBrightness: a mean luma below it is too dark. Default 50.
	MinBrightness float64
	// MaxBrightness: a mean luma above it is too bright. Default 225.
	MaxBrightness float64
	// MaxGlare: a larger fraction of clipped highlights is glare. Default 0.10.
	MaxGlare float64
	// MinChroma: a mean colourfulness below it hints at a grayscale
	// photocopy. Default 4.
	MinChroma float64
}

// DefaultThresholds returns the thresholds used for zero fields.
func DefaultThresholds() Thresholds {
	return Thresholds{MinSharpness: 50, MinBrightness: 50, MaxBrightness: 225, MaxGlare: 0.10, MinChroma: 4}
}

// Options configure an [Inspector]. The zero value is valid and gives the
// defaults documented on each field.
type Options struct {
	// MaxBytes is the largest accepted file size in bytes, inclusive.
	// Default [DefaultMaxBytes].
	MaxBytes int64
	// MaxPixels is the largest accepted width×height, checked on the header
	// before any full decode. Default [DefaultMaxPixels].
	MaxPixels int64
	// MaxPages is the largest accepted PDF page count. Default
	// [DefaultMaxPages].
	MaxPages int
	// MinCertificate and MinHandheld are the minimum image dimensions per
	// role; default [DefaultMinDimensions]. PDF pages are not measured.
	MinCertificate, MinHandheld Dimensions
	// PDFTimeout bounds reading a PDF. Default [DefaultPDFTimeout].
	PDFTimeout time.Duration
	// MaxDecodeBytes bounds the memory decoding an image may take, computed
	// from its headers before anything is decoded: the decoded image, a
	// progressive JPEG's coefficients, PNG interlace passes and the pixel
	// checks' buffers. A file needing more is [CodeDecodeBudget]. Default
	// [DefaultMaxDecodeBytes].
	MaxDecodeBytes int64
	// MaxDecodeWork bounds the time decoding an image may take, estimated
	// from its structure (blocks times scans of a JPEG, bytes and chunks of
	// a PNG) in units of 0.7–0.8 ns of CPU. A file needing more is
	// [CodeDecodeComplexity]. Default [DefaultMaxDecodeWork].
	MaxDecodeWork int64

	// PixelChecks decodes images fully and measures blur, brightness, glare
	// and colour. Off by default (it costs a full decode); the command-line
	// tool turns it on.
	PixelChecks bool
	// PixelReject makes pixel-check failures reject instead of review.
	PixelReject bool
	// Thresholds of the pixel checks.
	Thresholds Thresholds

	// SkipOriginality turns off the metadata signals (editing software,
	// missing camera metadata, screenshot dimensions).
	SkipOriginality bool
	// SkipCameraCheck turns off only the missing-camera-metadata signal, for
	// channels that strip EXIF (messaging apps do).
	SkipCameraCheck bool

	// Readers read from each image the inspection decodes (a reader of the
	// machine-readable zone, say), so reading costs no second decode. With
	// readers set, images are decoded even without PixelChecks.
	Readers []ImageReader
}

// An ImageReader reads something from an image an [Inspector] decoded.
// ReadImage is called once per decoded image, with the role the file was
// inspected for; it must not keep img after it returns. A nil Reading means
// nothing was found; an error ends the inspection with that error.
type ImageReader interface {
	ReadImage(ctx context.Context, role Role, img image.Image) (Reading, error)
}

// A Reading is what an [ImageReader] found; [Report.Readings] keeps it. Its
// concrete type belongs to the reader, which documents it.
type Reading interface {
	// Reader names the reader that produced the reading.
	Reader() string
}

// resolved returns o with defaults filled in, or a configuration error.
func (o Options) resolved() (Options, error) {
	bad := func(field string, v int64) error {
		return &rules.ConfigError{Rule: "evidence", Reason: field + " must not be negative, got " + strconv.FormatInt(v, 10)}
	}
	switch {
	case o.MaxBytes < 0:
		return o, bad("MaxBytes", o.MaxBytes)
	case o.MaxPixels < 0:
		return o, bad("MaxPixels", o.MaxPixels)
	case o.MaxPages < 0:
		return o, bad("MaxPages", int64(o.MaxPages))
	case o.PDFTimeout < 0:
		return o, bad("PDFTimeout", int64(o.PDFTimeout))
	case o.MaxDecodeBytes < 0:
		return o, bad("MaxDecodeBytes", o.MaxDecodeBytes)
	case o.MaxDecodeWork < 0:
		return o, bad("MaxDecodeWork", o.MaxDecodeWork)
	case o.MinCertificate.Short < 0 || o.MinCertificate.Long < 0:
		return o, bad("MinCertificate", int64(min(o.MinCertificate.Short, o.MinCertificate.Long)))
	case o.MinHandheld.Short < 0 || o.MinHandheld.Long < 0:
		return o, bad("MinHandheld", int64(min(o.MinHandheld.Short, o.MinHandheld.Long)))
	case o.MaxBytes > 1<<30:
		return o, &rules.ConfigError{Rule: "evidence", Reason: "MaxBytes above 1 GiB"}
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxPixels == 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	if o.MaxPages == 0 {
		o.MaxPages = DefaultMaxPages
	}
	if o.PDFTimeout == 0 {
		o.PDFTimeout = DefaultPDFTimeout
	}
	if o.MaxDecodeBytes == 0 {
		o.MaxDecodeBytes = DefaultMaxDecodeBytes
	}
	if o.MaxDecodeWork == 0 {
		o.MaxDecodeWork = DefaultMaxDecodeWork
	}
	if o.MinCertificate == (Dimensions{}) {
		o.MinCertificate = DefaultMinDimensions(Certificate)
	}
	if o.MinHandheld == (Dimensions{}) {
		o.MinHandheld = DefaultMinDimensions(Handheld)
	}
	d := DefaultThresholds()
	t := &o.Thresholds
	for _, p := range []struct {
		v   *float64
		def float64
	}{
		{&t.MinSharpness, d.MinSharpness}, {&t.MinBrightness, d.MinBrightness},
		{&t.MaxBrightness, d.MaxBrightness}, {&t.MaxGlare, d.MaxGlare}, {&t.MinChroma, d.MinChroma},
	} {
		if *p.v == 0 {
			*p.v = p.def
		}
	}
	return o, nil
}

func (o Options) minDimensions(r Role) Dimensions {
	if r == Handheld {
		return o.MinHandheld
	}
	return o.MinCertificate
}
