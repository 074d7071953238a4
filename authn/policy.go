package authn

import (
	"slices"

	"github.com/realname-go/realname/authn/binding"
	"github.com/realname-go/realname/certificate"
	"github.com/realname-go/realname/certificate/schemes"
	"github.com/realname-go/realname/rules/evidence"
	"github.com/realname-go/realname/rules/precaution"
)

// Names of the checks, as they appear in [Report.Checks]: the precautions
// of package rules/precaution under their own names (the same constants,
// repeated here so a caller needs one import), and the checks of this
// package. The numbers are those of the precautions every application must
// meet.
const (
	CheckAccount         = precaution.CheckAccount     // 8: no partner program, not authenticated yet
	CheckKind            = precaution.CheckKind        // kinds allowed for the account's region
	CheckTypedName       = precaution.CheckTypedName   // the typed name is well formed
	CheckRegion          = precaution.CheckRegion      // 1: issuing region = registration region
	CheckNumber          = precaution.CheckNumber      // 2: the number is valid
	CheckValidity        = precaution.CheckValidity    // 2: not expired, not yet-to-start, period fits
	CheckMRZ             = precaution.CheckZone        // 2: the machine-readable zone, when read, is valid and agrees
	CheckConsistency     = precaution.CheckConsistency // 2: what the document states twice agrees
	CheckNameMatch       = precaution.CheckNameMatch   // 4: typed name = document name
	CheckNumberMatch     = precaution.CheckNumberMatch // 4: typed number = document number
	CheckCertificateFile = "evidence.certificate"      // 3, 6: the certificate photo or scan
	CheckHandheldFile    = "evidence.handheld"         // 5, 6: the photo holding the certificate
	CheckDistinctFiles   = "evidence.distinct"         // 5: the handheld photo is not the certificate image again
	CheckLimit           = "binding.limit"             // 7: at most Limit accounts per certificate
	defaultWorkingDays   = 3
	systemActor          = "system"
)

// Check is a named rule over the typed values of an application, for
// [Policy.Extra].
type Check = precaution.Check

// Policy is what the [Verifier] enforces. It is plain data: copy
// [DefaultPolicy], change fields, and pass it to [WithPolicy]. Each
// built-in check reads its options from the matching field; [Policy.Skip]
// leaves checks out by name and [Policy.Extra] adds the caller's own.
type Policy struct {
	// Account refuses partner-program and already authenticated accounts
	// (precaution 8).
	Account precaution.AccountOptions
	// Kinds lists the certificate kinds allowed per account region; the
	// zero value allows all seven everywhere.
	Kinds precaution.KindPolicy
	// Name bounds the typed name.
	Name precaution.NameOptions
	// Regions is the issuing-region policy per kind (precaution 1).
	Regions precaution.RegionOptions
	// Numbers parses certificate numbers (precautions 2 and 4, and the
	// counting key of precaution 7).
	Numbers certificate.Registry
	// Validity is precaution 2's date half; its dates are judged against the
	// verifier's clock ([WithClock]).
	Validity precaution.ValidityOptions
	// Match compares the typed name with the document (precaution 4).
	Match precaution.MatchOptions
	// Evidence judges the two files (precautions 3, 5 and 6).
	Evidence evidence.Options
	// AccountLimit is how many accounts one certificate may authenticate
	// (precaution 7); 0 turns the check off. It needs a binding store
	// ([WithBinder]); without one the check is skipped.
	AccountLimit int
	// WorkingDays is the review deadline in working days after submission.
	WorkingDays int
	// AutoApprove approves an application with no violation at once. Off
	// by default: a person still looks at the handheld photo (face, arms,
	// no headwear), which no rule can judge, so an accepted application
	// waits for review like one flagged for review. Only a machine-read
	// match is approved automatically: a zone read from the certificate
	// image ([WithZoneReader]) or an [Application.Document] whose Source is
	// precaution.SourceOCR or SourceZone; a Document of unknown source or
	// read by a person, and an application nothing read, wait for review.
	AutoApprove bool
	// Skip names built-in checks to leave out.
	Skip []string
	// Extra checks run after the built-in typed-value checks.
	Extra []Check
}

// DefaultPolicy returns the precautions with the defaults:
//
//	precaution                                   check                              default
//	1 issuing region = account region            certificate.region                 precaution.DefaultRegionPolicy
//	2 valid number, not expired / yet-to-start   certificate.number, .validity      period must fit age
//	2 machine-readable zone (when read)          certificate.mrz                    check digits, agrees with document
//	2 what the document states twice agrees       certificate.consistent             number vs birth date and sex
//	3 certificate photo clearly visible          evidence.certificate               pixel checks on (review)
//	4 typed name and number match                claim.name_match, .number_match    normalized comparison
//	5 handheld photo, original                   evidence.handheld                  image only, originality signals
//	5 handheld photo is not the certificate      evidence.distinct                  same bytes reject, same pixels review
//	6 JPG/JPEG/BMP/PNG/PDF, at most 10 MiB        evidence.*                         10,485,760 bytes
//	7 one certificate, at most 3 accounts        binding.limit                      3
//	8 no partner-program accounts                account.eligible                   refused
//
// plus all seven kinds allowed, names of at most 64 characters, and a review
// due 3 working days after submission. The registry is
// [schemes.Default]. Each call returns a new value.
func DefaultPolicy() Policy {
	return Policy{
		Numbers:      schemes.Default(),
		Evidence:     evidence.Options{PixelChecks: true},
		AccountLimit: binding.DefaultAccountLimit,
		WorkingDays:  defaultWorkingDays,
	}
}

// skips reports whether the check name is left out.
func (p *Policy) skips(name string) bool { return slices.Contains(p.Skip, name) }
