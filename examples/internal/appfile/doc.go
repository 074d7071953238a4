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
// strict about keys: they match exactly ("Typed" is not "typed") and
// unknown ones are errors. It reads the forms people type: dates year first
// as cards print them ([Date]), sex M, F or X or in words ([ParseSex]),
// regions in any case and as ISO 3166-2 ([ParseRegion], [ParseCountry]);
// typed.region is the deprecated name of typed.number_region, the region of
// the number scheme. [Load] reads a file and returns the application the
// verifier takes, with its uploads opened lazily, those that cannot be read
// left out so the verifier reports them missing ([Loaded.Unavailable]).
package appfile
