package bindingtest

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/realname-go/realname/authn/binding"
)

// Workers is how many goroutines the parallel benchmarks run, as many as
// the clients of the pgbench comparison in the README.
const Workers = 8

// Benchmark measures a store; newStore must return a new, empty store. It
// reports reservations per second for:
//
//   - Reserve: one goroutine, a new certificate per reservation;
//   - ReserveParallel: [Workers] goroutines, a new certificate each time;
//   - Contended: [Workers] goroutines on one certificate (limit 3), each
//     reserving and then releasing a slot for its own account; one
//     reservation per iteration, each followed by its release.
func Benchmark(b *testing.B, newStore func(b *testing.B) binding.Store) {
	b.Run("Reserve", func(b *testing.B) {
		s := newStore(b)
		defer s.Close()
		keys := keySource()
		ctx := context.Background()
		now := time.Now()
		b.ReportAllocs()
		for b.Loop() {
			res, err := s.Reserve(ctx, binding.Request{Key: keys(), Account: "bench", Limit: 3, Now: now})
			if err != nil || !res.Held {
				b.Fatalf("reserve: %+v, %v", res, err)
			}
		}
		reportRate(b)
	})
	b.Run("ReserveParallel", func(b *testing.B) {
		s := newStore(b)
		defer s.Close()
		keys := keySource()
		now := time.Now()
		b.ReportAllocs()
		b.SetParallelism(max(1, Workers/runtime.GOMAXPROCS(0)))
		b.RunParallel(func(pb *testing.PB) {
			ctx := context.Background()
			for pb.Next() {
				res, err := s.Reserve(ctx, binding.Request{Key: keys(), Account: "bench", Limit: 3, Now: now})
				if err != nil || !res.Held {
					b.Errorf("reserve: %+v, %v", res, err)
					return
				}
			}
		})
		reportRate(b)
	})
	b.Run("Contended", func(b *testing.B) {
		s := newStore(b)
		defer s.Close()
		key := keySource()()
		now := time.Now()
		var worker atomic.Int64
		b.ReportAllocs()
		b.SetParallelism(max(1, Workers/runtime.GOMAXPROCS(0)))
		b.RunParallel(func(pb *testing.PB) {
			ctx := context.Background()
			account := fmt.Sprintf("worker-%d", worker.Add(1))
			for pb.Next() {
				res, err := s.Reserve(ctx, binding.Request{Key: key, Account: account, Limit: 3, Now: now})
				if err == nil {
					_, err = s.Release(ctx, key, account, now)
				}
				if err != nil || res.Count > 3 {
					b.Errorf("contended: %+v, %v", res, err)
					return
				}
			}
		})
		reportRate(b)
	})
}

// keySource returns a function giving a new key at each call: a run-unique
// prefix and a counter, no hashing.
func keySource() func() binding.Key {
	var run [8]byte
	_, _ = rand.Read(run[:])
	var n atomic.Uint64
	return func() binding.Key {
		k := binding.Key{SecretID: "bench"}
		binary.BigEndian.PutUint64(k.Current[:8], n.Add(1))
		copy(k.Current[8:16], run[:])
		return k
	}
}

func reportRate(b *testing.B) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N)/s, "reservations/s")
	}
}
