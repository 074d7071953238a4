package evidence

import (
	"bytes"
	"context"
	"os"
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
// arbitrary bytes with a small size limit: no panic, no error, and a refused
// format always comes with a violation.
func FuzzInspect(f *testing.F) {
	// Small seeds keep the fuzzer fast: tiny images of every format (with
	// the corpus camera EXIF segment on the JPEG) and the corpus PDFs.
	for _, s := range smallSeeds(f) {
		f.Add(s.b, s.name)
	}
	for _, name := range []string{"good_1page.pdf", "javascript.pdf", "embedded.pdf", "encrypted.pdf", "text_bm.bmp", "heic.jpg"} {
		if b, err := os.ReadFile("testdata/corpus/" + name); err == nil { // corpus files as seeds
			f.Add(b, name)
		}
	}
	f.Add([]byte{}, "empty.jpg") // empty
	tiny := Dimensions{Short: 1, Long: 1}
	in, err := NewInspector(Options{MaxBytes: 1 << 16, MaxPixels: 1 << 20, PixelChecks: true,
		PDFTimeout: 2 * time.Second, MinCertificate: tiny})
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
		if rep.Size != int64(min(len(b), 1<<16+1)) {
			t.Fatalf("size %d for %d bytes", rep.Size, len(b))
		}
	})
}
