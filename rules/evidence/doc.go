// Package evidence judges the two files of an individual real-name
// application: a photo or scan of the certificate and a photo of the
// applicant holding it. It follows the OWASP File Upload Cheat Sheet: the
// content decides, never the name or the declared type alone.
//
// # Use
//
// Build an [Inspector] once with [NewInspector] and call [Inspector.Inspect]
// with an io.Reader (a multipart part, a file), the declared name and content
// type and the [Role]. The [Report] holds the format, dimensions, page count,
// size, violations, the [Fingerprint] and, when [Options.PixelChecks] is set,
// the [Scores]. [Inspector] also implements rules.Rule[[File]] through
// [Inspector.Check]. With both files inspected, [Compare] checks the pair.
//
// # Format and size
//
// At most [Options.MaxBytes]+1 bytes are read (default 10 MiB; exactly the
// limit passes, one more is [CodeTooLarge]); empty files are [CodeEmpty]. The
// format comes from magic bytes ([Sniff], github.com/h2non/filetype) and must
// be JPEG, PNG, BMP or PDF; others get a code naming them ([CodeFormatHEIC],
// [CodeFormatWebP], …). The extension must be .jpg, .jpeg, .png, .bmp or .pdf
// and agree with the content; double extensions are refused. BMP headers are
// checked field by field; PDFs need a body and a trailer.
//
// # Images
//
// Width and height come from the header; the pixel count is limited
// ([Options.MaxPixels]) before any full decode. Corrupt and truncated images
// are refused, and data after the image's end ([CodeTrailingData]) too.
// Minimum dimensions per role: [DefaultMinDimensions].
//
// # Budgets
//
// Before anything is decoded, the cost of decoding is computed from the
// file's structure, and a file beyond either budget is refused whether or
// not this inspection decodes it. Memory ([Options.MaxDecodeBytes], default
// 128 MiB, [CodeDecodeBudget]): the image the decoder returns (bit depth,
// channels, chroma sampling; palette indices stay one byte a pixel), the
// int32 coefficients a progressive JPEG keeps for every block, the RGBA
// copy of an RGB or CMYK JPEG, PNG interlace passes and the pixel checks'
// buffers. Time ([Options.MaxDecodeWork], [CodeDecodeComplexity]): blocks
// times scans of a JPEG weighted by each scan's band, its entropy-coded
// bytes and markers, bytes and pixels of a PNG, in units of 0.7–0.8 ns of
// CPU; a PNG of more than 32,768 chunks is refused outright. Measuring on a
// reduced image was rejected: image/jpeg and image/png only decode at full
// size, and the image readers need it. At the defaults one inspection
// peaks at 167 MiB of RSS (a 10 MiB file whose decode takes the whole
// budget) and decodes in at most about 1.2 s of CPU; deflate blocks are
// not priced (only inflating finds them), and 10 MiB of one-byte blocks
// take 1.15 s. The decode runs in the caller's goroutine and reads through
// a reader that fails once the context ends, so it stops within 4 KiB of
// input; it is not left running in the background, where its memory would
// outlive the caller's slot. x/image/bmp decodes no RLE, so RLE bombs are
// [CodeCorrupt] before any decode.
//
// # PDF
//
// PDFs are parsed with github.com/pdfcpu/pdfcpu in relaxed validation mode,
// with a timeout and a configuration kept in memory (nothing is written to
// the user's configuration directory). Encrypted files, JavaScript, launch
// actions, embedded files and more than [Options.MaxPages] pages are refused.
// A handheld photo is never a PDF.
//
// # Clearly visible
//
// With [Options.PixelChecks] the image is decoded once and measured in one
// pass: sharpness (variance of the Laplacian), brightness, glare and colour;
// see [Scores] and [Thresholds]. Failures are review signals unless
// [Options.PixelReject] is set.
//
// # Original and unmodified
//
// Metadata signals, always review: editing software named by EXIF Software,
// XMP CreatorTool, Photoshop segments or PNG text ([CodeEdited]); a JPEG
// without camera make or model ([CodeNoCameraMetadata]); screen-sized images
// ([CodeScreenshotDimensions]). EXIF IFD0 is read by a small bounded reader
// (github.com/dsoprea/go-exif/v3 hangs on hostile entry counts; it only
// cross-checks the reader in tests).
//
// # The same image twice
//
// A copy of the certificate image cannot be a photo of the applicant
// holding the certificate. Every report carries a [Fingerprint]: the SHA-256
// [Digest] of the file's bytes (computed as they are read) and, for images
// whose pixels [Options.PixelChecks] decoded, a 64-bit difference hash
// ([DHash]) taken from the same decode, so nothing is decoded twice. PDFs
// have the digest only. [Compare] takes the certificate's and the handheld
// photo's reports: byte-identical files are [CodeSameAsCertificate]
// (reject); difference hashes at most 4 bits of 64 apart — the same pixels
// saved as PNG, compressed again or resized by a few per cent — are
// [CodeSimilarToCertificate] (review, since a perceptual hash can match two
// different pictures, though none closer than 9 bits was measured). Both
// concern the field "handheld" and are retryable. The fingerprint is written
// to JSON as hexadecimal and read back.
//
// # Reports handed in
//
// A caller that inspects a file while streaming it can hand in the
// [Report] instead of the file. [Inspector.Made] tells whether a given
// inspector produced a report: a copy of one it returned counts; a report
// built by hand, decoded from JSON or made by another inspector does not,
// because the mark is an unexported field that only [Inspector.Inspect]
// sets. It vouches for where the report came from, not that its exported
// fields are unchanged.
package evidence
