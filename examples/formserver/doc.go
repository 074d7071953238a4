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
// # Reading the certificate
//
// The demo has no OCR service of its own: it takes the validity and birth
// dates the applicant confirms, never the name and number (see
// confirmedDates). What it reads is the machine-readable zone of the
// certificate image (authn.WithZoneReader; one reader made at start, with
// the server's clock), in the decode the evidence checks already make, or
// in the largest image inside a PDF. When the photo shows a zone, the name,
// number, kind and issuing state come from it: a name, number or region
// that differs is refused, with the message next to that field of the form
// (claim.name_mismatch on the name, claim.number_mismatch on the number,
// claim.region_mismatch on the region), as are confirmed dates the zone
// contradicts (application.mrz_mismatch, next to the date). A submission
// that agrees, with files the evidence checks do not flag, has the verdict
// accept, and its case waits only for the reviewer's look at the handheld
// photo, which no rule judges (the demo leaves authn.Policy.AutoApprove
// off). A passport photo without a zone (zone.not_found), or
// with one nobody can read (zone.unreadable), waits for a reviewer, and
// its status page says so next to the certificate image. A certificate of
// another kind that shows no zone (the PRC identity card has none) waits
// for a reviewer too, who compares the name and number with the photos.
// -read-zone=false turns the reader off: then every submission the dates
// allow waits for a reviewer.
//
// # Running
//
//	go run ./examples/formserver -addr localhost:8080
//
// examples/realname/testdata/zone/zhangsan.png is a passport data page to
// try it with: 张三, number E12345678, born 1990-03-07, valid until
// 2034-01-01 (the evidence checks flag its grey as a photocopy, a review).
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
// rejection shown on the status page and the retry it allows, a
// withdrawal, and a passport photo whose zone names another person than
// the name typed, the mismatch shown below the name field.
// e2e_desk_test.go follows a case through the desk: rejected for
// headwear, read in Simplified Chinese, retried, approved, its slot
// confirmed, and its files purged after the retention. They write
// screenshots of the queue, the case page, the status page and the form
// with the zone's mismatch to $REALNAME_SCREENSHOTS, or
// testdata/screenshots. Outside CI they are skipped when chromium is
// absent. zone_test.go submits 张三's passport
// (examples/realname/testdata/zone, coloured as a phone photographs it)
// without a browser: with another name, number or dates, matching, without
// its zone, with an unreadable zone, and with -read-zone=false.
package main
