package evidence

import (
	"bytes"
	"strings"
)

// editors are substrings (lower case) of software names that edit or beautify
// photos, matched in EXIF Software, XMP CreatorTool and history, and PNG text.
var editors = [...]string{
	"photoshop", "lightroom", "gimp", "meitu", "美图", "美颜", "beautycam", "snapseed", "picsart",
	"paint.net", "pixelmator", "affinity photo", "photoscape", "fotor", "canva", "facetune",
	"faceapp", "photodirector", "picmonkey", "photopea", "krita", "inkscape", "corel", "darktable",
	"rawtherapee", "luminar", "capture one", "醒图", "hypic", "polarr", "泼辣", "vsco", "photolab",
	"airbrush", "youcam", "天天p图", "pitu", "wps图片", "acdsee", "imagemagick", "graphicsmagick",
}

// editorIn returns the editing software named in s, or "".
func editorIn(s string) string {
	if s == "" {
		return ""
	}
	l := strings.ToLower(s)
	for _, e := range editors {
		if strings.Contains(l, e) {
			return clip(s, 64)
		}
	}
	return ""
}

// clip shortens s to at most n bytes on a rune boundary, for parameters.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// readXMP looks for editing software in an XMP packet: xmp:CreatorTool and
// the stEvt:softwareAgent of the edit history, written as attributes or
// elements.
func readXMP(md *metadata, x []byte) {
	for _, key := range [...]string{"CreatorTool", "softwareAgent"} {
		rest := x
		for {
			i := bytes.Index(rest, []byte(key))
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			v := xmpValue(rest)
			if e := editorIn(v); e != "" && md.editor == "" {
				md.editor = e
			}
		}
	}
	if md.editor == "" && bytes.Contains(x, []byte("xmlns:photoshop=")) && bytes.Contains(x, []byte("photoshop:History")) {
		md.editor = "Photoshop (XMP history)"
	}
}

// xmpValue reads the value after a property name: ="…" or >…<.
func xmpValue(b []byte) string {
	b = b[:min(len(b), 256)]
	switch {
	case len(b) > 1 && b[0] == '=' && (b[1] == '"' || b[1] == '\''):
		if j := bytes.IndexByte(b[2:], b[1]); j >= 0 {
			return string(b[2 : 2+j])
		}
	case len(b) > 0 && b[0] == '>':
		if j := bytes.IndexByte(b[1:], '<'); j >= 0 {
			return string(b[1 : 1+j])
		}
	}
	return ""
}
