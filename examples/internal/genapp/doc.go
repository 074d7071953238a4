// Command genapp writes the example applications of examples/testdata: an
// application the default policy accepts (application.json) and one it
// rejects (rejected.json), with the two images they name.
//
// # Data
//
// The numbers come from certificate/certtest and the images from
// authn/authntest, so nothing belongs to a real person.
//
// # Running
//
//	go generate ./examples/internal/genapp
//
// A test checks that the committed files are what the generator writes.
package main
