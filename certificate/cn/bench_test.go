package cn_test

import (
	"testing"

	"github.com/realname-go/realname/certificate/cn"
)

// Targets (issue 2): a valid, clean 18-digit number ≤ 100 ns/op and 0
// allocs/op; an invalid number ≤ 2 allocs/op.

func BenchmarkIDCardValid18(b *testing.B) {
	s := cn.NewIDCard(cn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse("11010519491231002X"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIDCardValid18Strict(b *testing.B) {
	s := cn.NewIDCard(cn.Options{StrictBirthYear: true})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse("11010519491231002X"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIDCardInvalidChecksum(b *testing.B) {
	s := cn.NewIDCard(cn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse("110105194912310021"); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkIDCardInvalidLength(b *testing.B) {
	s := cn.NewIDCard(cn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse("11010519491231002X1"); err == nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkIDCardInvalidTyped is the worst case for allocations: the input
// needs folding (one allocation) and is then invalid (one more).
func BenchmarkIDCardInvalidTyped(b *testing.B) {
	s := cn.NewIDCard(cn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse(" 110105 19491231 0021"); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkIDCardLegacy15(b *testing.B) {
	s := cn.NewIDCard(cn.Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse("110101491001001"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHKMOTravelPermit(b *testing.B) {
	var s cn.HKMOTravelPermitScheme
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Parse("H12345678"); err != nil {
			b.Fatal(err)
		}
	}
}
