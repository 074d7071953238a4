package driverlicense_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
)

func ExampleSchemes() {
	reg, err := certificate.NewRegistry(driverlicense.Schemes()...)
	if err != nil {
		panic(err)
	}
	p, err := reg.Parse(certificate.DriverLicense, "US-CA", "a1234567")
	fmt.Println(p.Number.Canonical(), p.Number.Region(), err)

	_, err = reg.Parse(certificate.DriverLicense, "CN", "440301199001011234")
	var ne *certificate.NumberError
	errors.As(err, &ne)
	fmt.Println(ne.Code)
	// Output:
	// A1234567 US-CA <nil>
	// driverlicense.issued_in_mainland
}

func ExampleOptions() {
	reg, _ := certificate.NewRegistry(driverlicense.SchemesWith(driverlicense.Options{Refuse: []string{"HK", "MO", "TW"}})...)
	_, err := reg.Parse(certificate.DriverLicense, "TW", "A219758834")
	var ne *certificate.NumberError
	errors.As(err, &ne)
	fmt.Println(ne.Code)
	// Output: driverlicense.region_refused
}

func ExampleCheckDVLA() {
	err := driverlicense.CheckDVLA("MORGA657054SM9IJ", driverlicense.Holder{
		Surname:    "Morgan",
		GivenNames: "Sarah Meredith",
		Birth:      certificate.Date{Year: 1964, Month: time.July, Day: 5},
		Sex:        certificate.Female,
	})
	fmt.Println(err)
	err = driverlicense.CheckDVLA("MORGA657054SM9IJ", driverlicense.Holder{Surname: "Morris", Sex: certificate.Male})
	fmt.Println(err)
	// Output:
	// <nil>
	// driverlicense: driver number does not match the holder: driverlicense.surname_mismatch, driverlicense.sex_mismatch
}

func ExampleParseEU() {
	l, err := driverlicense.ParseEU("DE", driverlicense.EUFields{
		IssueDate:  "15.03.2020",
		ExpiryDate: "14.03.2035",
		Authority:  "Stadt Köln",
		Number:     "B072RRE2I55",
	}, driverlicense.Options{})
	fmt.Println(l.Number, l.Validity.Issued, l.Validity.Expires, err)
	// Output: B0*******55 2020-03-15 2035-03-14 <nil>
}

func ExampleUSFormat() {
	expr, desc, _ := driverlicense.USFormat("CA")
	fmt.Println(expr, "—", desc)
	// Output: ^[A-Z]{1}[0-9]{7}$ — 1 Alpha + 7 Numeric
}

func ExampleSchemesWith() {
	// Refusing US refuses every state; CN is refused whatever the options.
	reg, _ := certificate.NewRegistry(driverlicense.SchemesWith(driverlicense.Options{Refuse: []string{"US"}})...)
	for _, region := range []string{"US-CA", "CN", "DE"} {
		_, err := reg.Parse(certificate.DriverLicense, region, "B1234567")
		var ne *certificate.NumberError
		if errors.As(err, &ne) {
			fmt.Println(region, ne.Code)
		} else {
			fmt.Println(region, err)
		}
	}
	// Output:
	// US-CA driverlicense.region_refused
	// CN driverlicense.issued_in_mainland
	// DE <nil>
}

func ExampleEURegions() {
	r := driverlicense.EURegions()
	fmt.Println(len(r), r[0], r[len(r)-1])
	// Output: 31 AT GB
}

func ExampleUSStates() {
	s := driverlicense.USStates()
	fmt.Println(len(s) > 50, s[0])
	// Output: true AL
}
