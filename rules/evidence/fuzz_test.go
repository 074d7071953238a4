package evidence

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// FuzzSniff checks that sniffing never panics, that an accepted format
// agrees with its own extension, and that a refused one always has a code.
func FuzzSniff(f *testing.F) {
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))                 // JPEG start
	f.Add([]byte(pngSignature))                                       // PNG signature
	f.Add([]byte("BM6\x00\x00\x00\x00\x00\x00\x006\x00\x00\x00("))    // BMP headers
	f.Add([]byte("BM is text"))                                       // text beginning BM
	f.Add([]byte("%PDF-1.4\n"))                                       // PDF header
	f.Add([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")) // HEIC
	f.Add([]byte("RIFF\x10\x00\x00\x00WEBPVP8 "))                     // WebP
	f.Add([]byte("<svg onload=alert(1)>"))                            // SVG
	f.Add([]byte("\x7fELF\x02\x01\x01"))                              // ELF
	f.Add([]byte{})                                                   // empty
	f.Fuzz(func(t *testing.T, head []byte) {
		format, code, _ := Sniff(head)
		if (format == "") == (code == "") {
			t.Fatalf("format %q and code %q: exactly one must be set", format, code)
		}
		if format != "" {
			if c, _ := checkName("x."+string(format), format); c != "" && format != JPEG {
				t.Fatalf("format %s refused under its own extension: %s", format, c)
			}
		}
		isHEIFBox(head)
		isSVG(head)
	})
}

// FuzzLayout feeds the header walkers (JPEG markers, PNG chunks, BMP
// headers, the PDF frame) arbitrary bytes: they must not panic, and the end
// of the image must lie inside the input.
func FuzzLayout(f *testing.F) {
	for _, s := range smallSeeds(f) { // tiny images of every format
		f.Add(s.b)
	}
	for _, name := range []string{"bomb.png", "bomb.bmp", "good_1page.pdf", "no_body.pdf"} {
		if b, err := os.ReadFile("testdata/corpus/" + name); err == nil { // corpus files as seeds
			f.Add(b)
		}
	}
	f.Add([]byte("\xff\xd8\xff\xda\x00\x02\xff\xd9"))                                   // scan before frame
	f.Add([]byte("\x89PNG\r\n\x1a\n\xff\xff\xff\xffIHDR"))                              // huge chunk length
	f.Add([]byte("BM\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0c\x00\x00\x00")) // core header, no fields
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, l := range []*layout{scanJPEG(b, true), scanPNG(b, true), scanBMP(b)} {
			if l.end < 0 || l.end > len(b) {
				t.Fatalf("end %d outside 0..%d", l.end, len(b))
			}
			if l.width < 0 || l.height < 0 {
				t.Fatalf("negative dimensions %dx%d", l.width, l.height)
			}
		}
		scanPDFFrame(b)
		var md metadata
		readEXIF(&md, b)
		readXMP(&md, b)
		readPNGText(&md, "iTXt", b)
	})
}

// FuzzInspect runs whole inspections, PDFs through pdfcpu included, on
// arbitrary bytes up to 1 MiB at the default pixel cap, so that the
// decoders are reached: no panic, no error, and a refused format always
// comes with a violation.
func FuzzInspect(f *testing.F) {
	// Small seeds keep the fuzzer fast: tiny images of every format (with
	// the corpus camera EXIF segment on the JPEG), the corpus PDFs and the
	// small files of the hostile corpus.
	for _, s := range smallSeeds(f) {
		f.Add(s.b, s.name)
	}
	for _, name := range []string{"good_1page.pdf", "javascript.pdf", "embedded.pdf", "encrypted.pdf", "text_bm.bmp", "heic.jpg"} {
		if b, err := os.ReadFile("testdata/corpus/" + name); err == nil { // corpus files as seeds
			f.Add(b, name)
		}
	}
	for _, name := range []string{"budget-rle8-delta.bmp", "budget-max-palette-7071.png", "budget-scans-2000.jpg", "budget-progressive-420-5000.jpg"} {
		if b, err := os.ReadFile(filepath.Join(hostile, name)); err == nil {
			f.Add(b, name)
		}
	}
	f.Add([]byte{}, "empty.jpg") // empty
	tiny := Dimensions{Short: 1, Long: 1}
	// Smaller decode budgets than the defaults keep each run short.
	in, err := NewInspector(Options{MaxBytes: 1 << 20, PixelChecks: true, MaxDecodeBytes: 32 << 20,
		MaxDecodeWork: 200_000_000, PDFTimeout: 2 * time.Second, MinCertificate: tiny})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte, name string) {
		var rep Report
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			rep, err = in.Inspect(context.Background(), bytes.NewReader(b), name, "", Certificate)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("inspection of %d bytes named %q takes longer than 10s", len(b), name)
		}
		if err != nil {
			t.Fatal(err)
		}
		if rep.Format == "" && len(rep.Violations) == 0 {
			t.Fatal("refused format without a violation")
		}
		if rep.Size != int64(min(len(b), 1<<20+1)) {
			t.Fatalf("size %d for %d bytes", rep.Size, len(b))
		}
	})
}

// FuzzDecodeBudget builds images from templates whose headers the fuzzer
// fills: format and variant (kind), declared width and height, a count of
// scans or chunks, and the bytes of the entropy-coded or compressed data.
// A few bytes can so ask for tens of megapixels, thousands of scans or
// chunks, and reach the decoders. With a 16 MiB decode budget, an
// inspection must not allocate more than the budget and the reading, nor
// more than the estimate when it decoded, nor fail; a decode the budget let
// through must not take the watchdog's 10 s.
func FuzzDecodeBudget(f *testing.F) {
	// The attack classes of the hostile corpus, small.
	f.Add(uint8(0x00), uint16(7071), uint16(7071), uint16(0), []byte{0})                  // progressive gray, DC only
	f.Add(uint8(0x10), uint16(7071), uint16(7071), uint16(0), []byte{0, 0, 0})            // progressive 3 components
	f.Add(uint8(0x00), uint16(2000), uint16(2000), uint16(7000), []byte{0xE7})            // thousands of scans
	f.Add(uint8(0x20), uint16(2000), uint16(2000), uint16(2000), []byte{0xE7})            // refinement scans
	f.Add(uint8(0x11), uint16(4500), uint16(4500), uint16(0), []byte{0, 0})               // baseline 3 components
	f.Add(uint8(0x02), uint16(7071), uint16(7071), uint16(1), []byte{0, 0, 0})            // PNG 16-bit RGBA
	f.Add(uint8(0x42), uint16(6000), uint16(4000), uint16(1), []byte{0})                  // PNG interlaced
	f.Add(uint8(0x22), uint16(7071), uint16(7071), uint16(1), []byte{0})                  // PNG palette
	f.Add(uint8(0x02), uint16(1000), uint16(1000), uint16(33000), []byte{0})              // PNG chunks
	f.Add(uint8(0x03), uint16(7071), uint16(7071), uint16(0), []byte{0, 1})               // BMP RLE8
	f.Add(uint8(0x13), uint16(640), uint16(480), uint16(0), bytes.Repeat([]byte{9}, 640)) // BMP 8-bit rows
	tiny := Dimensions{Short: 1, Long: 1}
	const budget = 16 << 20
	in, err := NewInspector(Options{MaxBytes: 1 << 20, PixelChecks: true, MaxDecodeBytes: budget,
		MaxDecodeWork: 200_000_000, MinCertificate: tiny})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, kind uint8, w, h, n uint16, body []byte) {
		file, name := budgetTemplate(kind, int(w), int(h), int(n), body)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var rep Report
		var ierr error
		done := make(chan struct{})
		go func() {
			defer close(done)
			rep, ierr = in.Inspect(context.Background(), bytes.NewReader(file), name, "", Certificate)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("inspection of %s, %d×%d, %d bytes takes longer than 10s", name, w, h, len(file))
		}
		runtime.ReadMemStats(&after)
		if ierr != nil {
			t.Fatal(ierr)
		}
		if len(rep.Violations) == 0 && rep.Scores == nil {
			t.Fatal("accepted without decoding")
		}
		got := after.TotalAlloc - before.TotalAlloc
		reading := uint64(3*len(file) + 1<<20 + 4096*int(n))
		if limit := budget + reading; got > limit {
			t.Fatalf("%s %d×%d: allocated %d, budget and reading %d; %v", name, w, h, got, limit, rep.Violations)
		}
		if rep.Scores != nil { // decoded: the estimate must hold too
			f, _, _ := Sniff(file)
			l := map[Format]func() *layout{JPEG: func() *layout { return scanJPEG(file, false) },
				PNG: func() *layout { return scanPNG(file, false) }, BMP: func() *layout { return scanBMP(file) }}[f]()
			mem, _ := l.shape.decodeCost(f, int64(rep.Width), int64(rep.Height))
			if got > uint64(mem)+reading {
				t.Fatalf("%s %d×%d: allocated %d, estimated %d and reading %d", name, w, h, got, mem, reading)
			}
		}
	})
}

// budgetTemplate builds a file of the format and variant kind declares:
// kind&3 is 0 progressive JPEG, 1 baseline JPEG, 2 PNG, 3 BMP; the high
// bits pick components, depth, colour type, interlacing or compression. n
// is the number of extra scans (JPEG) or chunks (PNG).
func budgetTemplate(kind uint8, w, h, n int, body []byte) ([]byte, string) {
	v := kind >> 4
	switch kind & 3 {
	case 0, 1:
		progressive := kind&3 == 0
		comps := 1
		if v&1 != 0 {
			comps = 3
		}
		b := []byte{0xFF, 0xD8}
		b = fuzzSegment(b, 0xDB, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...))
		sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(comps)}
		for i := range comps {
			hv := byte(0x11)
			if i == 0 && v&4 != 0 {
				hv = 0x22
			}
			sof = append(sof, byte(i+1), hv, 0)
		}
		m := byte(0xC0)
		if progressive {
			m = 0xC2
		}
		b = fuzzSegment(b, m, sof)
		// DC: one 1-bit code for category 0; AC: 4-bit codes for EOB0–EOB14
		dht := append([]byte{0x00, 1}, make([]byte, 15)...)
		dht = append(dht, 0, 0x10, 0, 0, 0, 15)
		dht = append(dht, make([]byte, 12)...)
		for i := range 15 {
			dht = append(dht, byte(i<<4))
		}
		b = fuzzSegment(b, 0xC4, dht)
		sos := []byte{byte(comps)}
		for i := range comps {
			sos = append(sos, byte(i+1), 0)
		}
		if progressive {
			sos = append(sos, 0, 0, 0)
		} else {
			sos = append(sos, 0, 63, 0)
		}
		b = fuzzSegment(b, 0xDA, sos)
		b = append(b, stuffed(body)...)
		for range min(n, 1<<15) {
			if v&2 != 0 {
				b = fuzzSegment(b, 0xDA, []byte{1, 1, 0, 1, 63, 0x10}) // refinement of 1–63
			} else {
				b = fuzzSegment(b, 0xDA, []byte{1, 1, 0, 1, 1, 0})
			}
			b = append(b, stuffed(body)...)
		}
		return append(b, 0xFF, 0xD9), "a.jpg"
	case 2:
		depth := []byte{8, 16, 1, 4}[v&3]
		colorType := []byte{6, 2, 3, 0}[v>>1&3]
		if colorType == 3 && depth == 16 {
			depth = 8
		}
		var p []byte
		chunk := func(typ string, data []byte) {
			p = binary.BigEndian.AppendUint32(p, uint32(len(data)))
			start := len(p)
			p = append(p, typ...)
			p = append(p, data...)
			p = binary.BigEndian.AppendUint32(p, crc32.ChecksumIEEE(p[start:]))
		}
		p = append(p, pngSignature...)
		ihdr := binary.BigEndian.AppendUint32(nil, uint32(w)*uint32(1+v>>3&1*3))
		ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
		chunk("IHDR", append(ihdr, depth, colorType, 0, 0, v>>2&1))
		if colorType == 3 {
			chunk("PLTE", []byte{0, 0, 0, 255, 255, 255})
		}
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(body)
		zw.Close()
		data := z.Bytes()
		for i := range min(n, 1<<16) {
			if i < len(data) {
				chunk("IDAT", data[i:i+1])
			} else {
				chunk("prVt", nil)
			}
		}
		if n < len(data) {
			chunk("IDAT", data[n:])
		}
		chunk("IEND", nil)
		return p, "a.png"
	}
	bpp := []uint16{8, 4, 24, 1}[v&3]
	compression := uint32(0)
	if v&4 != 0 && bpp <= 8 {
		compression = map[uint16]uint32{8: 1, 4: 2}[bpp]
	}
	const headers = 14 + 40 + 8
	b := []byte{'B', 'M'}
	b = binary.LittleEndian.AppendUint32(b, uint32(headers+len(body)))
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, headers)
	b = binary.LittleEndian.AppendUint32(b, 40)
	b = binary.LittleEndian.AppendUint32(b, uint32(w))
	height := uint32(h)
	if v&8 != 0 {
		height = uint32(-int32(h)) // top-down
	}
	b = binary.LittleEndian.AppendUint32(b, height)
	b = binary.LittleEndian.AppendUint16(b, 1)
	b = binary.LittleEndian.AppendUint16(b, bpp)
	b = binary.LittleEndian.AppendUint32(b, compression)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(body)))
	b = append(b, make([]byte, 8)...)
	b = binary.LittleEndian.AppendUint32(b, 2)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = append(b, 0, 0, 0, 0, 255, 255, 255, 0)
	return append(b, body...), "a.bmp"
}

func fuzzSegment(b []byte, marker byte, payload []byte) []byte {
	b = append(b, 0xFF, marker)
	b = binary.BigEndian.AppendUint16(b, uint16(len(payload)+2))
	return append(b, payload...)
}

// stuffed escapes 0xFF in entropy-coded data.
func stuffed(d []byte) []byte {
	return bytes.ReplaceAll(d, []byte{0xFF}, []byte{0xFF, 0})
}
