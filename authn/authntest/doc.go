// Package authntest makes complete, valid authentication applications for
// tests: certificate numbers from [certtest], evidence images that pass the
// evidence rules, and multipart bodies for the form handler. Services use it
// to test their own handlers and verifiers without real people's data.
//
// # Applications
//
// [Application] returns an application that the default policy accepts
// (verdict accept; the case then waits for a person unless the policy
// approves automatically); change its fields to make it fail.
//
// # Images
//
// [CertificatePNG] and [HandheldPNG] draw deterministic images, large
// enough for the default minimum dimensions, sharp, evenly lit and in
// colour, so the pixel checks pass.
//
// # Forms
//
// [Form] encodes fields and files as multipart/form-data for
// [github.com/realname-go/realname/authn/form].
package authntest
