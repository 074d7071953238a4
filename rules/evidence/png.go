package evidence

import (
	"bytes"
	"encoding/binary"
)

const pngSignature = "\x89PNG\r\n\x1a\n"

// scanPNG walks the PNG chunks from the signature to IEND without
// decompressing anything (and without checking CRCs; the full decode does).
// It reads text and eXIf chunks when withMeta is set.
func scanPNG(b []byte, withMeta bool) *layout {
	l := &layout{end: len(b)}
	if len(b) < 8 || string(b[:8]) != pngSignature {
		return l.fail(CodeCorrupt, "no PNG signature")
	}
	pos := 8
	first := true
	for {
		if pos+8 > len(b) {
			return l.fail(CodeTruncated, "no IEND chunk")
		}
		n := binary.BigEndian.Uint32(b[pos:])
		typ := string(b[pos+4 : pos+8])
		if n > 1<<31-1 {
			return l.fail(CodeCorrupt, "chunk length above 2^31-1")
		}
		if uint64(pos)+12+uint64(n) > uint64(len(b)) {
			return l.fail(CodeTruncated, "chunk "+printable(typ)+" cut off")
		}
		data := b[pos+8 : pos+8+int(n)]
		pos += 12 + int(n)
		l.shape.chunks++
		if first {
			if typ != "IHDR" || n != 13 {
				return l.fail(CodeCorrupt, "first chunk is not IHDR")
			}
			l.width = int(binary.BigEndian.Uint32(data))
			l.height = int(binary.BigEndian.Uint32(data[4:]))
			l.shape.depth, l.shape.colorType, l.shape.interlaced = data[8], data[9], data[12] != 0
			first = false
			continue
		}
		switch typ {
		case "IEND":
			l.end = pos
			return l
		case "tRNS":
			l.shape.trns = true
		case "tEXt", "iTXt":
			if withMeta {
				readPNGText(&l.meta, typ, data)
			}
		case "eXIf":
			if withMeta {
				l.meta.exif = true
				readEXIF(&l.meta, data)
			}
		}
	}
}

// readPNGText checks the text of a tEXt or iTXt chunk (uncompressed only) for
// editing software: GIMP writes the comment "Created with GIMP", Photoshop an
// XMP packet, others a Software keyword.
func readPNGText(md *metadata, typ string, data []byte) {
	k := bytes.IndexByte(data, 0)
	if k < 0 {
		return
	}
	keyword, text := string(data[:k]), data[k+1:]
	if typ == "iTXt" {
		// compression flag, method, language tag\0, translated keyword\0
		if len(text) < 2 || text[0] != 0 {
			return
		}
		text = text[2:]
		for range 2 {
			j := bytes.IndexByte(text, 0)
			if j < 0 {
				return
			}
			text = text[j+1:]
		}
	}
	if keyword == "XML:com.adobe.xmp" {
		readXMP(md, text)
		return
	}
	if md.editor == "" {
		md.editor = editorIn(string(text[:min(len(text), 256)]))
	}
}

// printable keeps a chunk type safe for a report.
func printable(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c < 0x20 || c > 0x7E {
			out[i] = '?'
		}
	}
	return string(out)
}
