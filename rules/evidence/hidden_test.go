package evidence

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/realname-go/realname/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hiddenCodes are the codes of codes_hidden.go with their severities.
func hiddenCodes() map[rules.Code]rules.Severity {
	m := map[rules.Code]rules.Severity{}
	for _, msg := range hiddenMessages() {
		m[msg.Code] = msg.Severity
	}
	return m
}

// hostileCase is what one pdf-* or hidden-* file of testdata/hostile must
// give: its code and the verdict.
type hostileCase struct {
	want    rules.Code
	verdict rules.Verdict
	reason  string
}

// hiddenCases maps each pdf-* and hidden-* file to its expectation.
func hiddenCases() map[string]hostileCase {
	rej := func(c rules.Code, reason string) hostileCase { return hostileCase{c, rules.Rejected, reason} }
	return map[string]hostileCase{
		"pdf-js-next-40-direct.pdf":     rej(CodePDFJavaScript, "JavaScript behind 40 direct /Next actions"),
		"pdf-launch-next-40-direct.pdf": rej(CodePDFLaunch, "/Launch behind 40 direct /Next actions"),
		"pdf-js-next-200.pdf":           rej(CodePDFJavaScript, "JavaScript behind 200 indirect /Next actions"),
		"pdf-launch-next-200.pdf":       rej(CodePDFLaunch, "/Launch behind 200 indirect /Next actions"),
		"pdf-js-next-200-direct.pdf":    rej(CodePDFInvalid, "200 direct levels: past pdfcpu's parser, so unreadable"),
		"pdf-js-unparseable.pdf":        rej(CodePDFInvalid, "JavaScript in an object pdfcpu cannot parse"),
		"pdf-js-orphan.pdf":             rej(CodePDFJavaScript, "JavaScript in an object nothing refers to"),
		"pdf-js-hex-name.pdf":           rej(CodePDFJavaScript, "/J#61vaScript is /JavaScript"),
		"pdf-js-name-tree.pdf":          rej(CodePDFJavaScript, "document JavaScript name tree"),
		"pdf-js-page-aa-stream.pdf":     rej(CodePDFJavaScript, "page /AA, script in a stream"),
		"pdf-js-objstm.pdf":             rej(CodePDFJavaScript, "JavaScript in a plain object stream"),
		"pdf-js-objstm-flate.pdf":       rej(CodePDFJavaScript, "JavaScript in a deflated object stream"),
		"pdf-js-objstm-unlisted.pdf":    rej(CodePDFJavaScript, "JavaScript in an object stream, not in the xref stream"),
		"pdf-launch-indirect-name.pdf":  rej(CodePDFLaunch, "/S 6 0 R, object 6 the name /Launch in a deflated object stream"),
		"pdf-objstm-junk.pdf":           rej(CodePDFInvalid, "object stream that does not inflate"),
		"pdf-objstm-cut.pdf":            rej(CodePDFInvalid, "object stream whose head inflates, not its objects"),
		"pdf-js-shadowed.pdf":           rej(CodePDFJavaScript, "JavaScript in a revision an incremental update replaced"),
		"pdf-deep-array.pdf":            rej(CodePDFInvalid, "5000 nested arrays"),
		"pdf-xfa-script.pdf":            rej(CodePDFXFA, "XFA form with a <script>"),
		"pdf-xfa.pdf":                   rej(CodePDFXFA, "XFA form without a script"),
		"pdf-uri-openaction.pdf":        rej(CodePDFURIOnOpen, "/OpenAction /URI"),
		"pdf-uri-page-aa.pdf":           rej(CodePDFURIOnOpen, "page /AA /O /URI"),
		"pdf-uri-link.pdf":              {CodePDFURI, rules.NeedsReview, "a link annotation, as scanner apps stamp"},
		"pdf-submitform.pdf":            rej(CodePDFSubmitForm, "/OpenAction /SubmitForm"),
		"pdf-importdata.pdf":            rej(CodePDFImportData, "link /ImportData from a share"),
		"pdf-gotor.pdf":                 rej(CodePDFGoToRemote, "/GoToR to a share"),
		"pdf-gotoe.pdf":                 rej(CodePDFGoToEmbedded, "/GoToE"),
		"pdf-richmedia.pdf":             rej(CodePDFRichMedia, "/RichMedia annotation"),
		"pdf-3d.pdf":                    rej(CodePDFRichMedia, "/3D annotation"),
		"pdf-embedded-names.pdf":        rej(CodePDFEmbeddedFile, "/EmbeddedFiles name tree"),
		"pdf-embedded-annot.pdf":        rej(CodePDFEmbeddedFile, "/FileAttachment annotation"),

		"hidden-zip-com.jpg":            rej(CodeHiddenArchive, "ZIP in a COM segment"),
		"hidden-zip-app15.jpg":          rej(CodeHiddenArchive, "ZIP in APP15"),
		"hidden-zip-app1-exif.jpg":      rej(CodeHiddenArchive, "ZIP in an EXIF-looking APP1"),
		"hidden-zip-com-after-scan.jpg": rej(CodeHiddenArchive, "ZIP in a COM segment between the scan and EOI"),
		"hidden-zip-after-eoi.jpg":      rej(CodeHiddenArchive, "ZIP after EOI"),
		"hidden-rar-app3.jpg":           rej(CodeHiddenArchive, "RAR in APP3"),
		"hidden-7z-app4.jpg":            rej(CodeHiddenArchive, "7z in APP4"),
		"hidden-gzip-com.jpg":           rej(CodeHiddenArchive, "gzip in a COM segment"),
		"hidden-xz-app5.jpg":            rej(CodeHiddenArchive, "xz in APP5"),
		"hidden-bzip2-app6.jpg":         rej(CodeHiddenArchive, "bzip2 in APP6"),
		"hidden-cab-app7.jpg":           rej(CodeHiddenArchive, "cabinet in APP7"),
		"hidden-elf-app9.jpg":           rej(CodeHiddenExecutable, "ELF in APP9"),
		"hidden-elf-after-eoi.jpg":      rej(CodeHiddenExecutable, "ELF after EOI"),
		"hidden-pe-com.jpg":             rej(CodeHiddenExecutable, "PE in a COM segment"),
		"hidden-macho-app10.jpg":        rej(CodeHiddenExecutable, "Mach-O in APP10"),
		"hidden-php-com.jpg":            rej(CodeHiddenScript, "PHP in a COM segment"),
		"hidden-html-app11.jpg":         rej(CodeHiddenScript, "HTML <script> in APP11"),
		"hidden-svg-com.jpg":            rej(CodeHiddenScript, "SVG with onload in a COM segment"),
		"hidden-shell-com.jpg":          rej(CodeHiddenScript, "#!/bin/sh at a COM segment's start"),
		"hidden-pdf-app2.jpg":           rej(CodeHiddenDocument, "a whole PDF in APP2"),
		"hidden-zip-text.png":           rej(CodeHiddenArchive, "ZIP in tEXt"),
		"hidden-zip-private.png":        rej(CodeHiddenArchive, "ZIP in a private chunk"),
		"hidden-zip-ztxt.png":           rej(CodeHiddenArchive, "ZIP deflated in zTXt"),
		"hidden-zip-itxt.png":           rej(CodeHiddenArchive, "ZIP deflated in iTXt"),
		"hidden-php-itxt.png":           rej(CodeHiddenScript, "PHP in iTXt"),
		"hidden-shell-text.png":         rej(CodeHiddenScript, "#!/bin/sh at a tEXt's text"),
		"hidden-ztxt-bomb.png":          rej(CodeHiddenArchive, "zTXt inflating to 2 MiB"),
		"hidden-zip-after-iend.png":     rej(CodeHiddenArchive, "ZIP after IEND"),
		"hidden-pe-after-iend.png":      rej(CodeHiddenExecutable, "PE after IEND"),
		"hidden-zip-palette.bmp":        rej(CodeHiddenArchive, "ZIP spelled by a BMP's palette"),
	}
}

// TestHostileHidden inspects every pdf-* and hidden-* file of the hostile
// corpus (go generate writes it with internal/genhostile) and expects its
// code and verdict; every such file has a case and every case a file.
func TestHostileHidden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "hostile", "*"))
	require.NoError(t, err)
	cases := hiddenCases()
	in, err := NewInspector(Options{PixelChecks: true})
	require.NoError(t, err)
	seen := 0
	for _, f := range files {
		base := filepath.Base(f)
		if !strings.HasPrefix(base, "pdf-") && !strings.HasPrefix(base, "hidden-") {
			continue
		}
		seen++
		tc, ok := cases[base]
		if !assert.True(t, ok, "%s has no case in hiddenCases", base) {
			continue
		}
		t.Run(base, func(t *testing.T) {
			rep := inspectFile(t, in, f, base, "", Certificate)
			assert.Contains(t, codes(rep), string(tc.want), tc.reason)
			assert.Equal(t, tc.verdict, rep.Verdict(), tc.reason)
		})
	}
	assert.Equal(t, len(cases), seen, "every case has a file: run go generate")
}

// TestHiddenNoFalsePositives runs every image of the corpus and of the
// external files (camera photos with EXIF, thumbnails, maker notes, ICC
// profiles, MPF previews) through the hidden-payload scan: only the corpus
// files built to carry another file may be flagged.
func TestHiddenNoFalsePositives(t *testing.T) {
	carriers := map[string]rules.Code{
		"polyglot_zip.jpg": CodeHiddenArchive, "trailing_zip.png": CodeHiddenArchive,
		"polyglot_pdf_header.jpg": CodeHiddenDocument, "trailing.bmp": CodeHiddenScript,
	}
	var files []string
	for _, dir := range []string{filepath.Join("testdata", "corpus"), external} {
		require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return err
		}))
	}
	images := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		format, code, _ := Sniff(b)
		if code != "" || !format.IsImage() {
			continue
		}
		images++
		var l *layout
		switch format {
		case JPEG:
			l = scanJPEG(b, true)
		case PNG:
			l = scanPNG(b, true)
		default:
			l = scanBMP(b)
		}
		if l.failure != "" {
			continue
		}
		c := check{opts: &Options{}, role: Certificate}
		c.hidden(b, format, l)
		got := codes(c.rep)
		if want, ok := carriers[filepath.Base(f)]; ok {
			assert.Equal(t, []string{string(want)}, got, f)
		} else {
			assert.Empty(t, got, f)
		}
	}
	assert.GreaterOrEqual(t, images, 40)
}

// TestPayloadSignatures checks the signatures one by one, and that the
// short ones alone are not enough.
func TestPayloadSignatures(t *testing.T) {
	pe := make([]byte, 0x80+4)
	copy(pe, "MZ")
	pe[0x3C] = 0x80
	copy(pe[0x80:], "PE\x00\x00")
	cases := []struct {
		in    string
		start bool
		code  rules.Code
		what  string
	}{
		{"xxPK\x03\x04\x14\x00" + strings.Repeat("\x00", 30), false, CodeHiddenArchive, "zip"},
		{"PK\x03\x04\xff\xff" + strings.Repeat("\x00", 30), false, "", ""}, // no ZIP version above 127
		{"PK\x03\x04", false, "", ""}, // too short for a header
		{"MZ", false, "", ""},
		{"MZ" + strings.Repeat("\x00", 100), false, "", ""}, // e_lfanew to nothing
		{string(pe), false, CodeHiddenExecutable, "pe"},
		{"\x7fELF\x02\x01\x01" + strings.Repeat("\x00", 9), false, CodeHiddenExecutable, "elf"},
		{"\x7fELF\x09\x01\x01" + strings.Repeat("\x00", 9), false, "", ""},
		{"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + strings.Repeat("\x00", 8), false, CodeHiddenArchive, "gzip"},
		{"\x1f\x8b\x08\xff\x00\x00\x00\x00\x00\x03" + strings.Repeat("\x00", 8), false, "", ""}, // reserved flags
		{"\xca\xfe\xba\xbe\x00\x00\x00\x34" + strings.Repeat("\x00", 8), false, CodeHiddenExecutable, "macho"},
		{"#!/bin/sh\n", true, CodeHiddenScript, "script"},
		{"#!/bin/sh\n", false, "", ""},
		{"x#!/bin/sh\n", true, "", ""},
		{"<ScRiPt>alert(1)</script>", false, CodeHiddenScript, "html"},
		{"<scripts are text", false, "", ""},
		{"<?PHP echo 1;", false, CodeHiddenScript, "php"},
		{`<svg width="1"/>`, false, "", ""},
		{`<svg><a xlink:href="javascript:alert(1)"/></svg>`, false, CodeHiddenScript, "svg"},
		{"<svg\nonload =alert(1)>", false, CodeHiddenScript, "svg"},
		{"%PDF-1.7\n%", false, CodeHiddenDocument, "pdf"},
		{"%PDF-", false, "", ""},
	}
	for _, tc := range cases {
		code, what := payloadIn([]byte(tc.in), tc.start)
		assert.Equal(t, tc.code, code, "%q", tc.in)
		assert.Equal(t, tc.what, what, "%q", tc.in)
	}
}

// TestHiddenInflateBound checks that compressed PNG text is inflated at most
// to the bound, in all too: past it the file is refused, not scanned on.
func TestHiddenInflateBound(t *testing.T) {
	c := check{opts: &Options{}, role: Certificate}
	h := hiddenScan{c: &c, inflated: maxInflateTotal}
	h.inflate([]byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}, "zTXt chunk")
	assert.Equal(t, []string{string(CodeHiddenArchive)}, codes(c.rep))
	assert.Equal(t, maxInflateTotal, h.inflated, "nothing inflated past the total")
}

// TestPDFWalkBounds checks that the walk refuses, rather than passes, a
// table with too many objects, an entry pdfcpu left unparsed, and a walk
// whose context has ended.
func TestPDFWalkBounds(t *testing.T) {
	ctx := context.Background()
	table := func(n int, o types.Object) *model.Context {
		xt := &model.XRefTable{Table: map[int]*model.XRefTableEntry{}}
		for i := 1; i <= n; i++ {
			xt.Table[i] = model.NewXRefTableEntryGen0(o)
		}
		return &model.Context{XRefTable: xt}
	}
	var res pdfResult
	code, reason := walkPDF(ctx, table(maxPDFObjects+1, types.Dict{}), &res)
	assert.Equal(t, CodePDFInvalid, code)
	assert.Equal(t, "too many objects", reason)

	code, _ = walkPDF(ctx, table(maxPDFObjects, types.Dict{}), &res)
	assert.Empty(t, code, "the limit itself passes")

	// Objects holding more direct objects, in all, than the walk visits.
	code, reason = walkPDF(ctx, table(maxPDFNodes/100_000+1, make(types.Array, 100_000)), &res)
	assert.Equal(t, CodePDFInvalid, code)
	assert.Equal(t, "too many objects", reason)

	done, cancel := context.WithCancel(ctx)
	cancel()
	code, reason = walkPDF(done, table(1, make(types.Array, 4096)), &res)
	assert.Equal(t, CodePDFInvalid, code)
	assert.Contains(t, reason, "timeout")

	// A compressed entry pdfcpu did not resolve.
	pc := table(1, nil)
	pc.Table[1].Compressed = true
	code, reason = walkPDF(ctx, pc, &res)
	assert.Equal(t, CodePDFInvalid, code)
	assert.Equal(t, "object 1 cannot be parsed", reason)
	assert.Empty(t, res.findings)
}

// TestPDFNames checks the raw name scan: names in comments, strings and
// stream data are not names; escaped ones are.
func TestPDFNames(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want rules.Code
	}{
		{"1 0 obj << /S /JavaScript >> endobj", CodePDFJavaScript},
		{"1 0 obj << /S /J#61vaScript >> endobj", CodePDFJavaScript},
		{"1 0 obj << /Launch#20 1 >> endobj", ""},
		{"% /JavaScript\n", ""},
		{"1 0 obj << /T (a \\) /JS ( /JS) ) >> endobj", ""},
		{"1 0 obj << /Length 4 >> stream\n/JS \nendstream endobj", ""},
		{"1 0 obj << /Length 4 >> stream\n/JS \nendstream endobj 2 0 obj << /XFA 1 >>", CodePDFXFA},
		{"1 0 obj << /Length 4 >> stream\n/JS ", ""},
		{"(unclosed /JS", ""},
		{"/URI", ""},
	} {
		var res pdfResult
		scanPDFNames([]byte(tc.in), &res)
		if tc.want == "" {
			assert.Empty(t, res.findings, tc.in)
		} else if assert.Len(t, res.findings, 1, tc.in) {
			assert.Equal(t, tc.want, res.findings[0].code, tc.in)
		}
	}
}

// TestPDFExternalSamples inspects pdfcpu's sample PDFs (object streams, a
// hybrid reference, a book) and a file with a null object: none is
// refused (their web links are reviewed), so the walk's strictness costs no
// real PDF.
func TestPDFExternalSamples(t *testing.T) {
	for _, name := range []string{"Walden.pdf", "Hybrid-PDF.pdf", "empty.pdf", "WaldenFull.pdf"} {
		b, err := os.ReadFile(filepath.Join(external, "pdfcpu", name))
		require.NoError(t, err)
		res, err := inspectPDF(context.Background(), b, DefaultPDFTimeout)
		require.NoError(t, err)
		for _, f := range res.findings {
			assert.Equal(t, CodePDFURI, f.code, "%s: only its web links, reviewed", name)
		}
	}
	// A null object: no parse error, not an unreadable file.
	pdf := []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
		"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>\nendobj\n4 0 obj\nnull\nendobj\n")
	pdf = appendXref(pdf)
	res, err := inspectPDF(context.Background(), pdf, DefaultPDFTimeout)
	require.NoError(t, err)
	assert.Empty(t, res.findings)
	assert.Equal(t, 1, res.pages)
}

// appendXref appends a cross-reference table and trailer for the objects
// "N 0 obj" of b, numbered from 1 in order.
func appendXref(b []byte) []byte {
	var offs []int
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(" 0 obj\n"))
		if j < 0 {
			break
		}
		k := bytes.LastIndexByte(b[:i+j], '\n') + 1
		offs = append(offs, k)
		i += j + 1
	}
	x := len(b)
	out := append([]byte{}, b...)
	out = append(out, "xref\n0 "+itoa(int64(len(offs)+1))+"\n0000000000 65535 f \n"...)
	for _, o := range offs {
		s := itoa(int64(o))
		out = append(out, strings.Repeat("0", 10-len(s))+s+" 00000 n \n"...)
	}
	return append(out, "trailer\n<< /Size "+itoa(int64(len(offs)+1))+" /Root 1 0 R >>\nstartxref\n"+itoa(int64(x))+"\n%%EOF\n"...)
}

// TestHiddenSecondaryImages checks the images a JPEG appends under MPF, as
// phones store previews and depth maps: they are walked segment by segment
// (with or without the metadata reading), so a clean one passes and a ZIP
// in one's COM segment is found there.
func TestHiddenSecondaryImages(t *testing.T) {
	jb := smallSeeds(t)[0].b
	mpf := []byte("\xff\xe2\x00\x0cMPF\x00II*\x00\x08\x00")
	first := append(append(append([]byte{}, jb[:2]...), mpf...), jb[2:]...)
	zip := append([]byte("PK\x05\x06"), make([]byte, 18)...)
	com := append([]byte{0xFF, 0xFE, 0x00, byte(len(zip) + 2)}, zip...)
	dirty := append(append(append([]byte{}, jb[:2]...), com...), jb[2:]...)
	for _, meta := range []bool{true, false} {
		for _, tc := range []struct {
			second []byte
			want   []string
		}{
			{jb, []string{}},
			{dirty, []string{string(CodeHiddenArchive)}},
		} {
			b := append(append([]byte{}, first...), tc.second...)
			l := scanJPEG(b, meta)
			require.Empty(t, l.failure)
			require.Less(t, l.end, len(b), "the second image is after the first's end")
			c := check{opts: &Options{}, role: Certificate}
			c.hidden(b, JPEG, l)
			assert.Equal(t, tc.want, codes(c.rep), "meta %v", meta)
			for _, v := range c.rep.Violations {
				assert.Equal(t, "COM segment", v.Params[1].Value, "found in the walk, not a raw scan")
			}
		}
	}
}
