package sqlite

// Benchmarks of the case store, read side by side in one run:
//
//	BenchmarkDecide / BenchmarkRawInsert: a decision (case and slot in one
//	transaction) against the cheapest write transaction of the same file.
//	BenchmarkQueueNext: the head of the queue at 10³ and 10⁶ stored cases.
//
// go test -run '^$' -bench 'Decide|RawInsert|QueueNext' -benchmem ./authn/binding/sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/realname-go/realname/authn/review"
)

// benchDoc is the document of a case filled in bulk: submitted, one event.
const benchDoc = `{"history":[{"to":"submitted","at":"2026-11-02T09:30:00Z","actor":"bench"}]}`

// fill inserts n pending cases numbered from first, in one transaction
// without a Go round trip per row: case "c%09d" of account "a%09d",
// submitted at now and due within about two years in a scattered order. With
// slots, every case has its own certificate, a random digest, and holds a
// pending slot on it; without, the cases have no certificate.
func fill(tb testing.TB, db *sql.DB, first, n int, slots bool) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	cert, secret := "NULL", "NULL"
	if slots {
		cert, secret = "randomblob(32)", "'bench'"
	}
	// The deadline of case i is a day at midnight plus i·7919 mod 10⁶
	// minutes: a scattered, repeating order, ties broken by ID.
	_, err = tx.ExecContext(ctx, `WITH RECURSIVE seq(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?1 + ?2)
		INSERT INTO cases (id, account, attempt, state, kind, region, cert, secret_id, masked, verdict,
			submitted_at, due_at, due_date, doc)
		SELECT printf('c%09d', i), printf('a%09d', i), 1, 1, 1, 'DE', `+cert+`, `+secret+`, 'C0******9', 1,
			?3, ?4 + (i * 7919 % 1000000) * 60000, '2026-11-05', ?5 FROM seq`,
		first, n, ms(now), ms(now.Truncate(24*time.Hour)), benchDoc)
	if err != nil {
		tb.Fatal(err)
	}
	if slots {
		_, err = tx.ExecContext(ctx, `INSERT INTO bindings (cert, account, state, expires_at, secret_id, created_at)
			SELECT cert, account, 1, NULL, secret_id, submitted_at FROM cases WHERE id >= printf('c%09d', ?1) AND id < printf('c%09d', ?1 + ?2)`,
			first, n)
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	// Write the batch into the database file now, so that the timed
	// commits after it do not pay for its checkpoint; RESTART, not
	// TRUNCATE, so they do not pay for growing the WAL file again either.
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(RESTART)`); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkDecide approves one pending case per iteration, one worker: the
// case's move and its slot's confirmation in one transaction, committed
// with full fsync. Pending cases are filled in batches off the clock.
func BenchmarkDecide(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "decide.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	const batch = 2000
	filled, next := 0, 0
	at := now.Add(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		if next == filled {
			b.StopTimer()
			fill(b, s.db, filled, batch, true)
			filled += batch
			b.StartTimer()
		}
		c, err := s.Decide(ctx, review.Decision{ID: fmt.Sprintf("c%09d", next), To: review.Approved, Actor: "bench", At: at, Limit: 3})
		if err != nil || c.State != review.Approved {
			b.Fatal(err)
		}
		next++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkRawInsert is the floor BenchmarkDecide is read against: one
// INSERT of one row per transaction, through the same driver, DSN and
// pragmas (a store's connection: WAL, synchronous FULL, BEGIN IMMEDIATE).
func BenchmarkRawInsert(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "raw.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	var cert [32]byte
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		cert[0], cert[1], cert[2], cert[3] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO bindings (cert, account, state, expires_at, secret_id, created_at) VALUES (?, ?, 1, NULL, ?, ?)`,
			cert[:], "bench", "bench", ms(now)); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "inserts/s")
}

// queueFiles are the queue benchmark's databases, built once per run.
var queueFiles struct {
	sync.Mutex
	dir   string
	paths map[int]string
}

// queueFile returns the path of a database holding n pending cases, built
// on first use and kept until the test binary exits.
func queueFile(b *testing.B, n int) string {
	queueFiles.Lock()
	defer queueFiles.Unlock()
	if p, ok := queueFiles.paths[n]; ok {
		return p
	}
	if queueFiles.dir == "" {
		dir, err := os.MkdirTemp("", "sqlite-queue-bench")
		if err != nil {
			b.Fatal(err)
		}
		queueFiles.dir, queueFiles.paths = dir, map[int]string{}
	}
	path := filepath.Join(queueFiles.dir, fmt.Sprintf("queue-%d.db", n))
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	fill(b, s.db, 0, n, false)
	if _, err := s.db.Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d cases in %v", n, time.Since(start).Round(time.Millisecond))
	queueFiles.paths[n] = path
	return path
}

// BenchmarkQueueNext reads the head of the queue (the next case due, as
// Claim finds it) and claims it, at 10³ and 10⁶ stored cases: through the
// queue index both stay flat.
func BenchmarkQueueNext(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("cases=%d/Next", n), func(b *testing.B) {
			s, err := Open(context.Background(), queueFile(b, n), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				cs, err := s.List(ctx, review.Query{Limit: 1})
				if err != nil || len(cs) != 1 {
					b.Fatal(len(cs), err)
				}
			}
		})
		b.Run(fmt.Sprintf("cases=%d/Claim", n), func(b *testing.B) {
			s, err := Open(context.Background(), queueFile(b, n), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			// Each claim comes as the lease of the one before ends, so it
			// takes the head of the queue again: a write transaction at the
			// same place of the index each time.
			at := now.Add(24 * time.Hour)
			b.ReportAllocs()
			for b.Loop() {
				at = at.Add(time.Second)
				if _, err := s.Claim(ctx, "bench", at, time.Second); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if queueFiles.dir != "" {
		os.RemoveAll(queueFiles.dir)
	}
	os.Exit(code)
}
