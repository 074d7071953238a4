package evidence

import (
	"context"
	"strconv"

	"github.com/realname-go/realname/rules"
)

// The budgets bound what decoding an image costs, from its structure alone:
// memory in bytes ([Options.MaxDecodeBytes]) and time in work units
// ([Options.MaxDecodeWork]), a unit being 0.7–0.8 ns of CPU in image/jpeg,
// image/png or x/image/bmp on the 2-core x86-64 machine the costs below
// were measured on (files of internal/genhostile, CPU time of the decode).
const (
	// workPerVisit is the fixed cost of visiting one block in one JPEG
	// scan (the decoder copies the block's coefficients in and out); each
	// coefficient of the scan's spectral band adds one unit. 900 scans of
	// coefficient 1 over 2000×2000 pixels take 1.18 s: 21 ns a visit; 200
	// refinement scans of coefficients 1–63 take about 80 ns a visit.
	workPerVisit = 24
	// workPerBlock is the cost of the inverse DCT and store of one block of
	// a sequential JPEG: 50 MP of 4:2:0 take 0.35 s.
	workPerBlock = 300
	// workPerProgressiveBlock is the same for a progressive JPEG, whose
	// reconstruction also walks the coefficient buffers: 26 MP of gray
	// take 0.14 s.
	workPerProgressiveBlock = 500
	// workPerDataByte is the cost of one byte of entropy-coded data beyond
	// the visits: a 5.6 MB camera photo spends 0.15 s of its 0.24 s there.
	workPerDataByte = 40
	// workPerMarker is the cost of reading one JPEG marker segment.
	workPerMarker = 64
	// workPerRawByte and workPerPixel price a PNG: inflating and
	// unfiltering each byte of image data, then storing each pixel
	// (a 7071×7071 16-bit RGBA PNG of 400 MB takes 0.74 s).
	workPerRawByte = 2
	workPerPixel   = 3
	// workPerChunk is the cost of one PNG chunk.
	workPerChunk = 1000
	// Not priced: deflate blocks. A block of a few bytes makes the inflater
	// build its Huffman tables again (1.3 µs), and only inflating finds
	// where blocks end. 10 MiB of them take 1.15 s of CPU: the bound holds
	// through MaxBytes (about 110 ns a byte of file), not through this model.

	// maxPNGChunks bounds the chunks of a PNG. Encoders write a few
	// hundred (libpng cuts image data into 8 KiB IDAT chunks: 1280 in 10
	// MiB); image/png allocates 4 KiB for each ancillary chunk it skips.
	maxPNGChunks = 1 << 15

	// decodeOverhead is what a decoder needs besides its image: tables,
	// row buffers of small images, the zlib window.
	decodeOverhead = 256 << 10

	// saturated caps the cost sums, which hostile dimensions and scan
	// counts could otherwise overflow.
	saturated = int64(1) << 60
)

// shape is what an image's structure says about the cost of decoding it,
// recorded by the layout scanners for [check.budget].
type shape struct {
	// JPEG frame: components, their identifiers and sampling factors
	// (h<<4 | v), and the colour transform markers image/jpeg looks at.
	comps       int
	ids, hv     [4]byte
	progressive bool
	jfif, adobe bool
	transform   byte
	scans       int
	markers     int
	visits      int64 // block visits of all scans, each weighted by its band
	data        int64 // bytes of entropy-coded data

	// PNG header and chunks.
	depth, colorType byte
	interlaced, trns bool
	chunks           int

	// BMP bit depth.
	bpp int
}

// sat adds non-negative costs, saturating.
func sat(a, b int64) int64 {
	if a >= saturated-b {
		return saturated
	}
	return a + b
}

// satMul multiplies non-negative costs, saturating.
func satMul(a, b int64) int64 {
	if a != 0 && b > saturated/a {
		return saturated
	}
	return a * b
}

// frame records a JPEG frame header (SOFn) segment.
func (s *shape) frame(m byte, seg []byte) {
	s.progressive = m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE
	s.comps = int(seg[5])
	for i := 0; i < min(s.comps, 4) && 8+3*i < len(seg); i++ {
		s.ids[i], s.hv[i] = seg[6+3*i], seg[7+3*i]
	}
}

// sampling returns component i's sampling factors as image/jpeg uses them:
// 1×1 for a one-component image, factors outside 1–4 taken as 1.
func (s *shape) sampling(i int) (h, v int64) {
	if s.comps == 1 || i >= 4 {
		return 1, 1
	}
	h, v = int64(s.hv[i]>>4), int64(s.hv[i]&15)
	if h < 1 || h > 4 {
		h = 1
	}
	if v < 1 || v > 4 {
		v = 1
	}
	return h, v
}

// mcus returns the MCU columns and rows of a w×h JPEG, from the first
// component's sampling as image/jpeg computes them.
func (s *shape) mcus(w, h int64) (int64, int64) {
	h0, v0 := s.sampling(0)
	return (w + 8*h0 - 1) / (8 * h0), (h + 8*v0 - 1) / (8 * v0)
}

// app records the APP0 (JFIF) and APP14 (Adobe) segments that decide
// whether image/jpeg converts a three-component image to RGBA.
func (s *shape) app(m byte, seg []byte) {
	switch {
	case m == 0xE0 && len(seg) >= 5 && string(seg[:5]) == "JFIF\x00":
		s.jfif = true
	case m == 0xEE && len(seg) >= 12 && string(seg[:5]) == "Adobe":
		s.adobe, s.transform = true, seg[11]
	}
}

// scan records one start-of-scan segment of a w×h JPEG: image/jpeg visits
// every block of every component the scan names, MCU by MCU.
func (s *shape) scan(seg []byte, w, h int) {
	s.scans++
	if len(seg) < 1 {
		return
	}
	ns := int(seg[0])
	var blocksPerMCU int64
	for i := 0; i < ns && 1+2*i < len(seg); i++ {
		c := 0
		for j := range min(s.comps, 4) {
			if s.ids[j] == seg[1+2*i] {
				c = j
			}
		}
		hi, vi := s.sampling(c)
		blocksPerMCU += hi * vi
	}
	band := int64(64)
	if s.progressive && 2+2*ns < len(seg) {
		ss, se := int64(seg[1+2*ns]), int64(seg[2+2*ns])
		band = max(1, min(se, 63)-ss+1)
	}
	mx, my := s.mcus(int64(w), int64(h))
	s.visits = sat(s.visits, satMul(satMul(mx*my, blocksPerMCU), workPerVisit+band))
}

// jpegCost returns the memory and work of decoding a w×h JPEG with
// image/jpeg.
func (s *shape) jpegCost(w, h int64) (mem, work int64) {
	mx, my := s.mcus(w, h)
	h0, v0 := s.sampling(0)
	yw, yh := 8*h0*mx, 8*v0*my
	var blocks int64
	for i := range max(1, min(s.comps, 4)) {
		hi, vi := s.sampling(i)
		blocks += mx * my * hi * vi
	}
	if s.comps == 1 {
		mem = yw * yh // image.Gray over whole MCUs
	} else {
		h1, v1 := s.sampling(1)
		hr, vr := max(1, h0/h1), max(1, v0/v1)
		mem = yw*yh + 2*((yw+hr-1)/hr)*((yh+vr-1)/vr) // image.YCbCr
		rgb := !s.jfif && (s.adobe && s.transform == 0 || string(s.ids[:3]) == "RGB")
		if s.comps >= 4 {
			h3, v3 := s.sampling(3)
			mem += 64*h3*v3*mx*my + 4*w*h // black plane, then image.CMYK
		} else if rgb {
			mem += 4 * w * h // converted to image.RGBA
		}
	}
	perBlock := int64(workPerBlock)
	if s.progressive {
		mem += blocks * 64 * 4 // int32 coefficients of every block
		perBlock = workPerProgressiveBlock
	}
	work = sat(s.visits, satMul(blocks, perBlock))
	work = sat(work, satMul(int64(s.markers), workPerMarker))
	work = sat(work, satMul(s.data, workPerDataByte))
	return mem, work
}

// pngRowBytes is the size of one filtered row of w pixels, filter byte
// included.
func (s *shape) pngRowBytes(w int64) int64 {
	ch := int64(map[byte]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[s.colorType])
	return 1 + (w*ch*int64(s.depth)+7)/8
}

// pngCost returns the memory and work of decoding a w×h PNG with
// image/png.
func (s *shape) pngCost(w, h int64) (mem, work int64) {
	var bpp int64 // bytes per pixel of the image image/png returns
	switch s.colorType {
	case 3: // image.Paletted: indices, never expanded
		bpp = 1
	case 0:
		bpp = map[bool]int64{false: 1, true: 4}[s.trns] // Gray, or NRGBA with tRNS
	case 2:
		bpp = 4 // RGBA or NRGBA
	default:
		bpp = 4 // NRGBA
	}
	if s.depth == 16 {
		bpp *= 2 // Gray16, RGBA64, NRGBA64
	}
	if s.colorType == 0 && s.depth == 16 && s.trns {
		bpp = 8
	}
	mem = w*h*bpp + 2*s.pngRowBytes(w)
	raw := h * s.pngRowBytes(w)
	if s.interlaced {
		// each Adam7 pass is decoded into an image of its own, then
		// copied into the whole one
		mem += w * h * bpp
		raw = 0
		for _, p := range adam7 {
			pw, ph := (w-p[0]+p[2]-1)/p[2], (h-p[1]+p[3]-1)/p[3]
			if pw > 0 && ph > 0 {
				raw += ph * s.pngRowBytes(pw)
			}
		}
	}
	work = raw*workPerRawByte + w*h*workPerPixel + int64(s.chunks)*workPerChunk
	return mem, work
}

// adam7 are the Adam7 passes: x and y offsets and steps.
var adam7 = [7][4]int64{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}

// bmpCost returns the memory and work of decoding a w×h BMP with
// x/image/bmp: palette indices stay one byte a pixel, other depths become
// RGBA.
func (s *shape) bmpCost(w, h int64) (mem, work int64) {
	bpp := int64(4)
	if s.bpp <= 8 {
		bpp = 1
	}
	return w*h*bpp + 4*w, w * h * workPerPixel
}

// measureCost is the memory of [measure]: the grid of box sums and a row.
func measureCost(w, h int64) int64 {
	f := (max(w, h) + maxSide - 1) / maxSide
	return 4*((w+f-1)/f)*((h+f-1)/f) + w
}

// decodeCost returns the memory and work of decoding the w×h image and
// measuring it.
func (s *shape) decodeCost(f Format, w, h int64) (mem, work int64) {
	switch f {
	case JPEG:
		mem, work = s.jpegCost(w, h)
	case PNG:
		mem, work = s.pngCost(w, h)
	default:
		mem, work = s.bmpCost(w, h)
	}
	return mem + measureCost(w, h) + decodeOverhead, work + w*h
}

// budget decides, from the file's structure alone, whether decoding b may
// start: it returns false when it reported a violation (or set c.err) that
// forbids the decode. The budgets hold whether or not this inspection
// decodes, so a file's verdict does not depend on [Options.PixelChecks].
func (c *check) budget(ctx context.Context, b []byte, f Format, l *layout) bool {
	if err := ctx.Err(); err != nil {
		c.err = err
		return false
	}
	s := &l.shape
	if f == PNG && s.chunks > maxPNGChunks {
		c.add(CodeDecodeComplexity, rules.Reject, "work", itoa(int64(s.chunks)*workPerChunk),
			"limit", itoa(c.opts.MaxDecodeWork), "reason", strconv.Itoa(s.chunks)+" chunks, at most "+strconv.Itoa(maxPNGChunks))
		return false
	}
	mem, work := s.decodeCost(f, int64(c.rep.Width), int64(c.rep.Height))
	if limit := c.opts.MaxDecodeBytes; mem > limit {
		c.add(CodeDecodeBudget, rules.Reject, "need", itoa(mem), "need_size", FormatSize(mem),
			"limit", itoa(limit), "limit_size", FormatSize(limit))
		return false
	}
	if limit := c.opts.MaxDecodeWork; work > limit {
		reason := "image data"
		if f == JPEG {
			reason = strconv.Itoa(s.scans) + " scans"
		}
		c.add(CodeDecodeComplexity, rules.Reject, "work", itoa(work), "limit", itoa(limit), "reason", reason)
		return false
	}
	return true
}

// decodeFits reports whether the JPEG or PNG b, an image found inside
// another file (a PDF's), decodes within o's pixel cap and decode budgets;
// false for any other format and for a structure that does not walk. Decode
// it then with [decode], under the caller's context.
func (o *Options) decodeFits(f Format, b []byte) bool {
	var l *layout
	switch f {
	case JPEG:
		l = scanJPEG(b, false)
	case PNG:
		l = scanPNG(b, false)
	default:
		return false
	}
	if l.failure != "" || f == PNG && l.shape.chunks > maxPNGChunks {
		return false
	}
	cfg, err := decodeConfig(f, b)
	w, h := int64(cfg.Width), int64(cfg.Height)
	if err != nil || w <= 0 || h <= 0 || w > 1<<20 || h > 1<<20 || w*h > o.MaxPixels {
		return false
	}
	mem, work := l.shape.decodeCost(f, w, h)
	return mem <= o.MaxDecodeBytes && work <= o.MaxDecodeWork
}

// budgetMessages are the messages of the codes in budget.go.
func budgetMessages() []rules.Message {
	return []rules.Message{
		rules.Translated("file.decode_budget", rules.Reject,
			"The image “{file_name}” ({role}) would take {need_size} of memory to open, more than the {limit_size} allowed. Upload the photo as the camera saved it, or a smaller copy.",
			"图片“{file_name}”（{role}）打开需要 {need_size} 内存，超过允许的 {limit_size}。请上传相机原始保存的照片，或较小的副本。",
			"圖片「{file_name}」（{role}）開啟需要 {need_size} 記憶體，超過允許的 {limit_size}。請上傳相機原始儲存的相片，或較小的副本。"),
		rules.Translated("file.decode_complexity", rules.Reject,
			"The image “{file_name}” ({role}) is built in an unusual way ({reason}) that would take too long to open. Upload the photo as the camera saved it, or save it again as an ordinary JPEG.",
			"图片“{file_name}”（{role}）的结构异常（{reason}），打开耗时过长。请上传相机原始保存的照片，或重新另存为普通 JPEG。",
			"圖片「{file_name}」（{role}）的結構異常（{reason}），開啟耗時過長。請上傳相機原始儲存的相片，或重新另存為一般 JPEG。"),
	}
}
