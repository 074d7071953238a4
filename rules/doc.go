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
// parameters, a [Severity] and a retryable flag. A [Result] turns violations
// into a [Verdict]; [Result.Err] gives the one error type, [*ViolationError],
// whose codes errors.Is matches through [Code] sentinels.
//
// # Errors
//
// Three categories stay apart: violations (the input broke a rule),
// [*ConfigError] (the policy is wrong, reported at construction) and
// [*InfraError] (evaluation failed; never a rejection).
package rules
