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
// their slots. ?lang=en, zh-Hans or zh-Hant on any page picks the language
// over the browser's, and a cookie keeps it.
//
// # The reviewer's desk
//
// Reviewers sign in at /desk/login with a session of their own (a cookie
// scoped to /desk; a request that carries it never acts as an applicant,
// and an applicant's cookie opens no desk page). The queue (/desk/) lists
// the open cases by deadline, overdue ones marked; "take the next case"
// claims one through the case store for -lease. The case page shows, to
// the reviewer who holds the claim only, the two files side by side
// (served no-store and nosniff with the type of the format the evidence
// checks found; a PDF certificate is embedded, with a link), what the
// machine found with its scores, the typed data with the number masked
// and a reveal that is recorded in the case history with its reason, the
// checklist (approval needs every item) and the reasons to reject with,
// each with the message the applicant will read.
//
// The case store knows the masked number only. The verifier keeps the two
// files of every case opened for review in the evidence vault
// (authn.WithVault; -evidence, a directory beside -db by default, or an
// S3 bucket), encrypted under a key derived from REALNAME_BINDING_KEY. The
// form server keeps what the applicant typed, with the full number the
// reveal shows, sealed with AES-256-GCM in -kept. Both are deleted by the
// purge (vault.Purge, hourly) once the case was decided or withdrawn
// -retention ago, and the case records when.
//
// The demo has no OCR service: it takes the validity and birth dates the
// applicant confirms, never the name and number, so every submission the
// dates allow waits for a reviewer (see confirmedDates).
//
// # Running
//
//	go run ./examples/formserver -addr localhost:8080
//
// The desk's reviewers come from -reviewers or REALNAME_REVIEWERS
// ("alice:a-long-password,bob:another-password"); without either, one
// reviewer "reviewer" gets a random password, written to the log at start.
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
// withdrawal. e2e_desk_test.go follows a case through the desk: rejected
// for headwear, read in Simplified Chinese, retried, approved, its slot
// confirmed, and its files purged after the retention; it writes
// screenshots of the queue, the case page and the status page to
// $REALNAME_SCREENSHOTS, or testdata/screenshots. Outside CI the tests
// are skipped when chromium is absent.
package main
