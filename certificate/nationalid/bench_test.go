package nationalid_test

import (
	"testing"

	"github.com/realname-go/realname/certificate/nationalid"
)

// The accept path on clean (canonical) input: ≤ 100 ns and 0 allocs is the
// target (see the README's performance table).
func BenchmarkParse(b *testing.B) {
	for _, c := range []struct{ region, number string }{
		{"HK", "A1234563"},
		{"TW", "A219758834"},
		{"KR", "9710139019902"},
		{"BR", "39053344705"},
		{"MX", "HEGG560427MVZRRL04"},
		{"IT", "RSSMRA45C12F205C"},
		{"SE", "198803200016"},
		{"FI", "131052-308T"},
	} {
		s, _ := nationalid.Scheme(c.region, nationalid.Options{})
		b.Run(c.region, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Parse(c.number); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Typed input with separators and lower case costs one allocation for the
// folded copy.
func BenchmarkParseTyped(b *testing.B) {
	s, _ := nationalid.Scheme("BR", nationalid.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse("390.533.447-05"); err != nil {
			b.Fatal(err)
		}
	}
}
