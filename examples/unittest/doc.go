// Package unittest shows how a service tests its own authentication
// endpoint with the library's fixtures.
//
// # The service
//
// [NewService] is the smallest real service: it mounts the form handler of
// authn/form behind its own session check, which looks bearer tokens up in
// [Sessions] and answers form.ErrNoSession for an unknown token, and takes
// what its OCR step read of each account's certificate from [Documents].
// Accounts of mainland users are registered in [CN].
//
// # The tests
//
// service_test.go drives the service through net/http/httptest with numbers
// from certificate/certtest, images and applications from authn/authntest,
// an in-memory binding store and a fixed clock: an accepted submission, one
// with a legacy 15-digit number, one whose certificate nothing read (it
// waits for a reviewer), a partner-program account refused with a problem
// document, and a request without a session.
package unittest
