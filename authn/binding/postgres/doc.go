// Package postgres is the [binding.Store] for services with several replicas:
// PostgreSQL through github.com/jackc/pgx/v5 and its pgxpool connection pool.
//
// # Concurrency
//
// Each call is one statement calling a PL/pgSQL function. The function takes
// a transaction-scoped advisory lock on the certificate (pg_advisory_xact_lock
// on the first 64 bits of each digest of its key), then reads and writes its
// rows; under READ COMMITTED each of those statements sees every transaction
// committed before the lock was granted, so the count is exact and the limit
// holds across connections and replicas. The functions refuse to run under
// another isolation level. Context deadlines and cancellation end a call,
// including one waiting for the lock.
//
// As with any client of a server, a call that ends with a context error (or a
// lost connection) has an unknown outcome: the server may have completed it
// before the cancellation arrived. Every call is idempotent, so retry it, or
// read [Store.Status], to learn where the account stands.
//
// # Migrations
//
// [Open] and [New] create the schema ([Options.Schema], default
// [DefaultSchema]) and apply embedded SQL migrations recorded in its
// schema_migrations table, in one transaction under an advisory lock, so
// replicas starting together apply them once.
//
// # Tests
//
// The tests need a server: set REALNAME_TEST_POSTGRES_DSN, for example
// postgres://postgres@127.0.0.1:5432/realname_test?sslmode=disable. Without
// it they are skipped, unless CI is set, when they fail. Each store under
// test gets a schema of its own, dropped afterwards.
package postgres
