package mrzread_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/mrzread"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// A passport photographed upside down and a little askew: the reader finds
// the zone, turns it upright and checks every check digit.
func ExampleReader_Read() {
	img := render.Zone([]string{
		"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
	}, render.Options{DPI: 200, Rotation: 182})
	r, err := mrzread.New(mrzread.Options{Clock: certificate.Clock{Now: func() time.Time {
		return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}}})
	if err != nil {
		panic(err)
	}
	z, err := r.Read(context.Background(), img)
	if err != nil {
		panic(err)
	}
	fmt.Println(z.Layout, z.Orientation, z.MRZ.Name(), z.MRZ.Birth)
	fmt.Println(z.Text())
	// Output:
	// TD3 180 ERIKSSON ANNA MARIA 1974-08-12
	// P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<
	// L898902C36UTO7408122F1204159ZE184226B<<<<<10
}

// An image without a zone gives ErrNoZone.
func ExampleErrNoZone() {
	r, _ := mrzread.New(mrzread.Options{})
	_, err := r.Read(context.Background(), image.NewGray(image.Rect(0, 0, 800, 600)))
	fmt.Println(errors.Is(err, mrzread.ErrNoZone), err)
	// Output: true mrzread: zone.not_found
}

// As an evidence.ImageReader, the reader reads certificate images during
// the inspection, from the image the inspection decodes.
func ExampleReader_ReadImage() {
	r, _ := mrzread.New(mrzread.Options{})
	opts := evidence.Options{Readers: []evidence.ImageReader{r}}
	reading, _ := r.ReadImage(context.Background(), evidence.Certificate, image.NewGray(image.Rect(0, 0, 800, 600)))
	fmt.Println(len(opts.Readers), reading.Reader(), reading.(*mrzread.Reading).Code)
	// Output: 1 mrz zone.not_found
}
