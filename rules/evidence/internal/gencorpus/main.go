// Command gencorpus writes the evidence test corpus: good files and hostile
// ones (bombs, polyglots, truncated files, renamed executables, text that
// begins "BM", HEIC named .jpg, encrypted and scripted PDFs). Every file is
// built here from scratch, so the corpus is reproducible and reviewable.
//
//	go run ./internal/gencorpus -out testdata/corpus
package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/jpeg"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"golang.org/x/image/bmp"
)

func main() {
	out := flag.String("out", "testdata/corpus", "output directory")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	files, err := build()
	if err != nil {
		log.Fatal(err)
	}
	for name, b := range files {
		path := filepath.Join(*out, name)
		if old, err := os.ReadFile(path); err == nil && randomized[name] && bytes.Contains(old, []byte("/Encrypt")) {
			continue // keep the committed file: a new one would differ only by chance
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// randomized names the files whose bytes change on every run (pdfcpu draws
// the encryption's salts and file identifier at random). An existing file
// of that name is kept, so that regenerating the corpus changes nothing.
var randomized = map[string]bool{"encrypted.pdf": true}

// build returns every corpus file by name.
func build() (map[string][]byte, error) {
	m := map[string][]byte{}
	scene := card(800, 600)
	good := encJPEG(scene, 80)
	camera := withAPP1(good, exifBlock("Canon", "Canon EOS 5D", ""))
	m["good_camera.jpg"] = camera
	m["good.png"] = encPNG(scene)
	m["good.bmp"] = encBMP(paletted(scene))
	smallBMP := encBMP(card(320, 240))
	m["good_1page.pdf"] = pdfDoc(1, "")
	m["good_2page.pdf"] = pdfDoc(2, "")

	// originality signals
	m["no_exif.jpg"] = good
	m["edited_photoshop.jpg"] = withAPP1(good, exifBlock("Apple", "iPhone 13", "Adobe Photoshop 25.0 (Windows)"))
	m["edited_meitu.png"] = pngText(encPNG(scene), "Software", "美图秀秀")
	m["edited_gimp.png"] = pngText(encPNG(scene), "Comment", "Created with GIMP")
	m["screenshot.png"] = encPNG(card(1170, 2532))
	m["small.jpg"] = withAPP1(encJPEG(card(320, 240), 80), exifBlock("Canon", "Canon EOS 5D", ""))

	// pixel checks
	m["blurry.jpg"] = withAPP1(encJPEG(blur(scene, 3), 90), exifBlock("Canon", "Canon EOS 5D", ""))
	m["dark.jpg"] = withAPP1(encJPEG(scale(scene, 0.12, 0), 90), exifBlock("Canon", "Canon EOS 5D", ""))
	m["bright.jpg"] = withAPP1(encJPEG(scale(scene, 0.2, 215), 90), exifBlock("Canon", "Canon EOS 5D", ""))
	m["grayscale.jpg"] = withAPP1(encJPEG(gray(scene), 90), exifBlock("Canon", "Canon EOS 5D", ""))
	m["glare.jpg"] = withAPP1(encJPEG(glare(scene), 90), exifBlock("Canon", "Canon EOS 5D", ""))

	// bombs: huge declared dimensions, tiny data
	m["bomb.png"] = pngBomb(100000, 100000)
	m["bomb.jpg"] = jpegDims(good, 65500, 65500)
	m["bomb.bmp"] = bmpHeader(60000, 60000, 24, 0)

	// polyglots and trailing data
	z := zipFile("payload.txt", "not an image")
	m["polyglot_zip.jpg"] = cat(camera, z)
	m["polyglot_pdf_header.jpg"] = withCOM(camera, "%PDF-1.4 1 0 obj")
	m["polyglot_jpeg.pdf"] = cat(pdfDoc(1, ""), camera)
	m["trailing_zip.png"] = cat(encPNG(scene), z)
	m["trailing.bmp"] = cat(smallBMP, []byte("<?php echo 1; ?>"))

	// truncated
	m["truncated.jpg"] = camera[:len(camera)/2]
	p := encPNG(scene)
	m["truncated.png"] = p[:len(p)/2]
	m["truncated.bmp"] = smallBMP[:len(smallBMP)/2]
	pd := pdfDoc(1, "")
	m["truncated.pdf"] = pd[:len(pd)/2]
	m["corrupt.jpg"] = corruptJPEG(camera)

	// renamed executables, archives and other formats
	m["elf.jpg"] = elfHeader()
	m["pe.jpg"] = peHeader()
	m["zip.jpg"] = z
	m["text_bm.bmp"] = []byte("BM is how this text file begins, and it is not a bitmap at all.\n")
	m["heic.jpg"] = ftyp("heic", "mif1", "heic")
	m["webp.jpg"] = riffWebP()
	m["gif.png"] = []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	m["tiff.jpg"] = []byte("II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	m["svg.png"] = []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>`)
	m["html.jpg"] = []byte("<html><script>alert(1)</script></html>")

	// PDFs with active content, files, too many pages, no body
	m["javascript.pdf"] = pdfDoc(1, "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")
	m["launch.pdf"] = pdfDoc(1, "/OpenAction << /S /Launch /F (cmd.exe) >>")
	m["embedded.pdf"] = pdfDoc(1, "/Names << /EmbeddedFiles << /Names [(a.txt) << /Type /Filespec /F (a.txt) /EF << /F 99 0 R >> >>] >> >>")
	m["three_pages.pdf"] = pdfDoc(3, "")
	m["no_body.pdf"] = []byte("%PDF-1.4\ntrailer\n<< >>\nstartxref\n0\n%%EOF\n")
	m["no_trailer.pdf"] = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	enc, err := encrypt(pdfDoc(1, ""))
	if err != nil {
		return nil, err
	}
	m["encrypted.pdf"] = enc
	return m, nil
}

// card draws a colourful ID-card-like scene with sharp dark "text" bars.
func card(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(90 + 120*x/w), uint8(120 + 80*y/h), uint8(200 - 100*x/w), 255})
		}
	}
	for i := range 12 { // text lines
		y0 := h/8 + i*h/18
		for x := w / 3; x < w-w/10; x++ {
			if (x/7)%5 == 4 { // gaps between "words"
				continue
			}
			for y := y0; y < y0+h/40 && y < h; y++ {
				img.Set(x, y, color.RGBA{20, 20, 30, 255})
			}
		}
	}
	for y := h / 6; y < h/6+h/2; y++ { // portrait box
		for x := w / 12; x < w/12+w/5; x++ {
			img.Set(x, y, color.RGBA{180, 150, 130, 255})
		}
	}
	return img
}

// blur applies a (2r+1)-wide box filter three times, horizontally and
// vertically, which approximates a Gaussian blur: an out-of-focus photo.
func blur(src *image.RGBA, r int) *image.RGBA {
	out := src
	for range 3 {
		out = boxPass(boxPass(out, r, 1, 0), r, 0, 1)
	}
	return out
}

func boxPass(src *image.RGBA, r, dx, dy int) *image.RGBA {
	b := src.Bounds()
	out := image.NewRGBA(b)
	for y := range b.Dy() {
		for x := range b.Dx() {
			var s [3]int
			for k := -r; k <= r; k++ {
				p := src.RGBAAt(min(max(x+k*dx, 0), b.Dx()-1), min(max(y+k*dy, 0), b.Dy()-1))
				s[0] += int(p.R)
				s[1] += int(p.G)
				s[2] += int(p.B)
			}
			n := 2*r + 1
			out.SetRGBA(x, y, color.RGBA{uint8(s[0] / n), uint8(s[1] / n), uint8(s[2] / n), 255})
		}
	}
	return out
}

// paletted converts to 8-bit colour (Plan 9 palette), so the BMP is smaller.
func paletted(src *image.RGBA) *image.Paletted {
	out := image.NewPaletted(src.Bounds(), palette.Plan9)
	draw.Draw(out, out.Bounds(), src, image.Point{}, draw.Src)
	return out
}

func scale(src *image.RGBA, k, add float64) *image.RGBA {
	out := image.NewRGBA(src.Bounds())
	for i := range src.Pix {
		if i%4 == 3 {
			out.Pix[i] = 255
			continue
		}
		out.Pix[i] = uint8(min(255, float64(src.Pix[i])*k+add))
	}
	return out
}

func gray(src *image.RGBA) *image.RGBA {
	out := image.NewRGBA(src.Bounds())
	for i := 0; i < len(src.Pix); i += 4 {
		y := uint8((299*int(src.Pix[i]) + 587*int(src.Pix[i+1]) + 114*int(src.Pix[i+2])) / 1000)
		out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = y, y, y, 255
	}
	return out
}

// glare whites out an ellipse covering about a fifth of the image.
func glare(src *image.RGBA) *image.RGBA {
	out := image.NewRGBA(src.Bounds())
	copy(out.Pix, src.Pix)
	b := src.Bounds()
	cx, cy := b.Dx()/2, b.Dy()/2
	rx, ry := b.Dx()/4, b.Dy()/4
	for y := range b.Dy() {
		for x := range b.Dx() {
			dx, dy := float64(x-cx)/float64(rx), float64(y-cy)/float64(ry)
			if dx*dx+dy*dy <= 1 {
				out.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
			}
		}
	}
	return out
}

func encJPEG(img image.Image, q int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func encPNG(img image.Image) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func encBMP(img image.Image) []byte {
	var b bytes.Buffer
	if err := bmp.Encode(&b, img); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// exifBlock builds a little-endian TIFF structure with IFD0 entries Make,
// Model and (when set) Software, as EXIF stores them (TIFF 6.0, tags 0x010F,
// 0x0110, 0x0131, type ASCII).
func exifBlock(make_, model, software string) []byte {
	type entry struct {
		tag uint16
		val string
	}
	entries := []entry{{0x010F, make_}, {0x0110, model}}
	if software != "" {
		entries = append(entries, entry{0x0131, software})
	}
	var b bytes.Buffer
	b.WriteString("II*\x00")
	binary.Write(&b, binary.LittleEndian, uint32(8))
	n := len(entries)
	dataOff := 8 + 2 + 12*n + 4
	var data bytes.Buffer
	binary.Write(&b, binary.LittleEndian, uint16(n))
	for _, e := range entries {
		v := e.val + "\x00"
		binary.Write(&b, binary.LittleEndian, e.tag)
		binary.Write(&b, binary.LittleEndian, uint16(2))
		binary.Write(&b, binary.LittleEndian, uint32(len(v)))
		if len(v) <= 4 {
			var inline [4]byte
			copy(inline[:], v)
			b.Write(inline[:])
		} else {
			binary.Write(&b, binary.LittleEndian, uint32(dataOff+data.Len()))
			data.WriteString(v)
			if data.Len()%2 == 1 {
				data.WriteByte(0)
			}
		}
	}
	binary.Write(&b, binary.LittleEndian, uint32(0)) // no next IFD
	b.Write(data.Bytes())
	return append([]byte("Exif\x00\x00"), b.Bytes()...)
}

// segment returns a JPEG marker segment.
func segment(marker byte, payload []byte) []byte {
	s := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

// withAPP1 inserts an APP1 segment right after SOI.
func withAPP1(j, payload []byte) []byte { return cat(j[:2], segment(0xE1, payload), j[2:]) }

// withCOM inserts a comment segment right after SOI.
func withCOM(j []byte, text string) []byte { return cat(j[:2], segment(0xFE, []byte(text)), j[2:]) }

// jpegDims rewrites the frame header's dimensions.
func jpegDims(j []byte, w, h int) []byte {
	out := bytes.Clone(j)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	binary.BigEndian.PutUint16(out[i+5:], uint16(h))
	binary.BigEndian.PutUint16(out[i+7:], uint16(w))
	return out
}

// corruptJPEG replaces the start of the scan data with a stray marker.
func corruptJPEG(j []byte) []byte {
	out := bytes.Clone(j)
	i := bytes.Index(out, []byte{0xFF, 0xDA})
	n := int(binary.BigEndian.Uint16(out[i+2:]))
	copy(out[i+2+n:], []byte{0xFF, 0xD8, 0xFF, 0xD8})
	return out
}

func pngChunk(typ string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	return b.Bytes()
}

// pngText inserts a tEXt chunk after IHDR.
func pngText(p []byte, key, text string) []byte {
	return cat(p[:33], pngChunk("tEXt", []byte(key+"\x00"+text)), p[33:])
}

// pngBomb declares w×h pixels with a tiny compressed stream.
func pngBomb(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	idat := []byte{0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01}
	return cat([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr), pngChunk("IDAT", idat), pngChunk("IEND", nil))
}

// bmpHeader writes BMP file and BITMAPINFOHEADER headers declaring w×h at
// bpp bits, followed by extra bytes of pixel data.
func bmpHeader(w, h int32, bpp uint16, extra int) []byte {
	b := make([]byte, 54+extra)
	b[0], b[1] = 'B', 'M'
	row := (int64(w)*int64(bpp) + 31) / 32 * 4
	binary.LittleEndian.PutUint32(b[2:], uint32(min(54+row*int64(h), 1<<32-1)))
	binary.LittleEndian.PutUint32(b[10:], 54)
	binary.LittleEndian.PutUint32(b[14:], 40)
	binary.LittleEndian.PutUint32(b[18:], uint32(w))
	binary.LittleEndian.PutUint32(b[22:], uint32(h))
	binary.LittleEndian.PutUint16(b[26:], 1)
	binary.LittleEndian.PutUint16(b[28:], bpp)
	return b
}

func zipFile(name, content string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create(name)
	w.Write([]byte(content))
	zw.Close()
	return b.Bytes()
}

// elfHeader is an ELF64 header for x86-64 (System V ABI).
func elfHeader() []byte {
	b := make([]byte, 64)
	copy(b, "\x7fELF\x02\x01\x01")
	binary.LittleEndian.PutUint16(b[16:], 2)    // ET_EXEC
	binary.LittleEndian.PutUint16(b[18:], 0x3E) // EM_X86_64
	binary.LittleEndian.PutUint32(b[20:], 1)
	return b
}

// peHeader is a DOS stub with a PE signature.
func peHeader() []byte {
	b := make([]byte, 128)
	copy(b, "MZ")
	binary.LittleEndian.PutUint32(b[0x3C:], 0x40)
	copy(b[0x40:], "PE\x00\x00")
	return b
}

// ftyp is an ISO-BMFF file type box with a major brand and compatible brands,
// as HEIC files from phones begin.
func ftyp(major string, compat ...string) []byte {
	body := []byte(major + "\x00\x00\x00\x00")
	for _, c := range compat {
		body = append(body, c...)
	}
	box := make([]byte, 8)
	binary.BigEndian.PutUint32(box, uint32(8+len(body)))
	copy(box[4:], "ftyp")
	return cat(box, body, []byte("\x00\x00\x00\x08free"))
}

func riffWebP() []byte {
	b := []byte("RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00")
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

// pdfDoc writes a PDF with n empty pages and extra entries in the catalog,
// with a correct cross-reference table.
func pdfDoc(n int, catalogExtra string) []byte {
	var objs []string
	kids := ""
	for i := range n {
		kids += fmt.Sprintf("%d 0 R ", 3+i)
	}
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R "+catalogExtra+" >>")
	objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n))
	for range n {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// encrypt encrypts a PDF with pdfcpu (AES-256, user and owner passwords).
func encrypt(pdf []byte) ([]byte, error) {
	api.DisableConfigDir() // otherwise pdfcpu creates ~/.config/pdfcpu
	conf := model.NewAESConfiguration("user-secret", "owner-secret", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
