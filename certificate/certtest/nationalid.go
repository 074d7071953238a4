package certtest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/nationalid"
)

// ErrNoGenerator is returned by [NationalID] for a region it cannot
// generate numbers for, or a birth date the region's numbers cannot encode.
var ErrNoGenerator = errors.New("certtest: cannot generate this number")

// NationalID returns a valid national identity number of region (one of
// [nationalid.Regions]) in canonical form, derived deterministically from
// seed. Where the region's numbers encode the birth date or sex, the number
// encodes birth and sex; a zero birth or [certificate.SexUnspecified] picks
// one from seed. The result parses with the region's scheme from
// [nationalid.Scheme] and encodes birth when judged on the birth date itself
// ([certificate.DatedScheme.ParseOn] with today = birth); for regions whose
// numbers carry a two-digit year with no century, a later today may place a
// birth more than a century ago in the wrong century.
//
// The numbers are synthetic: they pass every check the library makes but
// belong to no one, as far as anyone can tell.
func NationalID(region string, seed uint64, birth certificate.Date, sex certificate.Sex) (string, error) {
	gen, found := idGenerators(region)
	if !found {
		return "", fmt.Errorf("%w: no national ID generator for region %q", ErrNoGenerator, region)
	}
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	if birth.IsZero() {
		birth = certificate.Date{Year: 1950 + r.IntN(56), Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28)}
	} else if !birth.Valid() {
		return "", fmt.Errorf("%w: birth date %v does not exist", ErrNoGenerator, birth)
	}
	if sex == certificate.SexUnspecified {
		sex = certificate.Male + certificate.Sex(r.IntN(2))
	}
	if gen.minYear != 0 && (birth.Year < gen.minYear || birth.Year > gen.maxYear) {
		return "", fmt.Errorf("%w: %s numbers encode births from %d to %d", ErrNoGenerator, region, gen.minYear, gen.maxYear)
	}
	s, _ := nationalid.Scheme(region, nationalid.Options{})
	parse := s.Parse
	if ds, dated := s.(certificate.DatedScheme); dated {
		parse = func(input string) (certificate.Parsed, error) { return ds.ParseOn(birth, input) }
	}
	for range 64 {
		body := gen.body(r, birth, sex)
		for _, cand := range idCompletions(body, gen.alphabet, gen.checks) {
			p, err := parse(cand)
			if err != nil {
				continue
			}
			if (!p.Birth.IsZero() && p.Birth != birth) || (p.Sex != certificate.SexUnspecified && p.Sex != sex) {
				continue
			}
			return p.Number.Canonical(), nil
		}
	}
	return "", fmt.Errorf("%w: no valid %s number found for seed %d", ErrNoGenerator, region, seed)
}

// completions returns body followed by every string of n characters of
// alphabet.
func idCompletions(body, alphabet string, n int) []string {
	out := []string{body}
	for range n {
		next := make([]string, 0, len(out)*len(alphabet))
		for _, o := range out {
			for i := 0; i < len(alphabet); i++ {
				next = append(next, o+alphabet[i:i+1])
			}
		}
		out = next
	}
	return out
}

type idGenerator struct {
	// body returns the number without its check characters.
	body     func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string
	alphabet string // of the check characters
	checks   int    // how many check characters follow body
	// minYear and maxYear bound the birth years the number can encode
	// (zero: the number encodes no birth date).
	minYear, maxYear int
}

const (
	idDigits  = "0123456789"
	idLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

func idPick(r *rand.Rand, set string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(set[r.IntN(len(set))])
	}
	return b.String()
}

// oddEven returns a digit that is odd for Male, even for Female.
func idOddEven(r *rand.Rand, sx certificate.Sex) string {
	d := 2 * r.IntN(5)
	if sx == certificate.Male {
		d++
	}
	return string(rune('0' + d))
}

func idYYMMDD(b certificate.Date) string {
	return fmt.Sprintf("%02d%02d%02d", b.Year%100, int(b.Month), b.Day)
}

func idDDMMYY(b certificate.Date) string {
	return fmt.Sprintf("%02d%02d%02d", b.Day, int(b.Month), b.Year%100)
}

func idNonZero(r *rand.Rand, n int) string {
	return idPick(r, "123456789", 1) + idPick(r, idDigits, n-1)
}

// idGenerators returns the generator for region.
func idGenerators(region string) (idGenerator, bool) {
	male := func(sx certificate.Sex) bool { return sx == certificate.Male }
	switch region {
	case "HK":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, "ACDEGHKMPRVYZ", 1) + idPick(r, idDigits, 6)
		}, alphabet: idDigits + "A", checks: 1}, true
	case "MO":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, "157", 1) + idPick(r, idDigits, 7)
		}}, true
	case "TW":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, sx certificate.Sex) string {
			g := "2"
			if male(sx) {
				g = "1"
			}
			return idPick(r, idLetters, 1) + g + idPick(r, idDigits, 7)
		}, alphabet: idDigits, checks: 1}, true
	case "SG":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, _ certificate.Sex) string {
			if b.Year >= 2000 {
				return "T" + idPick(r, idDigits, 7)
			}
			return "S" + idPick(r, idDigits, 7)
		}, alphabet: idLetters, checks: 1}, true
	case "MY":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			return idYYMMDD(b) + fmt.Sprintf("%02d", 1+r.IntN(14)) + idPick(r, idDigits, 3) + idOddEven(r, sx)
		}, minYear: 1, maxYear: 9999}, true
	case "TH":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, "12345678", 1) + idPick(r, idDigits, 11)
		}, alphabet: idDigits, checks: 1}, true
	case "ID":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			day := b.Day
			if !male(sx) {
				day += 40
			}
			return idPick(r, "3", 1) + idPick(r, "12345", 1) + fmt.Sprintf("%02d%02d", 1+r.IntN(20), 1+r.IntN(30)) +
				fmt.Sprintf("%02d%02d%02d", day, int(b.Month), b.Year%100) + fmt.Sprintf("%04d", 1+r.IntN(9999))
		}, minYear: 1, maxYear: 9999}, true
	case "PH":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idNonZero(r, 12)
		}}, true
	case "IN":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, "23456789", 1) + idPick(r, idDigits, 10)
		}, alphabet: idDigits, checks: 1}, true
	case "JP":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, idDigits, 11)
		}, alphabet: idDigits, checks: 1}, true
	case "KR":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			g := map[int][2]string{1800: {"9", "0"}, 1900: {"1", "2"}, 2000: {"3", "4"}}[b.Year/100*100]
			c := g[1]
			if male(sx) {
				c = g[0]
			}
			return idYYMMDD(b) + c + fmt.Sprintf("%02d", r.IntN(97)) + idPick(r, idDigits, 3)
		}, alphabet: idDigits, checks: 1, minYear: 1800, maxYear: 2099}, true
	case "TR":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idNonZero(r, 9)
		}, alphabet: idDigits, checks: 2}, true
	case "SA":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, "12", 1) + idPick(r, idDigits, 8)
		}, alphabet: idDigits, checks: 1}, true
	case "AE":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, _ certificate.Sex) string {
			return fmt.Sprintf("784%04d", b.Year) + idPick(r, idDigits, 7)
		}, alphabet: idDigits, checks: 1, minYear: 1900, maxYear: 2099}, true
	case "EG":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			c := "2"
			if b.Year >= 2000 {
				c = "3"
			}
			gov := []string{"01", "02", "12", "21", "88"}[r.IntN(5)]
			return c + idYYMMDD(b) + gov + idPick(r, idDigits, 3) + idOddEven(r, sx) + idPick(r, idDigits, 1)
		}, minYear: 1900, maxYear: 2099}, true
	case "ZA":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			seq := r.IntN(5000)
			if male(sx) {
				seq += 5000
			}
			return idYYMMDD(b) + fmt.Sprintf("%04d", seq) + idPick(r, "01", 1) + "8"
		}, alphabet: idDigits, checks: 1, minYear: 1, maxYear: 9999}, true
	case "BR":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, idDigits, 9)
		}, alphabet: idDigits, checks: 2}, true
	case "MX":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			s := "M"
			if male(sx) {
				s = "H"
			}
			diff := idPick(r, idDigits, 1)
			if b.Year >= 2000 {
				diff = idPick(r, idLetters, 1)
			}
			states := []string{"AS", "BC", "DF", "JC", "MC", "NL", "VZ", "NE"}
			return idPick(r, "BCDFGHJLMNPRSTVZ", 1) + idPick(r, "AEIOU", 1) + idPick(r, idLetters, 2) + idYYMMDD(b) + s +
				states[r.IntN(len(states))] + idPick(r, "BCDFGHJKLMNPRSTVZ", 3) + diff
		}, alphabet: idDigits, checks: 1, minYear: 1900, maxYear: 2099}, true
	case "CL":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idNonZero(r, 8)
		}, alphabet: idDigits + "K", checks: 1}, true
	case "AR":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idNonZero(r, 8)
		}}, true
	case "CO":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idNonZero(r, 10)
		}}, true
	case "PE":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, idDigits, 8)
		}}, true
	case "ES":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, idDigits, 8)
		}, alphabet: idLetters, checks: 1}, true
	case "IT":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			day := b.Day
			if !male(sx) {
				day += 40
			}
			return idPick(r, "BCDFGLMNPRSTVZ", 6) + fmt.Sprintf("%02d", b.Year%100) + "ABCDEHLMPRST"[b.Month-1:b.Month] +
				fmt.Sprintf("%02d", day) + idPick(r, "ABCDEFGHLMZ", 1) + idPick(r, idDigits, 3)
		}, alphabet: idLetters, checks: 1, minYear: 1, maxYear: 9999}, true
	case "DE":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idPick(r, "LMNPRTVWXY", 1) + idPick(r, "0123456789CFGHJKLMNPRTVWXYZ", 8)
		}}, true
	case "NL":
		return idGenerator{body: func(r *rand.Rand, _ certificate.Date, _ certificate.Sex) string {
			return idNonZero(r, 8)
		}, alphabet: idDigits, checks: 1}, true
	case "BE":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			return idYYMMDD(b) + idPick(r, idDigits, 2) + idOddEven(r, sx)
		}, alphabet: idDigits, checks: 2, minYear: 1900, maxYear: 2099}, true
	case "PL":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			off := map[int]int{1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}[b.Year/100*100]
			return fmt.Sprintf("%02d%02d%02d", b.Year%100, int(b.Month)+off, b.Day) + idPick(r, idDigits, 3) + idOddEven(r, sx)
		}, alphabet: idDigits, checks: 1, minYear: 1800, maxYear: 2299}, true
	case "SE":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			return fmt.Sprintf("%04d%02d%02d", b.Year, int(b.Month), b.Day) + idPick(r, idDigits, 2) + idOddEven(r, sx)
		}, alphabet: idDigits, checks: 1, minYear: 1000, maxYear: 9999}, true
	case "NO":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			var ind int
			switch {
			case b.Year < 1900:
				ind = 500 + r.IntN(250)
			case b.Year < 2000:
				ind = r.IntN(500)
			default:
				ind = 500 + r.IntN(500)
			}
			ind = ind/10*10 + int(idOddEven(r, sx)[0]-'0')
			return idDDMMYY(b) + fmt.Sprintf("%03d", ind)
		}, alphabet: idDigits, checks: 2, minYear: 1854, maxYear: 2039}, true
	case "FI":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			sign := map[int]string{1800: "+", 1900: "-", 2000: "A"}[b.Year/100*100]
			ind := 2 + r.IntN(898)
			ind = ind/10*10 + int(idOddEven(r, sx)[0]-'0')
			if ind < 2 {
				ind += 10
			}
			return idDDMMYY(b) + sign + fmt.Sprintf("%03d", ind)
		}, alphabet: "0123456789ABCDEFHJKLMNPRSTUVWXY", checks: 1, minYear: 1800, maxYear: 2099}, true
	case "EE":
		return idGenerator{body: func(r *rand.Rand, b certificate.Date, sx certificate.Sex) string {
			g := (b.Year/100-18)*2 + 2
			if male(sx) {
				g--
			}
			return fmt.Sprintf("%d", g) + idYYMMDD(b) + idPick(r, idDigits, 3)
		}, alphabet: idDigits, checks: 1, minYear: 1800, maxYear: 2199}, true
	}
	return idGenerator{}, false
}
