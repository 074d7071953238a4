package evidence

import "github.com/realname-go/realname/rules"

// Violation codes. Every code is retryable: the applicant can upload another
// file. Format, size and structure codes reject; pixel codes review by
// default ([Options.PixelReject] makes them reject); originality codes always
// review. The codes of [Compare] follow below.
const (
	CodeEmpty                = rules.Code("file.empty")
	CodeTooLarge             = rules.Code("file.too_large")
	CodeExtensionNotAllowed  = rules.Code("file.extension_not_allowed")
	CodeDoubleExtension      = rules.Code("file.double_extension")
	CodeExtensionMismatch    = rules.Code("file.extension_mismatch")
	CodeContentTypeMismatch  = rules.Code("file.content_type_mismatch")
	CodeFormatHEIC           = rules.Code("file.format_heic")
	CodeFormatWebP           = rules.Code("file.format_webp")
	CodeFormatGIF            = rules.Code("file.format_gif")
	CodeFormatTIFF           = rules.Code("file.format_tiff")
	CodeFormatSVG            = rules.Code("file.format_svg")
	CodeFormatExecutable     = rules.Code("file.format_executable")
	CodeFormatArchive        = rules.Code("file.format_archive")
	CodeFormatUnknown        = rules.Code("file.format_unknown")
	CodeNotImage             = rules.Code("file.not_image")
	CodeBMPHeader            = rules.Code("file.bmp_header")
	CodeCorrupt              = rules.Code("file.corrupt")
	CodeTruncated            = rules.Code("file.truncated")
	CodeTrailingData         = rules.Code("file.trailing_data")
	CodePolyglot             = rules.Code("file.polyglot")
	CodeTooManyPixels        = rules.Code("file.too_many_pixels")
	CodeTooSmall             = rules.Code("file.too_small")
	CodePDFNoBody            = rules.Code("file.pdf_no_body")
	CodePDFNoTrailer         = rules.Code("file.pdf_no_trailer")
	CodePDFInvalid           = rules.Code("file.pdf_invalid")
	CodePDFEncrypted         = rules.Code("file.pdf_encrypted")
	CodePDFJavaScript        = rules.Code("file.pdf_javascript")
	CodePDFLaunch            = rules.Code("file.pdf_launch")
	CodePDFEmbeddedFile      = rules.Code("file.pdf_embedded_file")
	CodePDFTooManyPages      = rules.Code("file.pdf_too_many_pages")
	CodeBlurry               = rules.Code("file.blurry")
	CodeTooDark              = rules.Code("file.too_dark")
	CodeTooBright            = rules.Code("file.too_bright")
	CodeGlare                = rules.Code("file.glare")
	CodeGrayscale            = rules.Code("file.grayscale")
	CodeEdited               = rules.Code("file.edited")
	CodeNoCameraMetadata     = rules.Code("file.no_camera_metadata")
	CodeScreenshotDimensions = rules.Code("file.screenshot_like")
)

// Codes of [Compare], on the field "handheld": the photo of the applicant
// holding the certificate is the certificate image again.
const (
	// CodeSameAsCertificate: the handheld file is byte for byte the
	// certificate file. Reject: a file cannot be both the certificate and a
	// photo of someone holding it, and identical digests leave no doubt.
	CodeSameAsCertificate = rules.Code("file.same_as_certificate")
	// CodeSimilarToCertificate: the handheld image is the certificate's
	// picture re-encoded (converted, compressed again or slightly resized),
	// told by the difference hashes; parameter "distance" is the number of
	// differing bits. Review: a perceptual hash can, rarely, match two
	// different pictures, so a person decides.
	CodeSimilarToCertificate = rules.Code("file.similar_to_certificate")
)

// Codes of the decode budgets (budget.go), checked on the file's structure
// before anything is decoded. Both reject and are retryable: a photo
// straight from a phone camera is within them.
const (
	// CodeDecodeBudget: decoding the image would take more memory than
	// [Options.MaxDecodeBytes]. Parameters "need" and "limit" in bytes,
	// "need_size" and "limit_size" as [FormatSize] writes them.
	CodeDecodeBudget = rules.Code("file.decode_budget")
	// CodeDecodeComplexity: the image's structure (scans of a progressive
	// JPEG, chunks of a PNG) makes decoding slower than
	// [Options.MaxDecodeWork] allows. Parameters "work" and "limit" in work
	// units, "reason" naming the structure.
	CodeDecodeComplexity = rules.Code("file.decode_complexity")
)
