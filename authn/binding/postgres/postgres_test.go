package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/authn/binding/bindingtest"
	"github.com/realname-go/realname/authn/binding/postgres"
	"github.com/realname-go/realname/certificate"
)

// dsn returns the test server's DSN from REALNAME_TEST_POSTGRES_DSN. Without
// it the test is skipped, unless CI is set: in CI the tests must run.
func dsn(t testing.TB) string {
	t.Helper()
	d := os.Getenv("REALNAME_TEST_POSTGRES_DSN")
	if d == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("REALNAME_TEST_POSTGRES_DSN is unset, and CI requires the PostgreSQL tests to run")
		}
		t.Skip("REALNAME_TEST_POSTGRES_DSN is unset; see the README to run the PostgreSQL tests")
	}
	return d
}

// schema returns a schema name of its own for each store, so parallel test
// runs on one database never meet, and drops it when the test ends.
func schema(t testing.TB, d string) string {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "bt_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, d)
		if err != nil {
			t.Logf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			t.Logf("drop schema %s: %v", name, err)
		}
	})
	return name
}

func open(t testing.TB) *postgres.Store {
	t.Helper()
	d := dsn(t)
	s, err := postgres.Open(context.Background(), d, postgres.Options{Schema: schema(t, d)})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	bindingtest.Run(t, func(t *testing.T) binding.Store { return open(t) })
}

func TestOpen(t *testing.T) {
	d := dsn(t)
	ctx := context.Background()
	for _, tc := range []struct {
		dsn, schema string
		reason      string
	}{
		{d, "Upper", "schema names are lower-case identifiers"},
		{d, "a;drop table x", "no SQL in the schema name"},
		{d, strings.Repeat("a", 64), "at most 63 characters"},
		{"postgres://u:secret@[::1", "x", "a malformed DSN"},
	} {
		_, err := postgres.Open(ctx, tc.dsn, postgres.Options{Schema: tc.schema})
		require.Error(t, err, tc.reason)
		assert.NotContains(t, err.Error(), "secret", "errors never show the password: %s", tc.reason)
	}
}

func TestConcurrentMigrations(t *testing.T) {
	d := dsn(t)
	name := schema(t, d)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			s, err := postgres.Open(context.Background(), d, postgres.Options{Schema: name})
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		assert.NoError(t, err, "replica %d starting together with others", i)
	}
	s, err := postgres.Open(context.Background(), d, postgres.Options{Schema: name})
	require.NoError(t, err)
	defer s.Close()
	var n int
	require.NoError(t, s.Pool().QueryRow(context.Background(), "SELECT count(*) FROM "+s.Schema()+".schema_migrations").Scan(&n))
	files, err := filepath.Glob("migrations/*.sql")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	assert.Equal(t, len(files), n, "each migration is applied once")
}

// TestDeadline holds the certificate's advisory lock from another session
// and checks that a reservation gives up when its context's deadline passes.
func TestDeadline(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	key := bindingtest.KeyOf(t, 1)
	conn, err := s.Pool().Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	_, err = conn.Exec(ctx, "SELECT pg_advisory_lock("+s.Schema()+".lock_key($1))", key.Current[:])
	require.NoError(t, err)

	dctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = s.Reserve(dctx, binding.Request{Key: key, Account: "a", Limit: 3, Now: time.Now()})
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "the error is the deadline: %v", err)
	assert.Less(t, time.Since(start), 5*time.Second, "the call returned soon after its deadline")

	_, err = conn.Exec(ctx, "SELECT pg_advisory_unlock("+s.Schema()+".lock_key($1))", key.Current[:])
	require.NoError(t, err)
	res, err := s.Reserve(ctx, binding.Request{Key: key, Account: "a", Limit: 3, Now: time.Now()})
	require.NoError(t, err)
	assert.Equal(t, binding.Result{Held: true, State: binding.Pending, Count: 1, Limit: 3}, res, "the store works after a timed-out call (which, for the same account, changes nothing either way)")
}

// TestRefusesOtherIsolation checks the store's guard: under REPEATABLE READ
// the advisory lock would not make the count current, so the store refuses.
func TestRefusesOtherIsolation(t *testing.T) {
	d := dsn(t)
	name := schema(t, d)
	sep := "?"
	if strings.Contains(d, "?") {
		sep = "&"
	}
	s, err := postgres.Open(context.Background(), d+sep+"default_transaction_isolation=repeatable%20read", postgres.Options{Schema: name})
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Reserve(context.Background(), binding.Request{Key: bindingtest.KeyOf(t, 2), Account: "a", Limit: 3, Now: time.Now()})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "READ COMMITTED")
}

// TestDumpRevealsNoNumber stores bindings for real-format numbers and checks
// that no form of them appears in a COPY of the table, which is what pg_dump
// writes.
func TestDumpRevealsNoNumber(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	keys := bindingtest.Keys(t)
	// 11010519491231002X is the sample number of GB 11643-1999.
	numbers := []certificate.Number{
		certificate.NewNumber(certificate.IDCard, "CN", "11010519491231002X"),
		certificate.NewNumber(certificate.IDCard, "CN", "110105491231002"),
		certificate.NewNumber(certificate.Passport, "CN", "G12345678"),
	}
	for i, n := range numbers {
		key, err := keys.Key(n)
		require.NoError(t, err)
		_, err = s.Reserve(ctx, binding.Request{Key: key, Account: fmt.Sprintf("acct-%d", i), Limit: 3, Now: time.Now()})
		require.NoError(t, err)
	}
	conn, err := s.Pool().Acquire(ctx)
	require.NoError(t, err)
	defer conn.Release()
	var dump strings.Builder
	_, err = conn.Conn().PgConn().CopyTo(ctx, &dump, "COPY "+s.Schema()+".bindings TO STDOUT")
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(dump.String(), "\n"), "three rows for two certificates: the 15- and 18-digit forms share one")
	for _, needle := range []string{"11010519491231002X", "11010519491231002", "110105491231002", "19491231", "12345678"} {
		assert.NotContains(t, dump.String(), needle)
	}
	key, err := keys.Key(numbers[0])
	require.NoError(t, err)
	st, err := s.Status(ctx, key, "acct-0", time.Now())
	require.NoError(t, err)
	assert.Equal(t, 2, st.Count, "the 15- and 18-digit forms are one certificate")
}

// TestReplicasRace opens the schema four times, as four replicas with their
// own pools, and races 64 goroutines through them on one certificate.
func TestReplicasRace(t *testing.T) {
	d := dsn(t)
	name := schema(t, d)
	var replicas []*postgres.Store
	for range 4 {
		s, err := postgres.Open(context.Background(), d, postgres.Options{Schema: name})
		require.NoError(t, err)
		defer s.Close()
		replicas = append(replicas, s)
	}
	key := bindingtest.KeyOf(t, 3)
	now := time.Now()
	var wg sync.WaitGroup
	held := make([]bool, bindingtest.Goroutines)
	errs := make([]error, bindingtest.Goroutines)
	for i := range bindingtest.Goroutines {
		wg.Go(func() {
			res, err := replicas[i%len(replicas)].Reserve(context.Background(),
				binding.Request{Key: key, Account: fmt.Sprintf("acct-%d", i), Limit: 3, Now: now})
			held[i], errs[i] = res.Held, err
		})
	}
	wg.Wait()
	n := 0
	for i := range held {
		require.NoError(t, errs[i])
		if held[i] {
			n++
		}
	}
	assert.Equal(t, 3, n, "exactly the limit of accounts across replicas")
	st, err := replicas[0].Status(context.Background(), key, "x", now)
	require.NoError(t, err)
	assert.Equal(t, 3, st.Count)
}

// BenchmarkStore runs with a pool of bindingtest.Workers connections, the
// client count of the pgbench comparison.
func BenchmarkStore(b *testing.B) {
	d := dsn(b)
	sep := "?"
	if strings.Contains(d, "?") {
		sep = "&"
	}
	bindingtest.Benchmark(b, func(b *testing.B) binding.Store {
		s, err := postgres.Open(context.Background(), d+sep+"pool_max_conns="+fmt.Sprint(bindingtest.Workers), postgres.Options{Schema: schema(b, d)})
		require.NoError(b, err)
		return s
	})
}

// BenchmarkSimpleUpdate runs pgbench's built-in "simple-update" transaction
// (pgbench -N; the script is printed by `pgbench -b simple-update --show-script`
// and listed in the PostgreSQL manual, "What Is the Transaction Actually
// Performed in pgbench?") through pgx with the simple query protocol, on
// tables of scale 1, with bindingtest.Workers clients: the same server, client
// count and process conditions as BenchmarkStore/ReserveParallel, for the
// README's ratio. Run the real pgbench too: `pgbench -i` then
// `pgbench -N -c 8 -j 2 -T 20`.
func BenchmarkSimpleUpdate(b *testing.B) {
	d := dsn(b)
	name := schema(b, d)
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(d)
	require.NoError(b, err)
	cfg.MaxConns = bindingtest.Workers
	cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(b, err)
	defer pool.Close()
	for _, q := range []string{
		`CREATE SCHEMA ` + name,
		`CREATE TABLE ` + name + `.pgbench_branches (bid int PRIMARY KEY, bbalance int, filler char(88)) WITH (fillfactor = 100)`,
		`CREATE TABLE ` + name + `.pgbench_tellers (tid int PRIMARY KEY, bid int, tbalance int, filler char(84)) WITH (fillfactor = 100)`,
		`CREATE TABLE ` + name + `.pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84)) WITH (fillfactor = 100)`,
		`CREATE TABLE ` + name + `.pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))`,
		`INSERT INTO ` + name + `.pgbench_branches SELECT 1, 0, ''`,
		`INSERT INTO ` + name + `.pgbench_tellers SELECT t, 1, 0, '' FROM generate_series(1, 10) t`,
		`INSERT INTO ` + name + `.pgbench_accounts SELECT a, 1, 0, '' FROM generate_series(1, 100000) a`,
		`VACUUM ANALYZE ` + name + `.pgbench_accounts`,
	} {
		_, err := pool.Exec(ctx, q)
		require.NoError(b, err)
	}
	b.ReportAllocs()
	b.SetParallelism(max(1, bindingtest.Workers/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		conn, err := pool.Acquire(ctx)
		if err != nil {
			b.Error(err)
			return
		}
		defer conn.Release()
		for pb.Next() {
			aid, tid, delta := 1+mrand.IntN(100000), 1+mrand.IntN(10), mrand.IntN(10001)-5000
			for _, st := range []struct {
				q    string
				args []any
			}{
				{`BEGIN`, nil},
				{`UPDATE ` + name + `.pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2`, []any{delta, aid}},
				{`SELECT abalance FROM ` + name + `.pgbench_accounts WHERE aid = $1`, []any{aid}},
				{`INSERT INTO ` + name + `.pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, 1, $2, $3, CURRENT_TIMESTAMP)`, []any{tid, aid, delta}},
				{`END`, nil},
			} {
				if _, err := conn.Exec(ctx, st.q, st.args...); err != nil {
					b.Error(err)
					return
				}
			}
		}
	})
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N)/s, "tps")
	}
}
