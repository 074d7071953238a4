package evidence

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/realname-go/realname/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
)

// allCodes lists every code this package emits with its default severity.
func allCodes() map[rules.Code]rules.Severity {
	m := map[rules.Code]rules.Severity{}
	for _, c := range []rules.Code{CodeEmpty, CodeTooLarge, CodeExtensionNotAllowed, CodeDoubleExtension,
		CodeExtensionMismatch, CodeContentTypeMismatch, CodeFormatHEIC, CodeFormatWebP, CodeFormatGIF,
		CodeFormatTIFF, CodeFormatSVG, CodeFormatExecutable, CodeFormatArchive, CodeFormatUnknown,
		CodeNotImage, CodeBMPHeader, CodeCorrupt, CodeTruncated, CodeTrailingData, CodePolyglot,
		CodeTooManyPixels, CodeTooSmall, CodePDFNoBody, CodePDFNoTrailer, CodePDFInvalid, CodePDFEncrypted,
		CodePDFJavaScript, CodePDFLaunch, CodePDFEmbeddedFile, CodePDFTooManyPages, CodeSameAsCertificate} {
		m[c] = rules.Reject
	}
	for _, c := range []rules.Code{CodeBlurry, CodeTooDark, CodeTooBright, CodeGlare, CodeGrayscale,
		CodeEdited, CodeNoCameraMetadata, CodeScreenshotDimensions, CodeSimilarToCertificate} {
		m[c] = rules.Review
	}
	for c, sev := range hiddenCodes() {
		m[c] = sev
	}
	return m
}

// TestMessages checks that every code has a message in the three built-in
// languages with its default severity, and that the violations the corpus
// produces render with every placeholder filled.
func TestMessages(t *testing.T) {
	loc, err := rules.NewLocalizer(Messages()...)
	require.NoError(t, err)
	byCode := map[rules.Code]rules.Message{}
	for _, m := range Messages() {
		byCode[m.Code] = m
	}
	for c, sev := range allCodes() {
		m, ok := byCode[c]
		if !assert.True(t, ok, "no message for %s", c) {
			continue
		}
		assert.Equal(t, sev, m.Severity, c)
		assert.NotEmpty(t, m.Text[language.SimplifiedChinese], c)
		assert.NotEmpty(t, m.Text[language.TraditionalChinese], c)
	}
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	files, err := filepath.Glob("testdata/corpus/*")
	require.NoError(t, err)
	seen := map[rules.Code]bool{}
	for _, f := range files {
		rep := inspectFile(t, in, f, filepath.Base(f), "", Handheld)
		for _, v := range rep.Violations {
			seen[v.Code] = true
			_, known := allCodes()[v.Code]
			assert.True(t, known, "unlisted code %s", v.Code)
			for _, tag := range []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese} {
				msg := loc.Message(tag, v)
				assert.NotContains(t, msg, "{", "%s in %s: %s", v.Code, tag, msg)
				assert.NotEqual(t, string(v.Code), msg)
			}
		}
	}
	assert.GreaterOrEqual(t, len(seen), 30, "the corpus exercises most codes")
	// The HEIC message tells a phone user how to get a JPEG.
	v, err := in.Check(context.Background(), File{Name: "a.jpg", Role: Handheld, Reader: strings.NewReader("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")})
	require.NoError(t, err)
	require.Len(t, v, 1)
	assert.Contains(t, loc.Message(language.English, v[0]), "JPEG")
	assert.Contains(t, loc.Message(language.SimplifiedChinese, v[0]), "兼容性最佳")
}
