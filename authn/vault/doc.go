// Package vault keeps the evidence files of review cases for the reviewer,
// encrypted at rest, and deletes them once their case has been decided for
// a while.
//
// # Stores
//
// A [Store] keeps one file per case and role (the certificate and the
// handheld photo): [Store.Put] once, [Store.Get] and [Store.Stat] by the
// desk, [Store.Delete] by the purge. [Dir], opened with [OpenDir], keeps
// them in a directory of the local filesystem, the default of a single
// machine, with the standard library alone: its Put is an exclusive create
// by link(2), so of two Puts of one file exactly one wins, across
// processes too. The package blobvault keeps them in a gocloud.dev/blob
// bucket, opened by URL: S3 and S3-compatible servers
// ("s3://bucket?region=…&endpoint=…&use_path_style=true"), memory
// ("mem://"), and "file:///dir" as a Dir, so a service that outgrows one
// machine points it at its object store. That package links gocloud.dev
// and the AWS SDK; this one, and package authn with it, links neither.
// The conformance suite in vaulttest runs on every backend.
//
// A backend of its own keeps the bytes that [Seal] makes under the name
// [ObjectKey] gives, and opens them with [Unseal], [UnsealMeta] (Stat,
// from the first [StatPrefix] bytes) and [Rewrap]: the format is the
// same in every store, so files copied from a directory to a bucket open
// there.
//
// # Encryption
//
// Every file is sealed with AES-256-GCM under a data key of its own (32
// random bytes), and the data key is sealed with the current key of a
// [Keyring] (key-encryption keys with identifiers, like the binding
// keyring's secrets). The file's [Meta] (its display name, format, size,
// SHA-256 digest, the violations the evidence checks found, when it was
// stored) is sealed with the same data key; object names hold only the
// case ID and the role, and objects carry no attributes. The additional
// data of every seal names the case and the role, so a file copied to
// another case does not open; a changed byte is a [*CorruptError]. The
// format starts with a version byte, and later versions of the package
// keep opening version 1.
//
// # Key rotation
//
// Make a keyring whose current key is the new one and whose previous keys
// include the old: new files are wrapped by the new key and old files still
// open. [Dir.Rewrap] rewraps one file's data key under the current key
// (the content is not re-encrypted), and [Dir.RewrapAll] every file; once
// no file names the old key, drop it.
//
// # Retention
//
// [Purge] deletes the files of every case decided or withdrawn more than a
// retention ago ([DefaultRetention], 30 days) and marks the case purged in
// the case store, files first, so an interrupted purge resumes; a pending
// case is never purged. The command "realname review purge" runs it.
package vault
