package authn

import (
	"io"
	"time"

	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/precaution"
)

// Application is one request for individual real-name authentication.
//
// Account comes from the caller's account system, never from the form.
// Claim is what the applicant typed. Document is what the caller's OCR or
// MRZ reader (or a person) read from the certificate; never fill it from
// what the applicant typed, or the name and number matches (precaution 4)
// compare the input with itself. Certificate and Handheld are the two
// uploaded files.
//
// A zero Document means nothing read the certificate. Then the checks that
// judge the document alone ([CheckValidity], [CheckMRZ], [CheckConsistency])
// do not run, the name and number matches ([CheckNameMatch],
// [CheckNumberMatch]) keep their review violations (claim.name_unverified,
// claim.number_unverified), and all five are reported as [Skip] with the
// note "nothing read the certificate": the verdict is at best review, and
// the application is never approved automatically, so a person compares the
// certificate with what was typed.
type Application struct {
	Account     precaution.Account
	Claim       precaution.Claim
	Document    precaution.Document
	Certificate Evidence
	Handheld    Evidence
	// Now, when set, is the time of this verification instead of the
	// verifier's clock: the per-call override of [WithClock].
	Now time.Time
}

// Evidence is one uploaded file. The verifier reads it through the evidence
// rules once: from Open when set (and closes it), or from Reader. A caller
// that already inspected the file while streaming it (as the form handler
// does) sets Inspected instead, and the verifier uses that report if its
// own inspector made it.
type Evidence struct {
	// Name is the declared file name; only its extension is used.
	Name string
	// ContentType is the declared content type; may be empty.
	ContentType string
	Open        func() (io.ReadCloser, error)
	Reader      io.Reader
	// Inspected is the report of an inspection already made by the
	// verifier's own inspector ([Verifier.Inspector]), as the form handler
	// makes while streaming. Any other report is refused with
	// [ErrUntrustedReport] unless the verifier takes foreign inspections
	// ([WithForeignInspections]); when Open or Reader is set too, the file
	// is inspected again instead.
	Inspected *evidence.Report
	// Content is the whole file, for a caller that already holds it (the
	// form handler buffers each upload before inspecting it). It is read
	// instead of Open and Reader, and is what a verifier with an evidence
	// store keeps for the reviewer. With Inspected it must be the bytes the
	// report was made from. The verifier reads it only until Verify or
	// Retry returns (an evidence store encrypts it before), so a caller
	// may reuse the buffer afterwards, as the form handler does.
	Content []byte
}

// present reports whether the applicant supplied the file at all.
func (e Evidence) present() bool {
	return e.Inspected != nil || e.Content != nil || e.Open != nil || e.Reader != nil
}

// rulesApplication returns the part of a the typed-value rules judge.
func (a *Application) rulesApplication() precaution.Application {
	return precaution.Application{Account: a.Account, Claim: a.Claim, Document: a.Document}
}
