package evidence

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"
	"github.com/realname-go/realname/rules"
)

// pdfFinding is one PDF problem with its reason.
type pdfFinding struct {
	code   rules.Code
	reason string
}

// pdfResult is what inspecting a PDF found.
type pdfResult struct {
	pages    int
	findings []pdfFinding
}

func (r *pdfResult) add(code rules.Code, reason string) {
	for _, f := range r.findings {
		if f.code == code {
			return
		}
	}
	r.findings = append(r.findings, pdfFinding{code, reason})
}

// scanPDFFrame checks the frame pdfcpu is lenient about: a body (at least one
// indirect object), a trailer (startxref and a final %%EOF), and nothing but
// whitespace after the final %%EOF.
func scanPDFFrame(b []byte) (rules.Code, string) {
	eof := bytes.LastIndex(b, []byte("%%EOF"))
	if eof < 0 {
		return CodePDFNoTrailer, "no %%EOF marker"
	}
	if !bytes.Contains(b[:eof], []byte("startxref")) {
		return CodePDFNoTrailer, "no startxref"
	}
	if !bytes.Contains(b[:eof], []byte(" obj")) && !bytes.Contains(b[:eof], []byte("\nobj")) && !bytes.Contains(b[:eof], []byte("\robj")) {
		return CodePDFNoBody, "no indirect object"
	}
	if len(bytes.Trim(b[eof+5:], " \t\r\n\f\x00")) > 0 {
		return CodeTrailingData, "data after %%EOF"
	}
	return "", ""
}

// pdfConfig returns a pdfcpu configuration built in memory: the library's
// model.NewDefaultConfiguration would create a configuration directory under
// the user's home. Relaxed validation, no stream decoding, and resource
// limits scaled to an input of at most a few megabytes: decoded object
// streams up to 64 MiB (a compression bomb stops there), 100,000 objects.
func pdfConfig() *model.Configuration {
	limits := model.DefaultResourceLimits()
	limits.MaxDecodeBytes = 64 << 20
	limits.MaxStreamBytes = 64 << 20
	limits.MaxImageBytes = 64 << 20
	limits.MaxObjectCount = 100_000
	limits.MaxObjectStreamCount = 10_000
	limits.MaxXRefEntries = 1_000_000
	limits.MaxRecursionDepth = 64
	return &model.Configuration{
		Reader15:                  true,
		ValidationMode:            model.ValidationRelaxed,
		UnsupportedResourcePolicy: model.UnsupportedResourceSkip,
		Eol:                       types.EolLF,
		Offline:                   true,
		Timeout:                   5,
		TimeoutCRL:                5,
		TimeoutOCSP:               5,
		Limits:                    limits,
		Cmd:                       model.VALIDATE,
	}
}

// inspectPDF parses b with pdfcpu under a timeout and reports encryption,
// active content, embedded files and the page count. It returns an error only
// when ctx itself ends.
func inspectPDF(ctx context.Context, b []byte, timeout time.Duration) (res pdfResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res.add(CodePDFInvalid, "parser failure")
		}
	}()
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	pc, rerr := pdfcpu.ReadWithContext(tctx, bytes.NewReader(b), pdfConfig())
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	if rerr != nil {
		switch {
		case errors.Is(rerr, pdfcpu.ErrWrongPassword) || isEncryptionError(rerr) ||
			bytes.Contains(b, []byte("/Encrypt")):
			res.add(CodePDFEncrypted, "encrypted")
		case tctx.Err() != nil:
			res.add(CodePDFInvalid, "parsing took longer than the timeout")
		default:
			res.add(CodePDFInvalid, "unreadable")
		}
		return res, nil
	}
	xt := pc.XRefTable
	if xt.Encrypt != nil || xt.E != nil {
		res.add(CodePDFEncrypted, "encrypted")
		return res, nil
	}
	for nr, e := range xt.Table {
		if tctx.Err() != nil {
			break
		}
		if e == nil || e.Free {
			continue
		}
		gen := 0
		if e.Generation != nil {
			gen = *e.Generation
		}
		o, derr := xt.Dereference(*types.NewIndirectRef(nr, gen))
		if derr != nil {
			continue
		}
		walkPDF(&res, o, 0)
	}
	if tctx.Err() != nil {
		// The walk stopped early: objects not looked at may hold actions
		// or files, so the file is refused rather than let through.
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		res.add(CodePDFInvalid, "parsing took longer than the timeout")
		return res, nil
	}
	if verr := validate.XRefTable(pc); verr != nil {
		res.add(CodePDFInvalid, "fails validation")
	}
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	if xt.PageCount == 0 {
		_ = xt.EnsurePageCount()
	}
	res.pages = xt.PageCount
	if res.pages <= 0 {
		res.add(CodePDFInvalid, "no pages")
	}
	return res, nil
}

func isEncryptionError(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "encrypt") || strings.Contains(s, "password") || strings.Contains(s, "decrypt")
}

// walkPDF looks through one object, and the direct objects nested in it, for
// actions and names that run code or carry files.
func walkPDF(res *pdfResult, o types.Object, depth int) {
	if depth > 32 {
		return
	}
	var d types.Dict
	switch v := o.(type) {
	case types.Dict:
		d = v
	case types.StreamDict:
		d = v.Dict
	case *types.StreamDict:
		d = v.Dict
	case types.ObjectStreamDict:
		d = v.Dict
	case types.XRefStreamDict:
		d = v.Dict
	case types.Array:
		for _, x := range v {
			walkPDF(res, x, depth+1)
		}
		return
	default:
		return
	}
	for k, v := range d {
		switch k {
		case "JS", "JavaScript":
			res.add(CodePDFJavaScript, "/"+k)
		case "EmbeddedFiles", "EF":
			res.add(CodePDFEmbeddedFile, "/"+k)
		case "S":
			switch n, _ := v.(types.Name); n {
			case "JavaScript":
				res.add(CodePDFJavaScript, "/S /JavaScript")
			case "Launch":
				res.add(CodePDFLaunch, "/S /Launch")
			}
		case "Type", "Subtype":
			switch n, _ := v.(types.Name); n {
			case "EmbeddedFile", "FileAttachment":
				res.add(CodePDFEmbeddedFile, "/"+string(n))
			}
		}
		walkPDF(res, v, depth+1)
	}
}
