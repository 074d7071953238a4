// Package rules holds the Rule abstraction, violations and verdicts, the
// combinators that build policies in plain Go, localized messages, and the
// built-in rules of individual real-name authentication (issuing region,
// validity, name and number match, account eligibility, evidence files and the
// per-certificate account limit).
//
// # Rules
//
// A [Rule] judges one value and returns [Violation] values; [Func] adapts a
// plain function. Every violation has a stable code, a field path, masked
// parameters, a [Severity] and a retryable flag; [Violate] builds one. A
// [Result] turns violations into a [Verdict]; [Result.Err] gives the one
// error type, [*ViolationError], whose codes errors.Is matches through [Code]
// sentinels such as [CodeExpired]. [Evaluate] runs a rule into a [Result].
//
// # Combinators
//
// [All] collects every violation, [FailFast] stops at the first rejection,
// [AnyOf] passes when one alternative passes, [When] with [WhenRule.Else]
// chooses by a condition, and [Field] applies a rule to a field, prefixing
// its path to every violation. Combinators copy their inputs; rules are
// immutable values, safe for concurrent use. A cancelled context stops them
// with an [*InfraError] wrapping ctx.Err(), never a rejection.
//
// # Precautions on typed values
//
// An [Application] holds the [Account], what the applicant typed (a
// [Claim]) and what was read from the certificate (a [Document]). The
// built-in rules judge it:
//
//   - [AccountEligible]: no partner-program account, no second
//     authentication;
//   - [KindAllowed]: the kinds allowed per account region ([KindPolicy]);
//   - [NameWellFormed]: the typed name is not empty, not too long, and holds
//     no control, bidirectional or invisible characters; look-alike scripts
//     ask for review;
//   - [IssuingRegion]: the issuing region equals the account's registration
//     region, per kind ([DefaultRegionPolicy]); specimens and documents of
//     organisations or stateless persons are refused;
//   - [ValidNumber] and [CertificateValid]: a well-formed number, and a
//     certificate valid on the verification date, compared as calendar dates
//     in [DefaultTimeZone] unless configured;
//   - [NameMatches] and [NumberMatches]: the typed name and number match the
//     document, names through package certificate/name and numbers by
//     canonical form.
//
// [Precautions] composes them all. Time comes from an injected clock
// (options named Now); only a nil clock falls back to time.Now. A driving
// licence issued in the Chinese mainland is refused by both the region rule
// and the licence scheme; [Precautions] reports it once.
//
// [DVLAMatches] is optional: it checks that a UK driver number encodes the
// surname, initials, birth date and sex on the document. Compose it with
// [Precautions] through [All].
//
// # Messages
//
// [NewLocalizer] builds a golang.org/x/text/message catalog of every code in
// English, Simplified Chinese and Traditional Chinese ([Messages] lists
// them); [Localizer.Message] renders a violation, naming regions through
// golang.org/x/text/language/display. [MatchLanguage] picks the language
// from an Accept-Language value.
//
// # Form structs
//
// [RegisterValidations] adds tags such as cn_resident_id and
// certificate_number to a go-playground/validator instance, and
// [FromValidationErrors] turns its errors into violations with the same
// codes and messages.
//
// # Errors
//
// Three categories stay apart: violations (the input broke a rule),
// [*ConfigError] (the policy is wrong, reported at construction) and
// [*InfraError] (evaluation failed; never a rejection).
package rules
