package eval

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // the external photos
	_ "image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Photos returns the decodable JPEG and PNG images below dir (the evidence
// checks' external test files: phone photos, scans and screenshots of other
// projects, none with a zone), sorted by path.
func Photos(dir string) (map[string]image.Image, []string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(p))
		if !d.IsDir() && (ext == ".jpg" || ext == ".jpeg" || ext == ".png") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	imgs := map[string]image.Image{}
	var ok []string
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return nil, nil, err
		}
		img, _, err := image.Decode(f)
		f.Close()
		if err != nil {
			continue // truncated files are the evidence checks' business
		}
		imgs[n] = img
		ok = append(ok, n)
	}
	return imgs, ok, nil
}

// NoZoneSample returns sample i of the images with no zone, cycling through
// five sources: a photo of photos (turned and degraded), a document with
// its zone left blank, a page of printed OCR-B text, lines of fixed-pitch
// random characters of a zone's length (a zone's look without its
// grammar), and noise.
func NoZoneSample(seed uint64, i int, photos []image.Image) *Sample {
	return noZoneSample(seed, i, photos, MaxDPI)
}

func noZoneSample(seed uint64, i int, photos []image.Image, maxDPI float64) *Sample {
	r := rng(seed, KindNoZone, 0, 0, i)
	tier := Tiers[r.IntN(len(Tiers))]
	s := &Sample{Kind: KindNoZone, Tier: tier, DPI: MinDPI + r.Float64()*(maxDPI-MinDPI)}
	s.Rotation = float64(r.IntN(4)*90) + (r.Float64()*10 - 5)
	src := i % 5
	if len(photos) == 0 && src == 0 {
		src = 4
	}
	switch src {
	case 0:
		p := photos[(i/5)%len(photos)]
		rgba := image.NewRGBA(image.Rect(0, 0, p.Bounds().Dx(), p.Bounds().Dy()))
		draw.Draw(rgba, rgba.Bounds(), p, p.Bounds().Min, draw.Src)
		img, _ := turn(rgba, s.Rotation)
		s.Image = degrade(img, tier, 300, r)
		s.Name = fmt.Sprintf("nozone-photo-%d", i)
	case 1, 3:
		lines := []string{strings.Repeat(" ", 44), strings.Repeat(" ", 44)}
		s.Name = fmt.Sprintf("nozone-blank-%d", i)
		if src == 3 {
			// Fixed-pitch random characters in the zone's place.
			n := []int{30, 36, 44}[r.IntN(3)]
			lines = make([]string, 2+r.IntN(2))
			const cs = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<"
			for k := range lines {
				b := make([]byte, n)
				for j := range b {
					b[j] = cs[r.IntN(len(cs))]
				}
				lines[k] = string(b)
			}
			s.Name = fmt.Sprintf("nozone-random-%d", i)
		}
		s.Lines = lines
		s.compose(r, 0)
		s.Lines = nil
	case 2:
		w, h := int(210*mm*s.DPI*0.5), int(150*mm*s.DPI*0.5)
		page := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(page, page.Bounds(), image.NewUniform(color.RGBA{248, 247, 240, 255}), image.Point{}, draw.Src)
		printText(page, r, page.Bounds(), s.DPI*0.5, 0.5+0.6*r.Float64())
		img, _ := turn(page, s.Rotation)
		s.Image = degrade(img, tier, s.DPI*0.5, r)
		s.Name = fmt.Sprintf("nozone-text-%d", i)
	default:
		w, h := 400+r.IntN(1600), 300+r.IntN(1200)
		g := image.NewGray(image.Rect(0, 0, w, h))
		for k := range g.Pix {
			g.Pix[k] = uint8(r.IntN(256))
		}
		s.Image = g
		s.Name = fmt.Sprintf("nozone-noise-%d", i)
	}
	return s
}
