package mrzread

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/rules/mrzread/internal/render"
)

// TestEvaluate measures exact reads per layout and tier on random zones,
// when MRZREAD_EVAL holds the number of zones per layout and tier (the
// evaluation against Tesseract lives elsewhere; this is a quick sweep).
func TestEvaluate(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("MRZREAD_EVAL"))
	if n <= 0 {
		t.Skip("set MRZREAD_EVAL=N to run")
	}
	r := newReader(t)
	rng := rand.New(rand.NewPCG(7, 8))
	layouts := []mrz.Format{mrz.TD1, mrz.TD2, mrz.TD3, mrz.MRVA, mrz.MRVB}
	for _, tier := range []string{"clean", "moderate", "hard"} {
		for _, f := range layouts {
			ok, wrong, nozone, unread := 0, 0, 0, 0
			var dur time.Duration
			for range n {
				lines := render.RandomZone(rng, f)
				dpi := 150 + rng.Float64()*450
				rot := float64(rng.IntN(4)*90) + rng.Float64()*10 - 5
				img := degrade(render.Zone(lines, render.Options{DPI: dpi, Rotation: rot}), tier, dpi, rng)
				var trace []string
				r.trace = func(f string, a ...any) { trace = append(trace, fmt.Sprintf(f, a...)) }
				start := time.Now()
				z, err := r.Read(context.Background(), img)
				dur += time.Since(start)
				switch {
				case z != nil && z.Text() == strings.Join(lines, "\n"):
					ok++
				case z != nil:
					wrong++
					t.Errorf("%s %s: read %q, want %q", tier, f, z.Lines, lines)
				case errors.Is(err, ErrNoZone):
					nozone++
					if os.Getenv("MRZREAD_DUMP") != "" {
						dump(t, img, fmt.Sprintf("%s-%s-%d", tier, f, nozone))
					}
				default:
					unread++
					t.Logf("%s %s unreadable (dpi %.0f, rotation %.1f): %q\n%s", tier, f, dpi, rot, lines, strings.Join(trace, "\n"))
				}
			}
			t.Logf("%-8s %-4s exact %5.1f%%  wrong %d  no zone %d  unreadable %d  mean %v",
				tier, f, 100*float64(ok)/float64(n), wrong, nozone, unread, dur/time.Duration(n))
		}
	}
}

func dump(t *testing.T, img image.Image, name string) {
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	_ = os.WriteFile("/tmp/mrzread-"+name+".jpg", buf.Bytes(), 0o644)
}

// degrade applies a tier of degradations: moderate blurs a little, adds
// noise and uneven light and saves as JPEG of quality 60–85; hard blurs
// more, adds a glare band and saves at quality 50.
func degrade(img *image.RGBA, tier string, dpi float64, rng *rand.Rand) image.Image {
	if tier == "clean" {
		return img
	}
	b := img.Bounds()
	g := image.NewGray(b)
	draw.Draw(g, b, img, b.Min, draw.Src)
	scale := dpi / 300
	sigma, noise, light, q := (0.3+0.7*rng.Float64())*scale, 6.0, 30.0, 60+rng.IntN(26)
	if tier == "hard" {
		sigma, noise, light, q = (1.0+0.6*rng.Float64())*scale, 12, 50, 50
	}
	gaussian(g, sigma)
	w, h := b.Dx(), b.Dy()
	angle := rng.Float64() * 2 * math.Pi
	gx, gy := math.Cos(angle), math.Sin(angle)
	glare := tier == "hard"
	gpos := rng.Float64()
	for y := range h {
		for x := range w {
			v := float64(g.Pix[y*g.Stride+x])
			t := (float64(x)/float64(w)-0.5)*gx + (float64(y)/float64(h)-0.5)*gy
			v += light * t * 2
			if glare {
				d := float64(x)/float64(w) - gpos + 0.3*(float64(y)/float64(h)-0.5)
				v += 90 * math.Exp(-d*d/0.002)
			}
			v += rng.NormFloat64() * noise
			g.Pix[y*g.Stride+x] = uint8(min(max(v, 0), 255))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, g, &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		panic(err)
	}
	return out
}

// gaussian blurs g in place.
func gaussian(g *image.Gray, sigma float64) {
	if sigma < 0.2 {
		return
	}
	r := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*r+1)
	s := 0.0
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		s += k[i]
	}
	for i := range k {
		k[i] /= s
	}
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	tmp := make([]float64, w*h)
	for y := range h {
		for x := range w {
			v := 0.0
			for i, kv := range k {
				xx := min(max(x+i-r, 0), w-1)
				v += kv * float64(g.Pix[y*g.Stride+xx])
			}
			tmp[y*w+x] = v
		}
	}
	for y := range h {
		for x := range w {
			v := 0.0
			for i, kv := range k {
				yy := min(max(y+i-r, 0), h-1)
				v += kv * tmp[yy*w+x]
			}
			g.Pix[y*g.Stride+x] = uint8(v + 0.5)
		}
	}
}
