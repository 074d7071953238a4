// Package appfile reads and writes the JSON description of an application
// that `realname verify` takes.
//
// # Format
//
// A [File] holds the [Account], what was [Typed], the [Document] as read
// from the certificate, and the [Files]: the paths of the two uploads
// ([Upload]), relative to the JSON file.
//
// # Reading
//
// [Read] decodes one description from untrusted input, bounded in size and
// strict about unknown fields; [Load] reads a file and returns the
// application the verifier takes, with its uploads opened lazily.
package appfile
