// Package vaulttest is the conformance suite of vault.Store: [Run] checks a
// backend's round trip, its refusal of a second file, Delete's idempotence,
// that the stored bytes never hold the plaintext, tampering and moved
// files, key rotation and racing Puts. The vault's own tests run it on the
// local filesystem, memory and a real S3-compatible server; run it on any
// other backend a service uses.
package vaulttest
