// Package sqlite is the embedded store of bindings and review cases: one
// SQLite file through the pure-Go driver modernc.org/sqlite, no cgo. Its
// [Store] is a [binding.Store] and a [review.Store] at once.
//
// # Cases and slots
//
// The cases table lives in the same file as the bindings table, so a case
// and its binding slot move in one transaction: [Store.Open] stores a
// pending case and reserves its slot with the code of [Store.Reserve];
// [Store.Decide] applies [review.Apply] and confirms the slot (within the
// decision's limit, as [Store.Confirm] does) or releases it; [Store.Expire]
// withdraws abandoned cases and releases their slots. A decision whose slot
// is gone changes nothing and returns [review.ErrSlotMissing], or
// [review.ErrSlotLost] when the slot lapsed (its reservation expired) and
// the certificate is now full. A case refers to its certificate by the
// digest of the bindings table, never the number; when a write under a
// newer secret relabels binding rows, it relabels the cases with them.
//
// The review queue is a partial index of the pending cases by (deadline,
// ID): [Store.Claim] takes its head and [Store.List] pages through it by
// keyset, so both cost the same with a thousand cases or a million. A
// partial UNIQUE index keeps one pending case per account. Another partial
// index holds the final cases whose files were not purged, by (deadline,
// ID): the retention purge pages through it ([review.Query.DecidedBefore],
// Unpurged) and marks each case ([Store.MarkPurged]) as it goes.
//
// # Concurrency
//
// [Open] sets WAL journaling, a busy timeout and full fsync on commit, and
// runs every write as a BEGIN IMMEDIATE transaction, so writers on the file,
// in this process or in others, take the write lock before they read the
// count or the case. Within a process the store uses one connection and
// writers queue in Go. A process killed at any point leaves the file
// consistent: the transaction it was in is rolled back and its lock released
// by the kernel. Two reviewers, in one process or in two, never claim the
// same case.
//
// # Migrations
//
// The schema lives in embedded SQL files applied on [Open], tracked with
// PRAGMA user_version, inside one write transaction, so processes opening a
// new file together apply them once. A file made before the cases table
// existed gains it on its next [Open], its bindings kept.
package sqlite
