// Command formserver is a small web site with the authentication form: a
// page where a person fills in the form and uploads the two files, sees
// localized errors next to the fields, and sees the review status with its
// deadline. It also serves the same handler as JSON at POST /api/authn.
//
// The demo has no OCR service: it takes the validity and birth dates the
// applicant confirms, never the name and number, so every submission the
// dates allow waits for a reviewer (see confirmedDates).
//
// # Running
//
//	go run ./examples/formserver -addr localhost:8080
//
// Bindings go to an SQLite file (-db; a temporary one by default) with the
// secret from REALNAME_BINDING_KEY (a throw-away one for a temporary file).
//
// # Testing
//
// e2e_test.go drives the page in headless Chromium (Debian's chromium
// package, through chromedp) and checks a rejected and an accepted
// submission. Outside CI the test is skipped when chromium is absent.
package main
