package evidence

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"hash"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"strconv"
	"sync"

	"github.com/realname-go/realname/rules"
	"golang.org/x/image/bmp"
)

// Report is what inspecting one file found.
type Report struct {
	// Format is the format decided from the content; empty when the
	// content is not an accepted format.
	Format Format `json:"format,omitempty"`
	// Width and Height are the image dimensions from its header.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Pages is the page count of a PDF.
	Pages int `json:"pages,omitempty"`
	// Size is the number of bytes read: the file size, or the limit plus
	// one when the file is larger.
	Size int64 `json:"size"`
	// Violations found, in the order the checks ran.
	Violations []rules.Violation `json:"violations"`
	// Scores of the pixel checks; nil when they did not run.
	Scores *Scores `json:"scores,omitempty"`
	// Fingerprint of the content, for [Compare].
	Fingerprint Fingerprint `json:"fingerprint,omitzero"`
	// Readings are what [Options.Readers] found in the decoded image, in
	// the order of the readers; not written to JSON.
	Readings []Reading `json:"-"`

	// by is the inspector that made the report, for [Inspector.Made]; nil
	// in a report built or decoded elsewhere. Unexported, it cannot be set
	// outside this package and is not written to JSON.
	by *Inspector
}

// Verdict is the verdict of the report's violations.
func (r Report) Verdict() rules.Verdict { return rules.Result{Violations: r.Violations}.Verdict() }

// File is one uploaded file for [Inspector.Check]. Open is used when set,
// and the file it returns is closed afterwards; otherwise Reader is read.
type File struct {
	Name        string // declared file name; only its extension matters
	ContentType string // declared content type; may be empty
	Role        Role
	Reader      io.Reader
	Open        func() (io.ReadCloser, error)
}

// Inspector judges evidence files. It keeps a pool of read buffers that start
// at 64 KiB and grow with the file up to MaxBytes+1 bytes, so memory stays at
// one file-sized buffer per concurrent call. It is
// safe for concurrent use and implements rules.Rule[File].
type Inspector struct {
	opts Options
	bufs sync.Pool // of *reading
}

// reading is the reusable state of reading one file: the buffer and the
// SHA-256 state that hashes the bytes as they arrive.
type reading struct {
	buf []byte
	sha hash.Hash
	sum Digest
}

// Made reports whether in made r: whether r was returned by in's
// [Inspector.Inspect] without an error. Copies of such a report are made by
// in too; a report built by hand, decoded from JSON or made by another
// inspector is not. Use it before trusting a report a caller hands in
// instead of the file. It tells where r came from, not that it is unchanged:
// a caller holding r can still change its exported fields.
func (in *Inspector) Made(r Report) bool { return in != nil && r.by == in }

// NewInspector returns an inspector with the given options, or a
// [*rules.ConfigError] when an option is out of range.
func NewInspector(o Options) (*Inspector, error) {
	r, err := o.resolved()
	if err != nil {
		return nil, err
	}
	return &Inspector{opts: r}, nil
}

// Options returns the options in effect, defaults filled in.
func (in *Inspector) Options() Options { return in.opts }

// Inspect reads one file with a fresh inspector; see [Inspector.Inspect].
func Inspect(ctx context.Context, r io.Reader, name, contentType string, role Role, o Options) (Report, error) {
	in, err := NewInspector(o)
	if err != nil {
		return Report{}, err
	}
	return in.Inspect(ctx, r, name, contentType, role)
}

// Check implements rules.Rule[File].
func (in *Inspector) Check(ctx context.Context, f File) ([]rules.Violation, error) {
	r := f.Reader
	if f.Open != nil {
		rc, err := f.Open()
		if err != nil {
			return nil, &rules.InfraError{Rule: "evidence", Err: err}
		}
		defer rc.Close()
		r = rc
	}
	if r == nil {
		return nil, &rules.InfraError{Rule: "evidence", Err: errors.New("file has neither Reader nor Open")}
	}
	rep, err := in.Inspect(ctx, r, f.Name, f.ContentType, f.Role)
	return rep.Violations, err
}

// Inspect reads at most MaxBytes+1 bytes from r and judges them as a file
// named name (only the extension matters) with the declared content type
// (may be empty) uploaded for role. Problems with the file are violations in
// the report; the error is non-nil only when reading r fails (a
// [*rules.InfraError]), ctx ends, or role is neither [Certificate] nor
// [Handheld] (a [*rules.ConfigError]).
func (in *Inspector) Inspect(ctx context.Context, r io.Reader, name, contentType string, role Role) (Report, error) {
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	if role != Certificate && role != Handheld {
		return Report{}, &rules.ConfigError{Rule: "evidence", Reason: "no role: inspect a file as Certificate or Handheld"}
	}
	limit := in.opts.MaxBytes
	rd, _ := in.bufs.Get().(*reading)
	if rd == nil {
		rd = &reading{buf: make([]byte, 0, min(limit+1, initialBuffer)), sha: sha256.New()}
	}
	rd.sha.Reset()
	buf, err := readBounded(r, rd.buf[:0], limit+1, rd.sha)
	rd.buf = buf[:0]
	defer in.bufs.Put(rd)
	if err != nil {
		return Report{}, &rules.InfraError{Rule: "evidence", Err: err}
	}
	n := len(buf)
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	c := check{opts: &in.opts, role: role, file: fileParams(role, DisplayName(name)), rep: Report{Size: int64(n)}}
	if n > 0 && int64(n) <= limit {
		rd.sha.Sum(rd.sum[:0])
		c.rep.Fingerprint.SHA256 = rd.sum
	}
	c.run(ctx, buf[:n], name, contentType)
	if c.err == nil {
		c.rep.by = in
	}
	return c.rep, c.err
}

// initialBuffer is the capacity a fresh read buffer starts with; it grows by
// doubling up to MaxBytes+1, so small files never cost a full-size buffer.
const initialBuffer = 64 << 10

// readBounded appends at most limit bytes of r to buf, growing it by doubling
// but never past limit bytes of capacity, and writes them to h as they
// arrive: hashing overlaps the wait for an upload's next bytes, and each
// chunk is hashed while it is still in the cache. It returns the bytes read
// and the first read error other than io.EOF.
func readBounded(r io.Reader, buf []byte, limit int64, h hash.Hash) ([]byte, error) {
	for int64(len(buf)) < limit {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(limit, int64(max(2*cap(buf), 4096))))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):min(int64(cap(buf)), limit)])
		h.Write(buf[len(buf) : len(buf)+n])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// check is the state of one inspection.
type check struct {
	opts *Options
	role Role
	file []string // the parameters naming the file, see fileParams
	rep  Report
	err  error
}

// add reports a violation of code with params (name, value pairs) and
// the parameters naming the file: "role" and, when the file had a name,
// "file_name".
func (c *check) add(code rules.Code, sev rules.Severity, params ...string) {
	v := rules.Violation{Code: code, Field: c.role.String(), Severity: sev, Retryable: true}
	v.Params = make([]rules.Param, 0, (len(params)+len(c.file))/2)
	for _, ps := range [2][]string{params, c.file} {
		for i := 0; i+1 < len(ps); i += 2 {
			v.Params = append(v.Params, rules.Param{Name: ps[i], Value: ps[i+1]})
		}
	}
	c.rep.Violations = append(c.rep.Violations, v)
}

func (c *check) rejected() bool { return c.rep.Verdict() == rules.Rejected }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func (c *check) run(ctx context.Context, b []byte, name, contentType string) {
	limit := c.opts.MaxBytes
	switch {
	case len(b) == 0:
		c.add(CodeEmpty, rules.Reject)
		return
	case int64(len(b)) > limit:
		c.add(CodeTooLarge, rules.Reject, "limit", itoa(limit), "limit_size", FormatSize(limit))
		return
	}
	f, code, what := Sniff(b)
	nameCode, ext := checkName(name, f)
	if code != "" {
		c.add(code, rules.Reject, "format", what)
		if nameCode == CodeDoubleExtension {
			c.add(nameCode, rules.Reject, "extension", ext)
		}
		return
	}
	c.rep.Format = f
	if nameCode != "" {
		c.add(nameCode, rules.Reject, "extension", ext, "format", string(f))
	}
	if !checkContentType(contentType, f) {
		c.add(CodeContentTypeMismatch, rules.Reject, "declared", clip(contentType, 64), "format", string(f))
	}
	if f == PDF {
		if c.role == Handheld {
			c.add(CodeNotImage, rules.Reject, "format", string(f))
		}
		c.pdf(ctx, b)
		return
	}
	c.image(ctx, b, f)
}

func (c *check) pdf(ctx context.Context, b []byte) {
	if code, reason := scanPDFFrame(b); code != "" {
		c.add(code, rules.Reject, "reason", reason)
		if code != CodeTrailingData {
			return
		}
	}
	res, err := inspectPDF(ctx, b, c.opts.PDFTimeout)
	if err != nil {
		c.err = err
		return
	}
	for _, f := range res.findings {
		c.add(f.code, f.severity(), "reason", f.reason)
	}
	c.rep.Pages = res.pages
	if res.pages > c.opts.MaxPages {
		c.add(CodePDFTooManyPages, rules.Reject, "pages", itoa(int64(res.pages)), "limit", itoa(int64(c.opts.MaxPages)))
	}
	c.pdfRead(ctx, b)
}

// pdfMagic found near the start of an image makes a JPEG/PDF polyglot: PDF
// readers accept a header anywhere in the first kilobyte.
var pdfMagic = []byte("%PDF-")

func (c *check) image(ctx context.Context, b []byte, f Format) {
	meta := !c.opts.SkipOriginality
	var l *layout
	switch f {
	case JPEG:
		h := &hiddenScan{c: c, held: true}
		l = scanJPEGSegments(b, meta, h.segment)
		l.hidden = h
	case PNG:
		l = scanPNG(b, meta)
	default:
		l = scanBMP(b)
		if l.failure == CodeBMPHeader {
			c.add(CodeBMPHeader, rules.Reject, "reason", l.reason)
			return
		}
	}
	cfg, cerr := decodeConfig(f, b)
	if cerr == nil {
		c.rep.Width, c.rep.Height = cfg.Width, cfg.Height
	} else {
		c.rep.Width, c.rep.Height = l.width, l.height
	}
	w, h := int64(c.rep.Width), int64(c.rep.Height)
	if w*h > c.opts.MaxPixels || w > 1<<20 || h > 1<<20 {
		c.add(CodeTooManyPixels, rules.Reject, "pixels", itoa(w*h), "limit", itoa(c.opts.MaxPixels))
		return
	}
	switch {
	case l.failure != "":
		c.add(l.failure, rules.Reject, "reason", l.reason)
		return
	case cerr != nil:
		reason := "header does not decode"
		if errors.Is(cerr, bmp.ErrUnsupported) {
			// RLE above all: its runs can leave most of a huge bitmap
			// unwritten, and x/image/bmp never decodes them
			reason = "BMP compression or bit depth not supported"
		}
		c.add(CodeCorrupt, rules.Reject, "reason", reason)
		return
	case w == 0 || h == 0:
		c.add(CodeCorrupt, rules.Reject, "reason", "zero dimensions")
		return
	}
	head := b[:min(len(b), 1024)]
	if bytes.Contains(head, pdfMagic) {
		c.add(CodePolyglot, rules.Reject, "format", "pdf")
	}
	if tail := b[l.end:]; len(tail) > 0 && !benignTrailer(tail, f, l.meta) {
		c.add(CodeTrailingData, rules.Reject, "bytes", itoa(int64(len(tail))), "format", trailerKind(tail))
	}
	md := c.opts.minDimensions(c.role)
	short, long := min2(c.rep.Width, c.rep.Height)
	if short < md.Short || long < md.Long {
		c.add(CodeTooSmall, rules.Reject, "width", itoa(w), "height", itoa(h),
			"min", itoa(int64(md.Short))+"x"+itoa(int64(md.Long)))
	}
	if meta {
		c.originality(f, l.meta)
	}
	c.hidden(b, f, l)
	if !c.budget(ctx, b, f, l) || c.err != nil {
		return
	}
	if (!c.opts.PixelChecks && len(c.opts.Readers) == 0) || c.rejected() {
		return
	}
	if err := ctx.Err(); err != nil {
		c.err = err
		return
	}
	img, err := decode(ctx, f, b)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			c.err = cerr
			return
		}
		code := CodeCorrupt
		if errors.Is(err, io.ErrUnexpectedEOF) {
			code = CodeTruncated
		}
		c.add(code, rules.Reject, "reason", "pixel data does not decode")
		return
	}
	// one allocation holds both results the report points to
	res := new(struct {
		sc Scores
		dh DHash
	})
	if c.opts.PixelChecks {
		res.sc, res.dh = measure(img)
		c.rep.Scores, c.rep.Fingerprint.DHash = &res.sc, &res.dh
		c.pixels(res.sc)
	}
	c.read(ctx, img)
}

// read hands the decoded image to each of [Options.Readers] and keeps what
// they found in the report.
func (c *check) read(ctx context.Context, img image.Image) {
	for _, r := range c.opts.Readers {
		rd, err := r.ReadImage(ctx, c.role, img)
		if err != nil {
			c.err = err
			return
		}
		if rd != nil {
			c.rep.Readings = append(c.rep.Readings, rd)
		}
	}
}

func min2(a, b int) (int, int) {
	if a < b {
		return a, b
	}
	return b, a
}

func (c *check) originality(f Format, md metadata) {
	if md.editor != "" {
		c.add(CodeEdited, rules.Review, "software", md.editor)
	}
	if f == JPEG && !md.camera && !c.opts.SkipCameraCheck {
		c.add(CodeNoCameraMetadata, rules.Review)
	}
	if screenshotLike(c.rep.Width, c.rep.Height) {
		c.add(CodeScreenshotDimensions, rules.Review, "width", itoa(int64(c.rep.Width)), "height", itoa(int64(c.rep.Height)))
	}
}

func (c *check) pixels(sc Scores) {
	sev := rules.Review
	if c.opts.PixelReject {
		sev = rules.Reject
	}
	t := c.opts.Thresholds
	score := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	if t.MinSharpness > 0 && sc.Sharpness < t.MinSharpness {
		c.add(CodeBlurry, sev, "score", score(sc.Sharpness), "threshold", score(t.MinSharpness))
	}
	if t.MinBrightness > 0 && sc.Brightness < t.MinBrightness {
		c.add(CodeTooDark, sev, "score", score(sc.Brightness), "threshold", score(t.MinBrightness))
	}
	if t.MaxBrightness > 0 && sc.Brightness > t.MaxBrightness {
		c.add(CodeTooBright, sev, "score", score(sc.Brightness), "threshold", score(t.MaxBrightness))
	}
	if t.MaxGlare > 0 && sc.Glare > t.MaxGlare {
		c.add(CodeGlare, sev, "score", score(sc.Glare), "threshold", score(t.MaxGlare))
	}
	if t.MinChroma > 0 && sc.Chroma < t.MinChroma {
		c.add(CodeGrayscale, sev, "score", score(sc.Chroma), "threshold", score(t.MinChroma))
	}
}

func decodeConfig(f Format, b []byte) (image.Config, error) {
	r := bytes.NewReader(b)
	switch f {
	case JPEG:
		return jpeg.DecodeConfig(r)
	case PNG:
		return png.DecodeConfig(r)
	}
	return bmp.DecodeConfig(r)
}

// decode decodes b, which [check.budget] let through. The decoders read b
// through a reader that fails once ctx ends, so a decode stops at its next
// read (every 4 KiB of compressed data) instead of outliving the caller.
func decode(ctx context.Context, f Format, b []byte) (img image.Image, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errors.New("evidence: decoder failure")
		}
	}()
	r := &ctxReader{ctx: ctx, r: bytes.NewReader(b)}
	switch f {
	case JPEG:
		return jpeg.Decode(r)
	case PNG:
		return png.Decode(r)
	}
	return bmp.Decode(r)
}

// ctxReader reads r until ctx ends, then returns ctx's error.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// benignTrailer accepts zero padding, and the secondary images a JPEG
// declares in its MPF segment (phones store depth maps and previews so).
func benignTrailer(t []byte, f Format, md metadata) bool {
	if len(bytes.Trim(t, "\x00")) == 0 {
		return true
	}
	return f == JPEG && md.secondary && len(t) > 2 && t[0] == 0xFF && t[1] == 0xD8
}

// trailerKind names what appended data looks like.
func trailerKind(t []byte) string {
	t = bytes.TrimLeft(t, "\x00\r\n\t ")
	if f, code, what := Sniff(t); code == "" {
		return string(f)
	} else if what != "" && what != "unknown" {
		return what
	}
	return "unknown"
}

// screenshotLike reports the pixel sizes of common phone and computer
// screens, in either orientation.
func screenshotLike(w, h int) bool {
	if w > h {
		w, h = h, w
	}
	switch [2]int{w, h} {
	case [2]int{640, 1136}, [2]int{750, 1334}, [2]int{828, 1792}, [2]int{1080, 1920}, [2]int{1125, 2436},
		[2]int{1242, 2208}, [2]int{1242, 2688}, [2]int{1170, 2532}, [2]int{1179, 2556}, [2]int{1284, 2778},
		[2]int{1290, 2796}, [2]int{1206, 2622}, [2]int{1320, 2868}, [2]int{1080, 2340}, [2]int{1080, 2400},
		[2]int{1080, 2412}, [2]int{1080, 2460}, [2]int{1220, 2712}, [2]int{1224, 2700}, [2]int{1260, 2800},
		[2]int{1440, 3040}, [2]int{1440, 3088}, [2]int{1440, 3120}, [2]int{1440, 3200}, [2]int{720, 1280},
		[2]int{720, 1600}, [2]int{768, 1366}, [2]int{900, 1440}, [2]int{1200, 1920},
		[2]int{1440, 2560}, [2]int{1600, 2560}, [2]int{1800, 2880}, [2]int{2160, 3840}, [2]int{1964, 3024},
		[2]int{2048, 2732}, [2]int{1668, 2388}, [2]int{1620, 2160}, [2]int{1536, 2048}:
		return true
	}
	return false
}
