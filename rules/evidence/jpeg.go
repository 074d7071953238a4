package evidence

import (
	"bytes"
	"encoding/binary"

	"github.com/realname-go/realname/rules"
)

// layout is what walking a file's structure found: the end of the image data
// (anything after it is trailing data), a structural failure, and metadata
// signals.
type layout struct {
	end     int        // offset just past the image's last byte
	failure rules.Code // CodeCorrupt, CodeTruncated, CodeBMPHeader; "" when sound
	reason  string     // what the failure is, for the report
	width   int        // from the structure itself
	height  int
	meta    metadata
	shape   shape // what decoding will cost, for budget.go
	// hidden is the hidden-payload scan that already saw the segments,
	// when the walk handed them to it (scanJPEGSegments); nil otherwise.
	hidden *hiddenScan
}

// metadata holds the originality signals of an image.
type metadata struct {
	editor    string // editing software named by the metadata
	exif      bool   // an EXIF block was found
	camera    bool   // EXIF Make or Model present
	secondary bool   // the file declares appended images (JPEG MPF)
}

func (l *layout) fail(code rules.Code, reason string) *layout {
	l.failure, l.reason = code, reason
	return l
}

var (
	exifPrefix = []byte("Exif\x00\x00")
	xmpPrefix  = []byte("http://ns.adobe.com/xap/1.0/\x00")
	psPrefix   = []byte("Photoshop 3.0\x00")
	mpfPrefix  = []byte("MPF\x00")
)

// scanJPEG walks the JPEG markers from SOI to EOI, skipping entropy-coded
// data, without decoding anything. It reads metadata segments on the way
// when withMeta is set.
func scanJPEG(b []byte, withMeta bool) *layout { return scanJPEGSegments(b, withMeta, nil) }

// scanJPEGSegments is scanJPEG that also hands every marker segment but the
// scan headers to visit, when not nil, as it walks them: the hidden-payload
// scan looks at the same segments without walking the file (and its
// entropy-coded data) a second time.
func scanJPEGSegments(b []byte, withMeta bool, visit func(m byte, seg []byte)) *layout {
	l := &layout{end: len(b)}
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return l.fail(CodeCorrupt, "no SOI marker")
	}
	pos := 2
	sawFrame, sawScan := false, false
	for {
		if pos >= len(b) {
			return l.fail(CodeTruncated, "no EOI marker")
		}
		if b[pos] != 0xFF {
			return l.fail(CodeCorrupt, "expected a marker")
		}
		for pos < len(b) && b[pos] == 0xFF { // fill bytes
			pos++
		}
		if pos >= len(b) {
			return l.fail(CodeTruncated, "no EOI marker")
		}
		m := b[pos]
		pos++
		l.shape.markers++
		switch {
		case m == 0xD9: // EOI
			if !sawScan {
				return l.fail(CodeCorrupt, "EOI before any scan")
			}
			l.end = pos
			return l
		case m == 0x01 || m >= 0xD0 && m <= 0xD7: // TEM, RSTn: no length
			continue
		case m == 0x00 || m == 0xD8:
			return l.fail(CodeCorrupt, "unexpected marker")
		}
		if pos+2 > len(b) {
			return l.fail(CodeTruncated, "segment length cut off")
		}
		n := int(binary.BigEndian.Uint16(b[pos:]))
		if n < 2 {
			return l.fail(CodeCorrupt, "segment length below 2")
		}
		if pos+n > len(b) {
			return l.fail(CodeTruncated, "segment cut off")
		}
		seg := b[pos+2 : pos+n]
		pos += n
		if visit != nil && m != 0xDA {
			visit(m, seg)
		}
		switch {
		case m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC: // SOFn
			if len(seg) < 6 {
				return l.fail(CodeCorrupt, "short frame header")
			}
			if !sawFrame {
				l.height = int(binary.BigEndian.Uint16(seg[1:]))
				l.width = int(binary.BigEndian.Uint16(seg[3:]))
				l.shape.frame(m, seg)
			}
			sawFrame = true
		case m == 0xDA: // SOS: skip entropy-coded data up to the next marker
			if !sawFrame {
				return l.fail(CodeCorrupt, "scan before frame header")
			}
			sawScan = true
			l.shape.scan(seg, l.width, l.height)
			start := pos
			for {
				i := bytes.IndexByte(b[pos:], 0xFF)
				if i < 0 || pos+i+1 >= len(b) {
					return l.fail(CodeTruncated, "scan data cut off")
				}
				pos += i
				next := b[pos+1]
				if next == 0x00 || next >= 0xD0 && next <= 0xD7 || next == 0xFF {
					pos++
					if next != 0xFF {
						pos++
					}
					continue
				}
				break
			}
			l.shape.data += int64(pos - start)
		case m >= 0xE0 && m <= 0xEF:
			l.shape.app(m, seg)
			if withMeta {
				readAPP(&l.meta, m, seg)
			}
		}
	}
}

// readAPP records the signals of one application segment.
func readAPP(md *metadata, m byte, seg []byte) {
	switch {
	case m == 0xE1 && bytes.HasPrefix(seg, exifPrefix):
		md.exif = true
		readEXIF(md, seg[len(exifPrefix):])
	case m == 0xE1 && bytes.HasPrefix(seg, xmpPrefix):
		readXMP(md, seg[len(xmpPrefix):])
	case m == 0xED && bytes.HasPrefix(seg, psPrefix):
		if md.editor == "" {
			md.editor = "Photoshop (APP13)"
		}
	case m == 0xE2 && bytes.HasPrefix(seg, mpfPrefix):
		md.secondary = true
	}
}
