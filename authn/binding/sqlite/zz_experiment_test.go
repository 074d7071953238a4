package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/realname-go/realname/authn/review"
)

func TestZZRatio(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	ctx := context.Background()
	ds, _ := Open(ctx, filepath.Join(t.TempDir(), "d.db"), Options{})
	defer ds.Close()
	rs, _ := Open(ctx, filepath.Join(t.TempDir(), "r.db"), Options{})
	defer rs.Close()
	if os.Getenv("ZZDROP") != "" {
		if _, err := ds.db.Exec("DROP INDEX cases_submitted"); err != nil {
			t.Fatal(err)
		}
	}
	if p := os.Getenv("ZZSYNC"); p != "" {
		ds.db.Exec("PRAGMA synchronous=" + p)
		rs.db.Exec("PRAGMA synchronous=" + p)
	}
	filled, next := 0, 0
	ri := 0
	var ratios []float64
	var dsum, rsum time.Duration
	var dn, rn int
	for round := 0; round < 8; round++ {
		// decide for 500ms
		start := time.Now()
		n := 0
		var spent time.Duration
		for time.Since(start) < 500*time.Millisecond {
			if next == filled {
				fill(t, ds.db, filled, 2000, true)
				filled += 2000
			}
			t0 := time.Now()
			if _, err := ds.Decide(ctx, review.Decision{ID: fmt.Sprintf("c%09d", next), To: review.Approved, Actor: "bench", At: now.Add(time.Hour), Limit: 3}); err != nil {
				t.Fatal(err)
			}
			spent += time.Since(t0)
			next++
			n++
		}
		dper := spent / time.Duration(n)
		dsum += spent
		dn += n
		start = time.Now()
		n = 0
		spent = 0
		var cert [32]byte
		for time.Since(start) < 500*time.Millisecond {
			ri++
			cert[0], cert[1], cert[2], cert[3] = byte(ri>>24), byte(ri>>16), byte(ri>>8), byte(ri)
			t0 := time.Now()
			tx, _ := rs.db.BeginTx(ctx, nil)
			if _, err := tx.ExecContext(ctx, `INSERT INTO bindings (cert, account, state, expires_at, secret_id, created_at) VALUES (?, ?, 1, NULL, ?, ?)`, cert[:], "bench", "bench", ms(now)); err != nil {
				t.Fatal(err)
			}
			tx.Commit()
			spent += time.Since(t0)
			n++
		}
		rper := spent / time.Duration(n)
		rsum += spent
		rn += n
		ratios = append(ratios, float64(rper)/float64(dper))
		t.Logf("round %d: decide %v raw %v ratio %.2f", round, dper, rper, float64(rper)/float64(dper))
	}
	sort.Float64s(ratios)
	t.Logf("decide %v raw %v; median ratio %.2f", dsum/time.Duration(dn), rsum/time.Duration(rn), ratios[len(ratios)/2])
}

func BenchmarkZZDecideOff(b *testing.B) {
	s, _ := Open(context.Background(), filepath.Join(b.TempDir(), "d.db"), Options{})
	defer s.Close()
	s.db.Exec("PRAGMA synchronous=OFF")
	ctx := context.Background()
	filled, next := 0, 0
	b.ReportAllocs()
	for b.Loop() {
		if next == filled {
			b.StopTimer()
			fill(b, s.db, filled, 2000, true)
			filled += 2000
			b.StartTimer()
		}
		if _, err := s.Decide(ctx, review.Decision{ID: fmt.Sprintf("c%09d", next), To: review.Approved, Actor: "bench", At: now.Add(time.Hour), Limit: 3}); err != nil {
			b.Fatal(err)
		}
		next++
	}
}

func BenchmarkZZRawOff(b *testing.B) {
	s, _ := Open(context.Background(), filepath.Join(b.TempDir(), "r.db"), Options{})
	defer s.Close()
	s.db.Exec("PRAGMA synchronous=OFF")
	ctx := context.Background()
	var cert [32]byte
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		cert[0], cert[1], cert[2], cert[3] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
		tx, _ := s.db.BeginTx(ctx, nil)
		tx.ExecContext(ctx, `INSERT INTO bindings (cert, account, state, expires_at, secret_id, created_at) VALUES (?, ?, 1, NULL, ?, ?)`, cert[:], "bench", "bench", ms(now))
		tx.Commit()
	}
}
