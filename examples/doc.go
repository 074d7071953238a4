// Package examples holds runnable programs that use the library for real: the
// realname command-line tool, the form server with its web page, and a
// unit-test example showing how a service tests its handler with the
// certtest fixtures.
package examples
