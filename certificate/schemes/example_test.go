package schemes_test

import (
	"fmt"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
)

func ExampleDefault() {
	reg := schemes.Default()
	for _, c := range []struct {
		kind   certificate.Kind
		region string
		number string
	}{
		{certificate.IDCard, "CN", "11010519491231002x"},
		{certificate.IDCard, "KR", "971013-9019902"}, // python-stdnum kr.rrn doctest
		{certificate.Passport, "DE", "C11T002JM"},    // German specimen passport
		{certificate.DriverLicense, "GB", "MORGA657054SM9IJ"},
	} {
		p, err := reg.Parse(c.kind, c.region, c.number)
		fmt.Println(c.kind, c.region, p.Number, err)
	}
	// Output:
	// id_card CN 1101**********002X <nil>
	// id_card KR 971*******902 <nil>
	// passport DE C1*****JM <nil>
	// driver_license GB MORG********M9IJ <nil>
}
