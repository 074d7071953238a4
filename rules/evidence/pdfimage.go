package evidence

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/image/tiff"
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
	img := largestPDFImage(ctx, b, c.opts.MaxPixels, c.opts.PDFTimeout)
	if img == nil {
		if err := ctx.Err(); err != nil {
			c.err = err
		}
		return
	}
	c.read(ctx, img)
}

// largestPDFImage returns the decoded image of the most pixels (at most
// maxPixels) on the pages of a PDF, or nil when there is none, pdfcpu fails
// or the timeout passes. A pdfcpu panic on a hostile file is nil too.
func largestPDFImage(ctx context.Context, b []byte, maxPixels int64, timeout time.Duration) (img image.Image) {
	defer func() {
		if recover() != nil {
			img = nil
		}
	}()
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conf := pdfConfig()
	conf.Cmd = model.EXTRACTIMAGES
	pc, err := pdfcpu.ReadWithContext(tctx, bytes.NewReader(b), conf)
	if err != nil || pc.EnsurePageCount() != nil || pdfcpu.OptimizeXRefTable(pc) != nil {
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
			if s.Thumb || s.IsImgMask || s.Width <= 0 || s.Height <= 0 || px > maxPixels {
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
	return decodeBounded(m.Reader, m.FileType, maxPixels)
}

// decodeBounded decodes an image pdfcpu extracted (JPEG, PNG or TIFF)
// when its header gives at most maxPixels pixels.
func decodeBounded(r io.Reader, fileType string, maxPixels int64) image.Image {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil
	}
	var config func(io.Reader) (image.Config, error)
	var decode func(io.Reader) (image.Image, error)
	switch fileType {
	case "jpg":
		config, decode = jpeg.DecodeConfig, jpeg.Decode
	case "png":
		config, decode = png.DecodeConfig, png.Decode
	case "tif":
		config, decode = tiff.DecodeConfig, tiff.Decode
	default:
		return nil
	}
	cfg, err := config(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil
	}
	img, err := decode(bytes.NewReader(data))
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
