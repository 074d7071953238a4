package evidence

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"strconv"

	"github.com/realname-go/realname/rules"
)

// Bounds of the hidden-payload scan: the bytes a compressed PNG text or
// profile chunk may inflate to, each and in all, and the secondary images
// (JPEG MPF) walked after the first. Past them the file is refused.
const (
	maxInflateChunk = 1 << 20
	maxInflateTotal = 8 << 20
	maxSecondary    = 16
)

// hidden reports archives, executables, scripts or documents hidden inside
// an image's segments, chunks or trailing data. It reads JPEG marker
// segments (COM, every APPn, EXIF thumbnails and ICC profiles included, but
// not the entropy-coded data), PNG chunks other than the pixel data
// (zTXt, compressed iTXt and iCCP inflated, up to a bound), the bytes
// between a BMP's headers and its pixels, and everything after the image's
// end. Each code is reported once, for the first place
// it is found.
func (c *check) hidden(b []byte, f Format, l *layout) {
	h := l.hidden
	if h == nil {
		h = &hiddenScan{c: c}
	}
	h.flush()
	switch f {
	case JPEG:
		if l.hidden == nil {
			h.jpeg(b[:l.end])
		}
	case PNG:
		h.png(b[:l.end])
	case BMP:
		h.bmpGap(b[:l.end])
	}
	tail := b[l.end:]
	if f == JPEG && (l.meta.secondary || h.mpf) {
		// Phones append previews and depth maps as whole JPEGs: walk
		// their segments too, and scan what follows the last.
		for range maxSecondary {
			if len(tail) < 4 || tail[0] != 0xFF || tail[1] != 0xD8 {
				break
			}
			end := h.jpeg(tail)
			if end <= 0 {
				break
			}
			tail = tail[end:]
		}
	}
	if len(tail) > 0 {
		h.scan(tail, "after the image", true)
	}
}

// hiddenScan is the state of one hidden-payload scan.
type hiddenScan struct {
	c        *check
	found    [4]bool // by kind: archive, executable, script, document
	inflated int     // bytes inflated so far
	buf      []byte  // inflate buffer, reused
	mpf      bool    // the JPEG declares appended images (APP2 MPF)
	// held makes report keep the findings in pending until flush, so that
	// a scan run during the structure's walk reports where check.hidden
	// runs, in the order of the checks.
	held    bool
	pending []func()
}

// flush reports the findings held so far, in the order they were made, and
// reports the next ones at once.
func (h *hiddenScan) flush() {
	for _, add := range h.pending {
		add()
	}
	h.pending, h.held = nil, false
}

// report adds the violation of a finding once per code.
func (h *hiddenScan) report(code rules.Code, format, where string) {
	k := 0
	switch code {
	case CodeHiddenExecutable:
		k = 1
	case CodeHiddenScript:
		k = 2
	case CodeHiddenDocument:
		k = 3
	}
	if h.found[k] {
		return
	}
	h.found[k] = true
	add := func() { h.c.add(code, rules.Reject, "format", format, "where", where) }
	if h.held {
		h.pending = append(h.pending, add)
		return
	}
	add()
}

// scan looks through one region; start says it begins where a script's
// "#!" would be read (a segment's or a text's first byte).
func (h *hiddenScan) scan(s []byte, where string, start bool) {
	if code, format := payloadIn(s, start); code != "" {
		h.report(code, format, where)
	}
}

// jpeg walks the marker segments of the JPEG at the start of b with
// scanJPEGSegments, scanning each, and returns the offset just past its
// EOI, or 0 when the structure breaks first.
func (h *hiddenScan) jpeg(b []byte) int {
	l := scanJPEGSegments(b, false, h.segment)
	if l.failure != "" {
		return 0
	}
	return l.end
}

// segment scans one JPEG marker segment (not a scan's entropy-coded data).
func (h *hiddenScan) segment(m byte, seg []byte) {
	if m == 0xE2 && bytes.HasPrefix(seg, mpfPrefix) {
		h.mpf = true
	}
	if code, format := payloadIn(seg, true); code != "" {
		h.report(code, format, segmentName(m))
	}
}

// bmpGap scans the bytes between a BMP's headers and its pixel data: the
// palette, whose entries may spell anything.
func (h *hiddenScan) bmpGap(b []byte) {
	if len(b) < 18 {
		return
	}
	from := 14 + int64(binary.LittleEndian.Uint32(b[14:]))
	to := min(int64(binary.LittleEndian.Uint32(b[10:])), int64(len(b)))
	if from < to {
		h.scan(b[from:to], "before the pixel data", false)
	}
}

// segmentName names a JPEG marker segment for the report.
func segmentName(m byte) string {
	switch {
	case m == 0xFE:
		return "COM segment"
	case m >= 0xE0 && m <= 0xEF:
		return "APP" + strconv.Itoa(int(m-0xE0)) + " segment"
	}
	return "marker 0x" + strconv.FormatUint(uint64(m), 16) + " segment"
}

// png walks the chunks of b (a PNG from its signature to IEND), scanning
// every chunk but the pixel data, and the inflated text of zTXt, iTXt and
// iCCP.
func (h *hiddenScan) png(b []byte) {
	pos := len(pngSignature)
	for pos+12 <= len(b) {
		n := int64(binary.BigEndian.Uint32(b[pos:]))
		if n > int64(len(b)-pos-12) {
			return
		}
		typ := string(b[pos+4 : pos+8])
		data := b[pos+8 : pos+8+int(n)]
		pos += 12 + int(n)
		switch typ {
		case "IDAT", "fdAT", "IEND":
			continue
		}
		if code, format := payloadIn(data, false); code != "" {
			h.report(code, format, printable(typ)+" chunk")
		}
		text, ok := pngTextStart(typ, data)
		switch {
		case !ok:
		case typ == "tEXt" || typ == "iTXt" && !compressedITXt(data):
			if bytes.HasPrefix(text, []byte("#!/")) {
				h.report(CodeHiddenScript, "script", printable(typ)+" chunk")
			}
		default:
			h.inflate(text, printable(typ)+" chunk")
		}
	}
}

// pngTextStart returns the text (or compressed stream) of a tEXt, zTXt,
// iTXt or iCCP chunk, after its keyword and header fields.
func pngTextStart(typ string, data []byte) ([]byte, bool) {
	k := bytes.IndexByte(data, 0)
	if k < 0 {
		return nil, false
	}
	rest := data[k+1:]
	switch typ {
	case "tEXt":
		return rest, true
	case "zTXt", "iCCP": // compression method
		if len(rest) < 1 {
			return nil, false
		}
		return rest[1:], true
	case "iTXt": // flag, method, language\0, translated keyword\0
		if len(rest) < 2 {
			return nil, false
		}
		rest = rest[2:]
		for range 2 {
			j := bytes.IndexByte(rest, 0)
			if j < 0 {
				return nil, false
			}
			rest = rest[j+1:]
		}
		return rest, true
	}
	return nil, false
}

// compressedITXt reports an iTXt chunk whose compression flag is set.
func compressedITXt(data []byte) bool {
	k := bytes.IndexByte(data, 0)
	return k >= 0 && k+1 < len(data) && data[k+1] != 0
}

// inflate scans the zlib stream z inflated, within the bounds: a chunk that
// inflates past them is refused as a hidden archive, since no text or
// colour profile of a photo is that large.
func (h *hiddenScan) inflate(z []byte, where string) {
	limit := min(maxInflateChunk, maxInflateTotal-h.inflated)
	if limit <= 0 {
		h.report(CodeHiddenArchive, "zlib", where)
		return
	}
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return // not zlib: the raw bytes were scanned
	}
	defer r.Close()
	if h.buf == nil {
		h.buf = make([]byte, 0, 64<<10)
	}
	out := bytes.NewBuffer(h.buf[:0])
	n, _ := out.ReadFrom(io.LimitReader(r, int64(limit)+1))
	h.buf = out.Bytes()
	h.inflated += int(n)
	if n > int64(limit) {
		h.report(CodeHiddenArchive, "zlib", where)
		return
	}
	h.scan(h.buf, where, true)
}

// payloadIn finds the first signature of another file in s: an archive,
// an executable with a consistent header, a script or a PDF. Signatures
// short enough to occur by chance in binary metadata are checked further
// (a ZIP version, a gzip header, a PE header where MZ points, a Mach-O CPU
// type), so a camera's EXIF or an ICC profile never matches. A "#!/" counts
// only at the start of s when start is set.
func payloadIn(s []byte, start bool) (rules.Code, string) {
	if start && bytes.HasPrefix(s, []byte("#!/")) {
		return CodeHiddenScript, "script"
	}
	svg := false
	for i := 0; i < len(s); i++ {
		if !payloadFirst[s[i]] {
			continue
		}
		t := s[i:]
		switch t[0] {
		case 'P':
			if len(t) >= 30 && t[1] == 'K' && (t[2] == 3 && t[3] == 4 || t[2] == 1 && t[3] == 2) && t[4] < 0x80 ||
				len(t) >= 22 && string(t[:4]) == "PK\x05\x06" {
				return CodeHiddenArchive, "zip"
			}
		case 'R':
			if bytes.HasPrefix(t, []byte("Rar!\x1a\x07")) {
				return CodeHiddenArchive, "rar"
			}
		case '7':
			if bytes.HasPrefix(t, []byte("7z\xbc\xaf\x27\x1c")) {
				return CodeHiddenArchive, "7z"
			}
		case 0x1F:
			if len(t) >= 18 && t[1] == 0x8B && t[2] == 8 && t[3]&0xE0 == 0 && (t[8] == 0 || t[8] == 2 || t[8] == 4) && (t[9] <= 13 || t[9] == 255) {
				return CodeHiddenArchive, "gzip"
			}
		case 0xFD:
			if bytes.HasPrefix(t, []byte("\xfd7zXZ\x00")) {
				return CodeHiddenArchive, "xz"
			}
		case 'B':
			if len(t) >= 10 && string(t[:3]) == "BZh" && t[3] >= '1' && t[3] <= '9' && string(t[4:10]) == "1AY&SY" {
				return CodeHiddenArchive, "bzip2"
			}
		case 'M':
			if bytes.HasPrefix(t, []byte("MSCF\x00\x00\x00\x00")) {
				return CodeHiddenArchive, "cab"
			}
			if len(t) >= 0x40 && t[1] == 'Z' {
				if p := int64(binary.LittleEndian.Uint32(t[0x3C:])); p >= 4 && p+4 <= int64(len(t)) && string(t[p:p+4]) == "PE\x00\x00" {
					return CodeHiddenExecutable, "pe"
				}
			}
		case 0x7F:
			if len(t) >= 16 && string(t[:4]) == "\x7fELF" && (t[4] == 1 || t[4] == 2) && (t[5] == 1 || t[5] == 2) && t[6] == 1 {
				return CodeHiddenExecutable, "elf"
			}
		case 0xFE, 0xCE, 0xCF, 0xCA:
			if machO(t) {
				return CodeHiddenExecutable, "macho"
			}
		case '%':
			if len(t) >= 8 && string(t[:5]) == "%PDF-" && t[5] >= '1' && t[5] <= '9' {
				return CodeHiddenDocument, "pdf"
			}
		case '<':
			switch {
			case hasFoldPrefix(t, "<script") && len(t) > 7 && (t[7] == '>' || t[7] == ' ' || t[7] == '\t' || t[7] == '\n' || t[7] == '\r' || t[7] == '/'):
				return CodeHiddenScript, "html"
			case hasFoldPrefix(t, "<?php"):
				return CodeHiddenScript, "php"
			case !svg && hasFoldPrefix(t, "<svg"):
				svg = true
				if svgHandler(t) {
					return CodeHiddenScript, "svg"
				}
			}
		}
	}
	return "", ""
}

// payloadFirst marks the bytes a signature of [payloadIn] starts with.
var payloadFirst = func() (t [256]bool) {
	for _, c := range []byte{'P', 'R', '7', 0x1F, 0xFD, 'B', 'M', 0x7F, 0xFE, 0xCE, 0xCF, 0xCA, '%', '<'} {
		t[c] = true
	}
	return t
}()

// machO recognises a Mach-O header (either byte order) with a known CPU
// type and file type, a universal binary with a few architectures, or a
// Java class file.
func machO(t []byte) bool {
	if len(t) < 16 {
		return false
	}
	magic := binary.BigEndian.Uint32(t)
	var cpu, ftype uint32
	switch magic {
	case 0xFEEDFACE, 0xFEEDFACF:
		cpu, ftype = binary.BigEndian.Uint32(t[4:]), binary.BigEndian.Uint32(t[12:])
	case 0xCEFAEDFE, 0xCFFAEDFE:
		cpu, ftype = binary.LittleEndian.Uint32(t[4:]), binary.LittleEndian.Uint32(t[12:])
	case 0xCAFEBABE:
		n := binary.BigEndian.Uint32(t[4:])
		if n >= 1 && n <= 20 {
			return knownCPU(binary.BigEndian.Uint32(t[8:]))
		}
		major := binary.BigEndian.Uint16(t[6:]) // a Java class: minor, major
		return t[4] == 0 && major >= 45 && major <= 80
	default:
		return false
	}
	return knownCPU(cpu) && ftype >= 1 && ftype <= 12
}

func knownCPU(c uint32) bool {
	switch c {
	case 7, 0x01000007, 12, 0x0100000C, 18, 0x01000012:
		return true
	}
	return false
}

// hasFoldPrefix reports whether t starts with the lower-case ASCII p in any
// case.
func hasFoldPrefix(t []byte, p string) bool {
	if len(t) < len(p) {
		return false
	}
	for i := range len(p) {
		c := t[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// svgHandler reports an event handler attribute (" onload=") or a
// javascript: URL in the SVG markup at the start of t, within 64 KiB.
func svgHandler(t []byte) bool {
	t = t[:min(len(t), 64<<10)]
	for i := 1; i+3 < len(t); i++ {
		switch {
		case hasFoldPrefix(t[i:], "javascript:"):
			return true
		case (t[i-1] == ' ' || t[i-1] == '\t' || t[i-1] == '\n' || t[i-1] == '\r' || t[i-1] == '/') && hasFoldPrefix(t[i:], "on"):
			j := i + 2
			for j < len(t) && ('a' <= t[j]|0x20 && t[j]|0x20 <= 'z') {
				j++
			}
			for j < len(t) && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' || t[j] == '\r') {
				j++
			}
			if j > i+2 && j < len(t) && t[j] == '=' {
				return true
			}
		}
	}
	return false
}
