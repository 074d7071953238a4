package render

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/internal/checksum"
)

// states are issuing states and nationalities RandomZone draws from.
var states = []string{"UTO", "CHN", "NLD", "D<<", "FRA", "USA", "GBR", "CAN", "JPN", "KOR", "HKG", "MAC", "TWN", "BEL", "SWE"}

// RandomZone returns the lines of a valid zone of layout f (check digits
// right, dates real: births between 1930 and 2019, expiries between 2015
// and 2044), drawn from rng.
func RandomZone(rng *rand.Rand, f mrz.Format) []string {
	letters := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('A' + rng.IntN(26))
		}
		return string(b)
	}
	alnum := func(n int) string {
		const cs = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		b := make([]byte, n)
		for i := range b {
			b[i] = cs[rng.IntN(len(cs))]
		}
		return string(b)
	}
	pad := func(s string, n int) string {
		if len(s) >= n {
			return s[:n]
		}
		return s + strings.Repeat("<", n-len(s))
	}
	cd := func(s string) string {
		c, ok := checksum.ICAO(s)
		if !ok {
			panic("render: no check digit for " + s)
		}
		return string(c)
	}
	name := func(n int) string {
		s := letters(3+rng.IntN(8)) + "<<" + letters(3+rng.IntN(6))
		if rng.IntN(2) == 0 {
			s += "<" + letters(2+rng.IntN(6))
		}
		return pad(s, n)
	}
	date := func(y0, y1 int) string {
		return fmt.Sprintf("%02d%02d%02d", (y0+rng.IntN(y1-y0+1))%100, 1+rng.IntN(12), 1+rng.IntN(28))
	}
	state := func() string { return states[rng.IntN(len(states))] }
	sex := string("MFX<"[rng.IntN(4)])
	number := pad(alnum(6+rng.IntN(4)), 9)
	optional := func(n int) string { return pad(alnum(rng.IntN(n+1)), n) }
	birth, expiry := date(1930, 2019), date(2015, 2044)
	switch f {
	case mrz.TD1:
		l1 := "I<" + state() + number + cd(number) + optional(15)
		l2 := birth + cd(birth) + sex + expiry + cd(expiry) + state() + optional(11)
		l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
		return []string{l1, l2, name(30)}
	case mrz.TD2, mrz.TD3:
		n, code, opt := 36, "I<", optional(7)
		if f == mrz.TD3 {
			n, code, opt = 44, "P<", optional(14)
			if strings.Trim(opt, "<") == "" {
				opt += "<"
			} else {
				opt += cd(opt)
			}
		}
		l2 := number + cd(number) + state() + birth + cd(birth) + sex + expiry + cd(expiry) + opt
		l2 += cd(l2[0:10] + l2[13:20] + l2[21:])
		return []string{code + state() + name(n-5), l2}
	case mrz.MRVA, mrz.MRVB:
		n := 44
		if f == mrz.MRVB {
			n = 36
		}
		l2 := number + cd(number) + state() + birth + cd(birth) + sex + expiry + cd(expiry)
		return []string{"V<" + state() + name(n-5), l2 + optional(n-len(l2))}
	}
	return nil
}
