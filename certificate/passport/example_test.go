package passport_test

import (
	"fmt"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/mrz"
	"github.com/realname-go/realname/certificate/passport"
)

func ExampleChina() {
	p, err := passport.China{}.Parse("ea 1234567")
	fmt.Println(p.Number.Canonical(), err)
	_, err = passport.China{}.Parse("EI1234567")
	fmt.Println(err)
	// Output:
	// EA1234567 <nil>
	// certificate: CN passport number EI*****67: invalid format: not a PRC passport number (E, E+letter, G, PE, SE, DE series)
}

func ExampleSchemes() {
	reg, _ := certificate.NewRegistry(passport.Schemes()...)
	p, _ := reg.Parse(certificate.Passport, "TW", "A12345678")
	fmt.Println(p.Number, p.Review)
	// Output:
	// A1*****78 [passport.unexpected_format]
}

func ExampleFromMRZ() {
	m, _ := mrz.Parse("P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\n"+
		"C11T002JM4D<<9608122F1310317<<<<<<<<<<<<<<<6", certificate.Date{Year: 2026, Month: 1, Day: 1})
	p, region, err := passport.FromMRZ(&m, certificate.Registry{})
	fmt.Println(p.Number, region, p.Birth, err)
	// Output:
	// C1*****JM DE 1996-08-12 <nil>
}
