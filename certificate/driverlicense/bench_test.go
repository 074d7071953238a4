package driverlicense_test

import (
	"testing"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/driverlicense"
)

func BenchmarkParse(b *testing.B) {
	reg, _ := certificate.NewRegistry(driverlicense.Schemes()...)
	for _, c := range []struct{ region, number string }{
		{"GB", "MORGA657054SM9IJ"},
		{"US-CA", "A1234567"},
		{"US-NY", "123456789"},
		{"FR", "12AB34567"},
	} {
		b.Run(c.region, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := reg.Parse(certificate.DriverLicense, c.region, c.number); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
