package cn_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
)

func ExampleIDCardScheme_Parse() {
	p, err := cn.NewIDCard(cn.Options{}).Parse("110105 19491231 002x")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Number, p.Number.Canonical(), p.Birth, p.Sex)
	// Output: 1101**********002X 11010519491231002X 1949-12-31 F
}

func ExampleIDCardScheme_Parse_legacy() {
	p, _ := cn.NewIDCard(cn.Options{}).Parse("110101491001001")
	fmt.Println(p.Number.Canonical())
	// Output: 11010119491001001X
}

func ExampleIDCardScheme_Parse_errors() {
	_, err := cn.NewIDCard(cn.Options{}).Parse("36042619910102009X")
	var ne *certificate.NumberError
	if errors.As(err, &ne) {
		fmt.Println(errors.Is(err, certificate.ErrChecksum), ne.Code)
	}
	fmt.Println(err)
	// Output:
	// true number.invalid_checksum
	// certificate: CN id_card number 3604**********009X: invalid checksum: MOD 11-2 check character does not match
}

func ExampleIDCardScheme_Parse_review() {
	// 235407 is a county code that no table lists: valid, with a review code.
	p, err := cn.NewIDCard(cn.Options{}).Parse("235407195106112745")
	fmt.Println(err, p.Review)
	// Output: <nil> [number.division_unlisted]
}

func ExampleOptions_strictBirthYear() {
	// 110111 (房山区) dates from 1986; python-stdnum's vector for a 1980 birth.
	lenient := cn.NewIDCard(cn.Options{})
	strict := cn.NewIDCard(cn.Options{StrictBirthYear: true})
	_, err1 := lenient.Parse("110111198012010078")
	_, err2 := strict.Parse("110111198012010078")
	var ne *certificate.NumberError
	errors.As(err2, &ne)
	fmt.Println(err1, ne.Code)
	// Output: <nil> number.division_not_in_birth_year
}

func ExampleIDCardScheme_ParseOn() {
	today := certificate.Date{Year: 2000, Month: time.January, Day: 1}
	s := cn.NewIDCard(cn.Options{})
	_, err := s.ParseOn(today, "110105200501010012") // born after today
	var ne *certificate.NumberError
	errors.As(err, &ne)
	fmt.Println(ne.Code)
	// Output: number.birth_date_in_future
}

func ExampleNewHKMOResidencePermit() {
	p, err := cn.NewHKMOResidencePermit(cn.Options{}).Parse("810000199001010027")
	fmt.Println(err, p.HolderRegion, p.Number.Region(), p.Birth, p.Sex)
	// Output: <nil> HK CN 1990-01-01 F
}

func ExampleHKMOTravelPermitScheme_Parse() {
	var s cn.HKMOTravelPermitScheme
	old, _ := s.Parse("M1234567802") // 1999 card with the issue count
	cur, _ := s.Parse("M12345678")
	fmt.Println(old.Number.Canonical(), old.Number.Region(), old.Number.Equal(cur.Number))
	// Output: M12345678 MO true
}

func ExampleTWTravelPermitScheme_Parse() {
	p, _ := cn.TWTravelPermitScheme{}.Parse("1234567801(B)")
	fmt.Println(p.Number.Canonical(), p.HolderRegion)
	// Output: 12345678 TW
}

func ExampleDivisionInUse() {
	fmt.Println(cn.DivisionListed("110103"), cn.DivisionInUse("110103", 2009), cn.DivisionInUse("110103", 2011))
	// Output: true true false
}

func ExampleSchemes() {
	reg, _ := certificate.NewRegistry(cn.Schemes(cn.Options{})...)
	p, err := reg.Parse(certificate.IDCard, "CN", "11010519491231002X")
	fmt.Println(p.Number, err)
	// Output: 1101**********002X <nil>
}

func ExampleNewIDCard() {
	// The zero Options: county codes missing from the table are reviewed, not
	// rejected, and the birth year is not checked against the code's years.
	s := cn.NewIDCard(cn.Options{})
	fmt.Println(s.Kind(), s.Region())
	// Output: id_card CN
}

func ExampleNewTWResidencePermit() {
	// 830000 is the address code of Taiwan residents; a Hong Kong code (810000)
	// does not fit this kind.
	p, err := cn.NewTWResidencePermit(cn.Options{}).Parse("830000199001010012")
	fmt.Println(err, p.HolderRegion, p.Birth, p.Sex)
	_, err = cn.NewTWResidencePermit(cn.Options{}).Parse("810000199001010027")
	fmt.Println(errors.Is(err, certificate.ErrComponent))
	// Output:
	// <nil> TW 1990-01-01 M
	// true
}

func ExampleDivisionListed() {
	fmt.Println(cn.DivisionListed("110105"), cn.DivisionListed("110199"))
	// Output: true false
}

func ExampleProvinceKnown() {
	fmt.Println(cn.ProvinceKnown("110105"), cn.ProvinceKnown("810000"), cn.ProvinceKnown("990000"))
	// Output: true true false
}
