package nationalid_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/nationalid"
)

func ExampleSchemes() {
	reg, err := certificate.NewRegistry(nationalid.Schemes()...)
	if err != nil {
		panic(err)
	}
	p, err := reg.Parse(certificate.IDCard, "KR", "971013-9019902")
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Number, p.Birth, p.Sex)
	// Output: 971*******902 1897-10-13 M
}

func ExampleScheme() {
	s, _ := nationalid.Scheme("HK", nationalid.Options{})
	p, err := s.Parse("A123456(3)")
	fmt.Println(p.Number.Canonical(), err)
	_, err = s.Parse("A123456(4)")
	fmt.Println(errors.Is(err, certificate.ErrChecksum))
	// Output:
	// A1234563 <nil>
	// true
}

func ExampleScheme_parseOn() {
	// 00-01-01: 2000 seen from 2026, 1900 seen from 1999.
	s, _ := nationalid.Scheme("ZA", nationalid.Options{})
	for _, today := range []certificate.Date{{Year: 2026, Month: 1, Day: 1}, {Year: 1999, Month: 1, Day: 1}} {
		p, _ := s.(certificate.DatedScheme).ParseOn(today, "0001015077082")
		fmt.Println(p.Birth)
	}
	// Output:
	// 2000-01-01
	// 1900-01-01
}

func ExampleRegions() {
	fmt.Println(len(nationalid.Regions()), nationalid.Regions()[:4])
	// Output: 32 [AE AR BE BR]
}

func ExampleSchemes_withClock() {
	// The same South African number read in 1999 and in 2026, by a registry
	// whose clock says so.
	reg, _ := certificate.NewRegistry(nationalid.Schemes()...)
	for _, year := range []int{1999, 2026} {
		clock := certificate.Clock{Now: func() time.Time { return time.Date(year, time.January, 1, 12, 0, 0, 0, time.UTC) }}
		p, err := reg.WithClock(clock).Parse(certificate.IDCard, "ZA", "0001015077082")
		fmt.Println(p.Birth, err)
	}
	// Output:
	// 1900-01-01 <nil>
	// 2000-01-01 <nil>
}
