package evidence

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// withSegments returns the JPEG jb with the marker segments of the JPEG
// from (its EXIF, maker notes, thumbnail, ICC profile) inserted after SOI.
func withSegments(tb testing.TB, jb []byte, from string) []byte {
	src, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	pos := 2
	for pos+4 <= len(src) && src[pos] == 0xFF && src[pos+1] >= 0xE0 && src[pos+1] <= 0xEF {
		pos += 2 + int(src[pos+2])<<8 | int(src[pos+3])
	}
	out := append(append([]byte{}, jb[:2]...), src[2:pos]...)
	return append(out, jb[2:]...)
}

// BenchmarkHidden measures the hidden-payload scan alone: on a 12 MP phone
// JPEG carrying the metadata segments of a real camera photo (EXIF with
// maker notes and a thumbnail), on that camera photo itself (5.6 MB), and
// on a PNG with a deflated text chunk.
func BenchmarkHidden(b *testing.B) {
	canon := filepath.Join(external, "go-exif", "NDM_8901.jpg")
	cases := []struct {
		name string
		data func(testing.TB) []byte
	}{
		{"jpeg-12MP-phone", func(tb testing.TB) []byte { return withSegments(tb, twelveMP(tb), canon) }},
		{"jpeg-canon-10MP", func(tb testing.TB) []byte {
			d, err := os.ReadFile(canon)
			if err != nil {
				tb.Fatal(err)
			}
			return d
		}},
		{"png-ztxt", func(tb testing.TB) []byte {
			d, err := os.ReadFile(filepath.Join("testdata", "hostile", "hidden-zip-ztxt.png"))
			if err != nil {
				tb.Fatal(err)
			}
			return d
		}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			data := tc.data(b)
			f, _, _ := Sniff(data)
			var l *layout
			if f == JPEG {
				l = scanJPEG(data, false)
			} else {
				l = scanPNG(data, false)
			}
			if l.failure != "" {
				b.Fatal(l.reason)
			}
			c := check{opts: &Options{}, role: Certificate}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				c.rep.Violations = c.rep.Violations[:0]
				c.hidden(data, f, l)
			}
		})
	}
}

// scanPDF returns a one-page PDF holding the 12 MP photo as its page
// image, as a scanner app writes it.
func scanPDF(tb testing.TB) []byte {
	jb := twelveMP(tb)
	pdf := []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
		"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
		"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>\nendobj\n" +
		"4 0 obj\n<< /Type /XObject /Subtype /Image /Width 4000 /Height 3000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length " +
		itoa(int64(len(jb))) + " >>\nstream\n")
	pdf = append(append(pdf, jb...), "\nendstream\nendobj\n"...)
	content := "q 595 0 0 842 0 0 cm /Im0 Do Q"
	pdf = append(pdf, "5 0 obj\n<< /Length "+itoa(int64(len(content)))+" >>\nstream\n"+content+"\nendstream\nendobj\n"...)
	return appendXref(pdf)
}

// BenchmarkPDFInspect measures reading and walking a PDF: a one-page scan
// (a 12 MP photo as the page image), a tiny one-page file, pdfcpu's
// two-page sample with object streams, and the costliest files of the
// hostile corpus (200 chained actions, JavaScript in a deflated object
// stream, 5000 nested arrays).
func BenchmarkPDFInspect(b *testing.B) {
	b.Run("scan-12MP", func(b *testing.B) {
		data := scanPDF(b)
		res, err := inspectPDF(context.Background(), data, DefaultPDFTimeout)
		if err != nil || len(res.findings) > 0 || res.pages != 1 {
			b.Fatalf("scan PDF: %v %v %d pages", err, res.findings, res.pages)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := inspectPDF(context.Background(), data, DefaultPDFTimeout); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, path := range []string{
		filepath.Join("testdata", "corpus", "good_1page.pdf"),
		filepath.Join(external, "pdfcpu", "Walden.pdf"),
		filepath.Join("testdata", "hostile", "pdf-js-next-200.pdf"),
		filepath.Join("testdata", "hostile", "pdf-js-objstm-flate.pdf"),
		filepath.Join("testdata", "hostile", "pdf-deep-array.pdf"),
	} {
		b.Run(filepath.Base(path), func(b *testing.B) {
			data, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := inspectPDF(context.Background(), data, DefaultPDFTimeout); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPDFNames measures the raw name scan on its own.
func BenchmarkPDFNames(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(external, "pdfcpu", "WaldenFull.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var res pdfResult
		scanPDFNames(data, &res)
	}
}

// BenchmarkPayloadIn measures the signature search alone, over the
// metadata segments of the camera photo (EXIF with maker notes and
// thumbnail, 60 KB): the part of [BenchmarkHidden] that is not the walk
// through the entropy-coded data.
func BenchmarkPayloadIn(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(external, "go-exif", "NDM_8901.jpg"))
	if err != nil {
		b.Fatal(err)
	}
	var segs [][]byte
	total := 0
	for pos := 2; pos+4 <= len(src) && src[pos] == 0xFF && src[pos+1] != 0xDA; {
		n := int(src[pos+2])<<8 | int(src[pos+3])
		segs = append(segs, src[pos+4:pos+2+n])
		total += n - 2
		pos += 2 + n
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range segs {
			if code, _ := payloadIn(s, true); code != "" {
				b.Fatal(code)
			}
		}
	}
}
