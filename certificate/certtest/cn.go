package certtest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
	"github.com/realname-go/realname/internal/checksum"
)

// sampleDivisions are county-level codes listed in the division table, one
// per provincial capital, six digits each, used when no division is given:
// 北京市朝阳区, 上海市徐汇区, 广州市天河区, 杭州市西湖区, 成都市武侯区,
// 武汉市武昌区, 西安市雁塔区, 南京市玄武区.
const sampleDivisions = "110105" + "310104" + "440106" + "330106" + "510107" + "420106" + "610113" + "320102"

func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// pick fills the zero birth date and sex from r: a birth date between
// 1950-01-01 and 2005-12-31, and either sex.
func pick(r *rand.Rand, birth certificate.Date, sex certificate.Sex) (certificate.Date, certificate.Sex) {
	if birth.IsZero() {
		birth = certificate.Date{Year: 1950, Month: time.January, Day: 1}.AddDays(r.IntN(20454))
	}
	if sex == certificate.SexUnspecified {
		sex = certificate.Male + certificate.Sex(r.IntN(2))
	}
	return birth, sex
}

// sequence returns the three-digit sequence code whose last digit is odd for
// men and even for women.
func sequence(r *rand.Rand, sex certificate.Sex) string {
	last := 2 * r.IntN(5)
	if sex == certificate.Male {
		last++
	}
	return fmt.Sprintf("%02d%d", r.IntN(100), last)
}

func citizen(address string, birth certificate.Date, seq string) string {
	first := fmt.Sprintf("%s%04d%02d%02d%s", address, birth.Year, int(birth.Month), birth.Day, seq)
	check, _ := checksum.Mod11_2(first)
	return first + string(check)
}

func checkArgs(birth certificate.Date, sex certificate.Sex) error {
	if !birth.Valid() {
		return fmt.Errorf("certtest: birth date %v is not a real date", birth)
	}
	if sex != certificate.Male && sex != certificate.Female {
		return fmt.Errorf("certtest: sex must be Male or Female")
	}
	return nil
}

// verify parses n with s and returns n, or the scheme's error.
func verify(s certificate.Scheme, n string) (string, error) {
	if _, err := s.Parse(n); err != nil {
		return "", fmt.Errorf("certtest: generated number is not valid: %w", err)
	}
	return n, nil
}

// CNResidentID returns a valid 18-character PRC Resident Identity Card number
// for a person born on birth, of sex, registered in division (a six-digit
// GB/T 2260 code such as "110105"). A zero birth, SexUnspecified or an empty
// division are drawn from seed; birth dates in the future and divisions of
// unknown provinces are errors. A division missing from the table gives a
// valid number that the scheme flags for review.
func CNResidentID(seed uint64, birth certificate.Date, sex certificate.Sex, division string) (string, error) {
	r := newRand(seed)
	birth, sex = pick(r, birth, sex)
	if division == "" {
		i := 6 * r.IntN(len(sampleDivisions)/6)
		division = sampleDivisions[i : i+6]
	}
	if err := checkArgs(birth, sex); err != nil {
		return "", err
	}
	if len(division) != 6 {
		return "", fmt.Errorf("certtest: division %q is not six digits", division)
	}
	if _, err := strconv.ParseUint(division, 10, 32); err != nil {
		return "", fmt.Errorf("certtest: division %q is not six digits", division)
	}
	return verify(cn.NewIDCard(cn.Options{}), citizen(division, birth, sequence(r, sex)))
}

// CNResidentIDLegacy returns a valid legacy 15-digit identity-card number
// (birth year 1900–1999 written with two digits, no check digit). Arguments
// are as for [CNResidentID]; a zero birth is drawn between 1950 and 1999.
func CNResidentIDLegacy(seed uint64, birth certificate.Date, sex certificate.Sex, division string) (string, error) {
	r := newRand(seed)
	if birth.IsZero() {
		birth = certificate.Date{Year: 1950, Month: time.January, Day: 1}.AddDays(r.IntN(18262))
	}
	if birth.Year < 1900 || birth.Year > 1999 {
		return "", fmt.Errorf("certtest: legacy numbers have birth years 1900–1999, not %d", birth.Year)
	}
	full, err := CNResidentID(seed, birth, sex, division)
	if err != nil {
		return "", err
	}
	return verify(cn.NewIDCard(cn.Options{}), full[:6]+full[8:17])
}

// CNResidencePermit returns a valid Residence Permit number for a Hong Kong
// ("HK", address code 810000), Macao ("MO", 820000) or Taiwan ("TW", 830000)
// resident born on birth, of sex. A zero birth or SexUnspecified are drawn
// from seed.
func CNResidencePermit(seed uint64, birth certificate.Date, sex certificate.Sex, holderRegion string) (string, error) {
	var address string
	var scheme certificate.Scheme
	switch holderRegion {
	case "HK":
		address, scheme = "810000", cn.NewHKMOResidencePermit(cn.Options{})
	case "MO":
		address, scheme = "820000", cn.NewHKMOResidencePermit(cn.Options{})
	case "TW":
		address, scheme = "830000", cn.NewTWResidencePermit(cn.Options{})
	default:
		return "", fmt.Errorf("certtest: residence permits are for HK, MO or TW residents, not %q", holderRegion)
	}
	r := newRand(seed)
	birth, sex = pick(r, birth, sex)
	if err := checkArgs(birth, sex); err != nil {
		return "", err
	}
	return verify(scheme, citizen(address, birth, sequence(r, sex)))
}

func travelLetter(holderRegion string) (string, error) {
	switch holderRegion {
	case "HK":
		return "H", nil
	case "MO":
		return "M", nil
	}
	return "", fmt.Errorf("certtest: Home Return Permits are for HK or MO residents, not %q", holderRegion)
}

// CNHKMOTravelPermit returns a valid 9-character Mainland Travel Permit for
// Hong Kong and Macao Residents number: H (holderRegion "HK") or M ("MO") and
// 8 digits.
func CNHKMOTravelPermit(seed uint64, holderRegion string) (string, error) {
	letter, err := travelLetter(holderRegion)
	if err != nil {
		return "", err
	}
	r := newRand(seed)
	return verify(cn.HKMOTravelPermitScheme{}, fmt.Sprintf("%s%08d", letter, r.IntN(100_000_000)))
}

// CNHKMOTravelPermitNonCitizen returns a valid number of the permit for
// non-Chinese-citizen residents of Hong Kong (HA) or Macao (MA): the letters
// and 7 digits.
func CNHKMOTravelPermitNonCitizen(seed uint64, holderRegion string) (string, error) {
	letter, err := travelLetter(holderRegion)
	if err != nil {
		return "", err
	}
	r := newRand(seed)
	return verify(cn.HKMOTravelPermitScheme{}, fmt.Sprintf("%sA%07d", letter, r.IntN(10_000_000)))
}

// CNTWTravelPermit returns a valid 8-digit Mainland Travel Permit for Taiwan
// Residents number.
func CNTWTravelPermit(seed uint64) string {
	r := newRand(seed)
	return fmt.Sprintf("%08d", r.IntN(100_000_000))
}
