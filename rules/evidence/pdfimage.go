package evidence

import (
	"bytes"
	"compress/zlib"
	"context"
	"image"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfRead hands the largest image inside a PDF certificate to
// [Options.Readers], as [check.read] hands a decoded image file: a scan or
// photo of a passport saved as PDF carries its zone in that image. Only a
// certificate that nothing rejected is read, and only an image of at most
// MaxPixels pixels, by the header of its PDF object and again by its own.
// Pages are not rendered: text drawn as vector glyphs is not read.
func (c *check) pdfRead(ctx context.Context, b []byte) {
	if len(c.opts.Readers) == 0 || c.role != Certificate || c.rejected() || c.err != nil {
		return
	}
	img := largestPDFImage(ctx, b, c.opts)
	if img == nil {
		if err := ctx.Err(); err != nil {
			c.err = err
		}
		return
	}
	c.read(ctx, img)
}

// largestPDFImage returns the decoded image of the most pixels on the pages
// of a PDF among those within o's budgets — at most MaxPixels pixels, at
// most MaxDecodeBytes at four bytes a pixel, and an embedded JPEG or PNG
// within its own decode budgets — or nil when there is none, pdfcpu fails
// or the PDF timeout passes. A pdfcpu panic on a hostile file is nil too.
func largestPDFImage(ctx context.Context, b []byte, o *Options) (img image.Image) {
	defer func() {
		if recover() != nil {
			img = nil
		}
	}()
	tctx, cancel := context.WithTimeout(ctx, o.PDFTimeout)
	defer cancel()
	conf := pdfConfig()
	conf.Cmd = model.EXTRACTIMAGES
	pc, err := pdfcpu.ReadWithContext(tctx, bytes.NewReader(b), conf)
	if err != nil || !imagesWithinBudget(pc.XRefTable, o.MaxDecodeBytes) ||
		pc.EnsurePageCount() != nil || pdfcpu.OptimizeXRefTable(pc) != nil {
		return nil
	}
	page, obj, best := 0, 0, int64(0)
	for p := 1; p <= pc.PageCount && tctx.Err() == nil; p++ {
		stubs, err := pdfcpu.ExtractPageImages(pc, p, true)
		if err != nil {
			continue
		}
		for nr, s := range stubs {
			px := int64(s.Width) * int64(s.Height)
			if s.Thumb || s.IsImgMask || s.Width <= 0 || s.Height <= 0 || px > o.MaxPixels || 4*px > o.MaxDecodeBytes {
				continue
			}
			if px > best || (px == best && nr < obj) {
				page, obj, best = p, nr, px
			}
		}
	}
	if best == 0 || tctx.Err() != nil {
		return nil
	}
	ob := pc.Optimize.ImageObjects[obj]
	if ob == nil || ob.ImageDict == nil {
		return nil
	}
	if img := rawImage(ob.ImageDict); img != nil {
		return img
	}
	m, err := pdfcpu.ExtractImage(pc, ob.ImageDict, false, ob.ResourceNames[page-1], obj, false)
	if err != nil || m == nil || m.Reader == nil || tctx.Err() != nil {
		return nil
	}
	return decodeBounded(tctx, m.Reader, m.FileType, o)
}

// decodeBounded decodes a JPEG or PNG pdfcpu extracted when its structure
// fits o's pixel cap and decode budgets ([Options.decodeFits]), under ctx.
// Other formats (TIFF, for CCITT and CMYK images) are not decoded: no
// budget model covers them, so they are never handed to a reader.
func decodeBounded(ctx context.Context, r io.Reader, fileType string, o *Options) image.Image {
	var f Format
	switch fileType {
	case "jpg":
		f = JPEG
	case "png":
		f = PNG
	default:
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(r, o.MaxBytes+1))
	if err != nil || int64(len(data)) > o.MaxBytes || !o.decodeFits(f, data) {
		return nil
	}
	img, err := decode(ctx, f, data)
	if err != nil {
		return nil
	}
	return img
}

// rawImage returns the pixels of an image object that are plain 8-bit gray
// or RGB samples behind a Flate filter (what scanners and converters write
// for PNG input) as an image, without pdfcpu's detour through a PNG
// encoding; nil for any other image, which pdfcpu renders instead. A
// DCT (JPEG) image is decoded from its own bytes by the caller's path.
func rawImage(sd *types.StreamDict) image.Image {
	w, h := sd.IntEntry("Width"), sd.IntEntry("Height")
	bpc, cs := sd.IntEntry("BitsPerComponent"), sd.NameEntry("ColorSpace")
	if w == nil || h == nil || bpc == nil || cs == nil || *bpc != 8 || *w <= 0 || *h <= 0 ||
		len(sd.FilterPipeline) != 1 || sd.FilterPipeline[0].Name != "FlateDecode" || hasKey(sd.Dict, "Decode") {
		return nil
	}
	comp := 0
	switch *cs {
	case "DeviceGray":
		comp = 1
	case "DeviceRGB":
		comp = 3
	default:
		return nil
	}
	if sd.Decode() != nil || len(sd.Content) < *w**h*comp {
		return nil
	}
	r := image.Rect(0, 0, *w, *h)
	if comp == 1 {
		return &image.Gray{Pix: sd.Content[:*w**h], Stride: *w, Rect: r}
	}
	img := image.NewRGBA(r)
	src, dst := sd.Content, img.Pix
	for i, j := 0, 0; j+3 < len(dst); i, j = i+3, j+4 {
		dst[j], dst[j+1], dst[j+2], dst[j+3] = src[i], src[i+1], src[i+2], 0xff
	}
	return img
}

func hasKey(d types.Dict, key string) bool {
	_, ok := d.Find(key)
	return ok
}

// imagesWithinBudget inflates every image stream of xt once, counting the
// bytes without keeping them, before pdfcpu's extraction decodes them
// without a bound: a deflate stream of 10 MB inflates to 10 GB whatever the
// image's declared size. It is false when one image needs more than
// maxBytes, when all of them together need more than four times that (the
// counting's own time), or when one is encoded with a chain of filters or a
// filter other than Flate or DCT (a chain multiplies the ratio); then no
// image of the PDF is read.
func imagesWithinBudget(xt *model.XRefTable, maxBytes int64) bool {
	total := 4 * maxBytes
	for _, e := range xt.Table {
		if e == nil || e.Object == nil {
			continue
		}
		sd, ok := e.Object.(types.StreamDict)
		if !ok || !sd.Image() {
			continue
		}
		var n int64
		switch {
		case len(sd.FilterPipeline) == 0 || len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == "DCTDecode":
			n = int64(len(sd.Raw))
		case len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == "FlateDecode":
			zr, err := zlib.NewReader(bytes.NewReader(sd.Raw))
			if err != nil {
				return false
			}
			limit := min(maxBytes, total)
			if n, err = io.Copy(io.Discard, io.LimitReader(zr, limit+1)); err != nil && n <= limit {
				return false
			}
		default:
			return false
		}
		total -= n
		if n > maxBytes || total < 0 {
			return false
		}
	}
	return true
}
