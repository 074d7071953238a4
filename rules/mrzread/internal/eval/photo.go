package eval

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// PhonePhoto returns a 12 MP phone-like photo: a 4000×3000 JPEG (quality
// 90) of a passport data page filling most of the frame (about 610 dpi),
// turned by 3°, on a desk, under uneven light with slight blur and noise,
// and the zone it carries.
func PhonePhoto(seed uint64) ([]byte, []string) {
	r := rng(seed, KindZone, mrz.TD3, Moderate, -1)
	lines := render.RandomZone(r, mrz.TD3)
	dpi := 3000 / (125 / 25.4)
	doc := render.Zone(lines, render.Options{DPI: dpi, Margin: -1})
	photo(doc, r, image.Rect(int(5*mm*dpi), int(10*mm*dpi), int((5+125*0.26)*mm*dpi), int((10+88*0.45)*mm*dpi)))
	// The page on a desk larger than the frame, turned, then the frame's
	// 4000×3000 cut from the middle.
	desk0 := image.NewRGBA(image.Rect(0, 0, 4400, 3400))
	desk(desk0, r)
	off := image.Pt((4400-doc.Bounds().Dx())/2, (3400-doc.Bounds().Dy())/2)
	draw.Draw(desk0, doc.Bounds().Add(off), doc, image.Point{}, draw.Src)
	turned, _ := turn(desk0, 3)
	frame := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	c := image.Pt((turned.Bounds().Dx()-4000)/2, (turned.Bounds().Dy()-3000)/2)
	draw.Draw(frame, frame.Bounds(), turned, c, draw.Src)
	img := degradeNoJPEG(frame, r)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return buf.Bytes(), lines
}

// degradeNoJPEG applies the moderate tier's blur, light and noise at 300
// dpi strength, without the JPEG round trip.
func degradeNoJPEG(img *image.RGBA, r *rand.Rand) *image.RGBA {
	gaussianRGBA(img, 0.8)
	b := img.Bounds()
	for y := range b.Dy() {
		row := img.Pix[y*img.Stride:]
		v := float64(y)/float64(b.Dy()) - 0.5
		for x := range b.Dx() {
			u := float64(x)/float64(b.Dx()) - 0.5
			add := 30*u - 20*(u*u+v*v) + r.NormFloat64()*4
			for k := range 3 {
				row[4*x+k] = clamp(float64(row[4*x+k]) + add)
			}
		}
	}
	return img
}

// PhotoCost decodes the 12 MP phone photo n times with image/jpeg and reads
// the decoded image n times, and returns the median time of each.
func PhotoCost(ctx context.Context, r *mrzread.Reader, n int) (decode, read time.Duration, err error) {
	data, lines := PhonePhoto(1)
	var dec, rd []time.Duration
	var img image.Image
	for range n {
		start := time.Now()
		img, err = jpeg.Decode(bytes.NewReader(data))
		dec = append(dec, time.Since(start))
		if err != nil {
			return 0, 0, err
		}
		start = time.Now()
		z, err := r.Read(ctx, img)
		rd = append(rd, time.Since(start))
		if err != nil {
			return 0, 0, err
		}
		if z.Text() != strings.Join(lines, "\n") {
			return 0, 0, fmt.Errorf("eval: read %q from the phone photo, want %q", z.Lines, lines)
		}
	}
	med := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	return med(dec), med(rd), nil
}
