package evidence

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// EXIF tags read from IFD0 (TIFF 6.0 and EXIF 2.32 numbering).
const (
	tagProcessingSoftware = 0x000B
	tagMake               = 0x010F
	tagModel              = 0x0110
	tagSoftware           = 0x0131
)

// readEXIF reads Make, Model and Software from IFD0 of a TIFF-structured
// EXIF block. It is a bounded reader of one directory: every offset and
// count is checked against the block before use, so hostile blocks cost at
// most one pass over at most 1,000 entries. (github.com/dsoprea/go-exif/v3
// was tried first; fuzzing found that an ASCII entry declaring 3.6 billion
// characters makes it hang, so it is used only to cross-check this reader in
// tests.)
func readEXIF(md *metadata, b []byte) {
	var bo binary.ByteOrder
	switch {
	case len(b) < 8:
		return
	case b[0] == 'I' && b[1] == 'I':
		bo = binary.LittleEndian
	case b[0] == 'M' && b[1] == 'M':
		bo = binary.BigEndian
	default:
		return
	}
	if bo.Uint16(b[2:]) != 42 {
		return
	}
	off := uint64(bo.Uint32(b[4:]))
	if off+2 > uint64(len(b)) {
		return
	}
	n := uint64(bo.Uint16(b[off:]))
	if n > 1000 || off+2+12*n > uint64(len(b)) {
		return
	}
	for i := range n {
		e := b[off+2+12*i:]
		tag, typ, count := bo.Uint16(e), bo.Uint16(e[2:]), uint64(bo.Uint32(e[4:]))
		if typ != 2 { // ASCII
			continue
		}
		var v []byte
		if count <= 4 {
			v = e[8 : 8+count]
		} else {
			p := uint64(bo.Uint32(e[8:]))
			if p+count > uint64(len(b)) {
				continue
			}
			v = b[p : p+count]
		}
		s := strings.TrimSpace(string(bytes.TrimRight(v, "\x00")))
		switch tag {
		case tagMake, tagModel:
			if s != "" {
				md.camera = true
			}
		case tagSoftware, tagProcessingSoftware:
			if e := editorIn(s); e != "" && md.editor == "" {
				md.editor = e
			}
		}
	}
}
