package precaution

import (
	"time"

	"golang.org/x/text/language"

	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/internal/textfold"
)

// Standing is where an account stands in individual authentication.
type Standing uint8

// The standings of an account.
const (
	// StandingNone: the account never applied, or every attempt was rejected
	// or withdrawn.
	StandingNone Standing = iota
	// StandingPending: an application is waiting for a verdict or a review.
	StandingPending
	// StandingAuthenticated: the account is authenticated; it cannot start
	// again.
	StandingAuthenticated
)

// String returns "none", "pending" or "authenticated".
func (s Standing) String() string {
	switch s {
	case StandingPending:
		return "pending"
	case StandingAuthenticated:
		return "authenticated"
	}
	return "none"
}

// Account is the account that applies, as the caller's account system knows
// it. The zero RegistrationRegion is unknown.
type Account struct {
	ID                 string
	RegistrationRegion language.Region
	PartnerProgram     bool
	Standing           Standing
}

// Claim is what the applicant typed in the form.
type Claim struct {
	// Name is the full name as typed.
	Name string
	// Kind is the certificate kind the applicant picked.
	Kind certificate.Kind
	// Region is the region of the number scheme, as a [certificate.Registry]
	// keys it: ISO 3166-1 alpha-2 ("CN", "HK") or ISO 3166-2 ("US-CA"). Empty
	// means the account's registration region.
	Region string
	// Number is the certificate number as typed.
	Number string
}

// Source says who read a [Document] from the certificate.
type Source uint8

// The sources of a document.
const (
	// SourceUnknown: the caller did not say who read the document. The
	// checks judge it like any other, but authn never approves it
	// automatically: no machine is known to have read it.
	SourceUnknown Source = iota
	// SourcePerson: a person read the certificate (staff, a reviewer).
	SourcePerson
	// SourceOCR: the caller's OCR service or MRZ reader read the
	// certificate image.
	SourceOCR
	// SourceZone: the zone reader of this library (package rules/mrzread)
	// read the certificate image's machine-readable zone; authn sets it.
	SourceZone
)

var sourceNames = [...]string{"unknown", "person", "ocr", "zone"}

// String returns "unknown", "person", "ocr" or "zone".
func (s Source) String() string {
	if int(s) < len(sourceNames) {
		return sourceNames[s]
	}
	return "unknown"
}

// Machine reports whether a machine read the document: [SourceOCR] or
// [SourceZone].
func (s Source) Machine() bool { return s == SourceOCR || s == SourceZone }

// Document is what was read from the certificate itself (by the caller's OCR,
// an MRZ reader or a person). Fields not printed on the document stay zero.
type Document struct {
	// Source says who read the document; the zero value is
	// [SourceUnknown]. Set it: only a machine-read document
	// ([Source.Machine]) lets authn approve an application automatically.
	Source Source
	Kind   certificate.Kind
	// Number is the number as read, before canonicalisation.
	Number string
	// Name is the full name as printed, for documents that print one name
	// ("张三", "CHAN Tai Man").
	Name string
	// Surname and GivenNames are the primary and secondary identifiers, for
	// documents that print them apart (passports, the MRZ).
	Surname, GivenNames string
	// NameTruncated says the names come from an MRZ whose name field was
	// full, so they may be cut short.
	NameTruncated bool
	Birth         certificate.Date
	Sex           certificate.Sex
	Validity      certificate.Validity
	// IssuingRegion is the issuing country or region when known (from an
	// MRZ reader, or printed on a driving licence). Zero when unknown.
	IssuingRegion language.Region
	// IssuingState is the MRZ issuing-state code as written, fillers
	// removed ("D", "GBN", "UTO", "XXA"). Empty without an MRZ.
	IssuingState string
	// MRZ is the machine-readable zone text, when the document has one.
	MRZ string
}

// Application is everything the typed-value precautions judge: the account,
// the claim and the document. authn.Application fills one from its own
// fields.
type Application struct {
	Account  Account
	Claim    Claim
	Document Document
	// Zone is what a reader of machine-readable zones found in the
	// certificate image (authn fills it from its zone reader); the zero
	// value means no reader looked. [ZoneRead] judges it.
	Zone Zone
	// Now, when set, is the time of this judgement instead of the clock of
	// the options: the per-call override of the one clock.
	Now time.Time
}

// schemeRegion returns the region of the number scheme the claim names.
func (a *Application) schemeRegion() string {
	if a.Claim.Region != "" {
		return a.Claim.Region
	}
	if a.Account.RegistrationRegion != (language.Region{}) {
		return a.Account.RegistrationRegion.String()
	}
	return ""
}

// birth returns the holder's birth date: as read from the document, else as
// the number encodes it (the PRC identity card and the residence permits
// carry it in digits 7–14, the 15-digit card as YYMMDD in digits 7–12 of the
// 1900s), else the zero date.
func (a *Application) birth() certificate.Date {
	if !a.Document.Birth.IsZero() {
		return a.Document.Birth
	}
	switch a.Document.Kind {
	case certificate.IDCard, certificate.HKMOResidencePermit, certificate.TWResidencePermit:
	default:
		return certificate.Date{}
	}
	num := a.Document.Number
	if num == "" {
		num = a.Claim.Number
	}
	d, _ := prcBirth(textfold.Compact(num, " -"))
	return d
}

// prcBirth returns the birth date a PRC identity or residence-permit number
// encodes, and whether it holds a real date there.
func prcBirth(n string) (certificate.Date, bool) {
	digits := func(s string) (int, bool) {
		v := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			v = v*10 + int(s[i]-'0')
		}
		return v, true
	}
	var y, m, d int
	var ok1, ok2, ok3 bool
	switch len(n) {
	case 18:
		y, ok1 = digits(n[6:10])
		m, ok2 = digits(n[10:12])
		d, ok3 = digits(n[12:14])
	case 15:
		y, ok1 = digits(n[6:8])
		y += 1900
		m, ok2 = digits(n[8:10])
		d, ok3 = digits(n[10:12])
	default:
		return certificate.Date{}, false
	}
	if !ok1 || !ok2 || !ok3 {
		return certificate.Date{}, false
	}
	return certificate.NewDate(y, time.Month(m), d)
}
