// Package postgres is the [binding.Store] and the [review.Store] for services
// with several replicas: PostgreSQL through github.com/jackc/pgx/v5 and its
// pgxpool connection pool. The binding slots and the review cases live in one
// schema, so that a case and its slot move in one transaction.
//
// # Concurrency
//
// Each binding call is one statement calling a PL/pgSQL function. The
// function takes a transaction-scoped advisory lock on the certificate
// (pg_advisory_xact_lock on the first 64 bits of each digest of its key),
// then reads and writes its rows; under READ COMMITTED each of those
// statements sees every transaction committed before the lock was granted,
// so the count is exact and the limit holds across connections and replicas.
// The functions refuse to run under another isolation level. Context
// deadlines and cancellation end a call, including one waiting for the lock.
//
// As with any client of a server, a call that ends with a context error (or a
// lost connection) has an unknown outcome: the server may have completed it
// before the cancellation arrived. Every call is idempotent, so retry it, or
// read [Store.Status], to learn where the account stands.
//
// # Cases
//
// The case store's transactions begin with BEGIN ISOLATION LEVEL READ
// COMMITTED, whatever the connection's default, and send their statements in
// pipelined batches:
//
//   - [Store.Open] inserts the case and reserves its slot through take, the
//     function of [Store.Reserve], in one transaction. A pending case of the
//     account (a partial unique index) makes it an [*review.OpenCaseError];
//     a refused slot rolls the case back.
//   - [Store.Decide] takes two round trips: the first locks the case's
//     certificate, then its row (SELECT … FOR UPDATE), and reads the slot;
//     [review.Apply] moves the case in Go; the second moves the slot, writes
//     the case and commits. Approval confirms the slot through take, the
//     function of [Store.Confirm], with the same lock, count and limit, in
//     the statement that updates the case only when take holds the slot;
//     rejection and withdrawal free it through release. A
//     slot released behind the case's back is [review.ErrSlotMissing], a
//     lapsed slot that cannot be taken again [review.ErrSlotLost]; then
//     nothing changes.
//   - [Store.Claim] is one round trip: a transaction that takes an advisory
//     lock on the reviewer, so one reviewer's claims run one at a time, and
//     one statement that takes the reviewer's live case, or else the head of
//     the queue index (pending cases by deadline, then ID) with FOR UPDATE
//     SKIP LOCKED: concurrent reviewers never wait for each other's case and
//     never take the same one.
//   - [Store.List] pages by keyset, (due_at, id) > (cursor), on the queue
//     index for pending cases, so a page costs the same however long the
//     queue. [Store.Stats] is one statement.
//   - [Store.Expire] locks the certificates of the cases it closes in one
//     order, then their rows, and releases their slots with them.
//   - [Store.Note] and [Store.MarkPurged] lock the case's row alone (no
//     certificate lock: they never touch the slot or the certificate) and
//     rewrite its history and purge time. A purge lists its cases with
//     [review.Query.DecidedBefore] and Unpurged on a partial index of final,
//     unpurged cases by (deadline, ID), whose predicate tests pending rather
//     than state so that claims stay HOT updates.
//
// Every statement that locks both takes the certificate's advisory lock
// before a case's row, as the binding functions do when a write under a
// newer secret relabels the rows of a certificate and its cases with them;
// so decisions, expiry and relabelling never deadlock. A decision whose case
// was relabelled between its read and its lock starts again.
//
// # Claims
//
// A claim is a lease. By default its transaction commits asynchronously
// (synchronous_commit off for that transaction alone): a server crash can
// forget the claims of its last moments (up to three times wal_writer_delay),
// which returns those cases to the queue. It never loses a decision, whose
// commit flushes every claim before it, and never parts a case from its
// slot. [Options.SyncClaims] makes claims wait for the flush like every other
// call. A claim rewrites no indexed column, so with the table's fillfactor it
// is a HOT update and adds no index entry.
//
// # Migrations
//
// [Open] and [New] create the schema ([Options.Schema], default
// [DefaultSchema]) and apply the embedded SQL migrations newer than the
// version recorded in its schema_migrations table (001 the bindings, 002 the
// cases, 003 the purge time and the decision time of every final case), in one transaction under an advisory lock, so replicas starting
// together apply them once. A schema holding bindings only is upgraded in
// place.
//
// # Tests
//
// The tests need a server: set REALNAME_TEST_POSTGRES_DSN, for example
// postgres://postgres@127.0.0.1:5432/realname_test?sslmode=disable. Without
// it they are skipped, unless CI is set, when they fail. Each store under
// test gets a schema of its own, dropped afterwards. They run the binding and
// review conformance suites, race several pools on one schema, and assert
// with EXPLAIN that the queue uses its index. The benchmarks compare
// reviewers claiming and approving (BenchmarkReview) with pgbench's
// simple-update transaction (BenchmarkSimpleUpdate) on the same server, and
// show the next-due query flat from 10^3 to 10^6 cases (BenchmarkQueueNext).
package postgres
