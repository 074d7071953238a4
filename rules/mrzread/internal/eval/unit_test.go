package eval

import (
	"image"
	"image/color"
	"testing"

	"github.com/realname-go/realname/certificate/mrz"
)

// TestTurnMap: the map turn returns carries a point of the source onto
// where its pixel went.
func TestTurnMap(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for i := range src.Pix {
		src.Pix[i] = 255
	}
	for y := 9; y < 13; y++ {
		for x := 14; x < 18; x++ {
			src.SetRGBA(x, y, color.RGBA{0, 0, 0, 255})
		}
	}
	for _, deg := range []float64{0, 90, 180, 270, 3, 93.5, -4, 184, 266} {
		img, to := turn(src, deg)
		X, Y := to(16, 11)
		if c := img.RGBAAt(int(X), int(Y)); c.R > 60 {
			t.Errorf("%v°: the dark square's centre maps to (%.1f, %.1f), value %d", deg, X, Y, c.R)
		}
		X, Y = to(45, 30)
		if c := img.RGBAAt(int(X), int(Y)); c.R < 200 {
			t.Errorf("%v°: a white point maps to (%.1f, %.1f), value %d", deg, X, Y, c.R)
		}
	}
}

func TestValidate(t *testing.T) {
	today := clock.Today()
	truth := []string{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"}
	// O for 0 in the date of birth and I for 1 in the expiry are fixed.
	ocr := []string{truth[0], "L898902C36UTO74O8122F12O4I59ZE184226B<<<<<10"}
	if text, ok := Validate(ocr, mrz.TD3, today); !ok || text != truth[0]+"\n"+truth[1] {
		t.Errorf("Validate = %q, %v", text, ok)
	}
	// A wrong digit fails its check.
	bad := []string{truth[0], "L898902C36UTO7408123F1204159ZE184226B<<<<<10"}
	if _, ok := Validate(bad, mrz.TD3, today); ok {
		t.Error("a wrong date of birth passed")
	}
	if _, ok := Validate([]string{"P<UTO"}, mrz.TD3, today); ok {
		t.Error("a fragment passed")
	}
	if got := Lines("P<UTO ERIK<<\n\n  L8989 \n\f"); len(got) != 2 || got[0] != "P<UTOERIK<<" || got[1] != "L8989" {
		t.Errorf("Lines = %q", got)
	}
}
