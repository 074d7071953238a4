package certificate_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/cn"
)

func ExampleParseKind() {
	k, err := certificate.ParseKind("hkmo_travel_permit")
	fmt.Println(k, k == certificate.HKMOTravelPermit, err)
	_, err = certificate.ParseKind("visa")
	fmt.Println(err != nil)
	// Output:
	// hkmo_travel_permit true <nil>
	// true
}

func ExampleKinds() {
	for _, k := range certificate.Kinds() {
		fmt.Println(k)
	}
	// Output:
	// passport
	// id_card
	// hkmo_travel_permit
	// tw_travel_permit
	// hkmo_residence_permit
	// tw_residence_permit
	// driver_license
}

func ExampleMask() {
	fmt.Println(certificate.Mask("11010519491231002X"))
	// Output: 1101**********002X
}

func ExampleNewNumber() {
	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	fmt.Println(n)                    // masked
	fmt.Println(string(n.Reveal()))   // full, when really needed
	fmt.Println(n.Kind(), n.Region()) // what and where
	// Output:
	// 1101**********002X
	// 11010519491231002X
	// id_card CN
}

func ExampleNewNumberError() {
	err := certificate.NewNumberError(certificate.IDCard, "CN", certificate.ErrChecksum, "", "check character mismatch", "110105194912310021")
	fmt.Println(errors.Is(err, certificate.ErrChecksum))
	fmt.Println(certificate.ReasonName(err), certificate.ReasonCode(err))
	// Output:
	// true
	// checksum number.invalid_checksum
}

func ExampleReasonName() {
	fmt.Println(certificate.ReasonName(certificate.ErrComponent), certificate.ReasonCode(certificate.ErrComponent))
	// Output: component number.invalid_component
}

func ExampleParseDate() {
	d, err := certificate.ParseDate("2024-02-29")
	fmt.Println(d, err)
	_, err = certificate.ParseDate("2023-02-29")
	fmt.Println(err)
	// Output:
	// 2024-02-29 <nil>
	// certificate: "2023-02-29" is not a calendar date
}

func ExampleNewDate() {
	d, ok := certificate.NewDate(1949, time.December, 31)
	fmt.Println(d, ok, d.AgeOn(certificate.Date{Year: 2010, Month: 5, Day: 1}))
	_, ok = certificate.NewDate(2026, time.February, 29)
	fmt.Println(ok)
	// Output:
	// 1949-12-31 true 60
	// false
}

func ExampleDateIn() {
	// 20:00 UTC on 31 December is already 1 January in Beijing.
	t := time.Date(2025, 12, 31, 20, 0, 0, 0, time.UTC)
	fmt.Println(certificate.DateOf(t), certificate.DateIn(t, time.FixedZone("CST", 8*3600)))
	// Output: 2025-12-31 2026-01-01
}

func ExampleDaysIn() {
	fmt.Println(certificate.DaysIn(2024, time.February), certificate.DaysIn(2100, time.February))
	// Output: 29 28
}

func ExampleCheckPeriod() {
	// GB 11643-1999's example holder, born 1949-12-31, was 60 in 2010: a card
	// issued then is long-term, and a 20-year card fits no rule.
	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	birth := certificate.Date{Year: 1949, Month: 12, Day: 31}
	issued := certificate.Date{Year: 2010, Month: 5, Day: 1}
	fmt.Println(certificate.CheckPeriod(n, birth, certificate.Validity{Issued: issued, LongTerm: true}))
	err := certificate.CheckPeriod(n, birth, certificate.Validity{Issued: issued, Expires: issued.AddYears(20)})
	fmt.Println(errors.Is(err, certificate.ErrPeriod))
	// Output:
	// <nil>
	// true
}

func ExampleNewRegistry() {
	reg, err := certificate.NewRegistry(cn.Schemes(cn.Options{})...)
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := reg.Parse(certificate.IDCard, "CN", "11010519491231002x")
	fmt.Println(p.Number, p.Birth, p.Sex, err)
	_, err = reg.Parse(certificate.IDCard, "FR", "123")
	fmt.Println(errors.Is(err, certificate.ErrUnsupported))
	// Output:
	// 1101**********002X 1949-12-31 F <nil>
	// true
}

func ExampleRegistry_WithClock() {
	reg, _ := certificate.NewRegistry(cn.Schemes(cn.Options{})...)
	// A holder born on 1 January 2020, seen from June 2019 and from 2030.
	const number = "110105202001010015"
	for _, year := range []int{2019, 2030} {
		clock := certificate.Clock{Now: func() time.Time { return time.Date(year, time.June, 1, 12, 0, 0, 0, time.UTC) }}
		_, err := reg.WithClock(clock).Parse(certificate.IDCard, "CN", number)
		var ne *certificate.NumberError
		errors.As(err, &ne)
		fmt.Println(year, err == nil, ne != nil && ne.Code == "number.birth_date_in_future")
	}
	// Output:
	// 2019 false true
	// 2030 true false
}

func ExampleRegistry_ParseOn() {
	reg, _ := certificate.NewRegistry(cn.Schemes(cn.Options{})...)
	today := certificate.Date{Year: 2019, Month: time.June, Day: 1}
	_, err := reg.ParseOn(today, certificate.IDCard, "CN", "110105202001010015")
	fmt.Println(err)
	// Output: certificate: CN id_card number 1101**********0015: invalid component: birth date is in the future
}

func ExampleClock() {
	// 20:00 UTC on 31 December is already 1 January in China Standard Time,
	// the zone of a Clock without a Location.
	now := func() time.Time { return time.Date(2025, time.December, 31, 20, 0, 0, 0, time.UTC) }
	fmt.Println(certificate.Clock{Now: now}.Today())
	fmt.Println(certificate.Clock{Now: now, Location: time.UTC}.Today())
	// Output:
	// 2026-01-01
	// 2025-12-31
}
