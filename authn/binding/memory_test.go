package binding_test

import (
	"testing"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/bindingtest"
	"github.com/realname-go/realname/certificate"
)

func TestMemoryConformance(t *testing.T) {
	bindingtest.Run(t, func(t *testing.T) binding.Store { return binding.NewMemory() })
}

func BenchmarkMemory(b *testing.B) {
	bindingtest.Benchmark(b, func(b *testing.B) binding.Store { return binding.NewMemory() })
}

func BenchmarkKeyringKey(b *testing.B) {
	keys := bindingtest.Keys(b)
	n := certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := keys.Key(n); err != nil {
			b.Fatal(err)
		}
	}
}
