package precaution_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/rules"
	"github.com/realname-go/realname/rules/precaution"
)

// precautionAllocBudget is the most allocations one run of Precautions may
// make on a valid application: folding a typed lower-case x (twice) and the
// period check.
const precautionAllocBudget = 4

// BenchmarkPrecautions runs every typed-value precaution, composed with All
// by Precautions, on a valid application with a PRC identity card and with
// the ICAO specimen passport data. Target: ≤ 5 µs/op and at most
// precautionAllocBudget allocations, which the benchmark enforces (the
// README records the measured values).
func BenchmarkPrecautions(b *testing.B) {
	r, err := precaution.New(precaution.Options{Numbers: registry(), Clock: certificate.Clock{Now: testNow}})
	require.NoError(b, err)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		app  precaution.Application
	}{
		{"id_card", validApplication()},
		{"passport", passportApplication("SWE", "SE")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			vs, err := r.Check(ctx, bc.app)
			require.NoError(b, err)
			require.Empty(b, vs, "the application is valid")
			if n := testing.AllocsPerRun(100, func() { _, _ = r.Check(ctx, bc.app) }); n > precautionAllocBudget {
				b.Fatalf("%v allocations per run, budget %d", n, precautionAllocBudget)
			}
			b.ReportAllocs()
			for b.Loop() {
				_, _ = r.Check(ctx, bc.app)
			}
		})
	}
}

// BenchmarkNameWellFormed measures the name checks alone.
func BenchmarkNameWellFormed(b *testing.B) {
	r := precaution.NameWellFormed(precaution.NameOptions{})
	ctx := context.Background()
	for _, name := range []string{"Anna Maria Eriksson", "张三", "阿依古丽·买买提"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = r.Check(ctx, name)
			}
		})
	}
}

// BenchmarkLocalizerMessage measures rendering one message with a region.
func BenchmarkLocalizerMessage(b *testing.B) {
	l, err := rules.NewLocalizer(precaution.Messages()...)
	require.NoError(b, err)
	v := rules.Violate(precaution.CodeRegionMismatch, rules.Reject, true, "issuing_region", "HK", "account_region", "CN")
	b.ReportAllocs()
	for b.Loop() {
		_ = l.Message(language.SimplifiedChinese, v)
	}
}
