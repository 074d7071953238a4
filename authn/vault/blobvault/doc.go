// Package blobvault keeps the evidence files of package vault in a
// gocloud.dev/blob bucket: S3 and S3-compatible servers
// ("s3://bucket?region=…&endpoint=…&use_path_style=true"), memory
// ("mem://"), and any other driver the program links in. [Open] opens a
// store by URL, which is what a service's configuration gives; [New] wraps
// a bucket the program opened itself.
//
// This package is the leaf that links gocloud.dev and the AWS SDK: a
// program that keeps its files in a directory uses [vault.OpenDir] and
// links neither. A file:// URL given to [Open] is that [vault.Dir] too,
// so one URL setting covers a single machine and an object store: a
// directory's Put is an exclusive create by link(2), which holds across
// processes, where fileblob's conditional write does not.
//
// A Bucket stores exactly what a Dir stores (the sealed bytes of
// [vault.Seal] under [vault.ObjectKey], no attributes), so files copied
// from one to the other open. The conformance suite vaulttest runs on
// memory and on a real S3-compatible server (gofakes3, or the server of
// REALNAME_TEST_S3_ENDPOINT, which CI sets).
package blobvault
