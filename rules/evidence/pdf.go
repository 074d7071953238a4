package evidence

import (
	"bytes"
	"context"
	"errors"
	"slices"
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

// severity is the finding's default severity: a clicked link is reviewed,
// everything else refused.
func (f pdfFinding) severity() rules.Severity {
	if f.code == CodePDFURI {
		return rules.Review
	}
	return rules.Reject
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

func (r *pdfResult) has(code rules.Code) bool {
	for _, f := range r.findings {
		if f.code == code {
			return true
		}
	}
	return false
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
		case strings.Contains(rerr.Error(), "object stream"):
			res.add(CodePDFInvalid, "an object stream cannot be decoded")
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
	if code, reason := walkPDF(tctx, pc, &res); code != "" {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		// The walk stopped early: objects not looked at may hold actions
		// or files, so the file is refused rather than let through.
		res.add(code, reason)
		return res, nil
	}
	scanPDFNames(b, &res)
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

// Bounds of the PDF walk: indirect objects in the cross-reference table
// (and in object streams), and objects visited in all, direct ones included.
const (
	maxPDFObjects = 100_000
	maxPDFNodes   = 4_000_000
)

// pdfItem is one object on the walk's stack, with how it was reached.
type pdfItem struct {
	o    types.Object
	auto pdfAuto
}

// pdfAuto tells whether an object runs without a click: an action (or an
// array of them) named by /OpenAction, an /AA trigger or the /Next of such
// an action, or an /AA dictionary, whose values are such actions.
type pdfAuto uint8

const (
	pdfManual pdfAuto = iota
	pdfAutoAction
	pdfAutoTriggers
)

// child returns how the value of key in a dictionary reached as a is.
func (a pdfAuto) child(key string) pdfAuto {
	switch {
	case key == "OpenAction" || a == pdfAutoTriggers || a == pdfAutoAction && key == "Next":
		return pdfAutoAction
	case key == "AA":
		return pdfAutoTriggers
	}
	return pdfManual
}

// walkPDF looks through every object of the cross-reference table, reachable
// from the catalog or not, and every object of every object stream, with
// the direct objects nested in them, for actions and names that run code,
// reach the network or carry files. It walks iteratively with a stack, so
// no depth of nesting escapes it. It returns a code and reason when the
// file must be refused as unreadable: an object pdfcpu could not parse, too
// many objects, or ctx ended.
func walkPDF(ctx context.Context, pc *model.Context, res *pdfResult) (rules.Code, string) {
	xt := pc.XRefTable
	if len(xt.Table) > maxPDFObjects {
		return CodePDFInvalid, "too many objects"
	}
	nrs := make([]int, 0, len(xt.Table))
	for nr, e := range xt.Table {
		if e != nil && !e.Free {
			nrs = append(nrs, nr)
		}
	}
	slices.Sort(nrs)
	w := pdfWalker{xt: xt, res: res, seen: map[pdfSeen]bool{}}
	for _, nr := range nrs {
		e := xt.Table[nr]
		if e.Object == nil {
			if !nullObject(ctx, pc, nr, e) {
				return CodePDFInvalid, "object " + itoa(int64(nr)) + " cannot be parsed"
			}
			continue
		}
		if osd, ok := e.Object.(types.ObjectStreamDict); ok {
			w.objects += len(osd.ObjArray)
			if w.objects > maxPDFObjects {
				return CodePDFInvalid, "too many objects"
			}
		}
		w.stack = append(w.stack, pdfItem{o: e.Object})
		if code, reason := w.run(ctx); code != "" {
			return code, reason
		}
	}
	return "", ""
}

// nullObject reports whether an entry pdfcpu left without an object is the
// null object (or an entry without an offset, a number no object uses),
// rather than one it could not parse: it parses the object again, where
// the reader's repair would have, and only an error counts.
func nullObject(ctx context.Context, pc *model.Context, nr int, e *model.XRefTableEntry) bool {
	if e.Compressed {
		return false
	}
	if e.Offset == nil || *e.Offset <= 0 {
		return true
	}
	gen := 0
	if e.Generation != nil {
		gen = *e.Generation
	}
	o, err := pdfcpu.ParseObjectWithContext(ctx, pc, *e.Offset, nr, gen)
	if err != nil && pc.Read.RepairOffset > 0 {
		o, err = pdfcpu.ParseObjectWithContext(ctx, pc, *e.Offset+pc.Read.RepairOffset, nr, gen)
	}
	return err == nil && o == nil
}

// pdfSeen is an indirect object followed in an automatic context.
type pdfSeen struct {
	nr   int
	auto pdfAuto
}

// pdfWalker is the state of one walk.
type pdfWalker struct {
	xt      *model.XRefTable
	res     *pdfResult
	stack   []pdfItem
	seen    map[pdfSeen]bool // indirect objects followed from /OpenAction or /AA
	nodes   int
	objects int
}

// run empties the stack.
func (w *pdfWalker) run(ctx context.Context) (rules.Code, string) {
	for len(w.stack) > 0 {
		it := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		w.nodes++
		if w.nodes > maxPDFNodes {
			return CodePDFInvalid, "too many objects"
		}
		if w.nodes%1024 == 0 && ctx.Err() != nil {
			return CodePDFInvalid, "parsing took longer than the timeout"
		}
		switch v := it.o.(type) {
		case types.Dict:
			w.dict(v, it.auto)
		case types.StreamDict:
			w.dict(v.Dict, it.auto)
		case *types.StreamDict:
			if v != nil {
				w.dict(v.Dict, it.auto)
			}
		case types.ObjectStreamDict:
			w.dict(v.Dict, it.auto)
			// Every object of the stream, listed in the cross-reference
			// table or not.
			for _, x := range v.ObjArray {
				w.stack = append(w.stack, pdfItem{o: x})
			}
		case types.XRefStreamDict:
			w.dict(v.Dict, it.auto)
		case types.LazyObjectStreamObject:
			// pdfcpu parses the objects of an object stream on demand.
			o, err := v.DecodedObject(ctx)
			if err != nil {
				if ctx.Err() != nil {
					return CodePDFInvalid, "parsing took longer than the timeout"
				}
				return CodePDFInvalid, "an object in an object stream cannot be parsed"
			}
			w.stack = append(w.stack, pdfItem{o: o, auto: it.auto})
		case types.Array:
			for _, x := range v {
				w.stack = append(w.stack, pdfItem{o: x, auto: it.auto})
			}
		case types.IndirectRef:
			// Every indirect object is walked from the table; a reference
			// is followed only to carry the automatic context of
			// /OpenAction and /AA to the actions it names, once each.
			if k := (pdfSeen{v.ObjectNumber.Value(), it.auto}); k.auto != pdfManual && !w.seen[k] {
				w.seen[k] = true
				if e, ok := w.xt.Table[k.nr]; ok && e != nil && e.Object != nil {
					w.stack = append(w.stack, pdfItem{o: e.Object, auto: k.auto})
				}
			}
		}
	}
	return "", ""
}

// dict checks one dictionary's keys and the names of its /S, /Type and
// /Subtype, and pushes its values.
func (w *pdfWalker) dict(d types.Dict, auto pdfAuto) {
	for k, v := range d {
		key := pdfName(k)
		switch key {
		case "JS", "JavaScript":
			w.res.add(CodePDFJavaScript, "/"+key)
		case "EmbeddedFiles", "EF":
			w.res.add(CodePDFEmbeddedFile, "/"+key)
		case "XFA":
			w.res.add(CodePDFXFA, "/XFA")
		case "RichMediaContent", "RichMediaSettings":
			w.res.add(CodePDFRichMedia, "/"+key)
		case "S":
			w.action(w.name(v), auto == pdfAutoAction)
		case "Type", "Subtype":
			switch n := w.name(v); n {
			case "EmbeddedFile", "FileAttachment":
				w.res.add(CodePDFEmbeddedFile, "/"+n)
			case "RichMedia", "3D", "Sound", "Movie", "Screen":
				w.res.add(CodePDFRichMedia, "/"+n)
			}
		}
		w.stack = append(w.stack, pdfItem{o: v, auto: auto.child(key)})
	}
}

// action reports an action type (the /S of an action dictionary).
func (w *pdfWalker) action(s string, auto bool) {
	switch s {
	case "JavaScript":
		w.res.add(CodePDFJavaScript, "/S /JavaScript")
	case "Launch":
		w.res.add(CodePDFLaunch, "/S /Launch")
	case "URI":
		if auto {
			w.res.add(CodePDFURIOnOpen, "/S /URI run by /OpenAction or /AA")
		} else {
			w.res.add(CodePDFURI, "/S /URI")
		}
	case "SubmitForm":
		w.res.add(CodePDFSubmitForm, "/S /SubmitForm")
	case "ImportData":
		w.res.add(CodePDFImportData, "/S /ImportData")
	case "GoToR":
		w.res.add(CodePDFGoToRemote, "/S /GoToR")
	case "GoToE":
		w.res.add(CodePDFGoToEmbedded, "/S /GoToE")
	case "RichMediaExecute", "Rendition", "Sound", "Movie":
		w.res.add(CodePDFRichMedia, "/S /"+s)
	}
}

// name returns the name o is, or refers to; "" for anything else.
func (w *pdfWalker) name(o types.Object) string {
	if r, ok := o.(types.IndirectRef); ok {
		if e, ok := w.xt.Table[r.ObjectNumber.Value()]; ok && e != nil {
			o = e.Object
		}
	}
	if l, ok := o.(types.LazyObjectStreamObject); ok {
		// An error here is reported when the walk reaches the object.
		o, _ = l.DecodedObject(context.Background())
	}
	switch n := o.(type) {
	case types.Name:
		return pdfName(string(n))
	case *types.Name:
		if n != nil {
			return pdfName(string(*n))
		}
	}
	return ""
}

// pdfName decodes the #xx escapes of a name, so /J#61vaScript is
// /JavaScript.
func pdfName(s string) string {
	if !strings.Contains(s, "#") {
		return s
	}
	if d, err := types.DecodeName(s); err == nil {
		return d
	}
	return s
}

// rawPDFNames are names that no plain scan carries anywhere, with their
// codes, for [scanPDFNames].
var rawPDFNames = map[string]rules.Code{
	"JS": CodePDFJavaScript, "JavaScript": CodePDFJavaScript, "Launch": CodePDFLaunch,
	"XFA": CodePDFXFA, "EmbeddedFile": CodePDFEmbeddedFile, "EmbeddedFiles": CodePDFEmbeddedFile,
	"SubmitForm": CodePDFSubmitForm, "ImportData": CodePDFImportData, "GoToR": CodePDFGoToRemote,
	"GoToE": CodePDFGoToEmbedded, "RichMedia": CodePDFRichMedia, "RichMediaExecute": CodePDFRichMedia,
}

// scanPDFNames reads the file's bytes as PDF tokens, outside comments,
// strings and stream data, for the names of [rawPDFNames]: whatever pdfcpu
// did not read as an object (an older revision, an object the table does
// not list, one its repair skipped) is still seen by some reader.
func scanPDFNames(b []byte, res *pdfResult) {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '%':
			for i < len(b) && b[i] != '\r' && b[i] != '\n' {
				i++
			}
		case '(':
			i = skipPDFString(b, i)
		case 's':
			if !bytes.HasPrefix(b[i:], []byte("stream")) || !afterDict(b[:i]) {
				continue
			}
			j := bytes.Index(b[i+6:], []byte("endstream"))
			if j < 0 {
				return
			}
			i += 6 + j + len("endstream") - 1
		case '/':
			j := i + 1
			for j < len(b) && !pdfDelimiter(b[j]) {
				j++
			}
			if j-i-1 <= 32 {
				if code, ok := rawPDFNames[pdfName(string(b[i+1:j]))]; ok && !res.has(code) {
					res.add(code, "/"+pdfName(string(b[i+1:j]))+" outside the objects read")
				}
			}
			i = j - 1
		}
	}
}

// skipPDFString returns the offset of the ')' closing the literal string
// opened at b[i], or len(b) when it is not closed.
func skipPDFString(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(b)
}

// afterDict reports whether b ends in ">>" and optional white space: the
// keyword "stream" after it starts stream data.
func afterDict(b []byte) bool {
	b = bytes.TrimRight(b, " \t\r\n\f\x00")
	return bytes.HasSuffix(b, []byte(">>"))
}

// pdfDelimiter reports white space and delimiters, which end a name.
func pdfDelimiter(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ', '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}
