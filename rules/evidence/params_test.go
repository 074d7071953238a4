package evidence

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/rules"
)

var languages = []language.Tag{language.English, language.SimplifiedChinese, language.TraditionalChinese}

// internalNumber matches a byte count as the messages used to show it.
var internalNumber = regexp.MustCompile(`\d{7,}`)

func TestFormatSize(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0 B"},
		{800, "800 B"},
		{1023, "1023 B"},
		{1024, "1 KB"},
		{1536, "1.5 KB"},
		{512 << 10, "512 KB"},
		{1<<20 - 1, "1 MB"}, // 1023.999 KB rounds to 1024 KB, said as 1 MB
		{DefaultMaxBytes, "10 MB"},
		{DefaultMaxBytes + 1, "10 MB"},
		{19 << 19, "9.5 MB"},
		{21_004_290, "20 MB"}, // the form's body limit with the default options
		{1 << 30, "1 GB"},
		{3 << 40, "3 TB"},
		{5000 << 40, "5000 TB"},
	} {
		assert.Equal(t, tc.want, FormatSize(tc.n), "%d bytes", tc.n)
	}
}

func render(t *testing.T, v rules.Violation) map[language.Tag]string {
	t.Helper()
	loc, err := rules.NewLocalizer(Messages()...)
	require.NoError(t, err)
	out := map[language.Tag]string{}
	for _, tag := range languages {
		out[tag] = loc.Message(tag, v)
	}
	return out
}

// TestTooLargeMessage: the size limit reads as people write it, "10 MB",
// never as the byte count, in every language.
func TestTooLargeMessage(t *testing.T) {
	for _, tc := range []struct {
		max  int64
		want string
	}{
		{0, "10 MB"},
		{19 << 19, "9.5 MB"},
		{512 << 10, "512 KB"},
	} {
		in, err := NewInspector(Options{MaxBytes: tc.max})
		require.NoError(t, err)
		limit := in.Options().MaxBytes
		big := bytes.Repeat([]byte{0xFF}, int(limit)+1)
		rep, err := in.Inspect(context.Background(), bytes.NewReader(big), "IMG_2041.JPG", "image/jpeg", Certificate)
		require.NoError(t, err)
		require.Len(t, rep.Violations, 1)
		v := rep.Violations[0]
		require.Equal(t, CodeTooLarge, v.Code)
		assert.Equal(t, itoa(limit), v.Param("limit"), "the byte count stays for machines")
		assert.Equal(t, tc.want, v.Param("limit_size"))
		for tag, msg := range render(t, v) {
			assert.Contains(t, msg, tc.want, "%s: %s", tag, msg)
			assert.NotRegexp(t, internalNumber, msg, "%s: no byte count in %q", tag, msg)
			assert.Contains(t, msg, "IMG_2041.JPG", "%s names the file", tag)
		}
	}
}

// heic is the start of an iPhone photo.
const heic = "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"

// TestMessagesNameTheFile: a file's violations carry its role and name,
// and the messages show both, the role in the applicant's language.
func TestMessagesNameTheFile(t *testing.T) {
	in, err := NewInspector(Options{})
	require.NoError(t, err)
	check := func(name string, role Role) rules.Violation {
		t.Helper()
		vs, err := in.Check(context.Background(), File{Name: name, Role: role, Reader: strings.NewReader(heic)})
		require.NoError(t, err)
		require.Len(t, vs, 1)
		require.Equal(t, CodeFormatHEIC, vs[0].Code)
		return vs[0]
	}

	v := check("IMG_2041.HEIC", Handheld)
	assert.Equal(t, "handheld", v.Param("role"), "the role is an identifier; the localizer names it")
	assert.Equal(t, "IMG_2041.HEIC", v.Param("file_name"))
	msg := render(t, v)
	assert.True(t, strings.HasPrefix(msg[language.English],
		"The file “IMG_2041.HEIC” (photo of you holding the certificate) is a HEIC/HEIF photo (the iPhone default), which is not accepted."), msg[language.English])
	assert.True(t, strings.HasPrefix(msg[language.SimplifiedChinese], "文件“IMG_2041.HEIC”（手持证件照）是 HEIC/HEIF 格式的照片"), msg[language.SimplifiedChinese])
	assert.True(t, strings.HasPrefix(msg[language.TraditionalChinese], "檔案「IMG_2041.HEIC」（手持證件照）是 HEIC/HEIF 格式的相片"), msg[language.TraditionalChinese])
	assert.Contains(t, msg[language.SimplifiedChinese], "兼容性最佳", "the advice stays")

	v = check(`C:\Users\me\Desktop\scan.jpg`, Certificate)
	assert.Equal(t, "certificate", v.Param("role"))
	assert.Equal(t, "scan.jpg", v.Param("file_name"), "no directory: it can name the user")
	msg = render(t, v)
	assert.Contains(t, msg[language.English], "The file “scan.jpg” (photo or scan of the certificate)")
	assert.Contains(t, msg[language.SimplifiedChinese], "文件“scan.jpg”（证件照片或扫描件）")
	assert.Contains(t, msg[language.TraditionalChinese], "檔案「scan.jpg」（證件照片或掃描檔）")
	for tag, m := range msg {
		assert.NotRegexp(t, `[(（]certificate[)）]`, m, "%s: the role's name, not its identifier", tag)
	}

	v = check("", Handheld)
	assert.Equal(t, "handheld", v.Param("role"))
	for _, p := range v.Params {
		assert.NotEqual(t, "file_name", p.Name, "no file name, no parameter")
	}
	assert.Contains(t, render(t, v)[language.English], "The file “” (photo of you holding the certificate)",
		"a file inspected without a name shows so (it is refused as file.extension_not_allowed too)")
}

func TestDisplayName(t *testing.T) {
	long := strings.Repeat("很长的文件名", 20) + ".jpeg"
	for _, tc := range []struct {
		name, want, reason string
	}{
		{"IMG_2041.HEIC", "IMG_2041.HEIC", "a plain name"},
		{"  身份证 正面.jpg ", "身份证 正面.jpg", "spaces inside stay, around go"},
		{"/home/u/photo.png", "photo.png", "a Unix path"},
		{`C:\Users\张三\Desktop\IMG.jpg`, "IMG.jpg", "a Windows path, as old browsers send"},
		{"dir/", "", "nothing after the last separator"},
		{"a\r\nb\tc\x00d\x1b[31m.jpg", "abcd[31m.jpg", "control characters"},
		{"photo\u202egpj.exe", "photogpj.exe", "a right-to-left override"},
		{"x\u200b\ufeffy\u2028.png", "xy.png", "zero-width, BOM and line separators"},
		{"bad\xff\xfe.jpg", "bad.jpg", "invalid UTF-8"},
		{"\u202e\r\n", "", "nothing printable"},
	} {
		assert.Equal(t, tc.want, DisplayName(tc.name), tc.reason)
	}
	got := DisplayName(long)
	assert.Equal(t, maxNameRunes, utf8.RuneCountInString(got), "clipped")
	assert.True(t, strings.HasSuffix(got, ".jpeg"), "the extension stays visible: %s", got)
	assert.Contains(t, got, "…")
	assert.True(t, strings.HasPrefix(got, "很长的文件名"))
	assert.Equal(t, strings.Repeat("x", maxNameRunes), DisplayName(strings.Repeat("x", maxNameRunes)), "at the limit nothing is cut")
}

// TestEveryFileViolationNamesTheFile: whatever Inspect reports carries the
// role and the name, and every message of its codes shows them.
func TestEveryFileViolationNamesTheFile(t *testing.T) {
	for _, m := range Messages() {
		if m.Code == CodeSameAsCertificate || m.Code == CodeSimilarToCertificate {
			continue // Compare: both files, named by their roles in the text
		}
		for _, tag := range languages {
			text := m.Text[tag]
			assert.Contains(t, text, "{file_name}", "%s in %s", m.Code, tag)
			assert.Contains(t, text, "{role}", "%s in %s", m.Code, tag)
		}
	}
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	for _, f := range []string{"heic.jpg", "truncated.pdf", "blurry.jpg", "bomb.png", "small.jpg", "trailing_zip.png"} {
		rep := inspectFile(t, in, "testdata/corpus/"+f, "upload-"+f, "", Certificate)
		require.NotEmpty(t, rep.Violations, f)
		for _, v := range rep.Violations {
			assert.Equal(t, "certificate", v.Param("role"), "%s: %s", f, v.Code)
			assert.Equal(t, "upload-"+f, v.Param("file_name"), "%s: %s", f, v.Code)
			for tag, msg := range render(t, v) {
				assert.Contains(t, msg, "upload-"+f, "%s: %s in %s", f, v.Code, tag)
				assert.NotContains(t, msg, "{", "%s: %s in %s", f, v.Code, tag)
			}
		}
	}
}
