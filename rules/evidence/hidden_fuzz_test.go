package evidence

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/realname-go/realname/rules"
)

// hostileSeeds adds the files of testdata/hostile whose names start with
// prefix, and those of the corpus with extension ext, as seeds.
func hostileSeeds(f *testing.F, prefix, ext string) {
	for _, pattern := range []string{
		filepath.Join("testdata", "hostile", prefix+"*"),
		filepath.Join("testdata", "corpus", "*"+ext),
	} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

// pdfCodes are the codes inspectPDF may find.
var pdfCodes = map[rules.Code]bool{
	CodePDFInvalid: true, CodePDFEncrypted: true, CodePDFJavaScript: true, CodePDFLaunch: true,
	CodePDFEmbeddedFile: true, CodePDFXFA: true, CodePDFURI: true, CodePDFURIOnOpen: true,
	CodePDFSubmitForm: true, CodePDFImportData: true, CodePDFGoToRemote: true,
	CodePDFGoToEmbedded: true, CodePDFRichMedia: true,
}

// FuzzPDFWalk reads arbitrary PDFs (seeded with every attack of the hostile
// corpus: nested and chained actions, object streams listed or not, cut or
// junk, unparseable objects, escaped names, incremental updates) through
// pdfcpu and the walk. It must not panic or fail; it finds only PDF codes;
// a file it passes has pages; and the raw name scan, on its own, finds
// /JavaScript appended as a dictionary after anything that closes its
// strings.
func FuzzPDFWalk(f *testing.F) {
	hostileSeeds(f, "pdf-", ".pdf")
	f.Add([]byte("%PDF-1.7\n1 0 obj << /S /J#61vaScript >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<20 {
			return
		}
		res, err := inspectPDF(context.Background(), b, 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range res.findings {
			if !pdfCodes[fd.code] || fd.reason == "" {
				t.Fatalf("finding %q with reason %q", fd.code, fd.reason)
			}
		}
		if len(res.findings) == 0 && res.pages <= 0 {
			t.Fatal("a PDF without pages passed")
		}
		var raw pdfResult
		scanPDFNames(b, &raw)
		// Close any string, comment or stream the input left open.
		tail := append(bytes.Clone(b), ")))\nendstream\n<< /S /JavaScript >>"...)
		var more pdfResult
		scanPDFNames(tail, &more)
		if !more.has(CodePDFJavaScript) && !bytes.Contains(b, []byte("(")) && !bytes.Contains(b, []byte("\\")) {
			t.Fatalf("JavaScript appended after %q not found", b[:min(len(b), 64)])
		}
	})
}

// FuzzHidden runs the hidden-payload scan on arbitrary images (seeded with
// every hidden-* file of the hostile corpus and the corpus images). It
// must not panic; it reports only hidden codes, each at most once, with a
// format and a place; and the signature search finds a ZIP appended to any
// bytes.
func FuzzHidden(f *testing.F) {
	hostileSeeds(f, "hidden-", ".png")
	for _, s := range smallSeeds(f) {
		f.Add(s.b)
	}
	f.Add([]byte("\xff\xd8\xff\xfe\x00\x08PK\x03\x04\xff\xd9"))
	zip := []byte("PK\x05\x06" + strings.Repeat("\x00", 18))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<20 {
			return
		}
		if code, _ := payloadIn(append(bytes.Clone(b), zip...), false); code == "" {
			t.Fatal("a ZIP end record appended to the bytes was not found")
		}
		for _, fm := range []Format{JPEG, PNG, BMP} {
			var l *layout
			switch fm {
			case JPEG:
				l = scanJPEG(b, false)
			case PNG:
				l = scanPNG(b, false)
			default:
				l = scanBMP(b)
			}
			if l.failure != "" {
				continue
			}
			c := check{opts: &Options{}, role: Certificate}
			c.hidden(b, fm, l)
			seen := map[rules.Code]bool{}
			for _, v := range c.rep.Violations {
				if _, ok := hiddenCodes()[v.Code]; !ok || seen[v.Code] || v.Severity != rules.Reject {
					t.Fatalf("violation %+v", v)
				}
				seen[v.Code] = true
				if len(v.Params) < 2 || v.Params[0].Value == "" || v.Params[1].Value == "" {
					t.Fatalf("violation without format or place: %+v", v)
				}
			}
		}
	})
}
