package certtest_test

import (
	"fmt"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/certtest"
	"github.com/realname-go/realname/certificate/schemes"
)

func ExampleCNResidentID() {
	birth := certificate.Date{Year: 1990, Month: time.May, Day: 17}
	n, err := certtest.CNResidentID(42, birth, certificate.Female, "110105")
	if err != nil {
		panic(err)
	}
	p, err := schemes.Default().Parse(certificate.IDCard, "CN", n)
	fmt.Println(len(n), n[:14], err, p.Birth, p.Sex)
	// Output: 18 11010519900517 <nil> 1990-05-17 F
}

func ExampleCNResidencePermit() {
	birth := certificate.Date{Year: 1985, Month: time.June, Day: 15}
	n, _ := certtest.CNResidencePermit(1, birth, certificate.Male, "MO")
	p, err := schemes.Default().Parse(certificate.HKMOResidencePermit, "CN", n)
	fmt.Println(n[:6], err, p.HolderRegion, p.Sex)
	// Output: 820000 <nil> MO M
}

func ExampleCNHKMOTravelPermit() {
	n, _ := certtest.CNHKMOTravelPermit(1, "HK")
	p, err := schemes.Default().Parse(certificate.HKMOTravelPermit, "HK", n)
	fmt.Println(n[:1], len(n), err, p.Number.Region())
	// Output: H 9 <nil> HK
}

func ExampleCNTWTravelPermit() {
	n := certtest.CNTWTravelPermit(1)
	fmt.Println(len(n), n == certtest.CNTWTravelPermit(1))
	// Output: 8 true
}

func ExampleCNResidentIDLegacy() {
	birth := certificate.Date{Year: 1949, Month: time.October, Day: 1}
	n, _ := certtest.CNResidentIDLegacy(7, birth, certificate.Male, "110101")
	p, err := schemes.Default().Parse(certificate.IDCard, "CN", n)
	fmt.Println(len(n), n[:12], err, len(p.Number.Canonical()), p.Birth, p.Sex)
	// Output: 15 110101491001 <nil> 18 1949-10-01 M
}

func ExampleCNHKMOTravelPermitNonCitizen() {
	n, _ := certtest.CNHKMOTravelPermitNonCitizen(3, "MO")
	p, err := schemes.Default().Parse(certificate.HKMOTravelPermit, "MO", n)
	fmt.Println(n[:2], len(n), err, p.Number.Region())
	// Output: MA 9 <nil> MO
}
