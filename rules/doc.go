// Package rules is the core of judging in this module: the [Rule]
// abstraction, violations and verdicts, the combinators that build a policy
// in plain Go, and localized messages. It knows nothing of certificates; the
// checks of real-name authentication live in its subpackages.
//
// # Rules and violations
//
// A [Rule] judges one value of its type and returns the [Violation] values it
// found; [Func] adapts a plain function. A violation has a stable [Code], a
// field path, parameters (personal values masked by the rule), a [Severity]
// ([Reject] or [Review]) and a retryable flag; [Violate] builds one,
// [Violation.At] and [Violation.Under] place it. Rules are immutable values,
// safe for concurrent use.
//
// # Results and errors
//
// [Evaluate] runs a rule into a [Result], whose [Result.Verdict] is
// [Accept], [NeedsReview] or [Rejected]. [Result.Err] gives the one error type
// of violations, [*ViolationError]: find it with errors.As and match a code
// with errors.Is and a [Code]. Three kinds of failure stay apart:
//
//   - violations: the input broke a rule;
//   - [*ConfigError]: the policy is wrong, reported when it is built;
//   - [*InfraError]: evaluation itself failed (a store down, a context
//     cancelled, see [Cancelled]); never a rejection.
//
// [Severity] and [Verdict] marshal to and from text ("reject", "review",
// "accept").
//
// # Combinators
//
// [All] collects every violation, [FailFast] stops at the first rejection,
// [AnyOf] passes when one alternative passes, [When] with [WhenRule.Else]
// chooses by a condition, and [Field] applies a rule to a field and prefixes
// its path. Combinators copy their input. They fail closed: a nil rule, a
// [Field] without a getter or a [When] without a condition is a
// [*ConfigError], which [CheckConfig] finds when the policy is built and
// Check returns if it is run anyway; it never passes.
//
// # Messages
//
// A [Message] holds the text of one code in several languages, English
// required; [Translated] builds one in English, Simplified Chinese and
// Traditional Chinese. [NewLocalizer] compiles messages into a
// golang.org/x/text/message catalog, a later message of a code replacing an
// earlier one. [Localizer.Match] picks its language from an Accept-Language
// value (RFC 9110 §12.5.4) and [Localizer.Message] renders a violation,
// naming regions through golang.org/x/text/language/display.
//
// # Subpackages
//
//   - rules/precaution: the built-in checks of individual real-name
//     authentication on typed values (account, kind, name, issuing region,
//     number, validity, machine-readable zone, consistency, name and number
//     match), composed by precaution.New, and their messages;
//   - rules/evidence: the checks of the uploaded files;
//   - rules/tags: go-playground/validator tags for form structs, with the
//     same codes and messages.
//
// This package imports none of them, nor the validator, so a service that
// only composes its own rules links nothing more.
package rules
