package mrzread

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"testing"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// clock is fixed so that the specimens' two-digit years read the same
// every year.
var clock = certificate.Clock{Now: func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }}

// specimens are valid zones of every layout: ICAO Doc 9303 specimens and
// the test vectors of certificate/mrz.
var specimens = []struct {
	name   string
	layout mrz.Format
	text   string
}{
	{"TD3 Utopia", mrz.TD3, "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"},
	{"TD2 Utopia", mrz.TD2, "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"},
	{"TD1 Utopia", mrz.TD1, "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
	{"MRV-A Utopia", mrz.MRVA, "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<"},
	{"MRV-B Utopia", mrz.MRVB, "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<"},
	{"TD1 long number", mrz.TD1, "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"},
	{"TD3 Netherlands", mrz.TD3, "P<NLDMEULENDIJK<<LOES<ALBERTINE<<<<<<<<<<<<<\nXX00000000NLD7110195F1108280123456782<<<<<02"},
	{"TD3 China", mrz.TD3, "P<CHNCHUNG<<KWOK<SUM<<<<<<<<<<<<<<<<<<<<<<<<\nK123455994CHN8008080F1702057HK8888888<<<<<36"},
}

func newReader(t testing.TB) *Reader {
	r, err := New(Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReadOrientations(t *testing.T) {
	r := newReader(t)
	skews := []float64{4, 93, 175, 265.5, -3, 88, 183, 274}
	for i, sp := range specimens {
		rots := []float64{0, 90, 180, 270, skews[i%len(skews)]}
		if raceEnabled || testing.Short() {
			rots = []float64{skews[i%len(skews)]}
		}
		for _, rot := range rots {
			t.Run(fmt.Sprintf("%s/%v", sp.name, rot), func(t *testing.T) {
				img := render.Zone(strings.Split(sp.text, "\n"), render.Options{DPI: 200, Rotation: rot})
				z, err := r.Read(context.Background(), img)
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				if z.Text() != sp.text {
					t.Errorf("read\n%s\nwant\n%s", z.Text(), sp.text)
				}
				if z.Layout != sp.layout {
					t.Errorf("layout %v, want %v", z.Layout, sp.layout)
				}
				wantO := (int(rot+360+45) / 90 % 4) * 90
				if z.Orientation != wantO {
					t.Errorf("orientation %d, want %d", z.Orientation, wantO)
				}
				wantSkew := rot - float64(int(rot+360+45)/90*90-360)
				if d := z.Skew - wantSkew; d > 0.5 || d < -0.5 {
					t.Errorf("skew %.2f, want %.2f", z.Skew, wantSkew)
				}
				if z.Box.Empty() || !z.Box.In(img.Bounds()) || z.Box.Dx()*z.Box.Dy() > img.Bounds().Dx()*img.Bounds().Dy()/3 {
					t.Errorf("box %v in %v", z.Box, img.Bounds())
				}
				if z.MRZ == nil || !z.MRZ.Valid() || len(z.Confidence) != len(z.Lines) || z.MeanConfidence() < 0.9 {
					t.Errorf("zone %+v", z)
				}
			})
		}
	}
}

func TestReadErrorsAreCoded(t *testing.T) {
	var e *Error
	err := error(&Error{Code: CodeNoZone})
	if !errors.Is(err, ErrNoZone) || errors.Is(err, ErrUnreadable) || !errors.As(err, &e) {
		t.Fatal("codes do not match")
	}
}

// TestReadSquashed reads zones stretched or squashed across their lines,
// as a camera tilted about the lines' axis or a printer's slightly
// different OCR-B leaves them.
func TestReadSquashed(t *testing.T) {
	r := newReader(t)
	for i, sy := range []float64{0.85, 1.15} {
		sp := specimens[i]
		img := render.Zone(strings.Split(sp.text, "\n"), render.Options{DPI: 200, Rotation: 1.5})
		b := img.Bounds()
		out := image.NewRGBA(image.Rect(0, 0, b.Dx(), int(float64(b.Dy())*sy)))
		for y := range out.Bounds().Dy() {
			for x := range b.Dx() {
				out.SetRGBA(x, y, img.RGBAAt(x, int(float64(y)/sy)))
			}
		}
		z, err := r.Read(context.Background(), out)
		if err != nil || z.Text() != sp.text {
			t.Errorf("%s squashed %v: %v, %v", sp.name, sy, z, err)
		}
	}
}

// TestReadLowResolution reads zones at 80 and 110 dpi, characters 8 and
// 11 pixels apart.
func TestReadLowResolution(t *testing.T) {
	r := newReader(t)
	for i, dpi := range []float64{80, 110} {
		sp := specimens[2+i]
		z, err := r.Read(context.Background(), render.Zone(strings.Split(sp.text, "\n"), render.Options{DPI: dpi, Rotation: 90}))
		if err != nil || z.Text() != sp.text {
			t.Errorf("%s at %v dpi: %v, %v", sp.name, dpi, z, err)
		}
	}
}

// TestReadConcurrent reads one image from several goroutines (run with
// -race): a Reader is safe for concurrent use.
func TestReadConcurrent(t *testing.T) {
	r := newReader(t)
	img := render.Zone(strings.Split(specimens[1].text, "\n"), render.Options{DPI: 150, Rotation: 180})
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			z, err := r.Read(context.Background(), img)
			if err == nil && z.Text() != specimens[1].text {
				err = fmt.Errorf("read %q", z.Lines)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
