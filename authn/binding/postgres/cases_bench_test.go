package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding/bindingtest"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/authn/review"
)

// loadQueue adds n submitted cases to the store, as Open leaves them: each
// on a certificate of its own with its pending slot, deadlines spread over
// n seconds from due in an order unrelated to the IDs. It writes them with
// two INSERT … SELECT over generate_series, then runs VACUUM ANALYZE.
func loadQueue(tb testing.TB, s *postgres.Store, n int, now, due time.Time) {
	tb.Helper()
	ctx := context.Background()
	doc, err := json.Marshal(map[string]any{"history": []review.Event{{To: review.Submitted, At: now, Actor: "applicant"}}})
	require.NoError(tb, err)
	q := s.Schema()
	for _, st := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO ` + q + `.cases (id, account, attempt, previous, state, kind, region,
				cert, secret_id, masked, cert_kind, cert_region, verdict,
				submitted_at, due_at, due_date, estimated, doc)
			SELECT 'q' || lpad(i::text, 8, '0'), 'acct-' || i, 1, '', 1, 1, 'DE',
				sha256(('queue ' || i)::bytea), 'bench', 'C0*****0', 1, 'DE', 1,
				$2, d, d::date, false, $4::jsonb
			FROM generate_series(1, $1::integer) AS i,
				LATERAL (SELECT $3::timestamptz + ((i::bigint * 7919) % $1) * interval '1 second' AS d) AS due`,
			[]any{n, now, due, doc}},
		{`INSERT INTO ` + q + `.bindings (cert, account, state, expires_at, secret_id, created_at)
			SELECT sha256(('queue ' || i)::bytea), 'acct-' || i, 1, NULL, 'bench', $2
			FROM generate_series(1, $1::integer) AS i`, []any{n, now}},
		{`VACUUM ANALYZE ` + q + `.cases`, nil},
		{`VACUUM ANALYZE ` + q + `.bindings`, nil},
	} {
		_, err := s.Pool().Exec(ctx, st.sql, st.args...)
		require.NoError(tb, err)
	}
}

// withConns returns dsn with a pool of n connections.
func withConns(d string, n int) string {
	sep := "?"
	if strings.Contains(d, "?") {
		sep = "&"
	}
	return d + sep + "pool_max_conns=" + fmt.Sprint(n)
}

// BenchmarkReview runs bindingtest.Workers reviewers, each claiming the next
// case and approving it (Claim, then Decide, which confirms the slot), on a
// pool of as many connections: the same server, client count and process
// conditions as BenchmarkSimpleUpdate, pgbench's simple-update transaction,
// to be read side by side in one run:
//
//	go test -run '^$' -bench 'Review|SimpleUpdate' ./authn/binding/postgres
//
// It reports reviews/s; each review is two transactions, a claim and a
// decision. The claims commit asynchronously, as by default, and then
// synchronously (Options.SyncClaims).
func BenchmarkReview(b *testing.B) {
	for _, sync := range []bool{false, true} {
		name := "async-claims"
		if sync {
			name = "sync-claims"
		}
		b.Run(name, func(b *testing.B) { benchmarkReview(b, sync) })
	}
}

func benchmarkReview(b *testing.B, syncClaims bool) {
	d := dsn(b)
	s, err := postgres.Open(context.Background(), withConns(d, bindingtest.Workers),
		postgres.Options{Schema: schema(b, d), SyncClaims: syncClaims})
	require.NoError(b, err)
	defer s.Close()
	now := time.Now()
	// Enough cases that no reviewer finds the queue empty.
	loadQueue(b, s, b.N+2*bindingtest.Workers, now, now.Add(72*time.Hour))
	var worker atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(max(1, bindingtest.Workers/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		reviewer := fmt.Sprintf("rev-%d", worker.Add(1))
		for pb.Next() {
			c, err := s.Claim(ctx, reviewer, now, time.Hour)
			if err == nil {
				_, err = s.Decide(ctx, review.Decision{ID: c.ID, To: review.Approved, Actor: reviewer, At: now, Limit: 3})
			}
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
	if sec := b.Elapsed().Seconds(); sec > 0 {
		b.ReportMetric(float64(b.N)/sec, "reviews/s")
	}
}

// queueSizes are the queue lengths of BenchmarkQueueNext.
var queueSizes = []int{1_000, 1_000_000}

// BenchmarkQueueNext loads queues of 10^3 and 10^6 cases once each and
// measures, one call at a time, at each size:
//
//   - next: the next-due query of Claim (the head of the cases_queue index,
//     FOR UPDATE SKIP LOCKED) in a transaction rolled back, one round trip;
//   - claim: Claim, whose lease has ended by the next call, so that the
//     queue keeps its length.
//
// The time per operation stays flat from 10^3 to 10^6 cases.
func BenchmarkQueueNext(b *testing.B) {
	d := dsn(b)
	ctx := context.Background()
	for _, n := range queueSizes {
		s, err := postgres.Open(ctx, withConns(d, 2), postgres.Options{Schema: schema(b, d)})
		require.NoError(b, err)
		now := time.Now()
		loadQueue(b, s, n, now, now.Add(72*time.Hour))
		b.Run(fmt.Sprintf("cases=%d/next", n), func(b *testing.B) {
			conn, err := s.Pool().Acquire(ctx)
			require.NoError(b, err)
			defer conn.Release()
			for b.Loop() {
				batch := &pgx.Batch{}
				batch.Queue(`BEGIN`)
				batch.Queue(postgres.QueueNextSQL(s), now)
				batch.Queue(`ROLLBACK`)
				br := conn.SendBatch(ctx, batch)
				_, err := br.Exec()
				var id string
				if err == nil {
					err = br.QueryRow().Scan(&id)
				}
				if err == nil {
					_, err = br.Exec()
				}
				if cerr := br.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			// What the server does, without the round trip: the pages the
			// query reads and its execution time.
			buffers, exec := explainNext(b, conn.Conn(), s, now)
			b.ReportMetric(buffers, "buffers")
			b.ReportMetric(exec, "server-µs")
		})
		b.Run(fmt.Sprintf("cases=%d/claim", n), func(b *testing.B) {
			// Each claim comes when the lease of the one before has ended,
			// so it takes the head of the queue again and the queue keeps
			// its length.
			at := now
			for b.Loop() {
				if _, err := s.Claim(ctx, "rev", at, time.Second); err != nil {
					b.Fatal(err)
				}
				at = at.Add(time.Second)
			}
		})
		s.Close()
	}
}

// explainNext runs the next-due query under EXPLAIN (ANALYZE, BUFFERS) in a
// transaction rolled back and returns the pages it read and its execution
// time in microseconds.
func explainNext(tb testing.TB, conn *pgx.Conn, s *postgres.Store, now time.Time) (buffers, micros float64) {
	tb.Helper()
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	require.NoError(tb, err)
	defer tx.Rollback(ctx)
	var out []byte
	require.NoError(tb, tx.QueryRow(ctx, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) `+postgres.QueueNextSQL(s), now).Scan(&out))
	var plans []struct {
		Plan struct {
			Hit  float64 `json:"Shared Hit Blocks"`
			Read float64 `json:"Shared Read Blocks"`
		}
		Exec float64 `json:"Execution Time"`
	}
	require.NoError(tb, json.Unmarshal(out, &plans))
	require.Len(tb, plans, 1)
	return plans[0].Plan.Hit + plans[0].Plan.Read, plans[0].Exec * 1000
}

// TestQueueUsesIndex asserts with EXPLAIN that Claim's statement, its
// next-due query and the List of the pending queue read the cases_queue index
// in its order, with no sort and no scan of the table, on 20,000 cases.
func TestQueueUsesIndex(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	now := base
	loadQueue(t, s, 20_000, now, now.Add(72*time.Hour))
	event, err := json.Marshal([]review.Event{{From: review.Submitted, To: review.UnderReview, At: now, Actor: "rev"}})
	require.NoError(t, err)
	for _, tc := range []struct {
		name, sql string
		args      []any
	}{
		{"claim", postgres.ClaimSQL(s), []any{"rev", now, now.Add(time.Hour), event}},
		{"next", postgres.QueueNextSQL(s), []any{now}},
		{"list", postgres.ListSQL(s), []any{50}},
	} {
		rows, err := s.Pool().Query(ctx, "EXPLAIN "+tc.sql, tc.args...)
		require.NoError(t, err, tc.name)
		var plan []string
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			plan = append(plan, line)
		}
		require.NoError(t, rows.Err())
		text := strings.Join(plan, "\n")
		assert.Contains(t, text, "Index Scan using cases_queue on", "%s reads the queue index:\n%s", tc.name, text)
		assert.NotContains(t, text, "Sort", "%s sorts nothing:\n%s", tc.name, text)
		assert.NotContains(t, text, "Seq Scan on cases", "%s scans no table:\n%s", tc.name, text)
	}
}
