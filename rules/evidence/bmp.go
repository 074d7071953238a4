package evidence

import "encoding/binary"

// scanBMP checks a BMP file header and DIB header for sanity: the "BM"
// magic alone matches any text that begins with those letters, so the sizes,
// planes, bit depth, compression and pixel-data offset must agree with each
// other and with the file length.
func scanBMP(b []byte) *layout {
	l := &layout{end: len(b)}
	if len(b) < 14+12 || b[0] != 'B' || b[1] != 'M' {
		return l.fail(CodeBMPHeader, "shorter than the BMP headers")
	}
	fileSize := int64(binary.LittleEndian.Uint32(b[2:]))
	offset := int64(binary.LittleEndian.Uint32(b[10:]))
	dib := int64(binary.LittleEndian.Uint32(b[14:]))
	var width, height int64
	var planes, bpp, compression uint32
	switch dib {
	case 12: // BITMAPCOREHEADER
		width = int64(binary.LittleEndian.Uint16(b[18:]))
		height = int64(binary.LittleEndian.Uint16(b[20:]))
		planes = uint32(binary.LittleEndian.Uint16(b[22:]))
		bpp = uint32(binary.LittleEndian.Uint16(b[24:]))
	case 40, 52, 56, 64, 108, 124: // BITMAPINFOHEADER and its successors
		if int64(len(b)) < 14+dib {
			return l.fail(CodeTruncated, "DIB header cut off")
		}
		width = int64(int32(binary.LittleEndian.Uint32(b[18:])))
		height = int64(int32(binary.LittleEndian.Uint32(b[22:])))
		planes = uint32(binary.LittleEndian.Uint16(b[26:]))
		bpp = uint32(binary.LittleEndian.Uint16(b[28:]))
		compression = binary.LittleEndian.Uint32(b[30:])
	default:
		return l.fail(CodeBMPHeader, "unknown DIB header size")
	}
	if height < 0 {
		height = -height
	}
	switch {
	case planes != 1:
		return l.fail(CodeBMPHeader, "planes is not 1")
	case bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32:
		return l.fail(CodeBMPHeader, "unknown bit depth")
	case compression > 6:
		return l.fail(CodeBMPHeader, "unknown compression")
	case width <= 0 || height <= 0:
		return l.fail(CodeBMPHeader, "zero or negative dimensions")
	case offset < 14+dib || offset > fileSize && fileSize != 0:
		return l.fail(CodeBMPHeader, "pixel data offset outside the file")
	case fileSize != 0 && fileSize < 14+dib:
		return l.fail(CodeBMPHeader, "declared size below the headers")
	}
	l.width, l.height = int(width), int(height)
	l.shape.bpp = int(bpp)
	need := fileSize
	if width > 1<<24 || height > 1<<24 {
		return l.fail(CodeTruncated, "pixel data cut off")
	}
	if compression == 0 || compression == 3 || compression == 6 { // uncompressed rows
		row := (width*int64(bpp) + 31) / 32 * 4
		need = max(need, offset+row*height)
	}
	switch {
	case need > int64(len(b)):
		return l.fail(CodeTruncated, "pixel data cut off")
	case fileSize != 0:
		l.end = int(max(fileSize, need))
	default:
		l.end = int(need)
	}
	return l
}
