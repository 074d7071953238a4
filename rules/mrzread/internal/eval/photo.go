package eval

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"math/rand/v2"

	"github.com/realname-go/realname/certificate/mrz"
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
