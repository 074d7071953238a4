package nationalid_test

import (
	"errors"
	"testing"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/nationalid"
)

// FuzzParse feeds arbitrary text to every region's scheme: no panic, every
// error a *NumberError with one of the four reasons, and every accepted
// number's canonical form parses to itself.
func FuzzParse(f *testing.F) {
	// Seeds: one published valid number per family of layouts, plus
	// malformed input (empty, separators only, full-width, very long,
	// invalid UTF-8).
	for _, s := range []string{
		"A123456(3)", "OV290326[A]", "A219758834", "S1234567D", "770305-02-1234",
		"1101230000001", "3171015708450001", "234123412346", "123456789018",
		"971013-9019902", "10010405214", "39053344705", "HEGG560427MVZRRL04",
		"10626628-K", "10812543-H", "X1234567L", "RSSMRAQRCMNFNLRG", "L01X00T471",
		"111222333", "85.07.30-033 28", "44051401359", "121212+1212", "151086-95088",
		"131052-308T", "36805280109", "7611055077082", "29001010100015",
		"", "---", "ａ１２３４５６（３）", "\xff\xfe", "0000000000000000000000000000000000000",
	} {
		f.Add(s)
	}
	schemes := nationalid.Schemes()
	f.Fuzz(func(t *testing.T, input string) {
		for _, s := range schemes {
			p, err := s.Parse(input)
			if err != nil {
				var ne *certificate.NumberError
				if !errors.As(err, &ne) || certificate.ReasonName(ne.Reason) == "" {
					t.Fatalf("%s: error %v is not a *NumberError with a reason", s.Region(), err)
				}
				continue
			}
			c := p.Number.Canonical()
			again, err := s.Parse(c)
			if err != nil {
				t.Fatalf("%s: canonical %q of %q does not parse: %v", s.Region(), c, input, err)
			}
			if again.Number.Canonical() != c {
				t.Fatalf("%s: canonical %q parses to %q", s.Region(), c, again.Number.Canonical())
			}
			if again.Birth != p.Birth || again.Sex != p.Sex {
				t.Fatalf("%s: canonical %q changes birth or sex", s.Region(), c)
			}
		}
	})
}
