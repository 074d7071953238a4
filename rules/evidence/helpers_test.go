package evidence

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"testing"

	"golang.org/x/image/bmp"
)

func imageGray(w, h int, v uint8) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = v
	}
	return img
}

type seed struct {
	name string
	b    []byte
}

// smallSeeds returns 8×8 images in every accepted format; the JPEG carries
// the camera EXIF segment of the corpus photo.
func smallSeeds(tb testing.TB) []seed {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 64 {
		img.Set(i%8, i/8, color.RGBA{uint8(i * 4), uint8(255 - i*4), uint8(i * 2), 255})
	}
	var j, p, b bytes.Buffer
	if jpeg.Encode(&j, img, nil) != nil || png.Encode(&p, img) != nil || bmp.Encode(&b, img) != nil {
		tb.Fatal("encoding seeds")
	}
	jb := j.Bytes()
	if cam, err := os.ReadFile("testdata/corpus/good_camera.jpg"); err == nil {
		if i := bytes.Index(cam, []byte("\xff\xe1")); i > 0 {
			n := int(cam[i+2])<<8 | int(cam[i+3])
			jb = append(append(append([]byte{}, jb[:2]...), cam[i:i+2+n]...), jb[2:]...)
		}
	}
	return []seed{{"a.jpg", jb}, {"a.png", p.Bytes()}, {"a.bmp", b.Bytes()}}
}
