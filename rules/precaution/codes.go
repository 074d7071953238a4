package precaution

import "github.com/realname-go/realname/rules"

// Codes of the typed-value precautions. Each is a [rules.Code], so it is also an
// error sentinel: errors.Is(err, precaution.CodeExpired).
const (
	// CodeRegionMismatch: the issuing region is not the account's
	// registration region (reject). Params: issuing_region, account_region.
	CodeRegionMismatch rules.Code = "certificate.region_mismatch"
	// CodeRegionUnknown: the issuing region cannot be told from the document
	// (reject). Params: kind.
	CodeRegionUnknown rules.Code = "certificate.region_unknown"
	// CodeRegionRefused: the policy refuses documents of this kind from
	// this region (reject). Params: kind, issuing_region. A driving licence
	// issued in the Chinese mainland is refused with the licence scheme's
	// own code, driverlicense.issued_in_mainland, instead.
	CodeRegionRefused rules.Code = "certificate.region_refused"
	// CodeSpecimen: the issuing state is UTO, ICAO's specimen state (reject).
	CodeSpecimen rules.Code = "certificate.specimen"
	// CodeIssuerNotState: the document was issued by an organisation or to a
	// stateless person or refugee; it names no country (reject). Params:
	// issuer.
	CodeIssuerNotState rules.Code = "certificate.issuer_not_state"
	// CodeAccountRegionUnknown: the account has no registration region
	// (reject).
	CodeAccountRegionUnknown rules.Code = "account.region_unknown"

	// CodeExpired: the certificate expired before the verification date
	// (reject). Params: expires.
	CodeExpired rules.Code = "certificate.expired"
	// CodeNotYetValid: the certificate's validity starts after the
	// verification date (reject). Params: issued.
	CodeNotYetValid rules.Code = "certificate.not_yet_valid"
	// CodeValidityMissing: neither an expiry date nor long-term validity was
	// read (reject).
	CodeValidityMissing rules.Code = "certificate.validity_missing"
	// CodeValidityInvalid: a validity date is not a calendar date or the
	// expiry is not after the issue date (reject).
	CodeValidityInvalid rules.Code = "certificate.validity_invalid"
	// CodePeriodMismatch: the validity period fits no rule for the document
	// and the holder's age (reject). Params: actual, allowed. Same code as
	// [certificate.CodePeriodMismatch].
	CodePeriodMismatch rules.Code = "certificate.validity_period_mismatch"
	// CodeExpiresSoon: less validity remains than the policy requires
	// (reject). Params: days, min_days.
	CodeExpiresSoon rules.Code = "certificate.expires_soon"

	// CodeKindMismatch: the kind picked differs from the document's (reject).
	// Params: kind, document_kind.
	CodeKindMismatch rules.Code = "claim.kind_mismatch"
	// CodeKindInvalid: no valid certificate kind was picked (reject).
	CodeKindInvalid rules.Code = "claim.kind_invalid"
	// CodeKindNotAllowed: the kind is not accepted for the account's region
	// (reject). Params: kind, account_region.
	CodeKindNotAllowed rules.Code = "claim.kind_not_allowed"
	// CodeNameMismatch: the typed name differs from the document's (reject).
	CodeNameMismatch rules.Code = "claim.name_mismatch"
	// CodeNumberMismatch: the typed number differs from the document's
	// (reject). Params: number (the typed number, masked).
	CodeNumberMismatch rules.Code = "claim.number_mismatch"
	// CodeNameUnverified: the document's name was not read, so the typed
	// name cannot be compared; a person checks it (review).
	CodeNameUnverified rules.Code = "claim.name_unverified"
	// CodeNumberUnverified: the document's number was not read, so the typed
	// number cannot be compared; a person checks it (review).
	CodeNumberUnverified rules.Code = "claim.number_unverified"
	// CodeNumberInvalid: the number is not valid for the kind and region, for
	// a reason not told apart (reject). Params: number (masked). Scheme
	// errors use their own codes (number.invalid_checksum, …) with the
	// parameters number (masked) and kind.
	CodeNumberInvalid rules.Code = "claim.number_invalid"
	// CodeNumberUnsupported: no scheme knows numbers of this kind and region;
	// a person checks it (review). Params: kind, region.
	CodeNumberUnsupported rules.Code = "claim.number_unsupported"

	// CodeNameEmpty: the name is empty (reject).
	CodeNameEmpty rules.Code = "name.empty"
	// CodeNameTooLong: the name is longer than the limit (reject). Params:
	// limit.
	CodeNameTooLong rules.Code = "name.too_long"
	// CodeNameInvalidUTF8: the name is not valid UTF-8 (reject).
	CodeNameInvalidUTF8 rules.Code = "name.invalid_utf8"
	// CodeNameControl: the name holds a control character (reject).
	CodeNameControl rules.Code = "name.control_character"
	// CodeNameBidi: the name holds a bidirectional formatting character
	// (reject).
	CodeNameBidi rules.Code = "name.bidi_control"
	// CodeNameInvisible: the name holds a zero-width or other invisible
	// formatting character (reject).
	CodeNameInvisible rules.Code = "name.invisible_character"
	// CodeNameDisallowed: the name holds a character that is not graphic:
	// unassigned, private use, a non-character, a line or paragraph
	// separator (reject).
	CodeNameDisallowed rules.Code = "name.disallowed_character"
	// CodeNameMixedScript: the name mixes scripts in a way that suggests
	// look-alike characters (review). Params: scripts.
	CodeNameMixedScript rules.Code = "name.mixed_script"

	// CodePartnerProgram: partner-program accounts cannot authenticate as
	// individuals (reject).
	CodePartnerProgram rules.Code = "account.partner_program"
	// CodeAlreadyAuthenticated: the account is already authenticated
	// (reject).
	CodeAlreadyAuthenticated rules.Code = "account.already_authenticated"
	// CodeApplicationPending: an application of the account is still pending
	// (reject; only with [AccountOptions.RefusePending]).
	CodeApplicationPending rules.Code = "account.application_pending"
)
