package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"io"
)

// budgetFiles returns the files made to exhaust a decoder's memory or time,
// named budget-*. Each is small on disk and asks for a large or slow decode;
// budget-max-* are the largest decodes the default budgets still allow.
func budgetFiles() (map[string][]byte, error) {
	var err error
	keep := func(b []byte, e error) []byte {
		if e != nil && err == nil {
			err = e
		}
		return b
	}
	m := map[string][]byte{}
	add := func(name string, b []byte) { m[name] = b }
	// Memory: 50 MP is under the pixel cap, but the decoders need far more
	// than one byte per pixel.
	add("budget-rgba16-7071.png", keep(pngZeros(7071, 7071, 16, 6, false, nil)))
	add("budget-interlaced-rgba-6000x4000.png", keep(pngZeros(6000, 4000, 8, 6, true, nil)))
	add("budget-max-palette-7071.png", keep(pngZeros(7071, 7071, 1, 3, false, nil)))
	add("budget-max-interlaced-rgba-4000x3000.png", keep(pngZeros(4000, 3000, 8, 6, true, nil)))
	add("budget-max-rgb16-3000.png", keep(pngZeros(3000, 3000, 16, 2, false, nil)))
	add("budget-progressive-7071.jpg", progressiveJPEG(7071, 7071, 3, 0, 0))
	add("budget-progressive-420-5000.jpg", progressiveJPEG(5000, 5000, 3, 0x22, 0))
	add("budget-baseline-rgb-4500.jpg", baselineJPEG(4500, 4500, 0x11, true))
	add("budget-max-baseline-420-7071.jpg", baselineJPEG(7071, 7071, 0x22, false))
	add("budget-max-progressive-gray-5120.jpg", progressiveJPEG(5120, 5120, 1, 0, 0))
	// Time: work that grows with the structure, not with the pixels.
	add("budget-scans-2000.jpg", progressiveJPEG(2000, 2000, 1, 0, 7000))
	add("budget-refine-scans-2000.jpg", refineJPEG(2000, 2000, 2000))
	add("budget-max-scans-2000.jpg", progressiveJPEG(2000, 2000, 1, 0, 900))
	add("budget-chunks.png", keep(pngZeros(1000, 1000, 8, 0, false, func(w *pngWriter) {
		for range 33000 {
			w.chunk("prVt", nil)
		}
	})))
	add("budget-idat-chunks.png", keep(pngSplitIDAT(1000, 1000, 33000)))
	add("budget-max-deflate-blocks.png", deflateFloodPNG(800, 600, 40000))
	// RLE BMPs: a few bytes declare 50 MP; the runs never fill them.
	add("budget-rle8-7071.bmp", rleBMP(7071, 7071, 8, []byte{0, 1}))
	add("budget-rle4-7071.bmp", rleBMP(7071, 7071, 4, []byte{0, 1}))
	add("budget-rle8-delta.bmp", rleBMP(7071, 7071, 8, rleDeltas(7071)))
	return m, err
}

// bitWriter writes entropy-coded JPEG data: bits MSB first, 0xFF bytes
// stuffed with 0x00, the last byte padded with ones.
type bitWriter struct {
	out  []byte
	acc  byte
	nacc uint
}

func (w *bitWriter) bits(v uint32, n uint) {
	for i := int(n) - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | byte(v>>uint(i)&1)
		w.nacc++
		if w.nacc == 8 {
			w.emit()
		}
	}
}

func (w *bitWriter) emit() {
	w.out = append(w.out, w.acc)
	if w.acc == 0xFF {
		w.out = append(w.out, 0)
	}
	w.acc, w.nacc = 0, 0
}

// zeros writes n zero bits quickly.
func (w *bitWriter) zeros(n int) {
	for n > 0 && w.nacc != 0 {
		w.bits(0, 1)
		n--
	}
	w.out = append(w.out, make([]byte, n/8)...)
	w.bits(0, uint(n%8))
}

func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.bits(0xFF, 8-w.nacc)
	}
	return w.out
}

func segment(b []byte, marker byte, payload []byte) []byte {
	b = append(b, 0xFF, marker)
	b = binary.BigEndian.AppendUint16(b, uint16(len(payload)+2))
	return append(b, payload...)
}

// dqt is one quantisation table of ones.
func dqt() []byte { return append([]byte{0}, bytes.Repeat([]byte{1}, 64)...) }

// dhtDC is DC table 0 with the single one-bit code 0 for category 0: a
// zero DC difference costs one bit per block.
func dhtDC() []byte {
	p := []byte{0x00, 1}
	p = append(p, make([]byte, 15)...)
	return append(p, 0)
}

// dhtAC is AC table 0 with 4-bit codes for the end-of-band runs EOB0 to
// EOB14 (symbols 0x00 … 0xE0): code i is symbol i<<4.
func dhtAC() []byte {
	p := []byte{0x10, 0, 0, 0, 15}
	p = append(p, make([]byte, 12)...)
	for i := range 15 {
		p = append(p, byte(i<<4))
	}
	return p
}

// eobRun writes end-of-band runs covering n blocks with [dhtAC]'s codes.
func eobRun(w *bitWriter, n int) {
	for n > 0 {
		r := min(n, 1<<15-1)
		k := 0
		for 1<<(k+1) <= r {
			k++
		}
		w.bits(uint32(k), 4)
		w.bits(uint32(r-1<<k), uint(k))
		n -= r
	}
}

// sof returns a frame header of comps components; hv is the first
// component's sampling (0 for 1×1), the others are 1×1.
func sof(w, h, comps int, hv byte) []byte {
	p := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(comps)}
	for i := range comps {
		s := byte(0x11)
		if i == 0 && hv != 0 {
			s = hv
		}
		p = append(p, byte(i+1), s, 0)
	}
	return p
}

func mcus(w, h int, hv byte) int {
	hs, vs := 1, 1
	if hv != 0 {
		hs, vs = int(hv>>4), int(hv&15)
	}
	return ((w + 8*hs - 1) / (8 * hs)) * ((h + 8*vs - 1) / (8 * vs))
}

// progressiveJPEG is a progressive JPEG whose first scan sets every DC
// coefficient (one bit per block), followed by acScans scans of
// coefficient 1 of the first component that are one end-of-band run each:
// about 16 bytes a scan, each visiting every block.
func progressiveJPEG(w, h, comps int, hv byte, acScans int) []byte {
	b := []byte{0xFF, 0xD8}
	b = segment(b, 0xDB, dqt())
	b = segment(b, 0xC2, sof(w, h, comps, hv))
	b = segment(b, 0xC4, append(dhtDC(), dhtAC()...))
	sos := []byte{byte(comps)}
	for i := range comps {
		sos = append(sos, byte(i+1), 0)
	}
	b = segment(b, 0xDA, append(sos, 0, 0, 0))
	perMCU := comps
	if hv != 0 {
		perMCU += int(hv>>4)*int(hv&15) - 1
	}
	var bw bitWriter
	bw.zeros(mcus(w, h, hv) * perMCU)
	b = append(b, bw.flush()...)
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	if hv != 0 {
		blocks = mcus(w, h, hv) * int(hv>>4) * int(hv&15)
	}
	for range acScans {
		b = segment(b, 0xDA, []byte{1, 1, 0, 1, 1, 0})
		var aw bitWriter
		eobRun(&aw, blocks)
		b = append(b, aw.flush()...)
	}
	return append(b, 0xFF, 0xD9)
}

// refineJPEG is a grayscale progressive JPEG with refineScans refinement
// scans of the whole AC band (1–63), each one end-of-band run: the decoder
// walks all 63 coefficients of every block on every scan.
func refineJPEG(w, h, refineScans int) []byte {
	b := []byte{0xFF, 0xD8}
	b = segment(b, 0xDB, dqt())
	b = segment(b, 0xC2, sof(w, h, 1, 0))
	b = segment(b, 0xC4, append(dhtDC(), dhtAC()...))
	b = segment(b, 0xDA, []byte{1, 1, 0, 0, 0, 0})
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	var bw bitWriter
	bw.zeros(blocks)
	b = append(b, bw.flush()...)
	for range refineScans {
		b = segment(b, 0xDA, []byte{1, 1, 0, 1, 63, 0x10})
		var aw bitWriter
		eobRun(&aw, blocks)
		b = append(b, aw.flush()...)
	}
	return append(b, 0xFF, 0xD9)
}

// baselineJPEG is a baseline JPEG of three components whose blocks are all
// a zero DC difference and an end of block: two bits per block. An Adobe
// segment with transform 0 marks it RGB, which image/jpeg converts to RGBA.
func baselineJPEG(w, h int, hv byte, rgb bool) []byte {
	b := []byte{0xFF, 0xD8}
	if rgb {
		b = segment(b, 0xEE, []byte("Adobe\x00\x64\x00\x00\x00\x00\x00"))
	}
	b = segment(b, 0xDB, dqt())
	b = segment(b, 0xC0, sof(w, h, 3, hv))
	// AC table 0: the single one-bit code 0 for EOB.
	ac := []byte{0x10, 1}
	ac = append(ac, make([]byte, 15)...)
	ac = append(ac, 0)
	b = segment(b, 0xC4, append(dhtDC(), ac...))
	b = segment(b, 0xDA, []byte{3, 1, 0, 2, 0, 3, 0, 0, 63, 0})
	per := 3
	if hv != 0 {
		per = 2 + int(hv>>4)*int(hv&15)
	}
	var bw bitWriter
	bw.zeros(2 * mcus(w, h, hv) * per) // a DC and an AC bit per block
	b = append(b, bw.flush()...)
	return append(b, 0xFF, 0xD9)
}

// pngWriter writes PNG chunks.
type pngWriter struct{ b []byte }

func (w *pngWriter) chunk(typ string, data []byte) {
	w.b = binary.BigEndian.AppendUint32(w.b, uint32(len(data)))
	start := len(w.b)
	w.b = append(w.b, typ...)
	w.b = append(w.b, data...)
	w.b = binary.BigEndian.AppendUint32(w.b, crc32.ChecksumIEEE(w.b[start:]))
}

func (w *pngWriter) header(width, height int, depth, colorType byte, interlace bool) {
	w.b = append(w.b, "\x89PNG\r\n\x1a\n"...)
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(width))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(height))
	il := byte(0)
	if interlace {
		il = 1
	}
	w.chunk("IHDR", append(ihdr, depth, colorType, 0, 0, il))
	if colorType == 3 {
		w.chunk("PLTE", []byte{0, 0, 0, 255, 255, 255})
	}
}

// pngRaw is the size of the filtered image data of a PNG: a filter byte
// per row (per pass row when interlaced) and the packed samples.
func pngRaw(width, height int, depth, colorType byte, interlace bool) int64 {
	ch := map[byte]int64{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colorType]
	row := func(w int64) int64 { return 1 + (w*ch*int64(depth)+7)/8 }
	if !interlace {
		return int64(height) * row(int64(width))
	}
	passes := [7][4]int64{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	var n int64
	for _, p := range passes {
		pw := (int64(width) - p[0] + p[2] - 1) / p[2]
		ph := (int64(height) - p[1] + p[3] - 1) / p[3]
		if pw > 0 && ph > 0 {
			n += ph * row(pw)
		}
	}
	return n
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// zlibZeros compresses n zero bytes.
func zlibZeros(n int64) ([]byte, error) {
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := io.CopyN(zw, zeroReader{}, n); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

// pngZeros is a PNG whose filtered rows are all zero bytes (filter None,
// black or palette index 0), deflate-compressed about 1000:1. extra writes
// chunks between the header and the image data.
func pngZeros(width, height int, depth, colorType byte, interlace bool, extra func(*pngWriter)) ([]byte, error) {
	z, err := zlibZeros(pngRaw(width, height, depth, colorType, interlace))
	if err != nil {
		return nil, err
	}
	var w pngWriter
	w.header(width, height, depth, colorType, interlace)
	if extra != nil {
		extra(&w)
	}
	w.chunk("IDAT", z)
	w.chunk("IEND", nil)
	return w.b, nil
}

// pngSplitIDAT is a grayscale PNG whose image data is cut into n IDAT
// chunks, the last holding what remains.
func pngSplitIDAT(width, height, n int) ([]byte, error) {
	z, err := zlibZeros(pngRaw(width, height, 8, 0, false))
	if err != nil {
		return nil, err
	}
	var w pngWriter
	w.header(width, height, 8, 0, false)
	for i := range n - 1 {
		if i < len(z) {
			w.chunk("IDAT", z[i:i+1])
		} else {
			w.chunk("IDAT", nil)
		}
	}
	if n-1 < len(z) {
		w.chunk("IDAT", z[n-1:])
	} else {
		w.chunk("IDAT", nil)
	}
	w.chunk("IEND", nil)
	return w.b, nil
}

// rleBMP is a BMP of bpp 8 (RLE8) or 4 (RLE4) bits with the given run
// data and a two-colour palette.
func rleBMP(width, height, bpp int, runs []byte) []byte {
	const headers = 14 + 40 + 8
	b := []byte{'B', 'M'}
	b = binary.LittleEndian.AppendUint32(b, uint32(headers+len(runs)))
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, headers)
	b = binary.LittleEndian.AppendUint32(b, 40)
	b = binary.LittleEndian.AppendUint32(b, uint32(width))
	b = binary.LittleEndian.AppendUint32(b, uint32(height))
	b = binary.LittleEndian.AppendUint16(b, 1)
	b = binary.LittleEndian.AppendUint16(b, uint16(bpp))
	comp := uint32(1)
	if bpp == 4 {
		comp = 2
	}
	b = binary.LittleEndian.AppendUint32(b, comp)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(runs)))
	b = binary.LittleEndian.AppendUint32(b, 2835)
	b = binary.LittleEndian.AppendUint32(b, 2835)
	b = binary.LittleEndian.AppendUint32(b, 2)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = append(b, 0, 0, 0, 0, 255, 255, 255, 0)
	return append(b, runs...)
}

// rleDeltas is RLE data that draws one pixel and moves down 255 rows with
// a delta escape until it has crossed height rows, then ends the bitmap.
func rleDeltas(height int) []byte {
	var r []byte
	for y := 0; y < height; y += 255 {
		r = append(r, 1, 1, 0, 2, 0, 255)
	}
	return append(r, 0, 1)
}

// deflateWriter writes a deflate stream: bits LSB first, Huffman codes
// most significant bit first.
type deflateWriter struct {
	out []byte
	acc uint64
	n   uint
}

func (w *deflateWriter) bits(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	for w.n >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
}

func (w *deflateWriter) code(c uint64, n uint) {
	var r uint64
	for i := range n {
		r = r<<1 | c>>i&1
	}
	w.bits(r, n)
}

// emptyishBlock writes a dynamic Huffman block that holds one zero byte:
// about 12 bytes, each making the decoder build three Huffman tables.
func (w *deflateWriter) emptyishBlock() {
	w.bits(0, 1)  // not final
	w.bits(2, 2)  // dynamic Huffman
	w.bits(0, 5)  // 257 literal/length codes
	w.bits(0, 5)  // 1 distance code
	w.bits(14, 4) // 18 code length codes
	lengths := map[int]uint64{1: 1, 18: 2, 0: 2}
	for _, s := range []int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1} {
		w.bits(lengths[s], 3)
	}
	// code length codes: 1 is "0", 0 is "10", 18 is "11"
	w.code(0, 1)   // literal 0: length 1
	w.code(3, 2)   // literals 1–138: none
	w.bits(127, 7) //
	w.code(3, 2)   // literals 139–255: none
	w.bits(106, 7) //
	w.code(0, 1)   // end of block: length 1
	w.code(2, 2)   // no distance code
	w.code(0, 1)   // literal 0
	w.code(1, 1)   // end of block
}

// zerosBlock writes a final fixed Huffman block of n zero bytes.
func (w *deflateWriter) zerosBlock(n int) {
	w.bits(1, 1) // final
	w.bits(1, 2) // fixed Huffman
	w.code(0x30, 8)
	n--
	for ; n >= 258; n -= 258 {
		w.code(0xC5, 8) // length 258
		w.code(0, 5)    // distance 1
	}
	for ; n > 0; n-- {
		w.code(0x30, 8)
	}
	w.code(0, 7) // end of block
}

// deflateFloodPNG is a w×h grayscale PNG whose zlib stream begins with
// blocks dynamic Huffman blocks of one byte each. The structure shows
// nothing but bytes; image/png takes about 1.3 µs a block.
func deflateFloodPNG(width, height, blocks int) []byte {
	raw := (width + 1) * height
	var d deflateWriter
	for range blocks {
		d.emptyishBlock()
	}
	d.zerosBlock(raw - blocks)
	if d.n > 0 {
		d.out = append(d.out, byte(d.acc))
	}
	z := append([]byte{0x78, 0x01}, d.out...)
	z = binary.BigEndian.AppendUint32(z, adler32.Checksum(make([]byte, raw)))
	var w pngWriter
	w.header(width, height, 8, 0, false)
	w.chunk("IDAT", z)
	w.chunk("IEND", nil)
	return w.b
}
