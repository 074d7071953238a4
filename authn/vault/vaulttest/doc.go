// Package vaulttest is the conformance suite of vault.Store: [Run] checks a
// backend's round trip, its refusal of a second file, Delete's idempotence,
// that the stored bytes never hold the plaintext, tampering and moved
// files, key rotation and racing Puts. The vault's own tests run it on
// vault.Dir, and blobvault's on memory and a real S3-compatible server;
// run it on any other backend a service uses, giving the suite the raw
// objects beneath the store as a [Raw] ([Dir] for a directory).
//
// The package needs only the vault and testify: a backend's driver stays
// in the backend's tests.
package vaulttest
