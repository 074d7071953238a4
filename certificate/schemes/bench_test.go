package schemes_test

import (
	"testing"
	"time"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/internal/checksum"
)

// The registry route for a valid, clean 18-digit PRC number, compared with
// BenchmarkBareMod11_2, the check-character loop alone.

func BenchmarkRegistryIDCard(b *testing.B) {
	reg := schemes.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reg.Parse(certificate.IDCard, "CN", "11010519491231002X"); err != nil {
			b.Fatal(err)
		}
	}
}

// With a clock the registry reads it once per call to a dated scheme.
func BenchmarkRegistryIDCardWithClock(b *testing.B) {
	reg := schemes.Default().WithClock(certificate.Clock{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reg.Parse(certificate.IDCard, "CN", "11010519491231002X"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRegistryIDCardParseOn(b *testing.B) {
	reg := schemes.Default()
	today := certificate.Date{Year: 2026, Month: 1, Day: 1}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reg.ParseOn(today, certificate.IDCard, "CN", "11010519491231002X"); err != nil {
			b.Fatal(err)
		}
	}
}

var sink byte

// BenchmarkBareMod11_2 is the ISO 7064 MOD 11-2 check of 17 digits
// (internal/checksum) and nothing else: the baseline of the registry route.
func BenchmarkBareMod11_2(b *testing.B) {
	for b.Loop() {
		sink, _ = checksum.Mod11_2("11010519491231002")
	}
	if sink != 'X' {
		b.Fatal("wrong check character")
	}
}
