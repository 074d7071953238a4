// Package sqlite is the embedded [binding.Store]: one SQLite file through the
// pure-Go driver modernc.org/sqlite, no cgo.
//
// # Concurrency
//
// [Open] sets WAL journaling, a busy timeout and full fsync on commit, and
// runs every write as a BEGIN IMMEDIATE transaction, so writers on the file,
// in this process or in others, take the write lock before they read the
// count. Within a process the store uses one connection and writers queue in
// Go. A process killed at any point leaves the file consistent: the
// transaction it was in is rolled back and its lock released by the kernel.
//
// # Migrations
//
// The schema lives in embedded SQL files applied on [Open], tracked with
// PRAGMA user_version, inside one write transaction, so processes opening a
// new file together apply them once.
package sqlite
