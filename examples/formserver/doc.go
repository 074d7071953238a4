// Command formserver is a small web site with the authentication form: a
// page where a person fills in the form and uploads the two files, sees
// localized errors next to the fields, and sees the review status of the
// case by its ID (GET /status/{case}, the account's own cases only): its
// deadline while pending, the reasons once rejected, with a link that
// submits the form again as the next attempt (retry_of). It also serves
// the same handler as JSON at POST /api/authn, and the status as JSON at
// GET /api/authn/{case}.
//
// The review cases live in the verifier's case store, the SQLite file of
// the binding slots, so a decision taken elsewhere (realname review
// approve|reject … -db FILE on the same file) shows on the status page. A
// second submission while the account's case is pending is answered with
// that case (409). Pending cases older than -expire are withdrawn, freeing
// their slots. There is no reviewer page yet.
//
// The demo has no OCR service: it takes the validity and birth dates the
// applicant confirms, never the name and number, so every submission the
// dates allow waits for a reviewer (see confirmedDates).
//
// # Running
//
//	go run ./examples/formserver -addr localhost:8080
//
// Bindings and cases go to an SQLite file (-db; a temporary one by default)
// with the secret from REALNAME_BINDING_KEY (a throw-away one for a
// temporary file).
//
// # Testing
//
// e2e_test.go drives the page in headless Chromium (Debian's chromium
// package, through chromedp) and checks a rejected and an accepted
// submission, a second submission while the first is pending, a reviewer's
// rejection shown on the status page and the retry it allows, and a
// withdrawal. Outside CI the test is skipped when chromium is absent.
package main
