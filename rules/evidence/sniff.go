package evidence

import (
	"bytes"
	"mime"
	"path"
	"strings"

	"github.com/h2non/filetype"
	"github.com/h2non/filetype/matchers"
	"github.com/realname-go/realname/rules"
)

// Format is an accepted file format, decided from the content.
type Format string

// The accepted formats.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	BMP  Format = "bmp"
	PDF  Format = "pdf"
)

// IsImage reports whether f is an image format.
func (f Format) IsImage() bool { return f == JPEG || f == PNG || f == BMP }

// sniffLen is how much of the head the magic-byte matchers see.
const sniffLen = 8192

// Sniff decides the format of a file from its first bytes. For an accepted
// format it returns the format and an empty code; otherwise it returns "" and
// the code naming what the content is (HEIC, WebP, an executable, …) and a
// short name of that format. It never trusts a name or a declared type.
func Sniff(head []byte) (Format, rules.Code, string) {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	switch {
	case len(head) == 0:
		return "", CodeEmpty, ""
	case matchers.Jpeg(head):
		return JPEG, "", ""
	case matchers.Png(head):
		return PNG, "", ""
	case matchers.Bmp(head):
		return BMP, "", ""
	case filetype.IsType(head, matchers.TypePdf):
		return PDF, "", ""
	}
	if isSVG(head) {
		return "", CodeFormatSVG, "svg"
	}
	t, _ := filetype.Match(head)
	name := t.Extension
	switch name {
	case "heif", "avif":
		return "", CodeFormatHEIC, name
	case "webp":
		return "", CodeFormatWebP, name
	case "gif":
		return "", CodeFormatGIF, name
	case "tif", "cr2", "nef", "dng", "orf", "rw2", "arw":
		return "", CodeFormatTIFF, name
	case "exe", "elf", "dll", "macho", "class", "dex", "swf", "wasm", "crx":
		return "", CodeFormatExecutable, name
	case "zip", "rar", "7z", "gz", "bz2", "xz", "tar", "zst", "cab", "lz", "z", "ar", "rpm", "deb",
		"docx", "xlsx", "pptx", "epub", "apk", "jar", "odt", "ods", "odp":
		return "", CodeFormatArchive, name
	}
	if isHEIFBox(head) {
		return "", CodeFormatHEIC, "heif"
	}
	if bytes.HasPrefix(head, []byte("MZ")) || bytes.HasPrefix(head, []byte("#!")) {
		return "", CodeFormatExecutable, "exe"
	}
	if name == "" {
		name = "unknown"
	}
	return "", CodeFormatUnknown, name
}

// isHEIFBox recognises an ISO-BMFF ftyp box whose brands name HEIF, HEIC or
// AVIF (filetype knows only some brands).
func isHEIFBox(b []byte) bool {
	if len(b) < 16 || string(b[4:8]) != "ftyp" {
		return false
	}
	size := int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3])
	end := min(max(size, 16), len(b))
	for i := 8; i+4 <= end; i += 4 {
		switch string(b[i : i+4]) {
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "avif", "avis":
			return true
		}
	}
	return false
}

// isSVG recognises SVG or other XML/HTML text that a browser would render.
func isSVG(b []byte) bool {
	b = bytes.TrimLeft(b, "\xef\xbb\xbf \t\r\n")
	if len(b) > 1024 {
		b = b[:1024]
	}
	l := bytes.ToLower(b)
	return bytes.HasPrefix(l, []byte("<svg")) ||
		(bytes.HasPrefix(l, []byte("<?xml")) || bytes.HasPrefix(l, []byte("<!doctype svg"))) && bytes.Contains(l, []byte("<svg"))
}

// allowedExt maps an accepted extension (lower case, without the dot) to its
// format.
func allowedExt(ext string) (Format, bool) {
	switch ext {
	case "jpg", "jpeg":
		return JPEG, true
	case "png":
		return PNG, true
	case "bmp":
		return BMP, true
	case "pdf":
		return PDF, true
	}
	return "", false
}

// riskyExt reports extensions that must not appear as an inner extension
// ("x.php.jpg") because a misconfigured server might execute or render them.
func riskyExt(ext string) bool {
	switch ext {
	case "exe", "dll", "com", "scr", "bat", "cmd", "msi", "sh", "bash", "ps1", "vbs", "vbe", "js", "jse",
		"jar", "php", "php3", "php4", "php5", "phtml", "phar", "asp", "aspx", "jsp", "jspx", "cgi", "pl",
		"py", "rb", "htm", "html", "xhtml", "shtml", "svg", "svgz", "swf", "hta", "lnk", "apk", "elf", "bin":
		return true
	}
	return false
}

// checkName judges the declared file name against the sniffed format f
// (empty when the content is not accepted). It returns the codes in order.
func checkName(name string, f Format) (code rules.Code, ext string) {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimRight(base, " .") // Windows drops trailing dots and spaces
	parts := strings.Split(strings.ToLower(base), ".")
	if len(parts) < 2 || parts[len(parts)-1] == "" {
		return CodeExtensionNotAllowed, ""
	}
	ext = parts[len(parts)-1]
	extFormat, ok := allowedExt(ext)
	inner := parts[1 : len(parts)-1]
	for _, p := range inner {
		p = strings.TrimSpace(p)
		if _, img := allowedExt(p); (!ok && img) || riskyExt(p) {
			return CodeDoubleExtension, ext
		}
	}
	if strings.ContainsAny(base, "\x00/:") {
		return CodeDoubleExtension, ext
	}
	if !ok {
		return CodeExtensionNotAllowed, ext
	}
	if f != "" && extFormat != f {
		return CodeExtensionMismatch, ext
	}
	return "", ext
}

// checkContentType judges a declared content type against the format. An
// empty or generic declaration says nothing and passes.
func checkContentType(declared string, f Format) bool {
	if declared == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(declared)
	if err != nil {
		return false
	}
	switch mt {
	case "application/octet-stream", "binary/octet-stream", "application/unknown", "application/x-unknown":
		return true
	case "image/jpeg", "image/jpg", "image/pjpeg":
		return f == JPEG
	case "image/png", "image/x-png":
		return f == PNG
	case "image/bmp", "image/x-bmp", "image/x-ms-bmp", "image/ms-bmp":
		return f == BMP
	case "application/pdf", "application/x-pdf":
		return f == PDF
	}
	return false
}
