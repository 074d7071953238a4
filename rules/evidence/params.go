package evidence

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// FormatSize writes a byte count as people write file sizes: in B, KB, MB,
// GB or TB of 1024 (10 MB is 10×1024×1024 bytes, as in [DefaultMaxBytes]),
// rounded to at most one decimal: "10 MB", "9.5 MB", "512 KB", "800 B".
// The units read the same in every language of the built-in messages, which
// show a size limit through a "limit_size" parameter made by it.
func FormatSize(n int64) string {
	const units = "KMGT"
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " B"
	}
	u, unit := 0, float64(1024)
	for u+1 < len(units) && float64(n) >= unit*1024 {
		u, unit = u+1, unit*1024
	}
	tenths := math.Round(float64(n) / unit * 10)
	if tenths >= 10240 && u+1 < len(units) {
		// 1023.96 KB rounds to 1024 KB: say 1 MB
		u, tenths = u+1, math.Round(tenths/1024)
	}
	s := strconv.FormatFloat(tenths/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + units[u:u+1] + "B"
}

// maxNameRunes bounds the file name a violation shows.
const maxNameRunes = 64

// DisplayName returns the uploaded file name as the violations' "file_name"
// parameter shows it to the applicant (and as authn/vault keeps it): without any directory a browser
// sent, without control and format characters (line breaks, bidirectional
// overrides that would make "gpj.exe" read as "exe.jpg", zero-width
// characters) or invalid UTF-8, and at most maxNameRunes characters long,
// the middle cut out so that the extension stays visible. It is "" when
// nothing is left.
func DisplayName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > maxNameRunes {
		const tail = 20
		name = string(r[:maxNameRunes-1-tail]) + "…" + string(r[len(r)-tail:])
	}
	return name
}

// fileParams returns the parameters every violation of a file carries: its
// role ("certificate" or "handheld", which the messages show as the
// localized name of the upload) and, when one is known, its display name.
func fileParams(role Role, name string) []string {
	if name == "" {
		return []string{"role", role.String()}
	}
	return []string{"role", role.String(), "file_name", name}
}
